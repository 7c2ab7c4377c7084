"""Monitoring outputs kept per process for as long as the rollups they were read from.

Every output is a function of its filters, its language and the published cells, and the
cells change only when a refresh rebuilds them, which stamps the year it rebuilt
(`monitoring_refreshes`). So a request reads the stamps (one small query: a row per year)
and serves the output made for the same stamps, filters and language if this process has
made it before; a refresh anywhere, by any process, changes the stamps and with them every
key. The catalogue around the figures (goal texts, area and intervention names) is taken as
of the output's first request after a refresh: catalogue changes show after the next one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask_babel import get_locale
from sqlalchemy import select

from maatwerk.core.db import db
from maatwerk.monitoring.models import MonitoringRefresh

T = TypeVar("T")
SIZE = 256  # outputs per process (a few hundred kilobytes of JSON at most)

_outputs: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def load_refreshed() -> dict[int, MonitoringRefresh]:
    """The refresh stamp of every year (a row per refreshed year)."""
    return {r.year: r for r in db.session.scalars(select(MonitoringRefresh))}


def stamp_of(refreshed: dict[int, MonitoringRefresh]) -> tuple:
    return tuple(
        (r.year, r.refreshed_at, r.cells, r.minimum_households)
        for r in sorted(refreshed.values(), key=lambda r: r.year)
    )


def cached(key: Hashable, refreshed: dict[int, MonitoringRefresh], make: Callable[[], T]) -> T:
    """The output under this key for these refresh stamps and the request's language; made
    by `make` on a miss. Nothing is kept before the first refresh (nothing to show)."""
    if not refreshed:
        return make()
    full_key = (key, str(get_locale()), stamp_of(refreshed))
    with _lock:
        if full_key in _outputs:
            _outputs.move_to_end(full_key)
            return _outputs[full_key]  # type: ignore[return-value]
    output = make()
    with _lock:
        _outputs[full_key] = output
        while len(_outputs) > SIZE:
            _outputs.popitem(last=False)
    return output


def clear() -> None:
    """Forget every kept output (tests)."""
    with _lock:
        _outputs.clear()
