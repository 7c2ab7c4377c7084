"""Loading plans with everything the workflow guards and access rules read, in a fixed
number of queries whatever the number of plans, goals or actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from maatwerk.accounts.models import User
from maatwerk.barriers.models import Barrier
from maatwerk.core.db import db
from maatwerk.goals.models import Action
from maatwerk.households.models import Household
from maatwerk.plans.models import Comment, Plan, TeamMembership


def plan_access_options() -> list[LoaderOption]:
    """Eager loads for the access rule and plan roles only (plans.access), joined into the
    statement that loads the plan: one round trip for a single plan or plan item (the rows
    multiply by team size x consents, a handful each; read the result with .unique())."""
    return [
        joinedload(Plan.household).joinedload(Household.consents),
        joinedload(Plan.team),
    ]


# What each plan guard of maatwerk/workflow.py reads beyond the access rule, as eager loads:
# firing a trigger loads only what its guards need (plan_fire_options).
PLAN_GUARD_READS: dict[str, tuple[str, ...]] = {
    "coordinator_has_consent": (),  # the team's users and the consents: always loaded
    "has_accepted_goal": ("goals",),
    "all_open_goals_ranked": ("goals",),
    "top_goal_has_agreed_action": ("goals", "actions"),
    "outcome_scores_complete": ("goals", "scores"),
}
_READ_OPTIONS: dict[str, Callable[[], LoaderOption]] = {
    "goals": lambda: selectinload(Plan.goals),
    "actions": lambda: selectinload(Plan.actions).selectinload(Action.goals),
    "scores": lambda: selectinload(Plan.scores),
}


def plan_fire_options(guards: Iterable[str]) -> list[LoaderOption]:
    """Eager loads for firing a plan trigger whose guards are `guards`: the access rule
    and plan roles (consents, the team with its users: the coordinator) joined into the
    plan's statement, plus one query per collection a guard reads. A guard missing from
    PLAN_GUARD_READS is an error (workflow start-up checks it), never a lazy load."""
    return plan_reading_options({part for guard in guards for part in PLAN_GUARD_READS[guard]})


def plan_reading_options(parts: Iterable[str]) -> list[LoaderOption]:
    """Eager loads for a change of one plan: the access rule and plan roles joined into the
    plan's statement, plus one query per part named ("goals", "actions", "scores")."""
    return [
        joinedload(Plan.household).joinedload(Household.consents),
        joinedload(Plan.team).joinedload(TeamMembership.user),
        *(_READ_OPTIONS[part]() for part in sorted(set(parts))),
    ]


def plan_workflow_options() -> list[LoaderOption]:
    """Eager loads for access checks and available triggers on many plans."""
    return [
        joinedload(Plan.household).selectinload(Household.consents),
        selectinload(Plan.team).joinedload(TeamMembership.user),
        selectinload(Plan.goals),
        selectinload(Plan.actions).selectinload(Action.goals),
        selectinload(Plan.scores),
        selectinload(Plan.barriers).selectinload(Barrier.escalated_to),
    ]


def plan_detail_options() -> list[LoaderOption]:
    """Eager loads for the full plan representation (team, goals, actions and their refs)."""
    return [
        joinedload(Plan.household).selectinload(Household.consents),
        selectinload(Plan.team).joinedload(TeamMembership.user).joinedload(User.organisation),
        selectinload(Plan.goals),
        selectinload(Plan.actions).selectinload(Action.goals),
        selectinload(Plan.actions).joinedload(Action.lead_organisation),
        selectinload(Plan.actions).selectinload(Action.participating_organisations),
        selectinload(Plan.actions).joinedload(Action.assigned_user).joinedload(User.organisation),
        selectinload(Plan.actions).joinedload(Action.intervention),
        selectinload(Plan.scores),
        selectinload(Plan.barriers).selectinload(Barrier.escalated_to),
    ]


def plan_list_options() -> list[LoaderOption]:
    """Eager loads for plan summaries with their available triggers."""
    return [
        *plan_workflow_options(),
        selectinload(Plan.team).joinedload(TeamMembership.user).joinedload(User.organisation),
    ]


def plan_comments(plan: Plan) -> list[Comment]:
    """The plan's conversation, oldest first, with authors, in one query."""
    return list(
        db.session.scalars(
            select(Comment)
            .where(Comment.plan_id == plan.id)
            .options(joinedload(Comment.author).joinedload(User.organisation))
            .order_by(Comment.created_at, Comment.id)
        )
    )
