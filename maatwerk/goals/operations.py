"""Operations on goals and actions; they flush, never commit.

A professional proposes, the family accepts: goals and actions that professionals add
start as proposals; what the family writes itself starts accepted (goals) or agreed
(actions).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from typing import Any

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Intervention
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Carrier, Domain, ProposedBy
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.goals.models import Action, Goal
from maatwerk.plans.access import plan_roles, require_open_plan
from maatwerk.plans.models import Plan
from maatwerk.plans.revisions import touch_plan

MAX_TITLE = 300
MAX_TEXT = 5000


def _author(plan: Plan, actor: Any) -> ProposedBy:
    require_open_plan(plan, actor)
    roles = plan_roles(plan, actor)
    if "family" in roles:
        return ProposedBy.FAMILY
    if "team" in roles:
        return ProposedBy.PROFESSIONAL
    raise Forbidden("Only the family and the team add to this plan.")


def _text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"{field} is required.", fields={field: ["Required."]})
    if len(value) > limit:
        raise ValidationFailed(
            f"{field} is too long.", fields={field: [f"At most {limit} characters."]}
        )
    return value


def add_goal(
    plan: Plan,
    *,
    domain: Domain | str,
    title: str,
    actor: Any,
    why_it_matters: str = "",
    strengths: str = "",
    target_date: dt.date | None = None,
) -> Goal:
    """Add a goal in the family's words; a professional's goal is a proposal."""
    from maatwerk.workflow import ENGINE

    author = _author(plan, actor)
    try:
        domain = Domain(domain)
    except ValueError:
        raise ValidationFailed("Unknown domain.", fields={"domain": ["Unknown domain."]}) from None
    definition = ENGINE.definition(Goal.WORKFLOW)
    goal = Goal(
        plan=plan,
        domain=domain,
        title=_text(title, "title", MAX_TITLE, required=True),
        why_it_matters=_text(why_it_matters, "whyItMatters", MAX_TEXT),
        strengths=_text(strengths, "strengths", MAX_TEXT),
        target_date=target_date,
        proposed_by=author,
        proposed_by_user_id=actor.id,
        # The family's own goal needs no acceptance.
        status="accepted" if author is ProposedBy.FAMILY else definition.initial,
    )
    db.session.add(goal)
    db.session.flush()
    touch_plan(plan, actor, "goal:add")
    db.session.flush()
    return goal


def add_action(
    plan: Plan,
    *,
    description: str,
    carrier: Carrier | str,
    actor: Any,
    goals: Sequence[Goal] = (),
    lead_organisation: Organisation | None = None,
    participating: Sequence[Organisation] = (),
    assigned_user: User | None = None,
    intervention: Intervention | None = None,
    due_date: dt.date | None = None,
    cost: decimal.Decimal | None = None,
) -> Action:
    """Add an action; a professional's action is a proposal the family agrees to."""
    from maatwerk.workflow import ENGINE

    author = _author(plan, actor)
    try:
        carrier = Carrier(carrier)
    except ValueError:
        raise ValidationFailed(
            "Unknown carrier.", fields={"carrier": ["Unknown carrier."]}
        ) from None
    errors: dict[str, list[str]] = {}
    if any(g.plan_id != plan.id for g in goals):
        errors["goalIds"] = ["A goal of another plan."]
    if carrier is Carrier.PROFESSIONAL and lead_organisation is None:
        errors["leadOrganisationId"] = ["An action carried by a professional needs a lead."]
    if cost is not None and cost < 0:
        errors["cost"] = ["Cannot be negative."]
    if assigned_user is not None and "team" not in plan_roles(plan, assigned_user):
        errors["assignedUserId"] = ["Not on this plan's team."]
    if intervention is not None and intervention.retired:
        errors["interventionId"] = ["Retired: no longer offered."]
    if errors:
        raise ValidationFailed("The action cannot be added.", fields=errors)
    action = Action(
        plan=plan,
        description=_text(description, "description", MAX_TEXT, required=True),
        carrier=carrier,
        lead_organisation=lead_organisation,
        participating_organisations=[
            o for o in dict.fromkeys(participating) if o != lead_organisation
        ],
        assigned_user=assigned_user,
        intervention=intervention,
        due_date=due_date,
        cost=cost,
        proposed_by=author,
        status="agreed"
        if author is ProposedBy.FAMILY
        else ENGINE.definition(Action.WORKFLOW).initial,
    )
    action.goals = list(goals)
    db.session.add(action)
    db.session.flush()
    touch_plan(plan, actor, "action:add")
    db.session.flush()
    return action


def update_goal(goal: Goal, changes: dict[str, Any], *, actor: Any) -> Goal:
    """Edit a goal's words: the family edits its open goals, a professional only its own
    proposals that the family has not answered yet (the family's words are the family's)."""
    require_open_plan(goal.plan, actor)
    roles = plan_roles(goal.plan, actor)
    if "family" in roles:
        allowed = goal.status in ("proposed", "accepted")
    else:
        allowed = (
            "team" in roles
            and goal.status == "proposed"
            and goal.proposed_by is ProposedBy.PROFESSIONAL
        )
    if not allowed:
        raise Forbidden("Only the family changes the words of its goals.")
    if "title" in changes:
        goal.title = _text(changes["title"], "title", MAX_TITLE, required=True)
    for key, field in (("why_it_matters", "whyItMatters"), ("strengths", "strengths")):
        if key in changes:
            setattr(goal, key, _text(changes[key], field, MAX_TEXT))
    if "target_date" in changes:
        goal.target_date = changes["target_date"]
    if "domain" in changes:
        goal.domain = Domain(changes["domain"])
    if not db.session.is_modified(goal):
        return goal  # nothing changed: no new version, no empty entry in the history
    db.session.flush()
    touch_plan(goal.plan, actor, "goal:update")
    db.session.flush()
    return goal


