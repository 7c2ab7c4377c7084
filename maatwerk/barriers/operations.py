"""Operations on barriers; they flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from maatwerk.accounts.models import Organisation
from maatwerk.barriers.models import Barrier
from maatwerk.core.db import db
from maatwerk.core.enums import BarrierCategory
from maatwerk.core.errors import Forbidden, ValidationFailed
from maatwerk.goals.models import Action
from maatwerk.plans.access import plan_roles
from maatwerk.plans.models import Plan
from maatwerk.plans.revisions import touch_plan


def report_barrier(
    plan: Plan,
    *,
    category: BarrierCategory | str,
    description: str,
    actor: Any,
    rule_concerned: str = "",
    proposed_solution: str = "",
    action: Action | None = None,
    escalate_to: Sequence[Organisation] = (),
) -> Barrier:
    """Register a barrier that blocks maatwerk for this plan (team only)."""
    from maatwerk.workflow import ENGINE

    if "team" not in plan_roles(plan, actor):
        raise Forbidden("Only the team reports barriers.")
    try:
        category = BarrierCategory(category)
    except ValueError:
        raise ValidationFailed("Unknown category.", fields={"category": ["Unknown."]}) from None
    description = (description or "").strip()
    if not description:
        raise ValidationFailed("Describe what blocks.", fields={"description": ["Required."]})
    if action is not None and action.plan_id != plan.id:
        raise ValidationFailed("An action of another plan.", fields={"actionId": ["Not in plan."]})
    barrier = Barrier(
        plan=plan,
        action=action,
        category=category,
        description=description,
        rule_concerned=(rule_concerned or "").strip(),
        proposed_solution=(proposed_solution or "").strip(),
        status=ENGINE.definition(Barrier.WORKFLOW).initial,
        reported_by_user_id=actor.id,
        escalated_to=list(dict.fromkeys(escalate_to)),
    )
    db.session.add(barrier)
    db.session.flush()
    touch_plan(plan, actor, "barrier:report")
    db.session.flush()
    return barrier
