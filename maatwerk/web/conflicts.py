"""Edit conflicts: a form built on an old version never overwrites a newer one.

The conflict page lists what changed since the version the form was built on (from the
plan's history) and shows the form again on the current version, so the user can redo their
edit knowingly. An edit form is merged three ways against the item as the form showed it
(the plan's snapshot at that version): a field the user changed keeps their input, a field
they left alone takes the current value, so saving again never undoes what someone else
changed in between without the user seeing it. A field both changed keeps the user's input
and is named on the page.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from maatwerk.core.db import db
from maatwerk.plans.history import plan_history
from maatwerk.plans.models import Plan, PlanRevision
from maatwerk.web.common import actor, page
from maatwerk.web.history_words import readable_history
from maatwerk.web.triggers import trigger_buttons


def subject_key(obj: Any) -> str:
    """The history key of what the form edits: plan, goals.12, actions.3, barriers.5."""
    if isinstance(obj, Plan):
        return "plan"
    table = getattr(obj, "__tablename__", "")
    return f"{table}.{obj.id}"


# Edit form field -> (key in the plan snapshot, the item's current value).
EDITED_FIELDS: dict[str, dict[str, tuple[str, Any]]] = {
    "goal_edit": {
        "domain": ("domain", lambda g: g.domain.value),
        "title": ("title", lambda g: g.title),
        "why_it_matters": ("whyItMatters", lambda g: g.why_it_matters),
        "strengths": ("strengths", lambda g: g.strengths),
        "target_date": ("targetDate", lambda g: g.target_date),
    },
    "action_edit": {
        "description": ("description", lambda a: a.description),
        "carrier": ("carrier", lambda a: a.carrier.value),
        "goal_ids": ("goalIds", lambda a: [g.id for g in a.goals]),
        "lead_organisation_id": ("leadOrganisationId", lambda a: a.lead_organisation_id),
        "participating_ids": (
            "organisationIds",
            lambda a: [o.id for o in a.participating_organisations],
        ),
        "intervention_id": ("interventionId", lambda a: a.intervention_id),
        "assigned_user_id": ("assignedUserId", lambda a: a.assigned_user_id),
        "due_date": ("dueDate", lambda a: a.due_date),
    },
}


@dataclass
class Merge:
    """Labels of the edit form's fields: taken from the current version (the user left them
    alone), and changed by both the user and someone else (the user's input is kept)."""

    taken: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)


def comparable(value: Any) -> Any:
    """A form value and a snapshot value of the same field as one comparable value."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(int(v) for v in value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def merge_edit(kind: str, plan: Plan, obj: Any, form: Any, since_version: int | None) -> Merge:
    """Three-way merge of an edit form built on plan version `since_version`: the fields the
    user did not change get the item's current value. Without the snapshot the form (the
    user's input) is left as it is."""
    merge = Merge()
    fields = EDITED_FIELDS.get(kind)
    if not fields or since_version is None:
        return merge
    snapshot = db.session.scalar(
        select(PlanRevision.snapshot).where(
            PlanRevision.plan_id == plan.id, PlanRevision.version == since_version
        )
    )
    table = getattr(obj, "__tablename__", "")
    base = ((snapshot or {}).get(table) or {}).get(str(obj.id))
    if base is None:
        return merge
    for name, (key, current_of) in fields.items():
        form_field = form[name]
        shown, mine, now = base.get(key), form_field.data, current_of(obj)
        if comparable(mine) == comparable(shown):  # left alone: the current value
            if comparable(now) != comparable(shown):
                form_field.data = now
                form_field.raw_data = None  # a date field renders its raw input first
                merge.taken.append(str(form_field.label.text))
        elif comparable(now) != comparable(shown) and comparable(now) != comparable(mine):
            merge.both.append(str(form_field.label.text))
    return merge


def conflict_page(
    kind: str, plan: Plan, obj: Any, form: Any, since_version: int | None, **extra: Any
):
    """Answer 409 with what changed in between and the user's input on the current version
    (`extra`: what the page needs to offer the change again, e.g. the team membership)."""
    entries = plan_history(plan, since_version=since_version or 0)
    merge = merge_edit(kind, plan, obj, form, since_version)
    form.plan_version.data = plan.version
    if obj is not plan and hasattr(form, "version"):
        form.version.data = obj.version
    still_possible = None
    trigger = getattr(getattr(form, "trigger", None), "data", None)
    if trigger:
        still_possible = next(
            (b for b in trigger_buttons(obj, actor()) if b.trigger == trigger), None
        )
    return page(
        "pro/conflict.html",
        409,
        kind=kind,
        plan=plan,
        obj=obj,
        form=form,
        key=subject_key(obj),
        since_version=since_version,
        history=readable_history(plan, entries),
        button=still_possible,
        merge=merge,
        **extra,
    )
