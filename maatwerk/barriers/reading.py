"""Who sees which barrier, loading barriers and the queue; every access audited (DESIGN §8).

Three ways to see a barrier: through its plan (the team, the family), as a manager of an
organisation it was escalated to (only the plan context needed to decide), or as the
programme when it is structural (no household reference, names scrubbed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption
from sqlalchemy.sql.elements import ColumnElement

from maatwerk.accounts.models import User
from maatwerk.audit.operations import record_audit
from maatwerk.barriers.models import Barrier, barrier_escalations
from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.core.enums import ConsentPurpose, Role
from maatwerk.goals.models import Action
from maatwerk.households.models import Consent, Household
from maatwerk.plans.access import can_view_plan, visible_plans_clause
from maatwerk.plans.models import Plan, TeamMembership
from maatwerk.plans.reading import denied, purpose_of

# How a user sees a barrier: the whole plan, as deciding manager, or as programme.
PLAN, MANAGER, PROGRAMME = "plan", "manager", "programme"


def was_escalated_clause() -> ColumnElement[bool]:
    """SQL twin of Barrier.was_escalated."""
    return or_(
        Barrier.status.in_(("escalated", "structural")),
        Barrier.decided_at.is_not(None),
        Barrier.structural.is_(True),
    )


def escalated_to_clause(organisation_id: int) -> ColumnElement[bool]:
    """Barriers that went to this organisation's managers."""
    escalated = select(barrier_escalations.c.barrier_id).where(
        barrier_escalations.c.organisation_id == organisation_id
    )
    return and_(Barrier.id.in_(escalated), was_escalated_clause())


def visible_barriers_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the barriers view_of allows (for lists)."""
    clauses: list[ColumnElement[bool]] = []
    if user.role in (Role.FAMILY, Role.PROFESSIONAL, Role.MANAGER):
        clauses.append(Barrier.plan_id.in_(select(Plan.id).where(visible_plans_clause(user))))
    if user.role is Role.MANAGER and user.organisation_id is not None:
        clauses.append(escalated_to_clause(user.organisation_id))
    if user.role is Role.PROGRAMME:
        clauses.append(Barrier.structural.is_(True))
    return or_(*clauses) if clauses else false()


def identified_barriers_clause(user: User) -> ColumnElement[bool]:
    """The barriers whose plan the user is shown (presenting.py `identified`): through the
    plan, or as a manager of an organisation holding the household's plan_sharing consent.
    A filter on the plan may only match these: on any other barrier it would tell which
    plan a de-identified barrier belongs to."""
    through_plan = Barrier.plan_id.in_(select(Plan.id).where(visible_plans_clause(user)))
    if user.role is Role.MANAGER and user.organisation_id is not None:
        escalated_here = and_(
            escalated_to_clause(user.organisation_id),
            Barrier.plan_id.in_(_consented_plans(user.organisation_id)),
        )
        return or_(through_plan, escalated_here)
    if user.role in (Role.FAMILY, Role.PROFESSIONAL):
        return through_plan
    return false()


def _consented_plans(organisation_id: int):
    """select() of the plans whose household gave the organisation plan_sharing consent."""
    return select(Plan.id).where(
        Plan.household_id.in_(
            select(Consent.household_id).where(
                Consent.organisation_id == organisation_id,
                Consent.in_force(ConsentPurpose.PLAN_SHARING, dt.date.today()),
            )
        )
    )


def plans_shown_to(user: User, plan_ids: set[int]) -> set[int]:
    """Of these plans, the ones the user may be told about (a grant's or barrier's plan):
    plans the user sees, and for a manager those whose household consented to the
    manager's organisation. The programme is told of none (it works de-identified)."""
    if not plan_ids or user.role is Role.PROGRAMME:
        return set()
    shown = visible_plans_clause(user)
    if user.role is Role.MANAGER and user.organisation_id is not None:
        shown = or_(shown, Plan.id.in_(_consented_plans(user.organisation_id)))
    return set(db.session.scalars(select(Plan.id).where(Plan.id.in_(plan_ids), shown)))


