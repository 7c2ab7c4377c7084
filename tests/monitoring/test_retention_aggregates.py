"""Retention keeps the anonymised aggregates (issue 9 item 6): erasing closed plans and their
households leaves the published monitoring cells as they were, and the dashboard still shows
the year's figures. (A later rebuild of that year counts only what is left: docs/indicators.md,
"Rollups".)"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.core.db import db
from maatwerk.households.models import Household
from maatwerk.monitoring.models import MonitoringCell
from maatwerk.plans.models import Plan
from maatwerk.privacy.retention import erase_expired_plans
from tests.monitoring.conftest import login


def cells() -> list[tuple]:
    rows = db.session.execute(
        select(
            MonitoringCell.indicator,
            MonitoringCell.series,
            MonitoringCell.year,
            MonitoringCell.area_scope,
            MonitoringCell.area_id,
            MonitoringCell.intervention_id,
            MonitoringCell.domain,
            MonitoringCell.households,
            MonitoringCell.numerator,
            MonitoringCell.denominator,
        )
    ).all()
    return sorted(tuple(row) for row in rows)


def test_erasure_keeps_the_published_figures(app, crowd):
    w = crowd.world
    closed = crowd.plans[:12]  # twelve households of village V1, plans started in 2024
    for plan in closed:
        plan.status, plan.closed_at = "closed", dt.datetime(2024, 11, 1, tzinfo=dt.UTC)
    db.session.commit()
    before = cells()
    assert before
    plan_ids = sorted(p.id for p in closed)
    household_ids = sorted(p.household_id for p in closed)

    report = erase_expired_plans(365, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    db.session.commit()

    assert sorted(report.plan_ids) == plan_ids
    assert sorted(report.household_ids) == household_ids
    assert db.session.scalar(select(Plan.id).where(Plan.id.in_(plan_ids))) is None
    assert db.session.scalar(select(Household.id).where(Household.id.in_(household_ids))) is None
    assert cells() == before  # the anonymised aggregates stay
    client = login(app, w.programme)
    page = client.get(f"/monitoring/indicatoren/plans_started?year=2024&areaId={w.v1.id}")
    assert page.status_code == 200
    assert ">14<" in page.get_data(as_text=True)


def test_erased_barriers_stay_counted_and_an_open_one_keeps_its_plan(app, db_session):
    from maatwerk.barriers.models import Barrier
    from maatwerk.barriers.operations import report_barrier
    from maatwerk.monitoring.rollup import refresh
    from tests.monitoring.conftest import TODAY, build_crowd
    from tests.monitoring.world import at

    crowd = build_crowd()
    w, closed = crowd.world, crowd.plans[:12]  # village V1, plans started in 2024
    barriers = []
    for plan in closed:
        barrier = report_barrier(plan, category="rules", description="Regel", actor=w.coordinator)
        barrier.reported_at = at("2024-03-01")
        barriers.append(barrier)
    for barrier in barriers[1:]:
        w.fire(barrier, "resolve", w.coordinator, "2024-04-01", reason="Opgelost")
        barrier.resolved_at = at("2024-04-01")
    for plan in closed:
        plan.status, plan.closed_at = "closed", dt.datetime(2024, 11, 1, tzinfo=dt.UTC)
    refresh([2024], today=TODAY)
    db.session.commit()
    before = cells()
    assert {"barriers_reported", "barriers_resolved"} <= {c[0] for c in before}

    report = erase_expired_plans(365, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    db.session.commit()

    open_plan = closed[0]
    assert report.postponed == {open_plan.id: [f"open barrier {barriers[0].reference}"]}
    assert sorted(report.plan_ids) == sorted(p.id for p in closed[1:])
    assert sorted(report.barrier_ids) == sorted(b.id for b in barriers[1:])
    assert db.session.get(Household, open_plan.household_id) is not None
    assert (
        db.session.scalar(
            select(func.count(Barrier.id)).where(Barrier.id.in_([b.id for b in barriers]))
        )
        == 1
    )
    assert cells() == before  # the anonymised aggregates stay
