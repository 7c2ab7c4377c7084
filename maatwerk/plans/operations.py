"""Operations on plans, their team and conversation; they flush, never commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from maatwerk.accounts.models import User
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import PlanRole, Role
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.goals.models import Goal
from maatwerk.households.models import Household
from maatwerk.plans.access import (
    active_membership,
    coordinator_can_coordinate,
    is_family_of,
    organisation_has_consent,
    plan_roles,
    require_open_plan,
)
from maatwerk.plans.models import Comment, Plan, TeamMembership
from maatwerk.plans.revisions import lock_plan_version, touch_plan

MAX_COMMENT_LENGTH = 5000


def _require_coordinator(plan: Plan, actor: Any) -> None:
    require_open_plan(plan, actor)
    if "coordinator" not in plan_roles(plan, actor):
        raise Forbidden("Only the coordinator can change the team.")


def _require_no_open_plan(household: Household) -> None:
    """One family, one plan, one coordinator: a new plan only once the last one ended. The
    household's row is locked first, so two requests at once cannot both start one."""
    if household.id is None:
        return  # a household being registered has no plan yet
    db.session.execute(select(Household.id).where(Household.id == household.id).with_for_update())
    still_open = select(Plan.id).where(Plan.household_id == household.id, Plan.closed_at.is_(None))
    if db.session.scalar(still_open.limit(1)) is not None:
        raise Conflict(
            "This household already has an open plan: continue in that plan, or close it first."
        )


def create_plan(
    household: Household,
    *,
    coordinator: User,
    actor: Any,
    workflow_name: str = "plan_standard",
    started_on: dt.date | None = None,
) -> Plan:
    """Start a plan for the household with its coordinator, in the workflow's initial state."""
    from maatwerk.workflow import ENGINE

    if coordinator.role is not Role.PROFESSIONAL:
        raise ValidationFailed(
            "The coordinator is a professional.", fields={"coordinator": ["Not a professional."]}
        )
    try:
        definition = ENGINE.definition(workflow_name)
    except KeyError:
        raise ValidationFailed(
            "Unknown plan workflow.", fields={"workflow": ["Unknown workflow."]}
        ) from None
    if definition.subject != "plan":
        raise ValidationFailed("Not a plan workflow.", fields={"workflow": ["Not a plan."]})
    _require_no_open_plan(household)
    plan = Plan(
        household=household,
        workflow_name=definition.name,
        workflow_version=definition.version,
        status=definition.initial,
        cycle=1,
        version=1,
        started_on=started_on or dt.date.today(),
    )
    plan.team.append(TeamMembership(user=coordinator, plan_role=PlanRole.COORDINATOR))
    db.session.add(plan)
    db.session.flush()
    return plan


def add_team_member(plan: Plan, user: User, *, actor: Any) -> TeamMembership:
    """Add a professional to the team (coordinator only)."""
    _require_coordinator(plan, actor)
    if user.role is not Role.PROFESSIONAL:
        raise ValidationFailed(
            "Only professionals join a team.", fields={"user": ["Not a professional."]}
        )
    if active_membership(plan, user) is not None:
        raise Conflict("This professional is already on the team.")
    # A member the access rule does not let see the plan could not work on it, and would
    # still be listed to the family with their contact details.
    if not organisation_has_consent(plan.household, user.organisation_id):
        raise Conflict(
            "The family has not given this professional's organisation consent to share "
            "the plan, so they cannot join the team.",
            fields={"user": ["No plan_sharing consent for this professional's organisation."]},
        )
    membership = TeamMembership(plan=plan, user=user, plan_role=PlanRole.MEMBER)
    db.session.add(membership)
    # A team change applies to the version it was based on (as the hand-over does).
    touch_plan(plan, actor, "team:add", expected_version=plan.version)
    db.session.flush()
    return membership


def end_team_membership(membership: TeamMembership, *, actor: Any) -> None:
    """Take a member off the team; the coordinator is replaced, never removed."""
    plan = membership.plan
    _require_coordinator(plan, actor)
    if membership.plan_role is PlanRole.COORDINATOR:
        raise Conflict("Hand over coordination before the coordinator leaves the team.")
    if membership.ended_at is not None:
        raise Conflict("This membership has already ended.")
    membership.ended_at = utcnow()
    touch_plan(plan, actor, "team:remove", expected_version=plan.version)
    db.session.flush()


