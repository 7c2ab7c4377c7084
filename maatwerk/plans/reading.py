"""Reading plans: authorised here, in the domain, and audited (DESIGN §3, §8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import bindparam, exists, func, or_, select
from sqlalchemy.orm.attributes import set_committed_value

from maatwerk.accounts.models import User
from maatwerk.audit.operations import record_audit
from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.core.enums import PlanRole, Role
from maatwerk.core.errors import NotFound
from maatwerk.goals.models import Action
from maatwerk.households.models import Household
from maatwerk.plans.access import can_view_plan, visible_plans_clause
from maatwerk.plans.models import Plan, TeamMembership
from maatwerk.plans.queries import (
    plan_access_options,
    plan_detail_options,
    plan_list_options,
)

OPEN_ACTION_STATES = ("proposed", "agreed", "in_progress", "blocked")


def purpose_of(user: Any) -> str:
    """Why this user processes household data (audit purpose)."""
    return "family_access" if getattr(user, "role", None) is Role.FAMILY else "care"


def denied(
    user: Any, action: str, object_type: str, object_id: Any, household_ids: list[int] | None = None
) -> NotFound:
    """A 404 that is audited as a denied attempt once the request is rolled back."""
    return NotFound(
        "Not found.",
        audit={
            "actor": user,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "household_ids": household_ids or [],
            "purpose": purpose_of(user),
        },
    )


def get_plan(plan_id: int, user: User, *, action: str = "read", load=plan_detail_options) -> Plan:
    """Load a plan the user may see in a fixed number of queries; audit the access.

    `load` names the eager loads: everything the representation shows by default,
    plan_workflow_options for what the access rule and the workflow guards read.
    """
    statement = select(Plan).where(Plan.id == plan_id).options(*load())
    plan = db.session.scalars(statement).unique().one_or_none()
    if plan is None or not can_view_plan(user, plan):
        raise denied(user, action, "plan", plan_id, [plan.household_id] if plan else [])
    record_audit(
        actor=user,
        action=action,
        object_type="plan",
        object_id=str(plan.id),
        household_ids=[plan.household_id],
        purpose=purpose_of(user),
    )
    return plan


@cache
def _item_statement(model: type):
    """The item with its plan and what the access rule reads, built once per model (its
    construction and cache key cost about as much as running it)."""
    return (
        select(model, Plan)
        .join(Plan, Plan.id == model.plan_id)
        .where(model.id == bindparam("item_id"))
        .options(*plan_access_options())
    )


def get_plan_item(model: type, item_id: int, user: User, *, action: str = "read") -> Any:
    """Load a goal, action, barrier ... of a plan the user may see; audit the access.

    The item and its plan come in one statement, with what the access rule and the plan
    roles read (the household's consents, the team); the item holds its plan, so the plan
    stays in the session for the request.
    """
    object_type = getattr(model, "WORKFLOW", model.__tablename__)
    found = db.session.execute(_item_statement(model), {"item_id": item_id}).unique().one_or_none()
    item, plan = found if found is not None else (None, None)
    if item is None or not can_view_plan(user, plan):
        raise denied(user, action, object_type, item_id, [plan.household_id] if plan else [])
    set_committed_value(item, "plan", plan)
    record_audit(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=str(item.id),
        household_ids=[plan.household_id],
        purpose=purpose_of(user),
    )
    return item


@dataclass
class PlanFilters:
    """What a professional filters a plan list on."""

    status: str | None = None
    area_id: int | None = None
    coordinator_id: int | None = None
    overdue_actions: bool | None = None
    changed_since: dt.datetime | None = None


def list_plans(
    user: User, filters: PlanFilters, *, page: int, page_size: int
) -> tuple[list[Plan], int]:
    """One page of the plans the user may see, filtered; audited as a search."""
    query = select(Plan).where(visible_plans_clause(user))
    if filters.status:
        query = query.where(Plan.status == filters.status)
    if filters.area_id is not None:
        area_ids = select(Area.id).where(
            or_(Area.id == filters.area_id, Area.parent_id == filters.area_id)
        )
        query = query.where(
            Plan.household_id.in_(select(Household.id).where(Household.area_id.in_(area_ids)))
        )
    if filters.coordinator_id is not None:
        query = query.where(
            exists().where(
                TeamMembership.plan_id == Plan.id,
                TeamMembership.user_id == filters.coordinator_id,
                TeamMembership.plan_role == PlanRole.COORDINATOR,
                TeamMembership.ended_at.is_(None),
            )
        )
    if filters.overdue_actions is not None:
        # A closed plan's actions are over, whatever status they were left in.
        overdue = exists().where(
            Action.plan_id == Plan.id,
            Plan.closed_at.is_(None),
            Action.due_date < dt.date.today(),
            Action.status.in_(OPEN_ACTION_STATES),
        )
        query = query.where(overdue if filters.overdue_actions else ~overdue)
    if filters.changed_since is not None:
        query = query.where(Plan.updated_at >= filters.changed_since)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    plans = list(
        db.session.scalars(
            query.options(*plan_list_options())
            .order_by(Plan.updated_at.desc(), Plan.id.desc())
            .limit(page_size)
            .offset((page - 1) * page_size)
        )
    )
    record_audit(
        actor=user,
        action="search",
        object_type="plan",
        object_id=None,
        household_ids=sorted({p.household_id for p in plans}),
        purpose=purpose_of(user),
    )
    return plans, total
