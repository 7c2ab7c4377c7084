"""The plan's history in readable words: field diffs become sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Intervention
from maatwerk.core.db import db
from maatwerk.plans.history import FieldChange, HistoryEntry
from maatwerk.plans.models import Plan
from maatwerk.web.labels import CHANGE_SUMMARIES, change_summary, label

FIELDS = {
    "status": _l("status"),
    "cycle": _l("cycle"),
    "domain": _l("life domain"),
    "title": _l("words"),
    "whyItMatters": _l("why it matters"),
    "strengths": _l("strengths"),
    "priorityRank": _l("priority"),
    "targetDate": _l("target date"),
    "description": _l("description"),
    "carrier": _l("who carries it"),
    "dueDate": _l("due date"),
    "leadOrganisationId": _l("lead organisation"),
    "organisationIds": _l("participating organisations"),
    "goalIds": _l("goals"),
    "interventionId": _l("intervention"),
    "assignedUserId": _l("assigned professional"),
    "category": _l("category"),
}
KINDS = {"goals": _l("Goal"), "actions": _l("Action"), "barriers": _l("Barrier")}


@dataclass(frozen=True)
class Sentence:
    """One readable line of a history entry; `subject` names the thing it is about."""

    subject: str
    text: str
    key: str  # e.g. goals.12: what the change is about, for highlighting


@dataclass(frozen=True)
class ReadableEntry:
    """A plan version: who, when, what (summary) and the sentences of its diff."""

    version: int
    summary: str
    actor: User | None
    created_at: dt.datetime
    sentences: list[Sentence]


class Names:
    """Names of the organisations, interventions, users and goals a diff refers to."""

    def __init__(self, plan: Plan, changes: Iterable[FieldChange]) -> None:
        org_ids: set[int] = set()
        user_ids: set[int] = set()
        intervention_ids: set[int] = set()
        for change in changes:
            parts = change.path.split(".")
            for value in (change.before, change.after):
                if value is None:
                    continue
                if parts[-1] == "leadOrganisationId":
                    org_ids.add(value)
                elif parts[-1] == "organisationIds":
                    org_ids.update(value)
                elif parts[-1] == "assignedUserId":
                    user_ids.add(value)
                elif parts[-1] == "interventionId":
                    intervention_ids.add(value)
            if parts[0] == "team":
                user_ids.add(int(parts[1]))
        self.organisations = self._names(Organisation, Organisation.name, org_ids)
        self.users = self._names(User, User.display_name, user_ids)
        self.interventions = self._names(Intervention, Intervention.name, intervention_ids)
        self.goals = {goal.id: goal.title for goal in plan.goals}
        self.actions = {action.id: action.description for action in plan.actions}

    @staticmethod
    def _names(model: Any, column: Any, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        rows = db.session.execute(select(model.id, column).where(model.id.in_(ids)))
        return {row[0]: row[1] for row in rows}


def _value(field: str, value: Any, names: Names) -> str:
    if value is None or value == "" or value == []:
        return _("(empty)")
    if field == "status":
        return label("state", value)
    if field == "domain":
        return label("domain", value)
    if field == "carrier":
        return label("carrier", value)
    if field == "category":
        return label("barrier_category", value)
    if field in ("targetDate", "dueDate"):
        return format_date(dt.date.fromisoformat(value))
    if field == "leadOrganisationId":
        return names.organisations.get(value, "?")
    if field == "organisationIds":
        return ", ".join(names.organisations.get(i, "?") for i in value)
    if field == "goalIds":
        return ", ".join(f"“{names.goals.get(i, '?')}”" for i in value)
    if field == "interventionId":
        return names.interventions.get(value, "?")
    if field == "assignedUserId":
        return names.users.get(value, "?")
    return str(value)


def _subject(kind: str, object_id: str, values: dict[str, Any], names: Names) -> str:
    name = values.get("title") or values.get("description") or ""
    if kind == "goals":
        name = names.goals.get(int(object_id), name)
    elif kind == "actions":
        name = names.actions.get(int(object_id), name)
    if len(name) > 60:
        name = name[:57] + "…"
    return f"{KINDS[kind]} “{name}”" if name else f"{KINDS[kind]} {object_id}"


def sentences(changes: list[FieldChange], names: Names) -> list[Sentence]:
    """The diff of one version as sentences, new and removed items in one line each."""
    grouped: dict[tuple[str, str], list[FieldChange]] = {}
    out: list[Sentence] = []
    for change in changes:
        parts = change.path.split(".")
        if parts[0] in KINDS and len(parts) == 3:
            grouped.setdefault((parts[0], parts[1]), []).append(change)
        elif parts[0] == "team":
            who = names.users.get(int(parts[1]), "?")
            if change.before is None:
                text = _("%(who)s joined the team as %(role)s.", who=who, role=_role(change.after))
            elif change.after is None:
                text = _("%(who)s left the team.", who=who)
            else:
                text = _("%(who)s is now %(role)s.", who=who, role=_role(change.after))
            out.append(Sentence(str(_("Team")), text, "team"))
        else:
            field = parts[-1]
            text = _(
                "%(field)s: %(before)s → %(after)s",
                field=str(FIELDS.get(field, field)).capitalize(),
                before=_value(field, change.before, names),
                after=_value(field, change.after, names),
            )
            out.append(Sentence(str(_("Plan")), text, "plan"))
    for (kind, object_id), items in grouped.items():
        after = {c.path.split(".")[2]: c.after for c in items}
        before = {c.path.split(".")[2]: c.before for c in items}
        subject = _subject(kind, object_id, after if any(after.values()) else before, names)
        key = f"{kind}.{object_id}"
        if _appeared(before, after):
            out.append(Sentence(subject, _("Added."), key))
        elif _appeared(after, before):
            out.append(Sentence(subject, _("Removed."), key))
        else:
            for change in items:
                field = change.path.split(".")[2]
                text = _(
                    "%(field)s: %(before)s → %(after)s",
                    field=str(FIELDS.get(field, field)).capitalize(),
                    before=_value(field, change.before, names),
                    after=_value(field, change.after, names),
                )
                out.append(Sentence(subject, text, key))
    return out


def _appeared(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether the item is new in `after` (the changed fields of one item, before and after).
    Every goal, action and barrier has a status, so only a status that comes from nothing
    makes a new item; a field that was empty and got a value (a first priority, a due date)
    is a change of an existing one."""
    return before.get("status") is None and after.get("status") is not None


