"""Edit conflicts: a form built on an old version never overwrites a newer one.

The conflict page lists what changed since the version the form was built on (from the
plan's history) and shows the form again with the user's own input, now on the current
version, so they can redo their edit knowingly.
"""

from __future__ import annotations

from typing import Any

from maatwerk.plans.history import plan_history
from maatwerk.plans.models import Plan
from maatwerk.web.common import actor, page
from maatwerk.web.history_words import readable_history
from maatwerk.web.triggers import trigger_buttons


def subject_key(obj: Any) -> str:
    """The history key of what the form edits: plan, goals.12, actions.3, barriers.5."""
    if isinstance(obj, Plan):
        return "plan"
    table = getattr(obj, "__tablename__", "")
    return f"{table}.{obj.id}"


def conflict_page(kind: str, plan: Plan, obj: Any, form: Any, since_version: int | None):
    """Answer 409 with what changed in between and the user's input on the current version."""
    entries = plan_history(plan, since_version=since_version or 0)
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
    )
