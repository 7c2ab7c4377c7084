"""The period an indicator counts over: one calendar year, in Dutch local time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Period:
    """A calendar year: dates for date columns, UTC instants for timestamps.

    `until_day`/`until` cut the current year off at today, so exposure (plan-years) is
    never counted ahead of time.
    """

    year: int
    first_day: dt.date
    next_first_day: dt.date
    start: dt.datetime
    end: dt.datetime
    until_day: dt.date
    until: dt.datetime

    @classmethod
    def of(cls, year: int, today: dt.date | None = None) -> Period:
        today = today or dt.datetime.now(LOCAL).date()
        first, following = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        start = dt.datetime(year, 1, 1, tzinfo=LOCAL).astimezone(dt.UTC)
        end = dt.datetime(year + 1, 1, 1, tzinfo=LOCAL).astimezone(dt.UTC)
        until_day = min(following, today + dt.timedelta(days=1))
        until = min(end, dt.datetime.combine(until_day, dt.time(), LOCAL).astimezone(dt.UTC))
        return cls(year, first, following, start, end, until_day, until)
