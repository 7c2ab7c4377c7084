"""Operations on barriers; they flush, never commit."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

from maatwerk.accounts.models import Organisation
from maatwerk.barriers.models import Barrier
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import BarrierCategory, Role
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.goals.models import Action
from maatwerk.plans.access import plan_roles, require_open_plan
from maatwerk.plans.models import Plan
from maatwerk.plans.revisions import touch_plan

EDITABLE = ("category", "description", "rule_concerned", "proposed_solution")


def _category(value: BarrierCategory | str) -> BarrierCategory:
    try:
        return BarrierCategory(value)
    except ValueError:
        raise ValidationFailed("Unknown category.", fields={"category": ["Unknown."]}) from None


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
    block_action: bool = False,
    escalate_now: bool = False,
) -> Barrier:
    """Register a barrier that blocks maatwerk for this plan (team only).

    block_action: a running action it is on becomes blocked (action workflow);
    escalate_now: it goes to the managers of escalate_to straight away.
    """
    from maatwerk.workflow import ENGINE, fire_transition

    require_open_plan(plan, actor)
    if "team" not in plan_roles(plan, actor):
        raise Forbidden("Only the team reports barriers.")
    category = _category(category)
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
    if block_action and action is not None and action.status == "in_progress":
        fire_transition(action, "block", actor=actor)
    if escalate_now:
        escalate_barrier(barrier, actor=actor)
    return barrier


def update_barrier(barrier: Barrier, changes: dict[str, Any], *, actor: Any) -> None:
    """Change what a reported barrier says, or to whom it would go (team, before escalation)."""
    require_open_plan(barrier.plan, actor)
    if "team" not in plan_roles(barrier.plan, actor):
        raise Forbidden("Only the team changes this barrier.")
    if barrier.status != "reported":
        raise Conflict("An escalated or resolved barrier can no longer be changed.")
    if "category" in changes:
        barrier.category = _category(changes["category"])
    if "description" in changes:
        description = (changes["description"] or "").strip()
        if not description:
            raise ValidationFailed("Describe what blocks.", fields={"description": ["Required."]})
        barrier.description = description
    for key in ("rule_concerned", "proposed_solution"):
        if key in changes:
            setattr(barrier, key, (changes[key] or "").strip())
    if "escalate_to" in changes:
        barrier.escalated_to = list(dict.fromkeys(changes["escalate_to"]))
    barrier.updated_at = utcnow()
    db.session.flush()
    touch_plan(barrier.plan, actor, "barrier:update")
    db.session.flush()


# --- the workflow (notifications follow it: see notices.py) -------------------------------


def escalate_barrier(
    barrier: Barrier,
    *,
    actor: Any,
    organisations: Sequence[Organisation] | None = None,
    reason: str | None = None,
) -> None:
    """Take the barrier to the managers of the named organisations (team)."""
    from maatwerk.workflow import fire_transition

    if organisations is not None:
        if "team" not in plan_roles(barrier.plan, actor):
            raise Forbidden("Only the team escalates barriers.")
        barrier.escalated_to = list(dict.fromkeys(organisations))
    fire_transition(barrier, "escalate", actor=actor, reason=reason)


def decide_barrier(
    barrier: Barrier, *, actor: Any, decision: str, amount: decimal.Decimal | None = None
) -> None:
    """A manager's decision, optionally with a grant from their flexible budget.

    The grant is a ledger entry and its effect a version of the plan ("barrier:grant").
    """
    from maatwerk.barriers.budget import grant_from_budget
    from maatwerk.workflow import fire_transition

    fire_transition(barrier, "decide", actor=actor, reason=decision)
    if amount is not None and amount > 0:
        grant_from_budget(barrier, amount, actor=actor)
        barrier.updated_at = utcnow()
        touch_plan(barrier.plan, actor, "barrier:grant")
        db.session.flush()


def fire_barrier_trigger(
    barrier: Barrier,
    trigger: str,
    *,
    actor: Any,
    reason: str | None = None,
    organisations: Sequence[Organisation] | None = None,
    amount: decimal.Decimal | None = None,
) -> None:
    """Fire any barrier trigger, with what belongs to it (escalation targets, a grant)."""
    from maatwerk.workflow import fire_transition

    if organisations is not None and trigger != "escalate":
        raise ValidationFailed(
            "Organisations are named when escalating.", fields={"organisationIds": ["Unexpected."]}
        )
    if amount is not None and trigger != "decide":
        raise ValidationFailed(
            "Money is granted with a decision.", fields={"amountGranted": ["Unexpected."]}
        )
    if trigger == "escalate":
        escalate_barrier(barrier, actor=actor, organisations=organisations, reason=reason)
    elif trigger == "decide":
        decide_barrier(barrier, actor=actor, decision=reason or "", amount=amount)
    else:
        fire_transition(barrier, trigger, actor=actor, reason=reason)


def link_operational_goals(
    barrier: Barrier, goals: Sequence[OperationalGoal], *, actor: Any
) -> None:
    """The operational goals a structural barrier stands in the way of (programme)."""
    if getattr(actor, "role", None) is not Role.PROGRAMME:
        raise Forbidden("Only the programme links operational goals.")
    if not barrier.structural:
        raise Conflict("Only structural barriers are linked to operational goals.")
    if any(g.retired and g not in barrier.operational_goals for g in goals):
        raise ValidationFailed(
            "A retired operational goal is not linked anew.",
            fields={"operationalGoalIds": ["Retired: no longer offered."]},
        )
    barrier.operational_goals = list(dict.fromkeys(goals))
    barrier.updated_at = utcnow()  # the barrier's version (ETag) follows its links
    db.session.flush()
