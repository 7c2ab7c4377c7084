"""Database-held invariants of plans, teams, goals, actions and scores; optimistic locking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import insert, literal, select, update
from sqlalchemy.orm.exc import StaleDataError

from maatwerk.core.db import utcnow
from maatwerk.core.enums import Carrier, Domain, PlanRole
from maatwerk.goals.models import Goal, action_goals
from maatwerk.plans.models import Plan
from tests.factories import (
    ActionFactory,
    GoalFactory,
    OrganisationFactory,
    OutcomeScoreFactory,
    PlanFactory,
    TeamMembershipFactory,
    refused,
)

# --- team: one active coordinator --------------------------------------------------------


def test_second_active_coordinator_is_refused(db_session):
    first = TeamMembershipFactory(coordinator=True)
    with refused(
        db_session,
        "uq_team_memberships_one_coordinator",
        sqlite="UNIQUE constraint failed: team_memberships.plan_id",
    ):
        TeamMembershipFactory(plan=first.plan, coordinator=True)


def test_ended_coordinator_membership_allows_a_new_coordinator(db_session):
    first = TeamMembershipFactory(coordinator=True, started_at=utcnow() - dt.timedelta(days=9))
    first.ended_at = utcnow()
    db_session.flush()
    second = TeamMembershipFactory(plan=first.plan, coordinator=True)
    db_session.refresh(first.plan)
    assert first.plan.coordinator is second.user


def test_several_active_members_are_allowed(db_session):
    coordinator = TeamMembershipFactory(coordinator=True)
    TeamMembershipFactory(plan=coordinator.plan)
    TeamMembershipFactory(plan=coordinator.plan)
    db_session.refresh(coordinator.plan)
    roles = sorted(m.plan_role for m in coordinator.plan.active_team)
    assert roles == [PlanRole.COORDINATOR, PlanRole.MEMBER, PlanRole.MEMBER]


def test_same_user_twice_active_on_a_team_is_refused(db_session):
    membership = TeamMembershipFactory()
    with refused(
        db_session,
        "uq_team_memberships_active_user",
        sqlite="UNIQUE constraint failed: team_memberships.plan_id, team_memberships.user_id",
    ):
        TeamMembershipFactory(plan=membership.plan, user=membership.user)


def test_unknown_plan_role_is_refused(db_session):
    membership = TeamMembershipFactory()
    with refused(db_session, "ck_team_memberships_plan_role"):
        db_session.execute(
            update(type(membership))
            .where(type(membership).id == membership.id)
            .values(plan_role=literal("boss"))
        )


# --- goals: rank unique per plan and >= 1 ------------------------------------------------


def test_goal_rank_is_unique_within_a_plan(db_session):
    goal = GoalFactory(priority_rank=1)
    with refused(
        db_session,
        "uq_goals_plan_id_priority_rank",
        sqlite="UNIQUE constraint failed: goals.plan_id, goals.priority_rank",
    ):
        GoalFactory(plan=goal.plan, priority_rank=1)


def test_same_rank_in_another_plan_and_unranked_goals_are_allowed(db_session):
    goal = GoalFactory(priority_rank=1)
    GoalFactory(priority_rank=1)
    GoalFactory(plan=goal.plan, priority_rank=None)
    GoalFactory(plan=goal.plan, priority_rank=None)
    GoalFactory(plan=goal.plan, priority_rank=2)
    assert len(db_session.scalars(select(Goal.id).where(Goal.plan_id == goal.plan_id)).all()) == 4


@pytest.mark.parametrize("rank", [0, -1])
def test_goal_rank_below_one_is_refused(db_session, rank):
    with refused(db_session, "ck_goals_rank_positive"):
        GoalFactory(priority_rank=rank)


def test_unknown_goal_domain_is_refused(db_session):
    plan = PlanFactory()
    with refused(db_session, "ck_goals_domain"):
        db_session.execute(
            insert(Goal).values(
                plan_id=plan.id,
                domain=literal("spiritual"),
                title="Iets",
                status="proposed",
                proposed_by="family",
            )
        )


# --- actions: goals of the same plan only, cost >= 0 --------------------------------------


def test_linking_an_action_to_a_goal_of_another_plan_is_refused(db_session):
    action = ActionFactory()
    foreign_goal = GoalFactory()  # a goal of another plan
    with refused(db_session, "fk_action_goals_goal_plan", sqlite="FOREIGN KEY constraint failed"):
        db_session.execute(
            insert(action_goals).values(
                action_id=action.id, goal_id=foreign_goal.id, plan_id=action.plan_id
            )
        )
    # Claiming the goal's plan instead breaks the action's half of the key.
    with refused(db_session, "fk_action_goals_action_plan", sqlite="FOREIGN KEY constraint failed"):
        db_session.execute(
            insert(action_goals).values(
                action_id=action.id, goal_id=foreign_goal.id, plan_id=foreign_goal.plan_id
            )
        )


def test_orm_link_to_a_goal_of_another_plan_is_refused(db_session):
    action = ActionFactory()
    foreign_goal = GoalFactory()
    with refused(db_session, "fk_action_goals_goal_plan", sqlite="FOREIGN KEY constraint failed"):
        action.goals.append(foreign_goal)


def test_linking_an_action_to_a_goal_of_its_own_plan_is_allowed(db_session):
    action = ActionFactory()
    goal = GoalFactory(plan=action.plan)
    action.goals.append(goal)
    db_session.flush()
    rows = db_session.execute(select(action_goals)).all()
    assert [(r.action_id, r.goal_id, r.plan_id) for r in rows] == [
        (action.id, goal.id, action.plan_id)
    ]


def test_negative_cost_is_refused(db_session):
    with refused(db_session, "ck_actions_cost_not_negative"):
        ActionFactory(cost=Decimal("-0.01"))


def test_zero_cost_is_allowed(db_session):
    assert ActionFactory(cost=Decimal("0.00")).id is not None


def test_professional_action_without_lead_organisation_is_refused(db_session):
    with refused(db_session, "ck_actions_professional_action_has_lead"):
        ActionFactory(carrier=Carrier.PROFESSIONAL, lead_organisation=None)
    action = ActionFactory(carrier=Carrier.PROFESSIONAL, lead_organisation=OrganisationFactory())
    assert action.id is not None


# --- outcome scores 1..5 ------------------------------------------------------------------


@pytest.mark.parametrize("score", [0, 6])
def test_score_outside_one_to_five_is_refused(db_session, score):
    with refused(db_session, "ck_outcome_scores_score_range"):
        OutcomeScoreFactory(score=score)


def test_scores_one_and_five_are_allowed(db_session):
    low = OutcomeScoreFactory(score=1)
    high = OutcomeScoreFactory(plan=low.plan, score=5, domain=Domain.SOCIAL)
    assert (low.score, high.score) == (1, 5)


# --- optimistic locking -------------------------------------------------------------------


def test_stale_plan_update_raises_stale_data_error(db_session):
    plan = PlanFactory()
    # Another process saves the plan meanwhile: the row's version moves on.
    db_session.execute(
        update(Plan)
        .where(Plan.id == plan.id)
        .values(version=Plan.version + 1)
        .execution_options(synchronize_session=False)
    )
    plan.closure_reason = "Gezin verhuisd"
    plan.version = plan.version + 1
    with pytest.raises(StaleDataError), db_session.begin_nested():
        db_session.flush()


def test_current_plan_update_succeeds_and_checks_the_version(db_session, count_queries):
    plan = PlanFactory()
    plan.closure_reason = "Doelen bereikt"
    plan.version = 2
    with count_queries() as queries:
        db_session.flush()
    update_sql = next(s for s in queries.statements if s.lstrip().upper().startswith("UPDATE"))
    assert "version" in update_sql.split("WHERE", 1)[1]
    db_session.expire_all()
    assert db_session.get(Plan, plan.id).version == 2


def test_plan_timestamps_are_timezone_aware_utc(db_session):
    plan = PlanFactory()
    db_session.expire_all()
    loaded = db_session.get(Plan, plan.id)
    for value in (loaded.created_at, loaded.updated_at):
        assert value.tzinfo is not None
        assert value.utcoffset() == dt.timedelta(0)
