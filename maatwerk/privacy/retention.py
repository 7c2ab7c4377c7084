"""Erasure of closed plans after the retention period (AVG storage limitation).

What stays: the audit trail (it names ids only and outlives the data it describes) and
anonymised aggregates. Every erasure is itself an audit event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from maatwerk.audit.operations import record_audit
from maatwerk.core.actors import SYSTEM
from maatwerk.core.db import db, utcnow
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan

PURPOSE = "retention"


@dataclass
class ErasureReport:
    """Which plans and households were erased (ids only)."""

    plan_ids: list[int] = field(default_factory=list)
    household_ids: list[int] = field(default_factory=list)


def expired_plans(retention_days: int, now: dt.datetime | None = None) -> list[Plan]:
    """Closed plans whose closing lies more than retention_days ago."""
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    return list(
        db.session.scalars(
            select(Plan)
            .where(Plan.closed_at.is_not(None), Plan.closed_at < cutoff)
            .order_by(Plan.id)
        )
    )


def erase_expired_plans(
    retention_days: int, *, now: dt.datetime | None = None, dry_run: bool = False
) -> ErasureReport:
    """Erase expired plans, and their households when no plan is left; flushes only."""
    if retention_days < 1:
        raise ValueError("the retention period must be at least one day")
    report = ErasureReport()
    for plan in expired_plans(retention_days, now):
        household_id = plan.household_id
        report.plan_ids.append(plan.id)
        if dry_run:
            continue
        record_audit(
            actor=SYSTEM,
            action="delete",
            object_type="plan",
            object_id=plan.id,
            household_ids=[household_id],
            purpose=PURPOSE,
        )
        db.session.delete(plan)
        db.session.flush()
        remaining = db.session.scalar(select(Plan.id).where(Plan.household_id == household_id))
        if remaining is None:
            record_audit(
                actor=SYSTEM,
                action="delete",
                object_type="household",
                object_id=household_id,
                household_ids=[household_id],
                purpose=PURPOSE,
            )
            # The schema cascades to members, consents and the family's accounts.
            db.session.execute(delete(Household).where(Household.id == household_id))
            report.household_ids.append(household_id)
    db.session.flush()
    db.session.expire_all()
    return report
