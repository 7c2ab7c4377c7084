"""A goal the programme adds leaves monitoring working: listed without indicators, the
refresh, dashboard, export, annual report and API unchanged; a retired goal stays listed."""

from __future__ import annotations

import datetime as dt

import pytest

from maatwerk.catalogue import goal_operations as goal_ops
from maatwerk.monitoring.registry import indicators_of
from maatwerk.monitoring.rollup import refresh
from tests.monitoring.conftest import bearer, login
from tests.monitoring.world import World
from tests.web.helpers import text


@pytest.fixture
def world(db_session) -> World:
    w = World()
    household = w.household(w.v1, referred_on="2024-01-02")
    w.plan(household, "2024-01-10")
    db_session.commit()
    return w


def test_a_new_goal_is_listed_without_indicators_and_nothing_breaks(app, world, db_session):
    goal = goal_ops.create_operational_goal(
        text="Gezinnen kennen hun buren",
        programme_line="target_group",
        phase_plan=3,
        actor=world.programme,
    )
    db_session.commit()
    assert indicators_of(goal.code) == ()
    refresh([2024], today=dt.date(2025, 6, 1))
    db_session.commit()
    client = login(app, world.programme)
    dashboard = client.get("/monitoring?year=2024")
    assert dashboard.status_code == 200
    page = text(dashboard)
    assert goal.code in page and "Gezinnen kennen hun buren" in page
    assert "Voor dit doel is nog geen indicator vastgesteld." in page
    for path in ("/monitoring/export.csv?year=2024", "/monitoring/jaarverslag.pdf?year=2024"):
        assert client.get(path).status_code == 200, path
    api = app.test_client()
    indicators = api.get("/api/v1/monitoring/indicators", headers=bearer(api, world.programme))
    assert indicators.status_code == 200

    goal_ops.retire_operational_goal(goal, actor=world.programme)
    db_session.commit()
    assert goal.code in text(client.get("/monitoring?year=2024"))  # its years stay reported