def change_coordinator(plan: Plan, new_coordinator: User, *, actor: Any) -> TeamMembership:
    """Hand coordination over to another professional; the old one stays a team member.

    The coordinator hands over. When the coordinator can no longer see the plan (the family
    withdrew their organisation's consent, or their account was closed), nobody could, so
    then any team member who can see it takes over or hands it to another professional.
    """
    require_open_plan(plan, actor)
    roles = plan_roles(plan, actor)
    if "coordinator" not in roles and not (
        "team" in roles and not coordinator_can_coordinate(plan)
    ):
        raise Forbidden(
            "Only the coordinator hands coordination over, unless the coordinator can no "
            "longer see the plan."
        )
    if new_coordinator.role is not Role.PROFESSIONAL:
        raise ValidationFailed(
            "The coordinator is a professional.", fields={"user": ["Not a professional."]}
        )
    if not new_coordinator.active:
        raise Conflict(
            "This account is closed: it cannot become the coordinator.",
            fields={"user": ["Closed account."]},
        )
    # Two team members taking over at once: the second waits, then finds a newer version.
    lock_plan_version(plan)
    now = utcnow()
    current = next(m for m in plan.active_team if m.plan_role is PlanRole.COORDINATOR)
    if current.user_id == new_coordinator.id:
        raise Conflict("This professional is already the coordinator.")
    # A coordinator the access rule does not let see the plan could not coordinate it.
    if not organisation_has_consent(plan.household, new_coordinator.organisation_id):
        raise Conflict(
            "The family has not given this professional's organisation consent to share "
            "the plan, so they cannot become the coordinator.",
            fields={"user": ["No plan_sharing consent for this professional's organisation."]},
        )
    current.ended_at = now
    plan.team.append(TeamMembership(user=current.user, plan_role=PlanRole.MEMBER, started_at=now))
    existing = active_membership(plan, new_coordinator)
    if existing is not None:
        existing.ended_at = now
    db.session.flush()  # end the old coordinator before the unique index sees a new one
    membership = TeamMembership(
        user=new_coordinator, plan_role=PlanRole.COORDINATOR, started_at=now
    )
    plan.team.append(membership)
    touch_plan(plan, actor, "team:coordinator")
    db.session.flush()
    return membership


def add_comment(plan: Plan, body: str, *, actor: Any) -> Comment:
    """Add a message to the plan's conversation (not to a closed plan's)."""
    require_open_plan(plan, actor)
    body = body.strip()
    if not body:
        raise ValidationFailed("The message is empty.", fields={"body": ["Required."]})
    if len(body) > MAX_COMMENT_LENGTH:
        raise ValidationFailed(
            "The message is too long.",
            fields={"body": [f"At most {MAX_COMMENT_LENGTH} characters."]},
        )
    if not plan_roles(plan, actor):
        raise Forbidden("Only the family and the team take part in the conversation.")
    comment = Comment(plan=plan, author_user_id=actor.id, body=body)
    db.session.add(comment)
    db.session.flush()
    return comment


def set_priorities(plan: Plan, goals_in_order: Sequence[Goal], *, actor: Any) -> None:
    """The family ranks all its open goals: the first is the most important."""
    require_open_plan(plan, actor)
    if not is_family_of(plan, actor):
        raise Forbidden("Only the family sets its priorities.")
    open_goals = {g.id: g for g in plan.goals if g.status == "accepted"}
    given = [g.id for g in goals_in_order]
    if len(set(given)) != len(given):
        raise ValidationFailed("A goal appears twice.", fields={"goalIds": ["Duplicate goal."]})
    if set(given) != set(open_goals):
        raise ValidationFailed(
            "Rank every open goal of this plan, and only those.",
            fields={"goalIds": ["Must list exactly the plan's open goals."]},
        )
    current = sorted(
        (g for g in open_goals.values() if g.priority_rank is not None),
        key=lambda g: g.priority_rank or 0,
    )
    if [g.id for g in current] != given:
        if priorities_on_hold(plan):
            raise Conflict(
                "This plan is paused: the order can change again once the plan continues."
            )
        _reopen_priorities(plan, actor)
    for goal in open_goals.values():
        goal.priority_rank = None
    db.session.flush()  # free the ranks first: (plan, rank) is unique
    for rank, goal_id in enumerate(given, start=1):
        open_goals[goal_id].priority_rank = rank
    touch_plan(plan, actor, "priorities", expected_version=plan.version)
    db.session.flush()


REOPEN_PRIORITIES = "reprioritise"


CONFIRMS_PLAN = "snapshot_confirmed_version"


def priorities_on_hold(plan: Plan) -> bool:
    """True while a new order would go to work unconfirmed (plan_standard: paused): the
    workflow offers `reprioritise` not from here, but from a state that a transition
    without the family's confirmation leads back to (resume)."""
    from maatwerk.workflow import ENGINE

    definition = ENGINE.definition_for(plan)

    def offers(state: str) -> bool:
        return any(t.trigger == REOPEN_PRIORITIES for t in definition.transitions_from(state))

    if offers(plan.status):
        return False
    return any(
        offers(t.dest) and CONFIRMS_PLAN not in t.effects
        for t in definition.transitions_from(plan.status)
    )


def _reopen_priorities(plan: Plan, actor: Any) -> None:
    """A new order for a plan the family already confirmed: where the plan's workflow
    offers `reprioritise` from the current state (plan_standard: active), the plan goes
    back to prioritising first, so the family confirms the new order (and its guard, an
    agreed action for the top goal, holds again). Workflows without that step (plan_light)
    take the new order as it is."""
    from maatwerk.workflow import ENGINE, fire_transition

    definition = ENGINE.definition_for(plan)
    if any(t.trigger == REOPEN_PRIORITIES for t in definition.transitions_from(plan.status)):
        fire_transition(plan, REOPEN_PRIORITIES, actor=actor)
