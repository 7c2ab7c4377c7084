"""`maatwerk synth`: synthetic households that satisfy every constraint and every rule the
app relies on, on SQLite and PostgreSQL, inside the test's rolled-back transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from maatwerk.audit.models import AuditEvent
from maatwerk.audit.operations import verify_chain
from maatwerk.barriers.models import Barrier
from maatwerk.cli import main
from maatwerk.core.enums import BarrierCategory
from maatwerk.goals.models import Action, Goal
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan, TransitionEvent
from maatwerk.synth.run import RefusedInProduction, synthesize
from maatwerk.synth.tables import COLUMNS
from maatwerk.workflow import (
    ENGINE,
    all_open_goals_ranked,
    outcome_scores_complete,
    top_goal_has_agreed_action,
)

TODAY = dt.date(2026, 11, 20)


def _count(session, table: str) -> int:
    from maatwerk.core.db import db

    return session.scalar(select(func.count()).select_from(db.metadata.tables[table])) or 0


def test_adds_the_households_and_reports_what_it_wrote(db_session):
    before = {t: _count(db_session, t) for t in COLUMNS}
    summary = synthesize(150, seed=7, batch_size=60, today=TODAY, commit=False)
    assert summary.rows["households"] == 150
    assert summary.rows["plans"] == 150
    for table in COLUMNS:
        added = _count(db_session, table) - before[table]
        if table == "users":  # also the catalogue's staff and the synthetic professionals
            assert added > summary.rows[table]
        else:
            assert added == summary.rows[table], table
    assert summary.households_per_second > 0
    assert "households/s" in summary.lines()[-1]


def test_covers_every_workflow_state_category_and_status(db_session):
    synthesize(500, seed=11, today=TODAY, commit=False)
    plans = set(db_session.execute(select(Plan.workflow_name, Plan.status).distinct()).all())
    for name in ("plan_standard", "plan_light"):
        for state in ENGINE.definition(name).states:
            assert (name, state) in plans, (name, state)
    for model, name in ((Goal, "goal"), (Action, "action"), (Barrier, "barrier")):
        seen = set(db_session.scalars(select(model.status).distinct()))
        assert seen == set(ENGINE.definition(name).states), name
    categories = set(db_session.scalars(select(Barrier.category).distinct()))
    assert categories == set(BarrierCategory)
    cycles = set(db_session.scalars(select(Plan.cycle).distinct()))
    assert {1, 2} <= cycles
    years = {d.year for d in db_session.scalars(select(Plan.started_on))}
    assert {TODAY.year, TODAY.year - 1, TODAY.year - 2} <= years


def test_plans_obey_the_workflow_rules(db_session):
    synthesize(300, seed=3, today=TODAY, commit=False)
    plans = db_session.scalars(select(Plan)).all()
    assert plans
    for plan in plans:
        events = db_session.scalars(
            select(TransitionEvent)
            .where(TransitionEvent.subject_type == "plan", TransitionEvent.subject_id == plan.id)
            .order_by(TransitionEvent.occurred_at)
        ).all()
        states = [ENGINE.definition(plan.workflow_name).initial] + [e.to_state for e in events]
        assert all(e.from_state == s for e, s in zip(events, states, strict=False))
        assert states[-1] == plan.status
        assert plan.cycle == 1 + sum(e.trigger == "new_cycle" for e in events)
        coordinators = [m for m in plan.active_team if m.plan_role.value == "coordinator"]
        assert len(coordinators) == 1
        ranks = [g.priority_rank for g in plan.goals if g.priority_rank is not None]
        assert all(g.status == "accepted" for g in plan.goals if g.priority_rank is not None)
        assert len(ranks) == len(set(ranks))
        confirmed = any(e.trigger == "confirm_plan" for e in events)
        if plan.status in ("active", "paused", "evaluating") and confirmed:
            assert all_open_goals_ranked(plan, None) or not any(
                g.status == "accepted" for g in plan.goals
            )
            assert top_goal_has_agreed_action(plan, None) or not ranks
        if events and events[-1].trigger == "close" and plan.workflow_name == "plan_standard":
            assert outcome_scores_complete(plan, None)
        revisions = {r.version for r in plan.revisions}
        if plan.version > 1:
            assert plan.version in revisions
        if plan.confirmed_version is not None:
            assert plan.confirmed_version in revisions
        for action in plan.actions:
            if action.status == "blocked":
                assert any(
                    b.action_id == action.id and b.status != "resolved" for b in plan.barriers
                )


def test_the_audit_chain_still_verifies_after_two_runs(db_session):
    synthesize(80, seed=1, today=TODAY, commit=False)
    first = verify_chain(db_session)
    assert first.ok, first
    first_max = db_session.scalar(select(func.max(Household.id)))
    synthesize(70, seed=1, today=TODAY, commit=False)
    second = verify_chain(db_session)
    assert second.ok, second
    assert second.checked > first.checked
    # Additive: new ids after the old ones, other households although the seed is the same.
    new = db_session.scalars(select(Household).where(Household.id > first_max)).all()
    assert len(new) == 70
    references = db_session.scalars(select(Household.reference)).all()
    assert len(references) == len(set(references))
    assert db_session.scalar(select(func.count()).select_from(AuditEvent)) == second.checked


def test_the_api_serves_a_synthetic_plan_and_its_history(client, db_session):
    synthesize(120, seed=5, today=dt.date.today(), commit=False)
    db_session.commit()
    plan = db_session.scalar(
        select(Plan).where(Plan.status == "active", Plan.confirmed_version.is_not(None))
    )
    coordinator = next(m.user for m in plan.active_team if m.plan_role.value == "coordinator")
    for login in (coordinator.login, f"synth.gezin.{plan.household_id}"):
        token = client.post(
            "/api/v1/auth/tokens", json={"login": login, "password": "maatwerk-demo"}
        )
        assert token.status_code == 201, token.get_json()
        headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
        response = client.get(f"/api/v1/plans/{plan.id}", headers=headers)
        assert response.status_code == 200, response.get_json()
        assert len(response.get_json()["goals"]) == len(plan.goals)
        history = client.get(f"/api/v1/plans/{plan.id}/history", headers=headers)
        assert history.status_code == 200, history.get_json()
        versions = [entry["version"] for entry in history.get_json()]
        assert versions[0] == plan.version and plan.confirmed_version in versions
    assert verify_chain(db_session).ok


def test_monitoring_publishes_cells_over_synthetic_households(db_session):
    from maatwerk.monitoring.models import MonitoringCell
    from maatwerk.monitoring.rollup import refresh

    today = dt.date.today()
    synthesize(600, seed=9, years=2, today=today, commit=False)
    # One full year (refreshing costs the same for every year, whatever its size).
    stored = refresh([today.year - 1], today=today)
    assert stored[today.year - 1] > 0
    indicators = Counter(db_session.scalars(select(MonitoringCell.indicator)))
    assert len(indicators) >= 10
    assert db_session.scalar(select(func.min(MonitoringCell.households))) >= 10


def test_same_seed_same_data(db_session):
    from maatwerk.synth.context import build_context
    from maatwerk.synth.generate import Generator

    context = build_context(50)
    rows = [
        Generator(context, seed=4, today=TODAY, years=3, first_ids={}).batch(50) for _ in range(2)
    ]
    assert rows[0] == rows[1]


def test_refuses_a_production_configuration(app, db_session, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    with pytest.raises(RefusedInProduction):
        synthesize(5, commit=False)
    runner = app.test_cli_runner()
    result = runner.invoke(main, ["synth", "--households", "5"])
    assert result.exit_code == 1
    assert "--allow-production" in result.output


def test_the_command(app, db_session):
    result = app.test_cli_runner().invoke(main, ["synth", "--households", "40", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "40 households on" in result.output
    assert "households/s" in result.output
    assert verify_chain(db_session).ok


def test_bulk_and_parallel_rebuild_indexes_and_check_references(db_session, backend):
    if backend != "postgresql":
        pytest.skip("bulk mode is PostgreSQL's")
    indexes = (
        "SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public')"
        " + 1000 * (SELECT count(*) FROM pg_constraint WHERE contype = 'u')"
    )
    from sqlalchemy import text

    before = db_session.execute(text(indexes)).scalar()
    summary = synthesize(
        200, seed=8, today=TODAY, commit=False, bulk=True, parallel=True, batch_size=70
    )
    assert summary.rows["households"] == 200
    assert db_session.execute(text(indexes)).scalar() == before
    assert db_session.execute(text("SHOW session_replication_role")).scalar() == "origin"
    assert verify_chain(db_session).ok


def test_the_fast_audit_hash_is_the_apps():
    from maatwerk.audit.operations import event_hash
    from maatwerk.synth.load import fast_event_hash

    for user, organisation, households in ((3, 4, [1]), (None, None, [2, 5]), (7, None, [])):
        fields = {
            "occurred_at": dt.datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=dt.UTC),
            "user_id": user,
            "role": "professional",
            "organisation_id": organisation,
            "action": "read",
            "object_type": "plan",
            "object_id": "12",
            "household_ids": households,
            "purpose": "care",
            "outcome": "success",
            "request_id": None,
            "client_address": None,
        }
        assert fast_event_hash("a" * 64, fields) == event_hash("a" * 64, fields)


def test_copy_text_escapes_and_formats():
    from decimal import Decimal

    from maatwerk.core.enums import Carrier, ProposedBy
    from maatwerk.synth.copytext import copy_text

    when = dt.datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
    action = (1, 2, "a\tb\\c\nd", None, 3, Carrier.FAMILY, None, dt.date(2025, 1, 2),
              "agreed", Decimal("1.50"), ProposedBy.FAMILY, 1, when, when)  # fmt: skip
    assert copy_text("actions", [action]).decode().split("\t") == [
        "1", "2", "a\\tb\\\\c\\nd", "\\N", "3", "family", "\\N", "2025-01-02",
        "agreed", "1.50", "family", "1", str(when), str(when) + "\n",
    ]  # fmt: skip
    snapshot = (1, 2, 3, {"k": 'x"y'}, "s", None, when)
    assert copy_text("plan_revisions", [snapshot]).decode().split("\t")[3] == '{"k":"x\\\\"y"}'
