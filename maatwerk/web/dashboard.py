"""The professional's dashboard: my plans by status, overdue, what changed, barriers."""

from __future__ import annotations

import datetime as dt

from flask import session

from maatwerk.core.db import utcnow
from maatwerk.web.common import actor, bp, page, staff_required
from maatwerk.web.queries import dashboard as dashboard_data

# Without a previous visit, "what changed" covers this many days.
DEFAULT_LOOKBACK_DAYS = 14


def previous_visit() -> dt.datetime:
    """The start of the user's previous session (stored at login), or two weeks ago."""
    stored = session.get("previous_login_at")
    if stored:
        try:
            moment = dt.datetime.fromisoformat(stored)
        except ValueError:
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return utcnow() - dt.timedelta(days=DEFAULT_LOOKBACK_DAYS)


@bp.get("/werk")
@staff_required
def dashboard():
    """My plans by status, overdue actions, changes since my last visit, barriers."""
    data = dashboard_data(actor(), previous_visit())
    return page(
        "pro/dashboard.html",
        data=data,
        has_previous_visit="previous_login_at" in session,
        today=dt.date.today(),
    )
