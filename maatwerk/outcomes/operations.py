"""Operations on outcome scores; they flush, never commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from maatwerk.core.db import db
from maatwerk.core.enums import Domain, Moment, ScoredBy
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.plans.access import plan_roles
from maatwerk.plans.models import Plan


def record_score(
    plan: Plan,
    *,
    domain: Domain | str,
    score: int,
    scored_by: ScoredBy | str,
    moment: Moment | str,
    actor: Any,
    scored_on: dt.date | None = None,
) -> OutcomeScore:
    """Record a 1-5 self-reliance score: the family scores itself, a professional separately."""
    scored_by = ScoredBy(scored_by)
    roles = plan_roles(plan, actor)
    if scored_by is ScoredBy.FAMILY and "family" not in roles:
        raise Forbidden("Only the family gives the family's own score.")
    if scored_by is ScoredBy.PROFESSIONAL and "team" not in roles:
        raise Forbidden("Only a team member gives the professional score.")
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ValidationFailed("A score is 1 to 5.", fields={"score": ["Between 1 and 5."]})
    domain, moment = Domain(domain), Moment(moment)
    for existing in plan.scores:
        key = (existing.cycle, existing.domain, existing.scored_by, existing.moment)
        if key == (plan.cycle, domain, scored_by, moment):
            raise Conflict("This score was already recorded for this moment.")
    entry = OutcomeScore(
        plan=plan,
        cycle=plan.cycle,
        domain=domain,
        score=score,
        scored_by=scored_by,
        scored_by_user_id=actor.id,
        moment=moment,
        scored_on=scored_on or dt.date.today(),
    )
    db.session.add(entry)
    db.session.flush()
    return entry
