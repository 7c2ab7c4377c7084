"""The programme's "update now" button at scale: the rollup refresh in a thread of the app
process, so the request answers at once (at 500,000 households a refresh of two years takes
minutes, longer than gunicorn lets a request run; docs/PERFORMANCE.md)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from flask import Flask, current_app

from maatwerk.core.db import db
from maatwerk.monitoring.rollup import refresh

log = logging.getLogger(__name__)


def refreshes_in_background() -> bool:
    """True where the button's refresh leaves the request: configured, and on PostgreSQL
    (SQLite has one writer, so a thread would only make the requests beside it wait)."""
    return bool(current_app.config.get("MONITORING_REFRESH_IN_BACKGROUND")) and (
        db.session.get_bind().dialect.name == "postgresql"
    )


def start_refresh(years: Iterable[int]) -> threading.Thread:
    """Refresh the rollups of these years in a new thread with its own session, and commit.

    Overlapping refreshes (the nightly command, another process's button) wait for each
    other on the advisory lock in `refresh`; a refresh that dies (the worker is recycled or
    killed) rolls back and leaves the previous figures in place."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    wanted = sorted(set(years))

    def run() -> None:
        with app.app_context():
            try:
                refresh(wanted)
                db.session.commit()
                log.info("monitoring refresh done: years %s", wanted)
            except Exception:
                db.session.rollback()
                log.exception("monitoring refresh failed: years %s", wanted)
            finally:
                db.session.remove()

    thread = threading.Thread(target=run, name="monitoring-refresh", daemon=True)
    thread.start()
    return thread
