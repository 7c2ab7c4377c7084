"""Who may see a plan (DESIGN §3): the family of the household, or a team member whose
organisation holds active plan_sharing consent of that household."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, exists, select
from sqlalchemy.sql.elements import ColumnElement

from maatwerk.accounts.models import User
from maatwerk.core.enums import ConsentPurpose, PlanRole, Role
from maatwerk.core.errors import Conflict
from maatwerk.households.models import Consent, Household
from maatwerk.plans.models import Plan, TeamMembership


def organisation_has_consent(household: Household, organisation_id: int | None) -> bool:
    """True when the organisation holds active plan_sharing consent of the household."""
    if organisation_id is None:
        return False
    today = dt.date.today()
    return any(
        c.organisation_id == organisation_id
        and c.purpose is ConsentPurpose.PLAN_SHARING
        and c.is_active(today)
        for c in household.consents
    )


def members_who_see(plan: Plan) -> set[int]:
    """The team members who can see the plan: an active account whose organisation holds
    the household's plan-sharing consent (the others stay on the team, unable to see it)."""
    return {
        m.user_id
        for m in plan.active_team
        if m.user.active and organisation_has_consent(plan.household, m.user.organisation_id)
    }


def organisations_without_consent(plan: Plan) -> set[int]:
    """The organisations of the plan's team that may not see the plan: no active
    plan-sharing consent of the household (withdrawn, ended or never given). The family is
    told which people and steps these are (portal and plan PDF)."""
    return {
        m.user.organisation_id
        for m in plan.active_team
        if m.user.organisation_id is not None
        and not organisation_has_consent(plan.household, m.user.organisation_id)
    }


def action_without_sight(action: Any, blind: set[int]) -> bool:
    """True when the organisation that carries a step (its lead organisation, or its
    contact person's organisation) is one of `blind` (organisations_without_consent)."""
    carriers = {action.lead_organisation_id}
    if action.assigned_user is not None:
        carriers.add(action.assigned_user.organisation_id)
    return bool(carriers & blind)


PLAN_CLOSED = "This plan is closed: it can be read, no longer changed."


def plan_is_closed(plan: Plan) -> bool:
    """True once the plan reached its workflow's final state (closing sets closed_at)."""
    return plan.closed_at is not None


def may_change_closed_plan(actor: Any) -> bool:
    """The programme's work on a closed plan's structural barriers goes on: they are on the
    programme's agenda, not the family's plan. Nobody else changes a closed plan."""
    return getattr(actor, "role", None) is Role.PROGRAMME


def require_open_plan(plan: Plan, actor: Any = None) -> None:
    """The one rule for closed plans: read-only. Every operation that changes a plan or
    anything on it (goals, actions, barriers, team, scores, comments, transitions of its
    items) calls this first, and touch_plan checks it again for every recorded change
    (except the closing transition itself). The evaluation survey is not a change of the
    plan and may still be answered after closing (monitoring.surveys)."""
    if plan_is_closed(plan) and not may_change_closed_plan(actor):
        raise Conflict(PLAN_CLOSED)


def active_membership(plan: Plan, user: User) -> TeamMembership | None:
    """The user's current membership of the plan's team, if any."""
    for membership in plan.team:
        if membership.user_id == user.id and membership.ended_at is None:
            return membership
    return None


def is_family_of(plan: Plan, user: User) -> bool:
    """True when the user is a family account of the plan's household."""
    return user.role is Role.FAMILY and user.household_id == plan.household_id


def can_view_plan(user: User, plan: Plan) -> bool:
    """The access rule for a plan's content."""
    if is_family_of(plan, user):
        return True
    if user.role not in (Role.PROFESSIONAL, Role.MANAGER):
        return False
    return active_membership(plan, user) is not None and organisation_has_consent(
        plan.household, user.organisation_id
    )


def coordinator_can_coordinate(plan: Plan) -> bool:
    """True while the plan's coordinator can still see it: an active account whose
    organisation holds the household's plan_sharing consent. Withdrawn consent or a
    closed account leave the team without a coordinator (change_coordinator then lets a
    team member take over)."""
    coordinator = plan.coordinator
    return coordinator is not None and coordinator.active and can_view_plan(coordinator, plan)


def plan_roles(plan: Plan, user: User) -> set[str]:
    """Workflow roles of the user on this plan: family, team, coordinator."""
    if is_family_of(plan, user):
        return {"family"}
    if not can_view_plan(user, plan):
        return set()
    membership = active_membership(plan, user)
    assert membership is not None  # can_view_plan checked it
    if membership.plan_role is PlanRole.COORDINATOR:
        return {"team", "coordinator"}
    return {"team"}


@cache
def visible_plans_template(kind: str) -> ColumnElement[bool]:
    """can_view_plan as SQL for one kind of account ("family", "staff" or "none"), with
    bind parameters for the account (visible_plans_parameters): built once per kind, so
    a statement built around it can be built once too."""
    if kind == "family":
        return Plan.household_id == bindparam("visible_household_id")
    if kind == "none":
        return Plan.id.is_(None)
    on_team = exists().where(
        TeamMembership.plan_id == Plan.id,
        TeamMembership.user_id == bindparam("visible_user_id"),
        TeamMembership.ended_at.is_(None),
    )
    consent = exists().where(
        Consent.household_id == Plan.household_id,
        Consent.organisation_id == bindparam("visible_organisation_id"),
        Consent.in_force(ConsentPurpose.PLAN_SHARING, bindparam("visible_today")),
    )
    return and_(on_team, consent)


def visible_plans_parameters(user: User) -> tuple[str, dict[str, Any]]:
    """The kind of visible_plans_template that applies to the user, and its parameters."""
    if user.role is Role.FAMILY:
        return "family", {"visible_household_id": user.household_id or -1}
    if user.role not in (Role.PROFESSIONAL, Role.MANAGER) or user.organisation_id is None:
        return "none", {}
    return "staff", {
        "visible_user_id": user.id,
        "visible_organisation_id": user.organisation_id,
        "visible_today": dt.date.today(),
    }


def visible_plans_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the plans can_view_plan allows (for lists)."""
    kind, parameters = visible_plans_parameters(user)
    return visible_plans_template(kind).params(parameters)


def visible_plans(user: User):
    """A select() of the plans the user may see."""
    return select(Plan).where(visible_plans_clause(user))
