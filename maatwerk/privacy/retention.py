"""Erasure of closed plans after the retention period (AVG storage limitation).

The rule (docs/SECURITY.md §6 and docs/OPERATIONS.md "Retention" state the same):

1. Always kept: the audit trail (ids only; it outlives the data it describes), the
   published monitoring cells (anonymised aggregates), budget grants (the money stays
   spent; their barrier and plan become NULL) and case review sessions with their lessons
   (they name no household).
2. Postponed: an expired plan that others still work on, i.e. one with a barrier that is
   not resolved (managers or the programme act on it) or with a case pack in a session
   that is not published. Nothing of it is erased and it keeps its household; the first
   run after the barrier is resolved or the session published erases it. The report says
   which plans were postponed and why.
3. Erased with the plan: everything that hangs off it, its resolved barriers and its case
   packs included (a pack is this household's case, shown only under the household's
   learning consent, which goes with the household).
4. The household goes when no plan of it is left: an open or a postponed plan keeps it.

Every erased plan, barrier, case pack and household is one audit event (`delete`, purpose
`retention`), written before the row goes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from maatwerk.audit.operations import record_audit
from maatwerk.barriers.models import Barrier
from maatwerk.casereview.models import CasePack, CaseReviewSession
from maatwerk.core.actors import SYSTEM
from maatwerk.core.db import db, utcnow
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan

PURPOSE = "retention"


@dataclass
class ErasureReport:
    """What was erased (in a dry run: would be), and which expired plans stay and why."""

    plan_ids: list[int] = field(default_factory=list)
    household_ids: list[int] = field(default_factory=list)
    barrier_ids: list[int] = field(default_factory=list)
    case_pack_ids: list[int] = field(default_factory=list)
    postponed: dict[int, list[str]] = field(default_factory=dict)


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


def postponement_reasons(plan_ids: Iterable[int]) -> dict[int, list[str]]:
    """Why each of these plans must stay for now: open barriers, unpublished case reviews."""
    from maatwerk.workflow import ENGINE

    ids = list(plan_ids)
    reasons: dict[int, list[str]] = {}
    if not ids:
        return reasons
    open_barriers = db.session.execute(
        select(Barrier.plan_id, Barrier.id)
        .where(
            Barrier.plan_id.in_(ids),
            Barrier.status.not_in(ENGINE.definition(Barrier.WORKFLOW).final),
        )
        .order_by(Barrier.id)
    )
    for plan_id, barrier_id in open_barriers:
        reasons.setdefault(plan_id, []).append(f"open barrier K-{barrier_id:04d}")
    live_reviews = db.session.execute(
        select(CasePack.plan_id, CaseReviewSession.id)
        .join(CaseReviewSession, CaseReviewSession.id == CasePack.session_id)
        .where(
            CasePack.plan_id.in_(ids),
            CaseReviewSession.status.not_in(ENGINE.definition(CaseReviewSession.WORKFLOW).final),
        )
        .order_by(CaseReviewSession.id)
    )
    for plan_id, session_id in live_reviews:
        reasons.setdefault(plan_id, []).append(f"case review session {session_id} not published")
    return reasons


def _erase(object_type: str, object_id: int, household_id: int) -> None:
    record_audit(
        actor=SYSTEM,
        action="delete",
        object_type=object_type,
        object_id=object_id,
        household_ids=[household_id],
        purpose=PURPOSE,
    )


def erase_expired_plans(
    retention_days: int, *, now: dt.datetime | None = None, dry_run: bool = False
) -> ErasureReport:
    """Apply the retention rule (module docstring); flushes only, never commits."""
    if retention_days < 1:
        raise ValueError("the retention period must be at least one day")
    report = ErasureReport()
    expired = expired_plans(retention_days, now)
    report.postponed = postponement_reasons(p.id for p in expired)
    by_household: dict[int, list[Plan]] = {}
    for plan in expired:
        if plan.id not in report.postponed:
            by_household.setdefault(plan.household_id, []).append(plan)
    for household_id, plans in by_household.items():
        for plan in plans:
            _erase_plan(plan, report, dry_run=dry_run)
        ids = [p.id for p in plans]
        remaining = db.session.scalar(
            select(Plan.id).where(Plan.household_id == household_id, Plan.id.not_in(ids))
        )
        if remaining is not None:
            continue
        report.household_ids.append(household_id)
        if not dry_run:
            _erase("household", household_id, household_id)
            # The schema cascades to members, corrections, consents and the family's accounts.
            db.session.execute(delete(Household).where(Household.id == household_id))
    report.plan_ids.sort()
    report.household_ids.sort()
    db.session.flush()
    db.session.expire_all()
    return report


def _erase_plan(plan: Plan, report: ErasureReport, *, dry_run: bool) -> None:
    """Erase one plan with its barriers and case packs, each audited first."""
    household_id = plan.household_id
    barrier_ids = list(db.session.scalars(select(Barrier.id).where(Barrier.plan_id == plan.id)))
    pack_ids = list(db.session.scalars(select(CasePack.id).where(CasePack.plan_id == plan.id)))
    report.plan_ids.append(plan.id)
    report.barrier_ids.extend(barrier_ids)
    report.case_pack_ids.extend(pack_ids)
    if dry_run:
        return
    for barrier_id in barrier_ids:
        _erase("barrier", barrier_id, household_id)
    for pack_id in pack_ids:
        _erase("case_pack", pack_id, household_id)
    _erase("plan", plan.id, household_id)
    # Explicit rather than left to ON DELETE CASCADE: the pack texts follow in the schema.
    db.session.execute(delete(CasePack).where(CasePack.plan_id == plan.id))
    # The ORM cascades to goals, actions, barriers, scores, comments, revisions and events;
    # the schema sets budget grants' barrier and plan to NULL.
    db.session.delete(plan)
    db.session.flush()
