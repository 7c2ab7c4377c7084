"""Facts of collaboration: barriers (knelpunten) and shared actions. Same columns as the
fact queries in facts.py; barriers and actions carry their own intervention."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, exists, func, literal, or_, select

from maatwerk.barriers.models import Barrier
from maatwerk.core.db import UTCDateTime
from maatwerk.core.enums import BarrierCategory, Carrier
from maatwerk.goals.models import Action, action_organisations
from maatwerk.monitoring.facts import ONE, ZERO, as_float, flag, plan_facts, within
from maatwerk.monitoring.periods import Period
from maatwerk.monitoring.sql import days_between, least
from maatwerk.plans.models import Plan, TransitionEvent

# --- barriers ------------------------------------------------------------------------------


def _barrier_facts(num: Any, den: Any) -> Select:
    return (
        plan_facts(
            num.label("num"),
            den.label("den"),
            Action.intervention_id.label("intervention_id"),
            unit=Barrier.id,
        )
        .join(Barrier, Barrier.plan_id == Plan.id)
        .outerjoin(Action, Action.id == Barrier.action_id)
    )


def barriers_reported(period: Period) -> Select:
    return _barrier_facts(ONE, ZERO).where(within(Barrier.reported_at, period))


def capacity_barriers(period: Period) -> Select:
    return _barrier_facts(ONE, ZERO).where(
        within(Barrier.reported_at, period), Barrier.category == BarrierCategory.CAPACITY
    )


def barriers_resolved(period: Period) -> Select:
    return _barrier_facts(ONE, ZERO).where(
        Barrier.status == "resolved", within(Barrier.resolved_at, period)
    )


def barrier_days_to_resolve(period: Period) -> Select:
    return _barrier_facts(
        as_float(days_between(Barrier.resolved_at, Barrier.reported_at)), ONE
    ).where(Barrier.status == "resolved", within(Barrier.resolved_at, period))


def structural_barriers(period: Period) -> Select:
    became_structural = exists().where(
        TransitionEvent.subject_type == "barrier",
        TransitionEvent.subject_id == Barrier.id,
        TransitionEvent.to_state == "structural",
        within(TransitionEvent.occurred_at, period),
    )
    return _barrier_facts(ONE, ZERO).where(became_structural)


def structural_days_open(period: Period) -> Select:
    """Structural barriers open during the year: days open at resolution or at year end."""
    until = literal(period.until, UTCDateTime())
    stop = least(func.coalesce(Barrier.resolved_at, until), until)
    return _barrier_facts(as_float(days_between(stop, Barrier.reported_at)), ONE).where(
        Barrier.structural.is_(True),
        Barrier.reported_at < period.until,
        or_(Barrier.resolved_at.is_(None), Barrier.resolved_at >= period.start),
    )


# --- actions -------------------------------------------------------------------------------


def _organisations_of_action() -> Any:
    participating = (
        select(func.count())
        .select_from(action_organisations)
        .where(
            action_organisations.c.action_id == Action.id,
            or_(
                Action.lead_organisation_id.is_(None),
                action_organisations.c.organisation_id != Action.lead_organisation_id,
            ),
        )
        .scalar_subquery()
    )
    return case((Action.lead_organisation_id.is_not(None), 1), else_=0) + participating


def _action_facts(num: Any) -> Select:
    return (
        plan_facts(
            num.label("num"),
            ONE.label("den"),
            Action.intervention_id.label("intervention_id"),
            unit=Action.id,
        )
        .join(Action, Action.plan_id == Plan.id)
        .where(Action.status != "rejected")
    )


def actions_multi_organisation(period: Period) -> Select:
    return _action_facts(flag(_organisations_of_action() >= 2)).where(
        within(Action.created_at, period)
    )


def actions_by_network(period: Period) -> Select:
    return _action_facts(flag(Action.carrier == Carrier.NETWORK)).where(
        within(Action.created_at, period)
    )
