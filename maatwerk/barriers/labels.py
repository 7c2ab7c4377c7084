"""Words for the codes the barrier pages, the agenda PDF and the notifications show.

English msgids (lazy_gettext); the Dutch is in translations/nl/LC_MESSAGES/messages.po.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from maatwerk.core.enums import BarrierCategory

CATEGORIES = {
    BarrierCategory.RULES: _l("Rules or law"),
    BarrierCategory.BUDGET: _l("Budget"),
    BarrierCategory.WAITING_LIST: _l("Waiting list"),
    BarrierCategory.COLLABORATION: _l("Collaboration"),
    BarrierCategory.INFORMATION_SHARING: _l("Sharing information"),
    BarrierCategory.CAPACITY: _l("Capacity"),
    BarrierCategory.OTHER: _l("Other"),
}

STATES = {
    "reported": _l("Reported"),
    "escalated": _l("Escalated"),
    "structural": _l("Structural"),
    "resolved": _l("Resolved"),
}

TRIGGERS = {
    "escalate": _l("Escalate"),
    "decide": _l("Decide"),
    "make_structural": _l("Make structural"),
    "resolve": _l("Mark as resolved"),
    "resolve_structural": _l("Resolve the structural barrier"),
}

# What the reason field asks for, per trigger.
REASON_LABELS = {
    "escalate": _l("Why escalate (optional)"),
    "decide": _l("Decision"),
    "make_structural": _l("Why this cannot be solved case by case"),
    "resolve": _l("How the team solved it"),
    "resolve_structural": _l("How the programme resolved it"),
}

ACTION_STATES = {
    "proposed": _l("Proposed"),
    "agreed": _l("Agreed"),
    "in_progress": _l("In progress"),
    "blocked": _l("Blocked"),
    "done": _l("Done"),
    "rejected": _l("Rejected"),
    "cancelled": _l("Cancelled"),
}

NOTIFICATIONS = {
    "barrier_escalated": _l("A barrier was escalated and waits for a decision"),
    "barrier_decided": _l("A manager decided on a barrier"),
    "barrier_structural": _l("A barrier was put on the programme's agenda"),
    "barrier_resolved": _l("A structural barrier was resolved"),
}

# Revision summaries this package writes (for the plan's history).
CHANGE_SUMMARIES = {
    "barrier:report": _l("A barrier was reported"),
    "barrier:update": _l("A barrier was changed"),
    "barrier:grant": _l("Money was granted from the flexible budget for a barrier"),
}

TABLES: dict[str, dict[Any, Any]] = {
    "category": CATEGORIES,
    "state": STATES,
    "trigger": TRIGGERS,
    "reason": REASON_LABELS,
    "action_state": ACTION_STATES,
    "notification": NOTIFICATIONS,
}


def label(kind: str, code: Any) -> str:
    """The translated word for a code (the code itself when there is none)."""
    if code is None:
        return ""
    key = getattr(code, "value", code)
    found = TABLES[kind].get(key)
    if found is None:
        found = TABLES[kind].get(str(key))
    return str(found) if found is not None else str(key).replace("_", " ")


# Messages of this package's domain errors (and the workflow's) that a page may show.
DOMAIN_MESSAGES = [
    _l("Not found."),
    _l("Only the team reports barriers."),
    _l("Unknown category."),
    _l("Describe what blocks."),
    _l("An action of another plan."),
    _l("Only the team changes this barrier."),
    _l("An escalated or resolved barrier can no longer be changed."),
    _l("Only the team escalates barriers."),
    _l("Organisations are named when escalating."),
    _l("Money is granted with a decision."),
    _l("Only the programme links operational goals."),
    _l("Only structural barriers are linked to operational goals."),
    _l("Unknown operational goal."),
    _l("Not a valid amount."),
    _l("Only the programme or a manager of this organisation sets its budget."),
    _l("This organisation already has a budget for this year."),
    _l("The yearly amount cannot be lower than what was already granted."),
    _l("Your organisation has no flexible budget for this year."),
    _l("Not enough flexible budget remains for this grant."),
    _l("Only the programme sees the agenda of structural barriers."),
    _l("Choose at least one organisation to escalate this barrier to."),
    _l("Please give a reason."),
    _l("Someone else changed this at the same moment. Reload the page and try again."),
]
