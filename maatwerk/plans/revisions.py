"""Plan versions: every change bumps the version once and stores a snapshot."""

from __future__ import annotations

from typing import Any

from maatwerk.core.db import db
from maatwerk.plans.models import Plan, PlanRevision


def snapshot_plan(plan: Plan) -> dict[str, Any]:
    """A JSON-serialisable picture of the plan's content, for history and diffs."""
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


def touch_plan(plan: Plan, actor: Any, summary: str) -> PlanRevision:
    """Record one change: bump the plan's version and store its snapshot as a revision."""
    plan.version = (plan.version or 0) + 1
    revision = PlanRevision(
        plan=plan,
        version=plan.version,
        snapshot=snapshot_plan(plan),
        summary=summary[:200],
        actor_user_id=getattr(actor, "id", None),
    )
    db.session.add(revision)
    return revision
