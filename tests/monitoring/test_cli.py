"""`maatwerk monitoring refresh` and the audit trail of monitoring exports."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.monitoring.models import MonitoringCell, MonitoringRefresh
from tests.monitoring.conftest import login
from tests.monitoring.world import World, populate


def test_refresh_command_rebuilds_the_rollups(app, db_session):
    w = World()
    populate(w, [(w.v1, 12, 2024)])
    db_session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["monitoring", "refresh", "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert "2024:" in result.output and "cells published" in result.output
    refreshed = db_session.get(MonitoringRefresh, 2024)
    assert refreshed is not None and refreshed.minimum_households == 10
    cells = db_session.scalars(
        select(MonitoringCell).where(
            MonitoringCell.indicator == "plans_started", MonitoringCell.year == 2024
        )
    ).all()
    assert {c.households for c in cells} == {12}
    assert all(c.households >= 10 for c in db_session.scalars(select(MonitoringCell)))
    # A second run replaces the year instead of adding to it.
    again = runner.invoke(args=["monitoring", "refresh", "--year", "2024"])
    assert again.exit_code == 0
    assert len(
        db_session.scalars(
            select(MonitoringCell).where(MonitoringCell.indicator == "plans_started")
        ).all()
    ) == len(cells)
    assert runner.invoke(args=["monitoring", "refresh", "--all"]).exit_code == 0


def test_exports_and_prints_are_audited_without_households(app, db_session):
    w = World()
    db_session.commit()
    client = login(app, w.programme)
    assert client.get("/monitoring/export.csv?year=2024").status_code == 200
    assert client.get("/monitoring/jaarverslag.pdf?year=2024").status_code == 200
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == "monitoring")
    ).all()
    assert {e.action.value for e in events} == {"export", "print"}
    assert all(e.household_ids == [] and e.user_id == w.programme.id for e in events)
