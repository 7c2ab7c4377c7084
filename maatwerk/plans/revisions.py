"""Plan versions: every change bumps the version once and stores a snapshot."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from maatwerk.core.db import db, utcnow
from maatwerk.core.errors import Conflict
from maatwerk.plans.access import PLAN_CLOSED, may_change_closed_plan, require_open_plan
from maatwerk.plans.models import Plan, PlanRevision


def snapshot_plan(plan: Any) -> dict[str, Any]:
    """A JSON-serialisable picture of the plan's content, for history and diffs (of an ORM
    plan, or of the rows plans/document.py reads in the same shape)."""
    return {
        "status": plan.status,
        "cycle": plan.cycle,
        "goals": {
            str(g.id): {
                "domain": g.domain.value,
                "title": g.title,
                "whyItMatters": g.why_it_matters,
                "strengths": g.strengths,
                "priorityRank": g.priority_rank,
                "status": g.status,
                "targetDate": g.target_date.isoformat() if g.target_date else None,
            }
            for g in plan.goals
        },
        "actions": {
            str(a.id): {
                "description": a.description,
                "carrier": a.carrier.value,
                "status": a.status,
                "dueDate": a.due_date.isoformat() if a.due_date else None,
                "leadOrganisationId": a.lead_organisation_id,
                "organisationIds": sorted(o.id for o in a.participating_organisations),
                "goalIds": sorted(g.id for g in a.goals),
                "interventionId": a.intervention_id,
                "assignedUserId": a.assigned_user_id,
            }
            for a in plan.actions
        },
        "team": {str(m.user_id): m.plan_role.value for m in plan.team if m.ended_at is None},
        "barriers": {
            str(b.id): {"category": b.category.value, "status": b.status} for b in plan.barriers
        },
    }


def _current_snapshot(plan: Plan) -> dict[str, Any]:
    """Write this change, then read the plan's parts as rows and picture them.

    We hold the plan row's lock now, so the parts include every change committed before
    ours: the snapshot is the true state at this version, also under concurrent writers.
    The parts are read as plain rows (plans/document.py), not reloaded into the session:
    the ORM graph reload cost most of a change (docs/PERFORMANCE.md).
    """
    from maatwerk.plans.document import load_plan_parts

    db.session.flush()
    parts = load_plan_parts(plan.id, plan.version)
    parts.status, parts.cycle = plan.status, plan.cycle
    return snapshot_plan(parts)


class StaleVersion(Exception):
    """The plan changed since the version the caller based its change on."""


def lock_plan_version(plan: Plan) -> None:
    """Lock the plan's row at the version this request read, before a change whose rules
    read more than one row (the team): a concurrent change waits here, then finds a newer
    version and raises StaleVersion instead of acting on what it read before."""
    locked = db.session.execute(
        select(Plan.id).where(Plan.id == plan.id, Plan.version == plan.version).with_for_update()
    ).scalar_one_or_none()
    if locked is None:
        raise StaleVersion(f"plan {plan.id} is no longer at version {plan.version}")


def touch_plan(
    plan: Plan,
    actor: Any,
    summary: str,
    *,
    expected_version: int | None = None,
    closing: bool = False,
) -> PlanRevision:
    """Record one change: bump the plan's version atomically and store its snapshot.

    The increment is one UPDATE ... RETURNING, so concurrent changes to different parts
    of a plan (two goals, say) never lose a version; with `expected_version` the change
    only applies to that version and raises StaleVersion otherwise.

    A closed plan is read-only (access.require_open_plan): no change to it is recorded,
    except the transition that closes it and the settling of its open barriers (`closing`).
    The UPDATE also only applies to a plan that is still open, so a change racing a
    concurrent close fails instead of landing on the closed plan.
    """
    statement = update(Plan).where(Plan.id == plan.id)
    guard_open = not closing and not may_change_closed_plan(actor)
    if guard_open:
        require_open_plan(plan, actor)
        statement = statement.where(Plan.closed_at.is_(None))
    if expected_version is not None:
        statement = statement.where(Plan.version == expected_version)
    # No autoflush: pending changes of the plan row are written after the bump, against
    # the new version (a confirmed version may already point at it).
    with db.session.no_autoflush:
        new_version = db.session.execute(
            statement.values(version=Plan.version + 1, updated_at=utcnow()).returning(Plan.version),
            execution_options={"synchronize_session": False},
        ).scalar_one_or_none()
    if new_version is None:
        if guard_open and expected_version is None:
            raise Conflict(PLAN_CLOSED)  # closed by a concurrent change
        raise StaleVersion(f"plan {plan.id} is no longer at version {expected_version}")
    # The row now holds new_version: tell the ORM, so its own UPDATEs match it.
    set_committed_value(plan, "version", new_version)
    revision = PlanRevision(
        plan=plan,
        version=new_version,
        snapshot=_current_snapshot(plan),
        summary=summary[:200],
        actor_user_id=getattr(actor, "id", None),
    )
    db.session.add(revision)
    return revision