def _role(value: Any) -> str:
    return label("plan_role", value).lower()


def readable_history(plan: Plan, entries: list[HistoryEntry]) -> list[ReadableEntry]:
    """History entries with their diffs in words."""
    names = Names(plan, (c for entry in entries for c in entry.changes))
    return [
        ReadableEntry(
            entry.version,
            change_summary(entry.summary),
            entry.actor,
            entry.created_at,
            sentences(entry.changes, names),
        )
        for entry in entries
    ]


# The kind of item a revision summary's subject names ("action:agree" -> actions).
SUMMARY_KINDS = {"goal": "goals", "action": "actions", "barrier": "barriers"}
SHORT_NAME = 60


def changed_item_name(summary: str, changes: list[FieldChange]) -> str | None:
    """The goal, action or barrier one change is about, in a few words (its title, its
    description shortened, a barrier's category); None when it names no single item."""
    kind = SUMMARY_KINDS.get(summary.partition(":")[0])
    items: dict[str, dict[str, Any]] = {}
    for change in changes:
        parts = change.path.split(".")
        if len(parts) == 3 and parts[0] == kind:
            values = items.setdefault(parts[1], {})
            values[parts[2]] = change.after if change.after is not None else change.before
    if len(items) != 1:
        return None
    values = next(iter(items.values()))
    if kind == "barriers":
        name = label("barrier_category", values["category"]) if values.get("category") else ""
    else:
        name = values.get("title") or values.get("description") or ""
    name = " ".join(str(name).split())
    if len(name) > SHORT_NAME:
        name = name[: SHORT_NAME - 1].rstrip() + "…"
    return name or None


def change_line(summary: str, changes: list[FieldChange], snapshot: dict[str, Any]) -> str:
    """One line of "changed since your last visit": what happened, and to which goal,
    action or barrier ("Action “Sign up for debt help”: Agree")."""
    name = changed_item_name(summary, _with_names(summary, changes, snapshot))
    if name is None:
        return change_summary(summary)
    subject, _colon, trigger = summary.partition(":")
    if summary in CHANGE_SUMMARIES or not trigger:
        return _("%(what)s: “%(name)s”", what=change_summary(summary), name=name)
    return _(
        "%(subject)s “%(name)s”: %(trigger)s",
        subject=label("subject", subject),
        name=name,
        trigger=label("trigger", trigger),
    )


def _with_names(
    summary: str, changes: list[FieldChange], snapshot: dict[str, Any]
) -> list[FieldChange]:
    """The changes plus the changed items' title or description from the snapshot (a state
    change alone does not carry the item's words)."""
    kind = SUMMARY_KINDS.get(summary.partition(":")[0])
    named = list(changes)
    for item_id in {c.path.split(".")[1] for c in changes if c.path.startswith(f"{kind}.")}:
        current = (snapshot.get(kind) or {}).get(item_id) or {}
        for key in ("title", "description", "category"):
            path = f"{kind}.{item_id}.{key}"
            if key in current and all(c.path != path for c in changes):
                named.append(FieldChange(path, current[key], current[key]))
    return named
