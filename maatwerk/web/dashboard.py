"""The professional's dashboard: my plans by status, overdue, what changed, barriers."""

from __future__ import annotations

import datetime as dt

from maatwerk.accounts.visits import last_dashboard_visit, record_dashboard_visit
from maatwerk.core.db import utcnow
from maatwerk.web.common import actor, bp, page, staff_required
from maatwerk.web.history_words import change_line
from maatwerk.web.queries import dashboard as dashboard_data

# Without a previous visit, "what changed" covers this many days.
DEFAULT_LOOKBACK_DAYS = 14


@bp.get("/werk")
@staff_required
def dashboard():
    """My plans by status, overdue actions, changes since my last visit, barriers."""
    user, now = actor(), utcnow()
    # "Changed since your last visit" starts at the previous look at this page (not at the
    # login): what was shown once is not new the next time.
    previous = last_dashboard_visit(user.id)
    data = dashboard_data(user, previous or now - dt.timedelta(days=DEFAULT_LOOKBACK_DAYS))
    record_dashboard_visit(user.id, now)
    return page(
        "pro/dashboard.html",
        data=data,
        has_previous_visit=previous is not None,
        today=dt.date.today(),
        change_line=change_line,
    )