def view_of(user: Any, barrier: Barrier) -> str | None:
    """How the user may see this barrier (PLAN, MANAGER, PROGRAMME), or None."""
    role = getattr(user, "role", None)
    if role in (Role.FAMILY, Role.PROFESSIONAL, Role.MANAGER) and can_view_plan(user, barrier.plan):
        return PLAN
    if (
        role is Role.MANAGER
        and barrier.was_escalated
        and any(o.id == user.organisation_id for o in barrier.escalated_to)
    ):
        return MANAGER
    if role is Role.PROGRAMME and barrier.structural:
        return PROGRAMME
    return None


def audit_purpose(user: Any) -> str:
    """Why this user processes the barrier (audit purpose)."""
    role = getattr(user, "role", None)
    if role is Role.MANAGER:
        return "escalation"
    if role is Role.PROGRAMME:
        return "programme_steering"
    return purpose_of(user)


def barrier_options() -> list[LoaderOption]:
    """Eager loads for the barrier representation and its access check, in fixed queries."""
    household = joinedload(Barrier.plan).joinedload(Plan.household)
    return [
        household.selectinload(Household.consents),
        household.selectinload(Household.members),
        household.joinedload(Household.area).joinedload(Area.parent).joinedload(Area.parent),
        joinedload(Barrier.plan)
        .selectinload(Plan.team)
        .joinedload(TeamMembership.user)
        .joinedload(User.organisation),
        joinedload(Barrier.action).joinedload(Action.lead_organisation),
        joinedload(Barrier.reported_by).joinedload(User.organisation),
        joinedload(Barrier.decided_by).joinedload(User.organisation),
        selectinload(Barrier.escalated_to),
        selectinload(Barrier.operational_goals),
    ]


def get_barrier(barrier_id: int, user: User, *, action: str = "read") -> Barrier:
    """A barrier the user may see, with what its representation needs; audit the access."""
    barrier = db.session.scalar(
        select(Barrier).where(Barrier.id == barrier_id).options(*barrier_options())
    )
    household_ids = [barrier.plan.household_id] if barrier is not None else []
    if barrier is None or view_of(user, barrier) is None:
        error = denied(user, action, "barrier", barrier_id, household_ids)
        if error.audit is not None:
            error.audit["purpose"] = audit_purpose(user)
        raise error
    record_audit(
        actor=user,
        action=action,
        object_type="barrier",
        object_id=str(barrier.id),
        household_ids=household_ids,
        purpose=audit_purpose(user),
    )
    return barrier


@dataclass
class BarrierFilters:
    """What a queue is filtered on."""

    status: str | None = None
    category: str | None = None
    plan_id: int | None = None
    structural: bool | None = None


def barrier_query(user: User, filters: BarrierFilters):
    """select() of the barriers the user may see, filtered (no order, no paging)."""
    query = select(Barrier).where(visible_barriers_clause(user))
    if filters.status:
        query = query.where(Barrier.status == filters.status)
    if filters.category:
        query = query.where(Barrier.category == filters.category)
    if filters.plan_id is not None:
        query = query.where(Barrier.plan_id == filters.plan_id, identified_barriers_clause(user))
    if filters.structural is not None:
        query = query.where(Barrier.structural.is_(filters.structural))
    return query


def list_barriers(
    user: User, filters: BarrierFilters, *, page: int, page_size: int
) -> tuple[list[Barrier], int]:
    """One page of the queue; audited as a search."""
    query = barrier_query(user, filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    # Open barriers first, the one waiting longest on top; then the resolved ones.
    barriers = list(
        db.session.scalars(
            query.options(*barrier_options())
            .order_by(Barrier.resolved_at.is_not(None), Barrier.reported_at, Barrier.id)
            .limit(page_size)
            .offset((page - 1) * page_size)
        ).unique()
    )
    record_audit(
        actor=user,
        action="search",
        object_type="barrier",
        object_id=None,
        household_ids=sorted({b.plan.household_id for b in barriers}),
        purpose=audit_purpose(user),
    )
    return barriers, total