# What the family agreed to when it agreed to an action (DESIGN §3: a professional proposes,
# the family accepts): the words, who carries it, which organisations and which goals.
# Running details stay the team's: who does it, the intervention, the due date, the cost.
AGREED_TERMS = {
    "description": "description",
    "carrier": "carrier",
    "lead_organisation": "leadOrganisationId",
    "participating": "participatingOrganisationIds",
    "goals": "goalIds",
}
AGREED_STATES = ("agreed", "in_progress", "blocked")


def _terms(
    description: str,
    carrier: Carrier,
    lead: Organisation | None,
    participating: Sequence[Organisation],
    goals: Sequence[Goal],
) -> dict[str, Any]:
    return {
        "description": description,
        "carrier": carrier,
        "lead_organisation": lead.id if lead is not None else None,
        "participating": frozenset(o.id for o in participating if o != lead),
        "goals": frozenset(g.id for g in goals),
    }


def update_action(action: Action, changes: dict[str, Any], *, actor: Any) -> Action:
    """Edit an open action (team; the family edits the actions it added itself).

    Once the family agreed to an action, a professional no longer changes what it agreed
    to (AGREED_TERMS): that is refused (Conflict), the team proposes a new action instead.
    Any change, also of its goals or organisations only, gives the action a new version,
    so an edit based on the old one is refused as stale.
    """
    plan = action.plan
    require_open_plan(plan, actor)
    roles = plan_roles(plan, actor)
    family_own = "family" in roles and action.proposed_by is ProposedBy.FAMILY
    if "team" not in roles and not family_own:
        raise Forbidden("Only the team changes this action.")
    if action.status not in ("proposed", "agreed", "in_progress", "blocked"):
        raise Forbidden("A finished or cancelled action can no longer be changed.")
    errors: dict[str, list[str]] = {}
    if "goals" in changes and any(g.plan_id != plan.id for g in changes["goals"]):
        errors["goalIds"] = ["A goal of another plan."]
    assigned = changes.get("assigned_user")
    if assigned is not None and "team" not in plan_roles(plan, assigned):
        errors["assignedUserId"] = ["Not on this plan's team."]
    carrier = Carrier(changes.get("carrier", action.carrier))
    lead = changes.get("lead_organisation", action.lead_organisation)
    if carrier is Carrier.PROFESSIONAL and lead is None:
        errors["leadOrganisationId"] = ["An action carried by a professional needs a lead."]
    chosen = changes.get("intervention")
    if chosen is not None and chosen.retired and chosen != action.intervention:
        errors["interventionId"] = ["Retired: no longer offered."]  # an action that has it keeps it
    if errors:
        raise ValidationFailed("The action cannot be changed.", fields=errors)
    description = (
        _text(changes["description"], "description", MAX_TEXT, required=True)
        if "description" in changes
        else action.description
    )
    if description.replace("\r\n", "\n") == action.description.replace("\r\n", "\n"):
        description = action.description  # only the line breaks as a browser sends them
    before = _terms(
        action.description,
        action.carrier,
        action.lead_organisation,
        action.participating_organisations,
        action.goals,
    )
    after = _terms(
        description,
        carrier,
        lead,
        changes.get("participating", action.participating_organisations),
        changes.get("goals", action.goals),
    )
    changed = [key for key in AGREED_TERMS if before[key] != after[key]]
    if changed and action.status in AGREED_STATES and "family" not in roles:
        raise Conflict(
            "The family agreed to this action: what it is, who carries it, with whom and for "
            "which goals stay as agreed. Propose a new action for the family to agree to, "
            "and cancel this one if it no longer fits.",
            fields={AGREED_TERMS[key]: ["Agreed by the family."] for key in changed},
        )
    action.description = description
    action.carrier = carrier
    action.lead_organisation = lead
    for key in ("assigned_user", "intervention", "due_date", "cost"):
        if key in changes:
            setattr(action, key, changes[key])
    if "goals" in changes:
        action.goals = list(changes["goals"])
    if "participating" in changes:
        action.participating_organisations = [
            o for o in dict.fromkeys(changes["participating"]) if o != action.lead_organisation
        ]
    lists_changed = (
        before["goals"] != after["goals"] or before["participating"] != after["participating"]
    )
    if lists_changed:
        # Links live in their own tables: without a change of the action's row its version
        # (ETag, the edit form's version) would stay, and a stale edit would undo them.
        action.updated_at = utcnow()
    if not db.session.is_modified(action):
        return action  # nothing changed: no new version, no empty entry in the history
    db.session.flush()
    touch_plan(plan, actor, "action:update")
    db.session.flush()
    return action
