"""The programme's agenda of structural barriers: grouped by category and by rule or law.

Only references, categories, rules, counts, ages, organisations and operational goals:
no household, no free text, nothing that identifies a family.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from maatwerk.accounts.models import User
from maatwerk.audit.operations import record_audit
from maatwerk.barriers.models import Barrier
from maatwerk.barriers.presenting import member_names, scrub_names
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.core.errors import Forbidden
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan


@dataclass
class AgendaGroup:
    """Structural barriers that share a category, a rule, or both."""

    category: str | None
    rule: str | None
    count: int
    oldest_age_days: int
    average_age_days: int
    organisations: list[str]
    operational_goals: list[dict[str, Any]]
    barrier_references: list[str]
    barrier_ids: list[int]
    rules: list[AgendaGroup] = field(default_factory=list)


@dataclass
class Agenda:
    """The agenda at one moment."""

    generated_at: dt.datetime
    include_resolved: bool
    total_count: int
    by_category: list[AgendaGroup]
    by_rule: list[AgendaGroup]


def structural_barriers(*, include_resolved: bool = False) -> list[Barrier]:
    """Every structural barrier (open ones only unless asked), with what the agenda shows."""
    query = (
        select(Barrier)
        .where(Barrier.structural.is_(True))
        .options(
            selectinload(Barrier.escalated_to),
            selectinload(Barrier.operational_goals),
            joinedload(Barrier.reported_by).joinedload(User.organisation),
            joinedload(Barrier.plan).joinedload(Plan.household).selectinload(Household.members),
        )
        .order_by(Barrier.reported_at, Barrier.id)
    )
    if not include_resolved:
        query = query.where(Barrier.status == "structural")
    return list(db.session.scalars(query))


def _organisations(barrier: Barrier) -> set[str]:
    names = {o.name for o in barrier.escalated_to}
    reporter = barrier.reported_by
    if reporter is not None and reporter.organisation is not None:
        names.add(reporter.organisation.name)
    return names


def _group(
    barriers: list[Barrier], today: dt.date, *, category: str | None, rule: str | None
) -> AgendaGroup:
    ages = [b.age_days(today) for b in barriers]
    goals = {g.id: g for b in barriers for g in b.operational_goals}
    return AgendaGroup(
        category=category,
        rule=rule,
        count=len(barriers),
        oldest_age_days=max(ages),
        average_age_days=round(sum(ages) / len(ages)),
        organisations=sorted(set().union(*(_organisations(b) for b in barriers))),
        operational_goals=[
            {"id": g.id, "code": g.code, "text": g.text}
            for g in sorted(goals.values(), key=lambda g: g.code)
        ],
        barrier_references=[b.reference for b in barriers],
        barrier_ids=[b.id for b in barriers],
    )


def _partition(barriers: Iterable[Barrier], key: Callable[[Barrier], str]) -> dict[str, list]:
    groups: dict[str, list[Barrier]] = {}
    for barrier in barriers:
        groups.setdefault(key(barrier), []).append(barrier)
    return groups


def _rule(barrier: Barrier) -> str:
    """The rule or law, scrubbed like everything the programme sees (a name never leaks)."""
    rule = (barrier.rule_concerned or "").strip()
    return scrub_names(rule, member_names(barrier)) or "" if rule else ""


def _ordered(groups: list[AgendaGroup]) -> list[AgendaGroup]:
    """Most barriers first, then the longest waiting."""
    return sorted(
        groups, key=lambda g: (-g.count, -g.oldest_age_days, g.category or "", g.rule or "")
    )


def build_agenda(user: User, *, include_resolved: bool = False) -> Agenda:
    """The agenda for the programme (others: 403); audited as a read of barriers."""
    if getattr(user, "role", None) is not Role.PROGRAMME:
        raise Forbidden("Only the programme sees the agenda of structural barriers.")
    barriers = structural_barriers(include_resolved=include_resolved)
    today = utcnow().date()
    by_category = []
    for category, members in _partition(barriers, lambda b: b.category.value).items():
        group = _group(members, today, category=category, rule=None)
        group.rules = _ordered(
            [
                _group(ruled, today, category=category, rule=rule)
                for rule, ruled in _partition(members, _rule).items()
            ]
        )
        by_category.append(group)
    by_rule = [
        _group(members, today, category=None, rule=rule)
        for rule, members in _partition(barriers, _rule).items()
    ]
    record_audit(
        actor=user,
        action="read",
        object_type="barrier_agenda",
        object_id=None,
        purpose="programme_steering",
    )
    return Agenda(
        generated_at=utcnow(),
        include_resolved=include_resolved,
        total_count=len(barriers),
        by_category=_ordered(by_category),
        by_rule=_ordered(by_rule),
    )


CSV_COLUMNS = [
    "category",
    "rule_or_law",
    "count",
    "oldest_age_days",
    "average_age_days",
    "organisations",
    "operational_goals",
    "barrier_references",
]


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def agenda_csv(agenda: Agenda, label: Callable[[str], str] = str) -> str:
    """One row per category and rule; `label` turns a category code into words."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for group in agenda.by_category:
        for row in group.rules:
            writer.writerow(
                _cell(value)
                for value in [
                    label(row.category or ""),
                    row.rule or "",
                    row.count,
                    row.oldest_age_days,
                    row.average_age_days,
                    "; ".join(row.organisations),
                    "; ".join(g["code"] for g in row.operational_goals),
                    " ".join(row.barrier_references),
                ]
            )
    return out.getvalue()


def record_export(user: User, kind: str) -> None:
    """Audit an export (CSV) or a print (PDF) of the agenda."""
    record_audit(
        actor=user,
        action=kind,
        object_type="barrier_agenda",
        object_id=None,
        purpose="programme_steering",
    )
