"""The user's last look at the dashboard, where "changed since your last visit" starts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from maatwerk.accounts.models import DashboardVisit
from maatwerk.core.db import db


def last_dashboard_visit(user_id: int) -> dt.datetime | None:
    """When the user last looked at the dashboard (None: never)."""
    return db.session.scalar(
        select(DashboardVisit.seen_at).where(DashboardVisit.user_id == user_id)
    )


def record_dashboard_visit(user_id: int, at: dt.datetime) -> None:
    """Remember that the user looked at the dashboard at `at` (one statement, also when two
    tabs of the same user load it at once)."""
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(DashboardVisit)
    db.session.execute(
        insert.values(user_id=user_id, seen_at=at).on_conflict_do_update(
            index_elements=[DashboardVisit.user_id], set_={"seen_at": at}
        )
    )
