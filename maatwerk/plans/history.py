"""What changed between plan versions: field-level diffs of the stored snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from maatwerk.accounts.models import User
from maatwerk.core.db import db
from maatwerk.plans.models import Plan, PlanRevision


@dataclass(frozen=True)
class FieldChange:
    """One changed value, addressed by a path such as goals.12.title."""

    path: str
    before: Any
    after: Any


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: value}


def diff_snapshots(before: dict[str, Any] | None, after: dict[str, Any]) -> list[FieldChange]:
    """Every leaf that differs between two snapshots, in path order."""
    old, new = _flatten(before or {}), _flatten(after)
    return [
        FieldChange(path, old.get(path), new.get(path))
        for path in sorted(set(old) | set(new))
        if old.get(path) != new.get(path)
    ]


@dataclass(frozen=True)
class HistoryEntry:
    """One version of the plan: who, when, what changed."""

    version: int
    summary: str
    actor: User | None
    created_at: Any
    changes: list[FieldChange]


def plan_history(plan: Plan, *, since_version: int | None = None) -> list[HistoryEntry]:
    """The plan's versions, newest first, each with its diff against the one before."""
    revisions = db.session.scalars(
        select(PlanRevision)
        .where(PlanRevision.plan_id == plan.id)
        .options(joinedload(PlanRevision.actor).joinedload(User.organisation))
        .order_by(PlanRevision.version)
    ).all()
    entries = []
    previous: dict[str, Any] | None = None
    for revision in revisions:
        if since_version is None or revision.version > since_version:
            entries.append(
                HistoryEntry(
                    revision.version,
                    revision.summary,
                    revision.actor,
                    revision.created_at,
                    diff_snapshots(previous, revision.snapshot),
                )
            )
        previous = revision.snapshot
    return list(reversed(entries))
