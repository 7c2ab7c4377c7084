"""What changed in the plan since the version a family's form was based on, in plain words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _

from maatwerk.core.enums import Role
from maatwerk.plans.history import FieldChange, plan_history
from maatwerk.plans.models import Plan
from maatwerk.portal.labels import ACTION_STATES, PLAN_STATES, label

MAX_WORDS = 80


@dataclass(frozen=True)
class ChangeNote:
    """One version: who changed what, and when."""

    who: str
    when: dt.datetime
    lines: list[str]


def _short(text: str | None) -> str:
    text = (text or "").strip()
    return text if len(text) <= MAX_WORDS else text[: MAX_WORDS - 1].rstrip() + "…"


def _group(changes: list[FieldChange]) -> dict[tuple[str, str], dict[str, FieldChange]]:
    groups: dict[tuple[str, str], dict[str, FieldChange]] = {}
    for change in changes:
        parts = change.path.split(".")
        if len(parts) >= 3 and parts[0] in ("goals", "actions"):
            groups.setdefault((parts[0], parts[1]), {})[parts[2]] = change
        else:
            groups.setdefault((parts[0], ""), {})[parts[-1]] = change
    return groups


def _goal_line(fields: dict[str, FieldChange], title: str) -> str | None:
    if "title" in fields and fields["title"].before is None:
        return _("New goal: %(title)s", title=title)
    status = fields.get("status")
    if status is not None:
        lines = {
            "accepted": _("Goal added to your plan: %(title)s", title=title),
            "rejected": _("Goal not chosen: %(title)s", title=title),
            "achieved": _("Goal achieved: %(title)s", title=title),
        }
        return lines.get(status.after, _("Goal stopped: %(title)s", title=title))
    if set(fields) == {"priorityRank"}:
        return None  # one line for the whole order, below
    return _("The words of a goal changed: %(title)s", title=title)


def _action_line(fields: dict[str, FieldChange], what: str) -> str:
    if "description" in fields and fields["description"].before is None:
        return _("New step: %(what)s", what=what)
    status = fields.get("status")
    if status is not None:
        return _("%(state)s: %(what)s", state=label(ACTION_STATES, status.after), what=what)
    due = fields.get("dueDate")
    if due is not None and due.after:
        when = format_date(dt.date.fromisoformat(due.after), "long")
        return _("New date for a step: %(what)s (by %(date)s)", what=what, date=when)
    return _("A step changed: %(what)s", what=what)


def describe(changes: list[FieldChange], plan: Plan) -> list[str]:
    """Plain sentences for one version's field changes."""
    goals = {str(g.id): g.title for g in plan.goals}
    actions = {str(a.id): a.description for a in plan.actions}
    lines: list[str] = []
    order_changed = False
    for (kind, item_id), fields in _group(changes).items():
        if kind == "goals":
            title = _short(goals.get(item_id) or _after(fields, "title"))
            line = _goal_line(fields, title)
            order_changed = order_changed or "priorityRank" in fields
        elif kind == "actions":
            what = _short(actions.get(item_id) or _after(fields, "description"))
            line = _action_line(fields, what)
        elif kind == "status":
            state = label(PLAN_STATES, fields["status"].after)
            line = _("The plan now says: %(state)s", state=state)
        elif kind == "team":
            line = _("The team changed.")
        elif kind == "barriers":
            line = _("Something changed about a problem the team is solving.")
        else:
            line = None
        if line and line not in lines:
            lines.append(line)
    if order_changed:
        lines.append(_("The order of your goals changed."))
    return lines


def _after(fields: dict[str, FieldChange], name: str) -> str:
    change = fields.get(name)
    return str(change.after or change.before or "") if change else ""


def changes_since(plan: Plan, version: int, viewer: Any) -> list[ChangeNote]:
    """The plan's changes after `version`, newest first, each with who and when."""
    notes = []
    for entry in plan_history(plan, since_version=version):
        actor = entry.actor
        if actor is None:
            who = _("The system")
        elif actor.id == viewer.id:
            who = _("You")
        elif actor.role is Role.FAMILY:
            who = actor.display_name
        elif actor.organisation is not None:
            who = _(
                "%(name)s (%(organisation)s)",
                name=actor.display_name,
                organisation=actor.organisation.name,
            )
        else:
            who = actor.display_name
        lines = describe(entry.changes, plan) or [_("Something small changed.")]
        notes.append(ChangeNote(who=who, when=entry.created_at, lines=lines))
    return notes
