"""How far ahead a goal's target date or an action's due date may lie."""

from __future__ import annotations

import datetime as dt

# A plan runs in cycles of about a year: a date more than ten years ahead is a typing error
# (2063 for 2026, 9999 ...), and would sit at the bottom of every "due" list for ever.
FURTHEST_YEARS_AHEAD = 10


def furthest_date(today: dt.date | None = None) -> dt.date:
    """The last date a target or due date may take."""
    today = today or dt.date.today()
    year = today.year + FURTHEST_YEARS_AHEAD
    # 29 February ten years on may not exist: the 28th then.
    return today.replace(year=year, day=min(today.day, 28 if today.month == 2 else 31))


def too_far_ahead(value: dt.date | None, today: dt.date | None = None) -> bool:
    """True for a date beyond furthest_date."""
    return value is not None and value > furthest_date(today)
