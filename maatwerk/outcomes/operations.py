"""Operations on outcome scores; they flush, never commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from maatwerk.core.db import db
from maatwerk.core.enums import Domain, Moment, ScoredBy
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.plans.access import plan_roles, require_open_plan
from maatwerk.plans.models import Plan
from maatwerk.plans.revisions import StaleVersion, touch_plan


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
    require_open_plan(plan, actor)
    scored_by = ScoredBy(scored_by)
    _require_side(plan, scored_by, actor)
    _require_value(score)
    domain, moment = Domain(domain), Moment(moment)
    _require_moment_open(plan, moment)
    if scored_on is not None and scored_on > dt.date.today():
        raise ValidationFailed(
            "A score cannot be dated in the future.", fields={"scoredOn": ["In the future."]}
        )
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


def _require_side(plan: Plan, scored_by: ScoredBy, actor: Any) -> None:
    """The family gives (and corrects) its own score, a team member the professional one."""
    roles = plan_roles(plan, actor)
    if scored_by is ScoredBy.FAMILY and "family" not in roles:
        raise Forbidden("Only the family gives the family's own score.")
    if scored_by is ScoredBy.PROFESSIONAL and "team" not in roles:
        raise Forbidden("Only a team member gives the professional score.")


def _require_value(score: Any) -> None:
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ValidationFailed("A score is 1 to 5.", fields={"score": ["Between 1 and 5."]})


def _require_moment_open(plan: Plan, moment: Moment) -> None:
    if moment is Moment.EVALUATION and plan.status != "evaluating":
        raise Conflict(
            "Evaluation scores are given while the plan is being evaluated.",
            fields={"moment": ["Only while the plan is being evaluated."]},
        )


def _moment_open(plan: Plan, moment: Moment) -> bool:
    """Whether scores of this moment may be corrected now: an evaluation score while the
    plan is being evaluated, an intake score until the evaluation starts (from then on the
    intake is the baseline the evaluation is measured against)."""
    return (plan.status == "evaluating") is (moment is Moment.EVALUATION)


def may_correct(entry: OutcomeScore) -> bool:
    """Whether the score can still be corrected (the side is checked on the actor): the
    plan is open, the score is of its current cycle and its moment is open."""
    plan = entry.plan
    return plan.closed_at is None and entry.cycle == plan.cycle and _moment_open(plan, entry.moment)


def correct_score(entry: OutcomeScore, *, score: int, actor: Any, expected: int) -> OutcomeScore:
    """Correct a score given by mistake (a tap on the wrong face): the same side that gives
    it, in the plan's current cycle, while its moment is open (_moment_open). `expected` is
    the score the corrector saw: the change is one conditional UPDATE on it, so a correction
    made meanwhile by someone else is never overwritten (StaleVersion), and the plan must
    still be at the version it was read at (its status cannot have moved on meanwhile).
    The score keeps the day it was given and who gave it (monitoring counts it in that
    period); the plan's history and the audit trail record the correction and who made it."""
    plan = entry.plan
    require_open_plan(plan, actor)
    _require_side(plan, entry.scored_by, actor)
    _require_value(score)
    if entry.cycle != plan.cycle:
        raise Conflict(
            "Only a score of the plan's current cycle can be corrected.",
            fields={"score": ["Given in an earlier cycle."]},
        )
    if not _moment_open(plan, entry.moment):
        raise Conflict(
            "This score's moment has passed: it can no longer be corrected.",
            fields={"score": ["Its moment has passed."]},
        )
    if score == entry.score:
        return entry  # already what was meant (a second click, or the same correction)
    if entry.score != expected:
        raise StaleVersion()
    changed = db.session.execute(
        update(OutcomeScore)
        .where(OutcomeScore.id == entry.id, OutcomeScore.score == expected)
        .values(score=score)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise StaleVersion()
    set_committed_value(entry, "score", score)
    touch_plan(plan, actor, "score:correct", expected_version=plan.version)
    db.session.flush()
    return entry


DIVERGENCE = 2  # family and professional scores this far apart are shown as divergent


@dataclass(frozen=True)
class DomainScores:
    """Latest family and professional score of one domain in the current cycle."""

    domain: Domain
    family: int | None
    professional: int | None
    scores: list[OutcomeScore]

    @property
    def divergent(self) -> bool:
        """True when the family and the professional see the domain very differently."""
        if self.family is None or self.professional is None:
            return False
        return abs(self.family - self.professional) >= DIVERGENCE


def scores_side_by_side(plan: Plan) -> list[DomainScores]:
    """Per domain, the family's and the professional's latest score of this cycle."""
    result = []
    for domain in Domain:
        scores = sorted(
            (s for s in plan.scores if s.domain is domain and s.cycle == plan.cycle),
            key=lambda s: (s.scored_on, s.moment is Moment.EVALUATION, s.id),
        )
        latest = {s.scored_by: s.score for s in scores}
        result.append(
            DomainScores(
                domain, latest.get(ScoredBy.FAMILY), latest.get(ScoredBy.PROFESSIONAL), scores
            )
        )
    return result
