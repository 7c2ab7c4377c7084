"""Real concurrent writers on PostgreSQL: one winner per ETag, no acknowledged write lost."""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter

import psycopg
import pytest
from sqlalchemy import select

from config import TestConfig
from maatwerk import create_app
from maatwerk.core.db import db
from tests.api.conftest import ApiClient
from tests.conftest import PG_ADMIN_URL, _pg_url, build_schema
from tests.plans.flow import make_setting

WRITERS = 8


@pytest.fixture(scope="module")
def live_app(database_url):
    """An app on its own PostgreSQL database whose requests really commit."""
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrency is proven on PostgreSQL; SQLite serialises writers")
    name = f"maatwerk_conc_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    app = create_app(
        TestConfig,
        {
            "SQLALCHEMY_DATABASE_URI": _pg_url(name),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": WRITERS + 2},
        },
    )
    with app.app_context():
        build_schema()
        setting = make_setting()
        db.session.commit()
        ids = {
            "plan": setting.plan.id,
            "coordinator": setting.coordinator.login,
            "member": setting.member.login,
            "family": setting.family.login,
        }
        db.session.remove()
    yield app, ids
    with app.app_context():
        db.engine.dispose()
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_together(calls):
    """Start every call at the same moment; return their results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_one_writer_wins_per_etag_on_a_goal(live_app):
    app, ids = live_app
    clients = [ApiClient(app.test_client(), ids["family"]) for _ in range(WRITERS)]
    created = clients[0].post(
        f"/api/v1/plans/{ids['plan']}/goals", json={"domain": "social", "title": "Start"}
    )
    assert created.status_code == 201
    goal_url = created.headers["Location"]
    etag = created.headers["ETag"]
    results = run_together(
        [
            (lambda c=c, n=n: c.patch(goal_url, etag=etag, json={"title": f"Versie {n}"}))
            for n, c in enumerate(clients)
        ]
    )
    statuses = Counter(r.status_code for r in results)
    assert statuses == {200: 1, 412: WRITERS - 1}, statuses
    winner = next(r for r in results if r.status_code == 200).get_json()["title"]
    assert clients[0].get(goal_url).get_json()["title"] == winner


def test_one_transition_wins_per_plan_version(live_app):
    app, ids = live_app
    clients = [ApiClient(app.test_client(), ids["coordinator"]) for _ in range(WRITERS)]
    plan_url = f"/api/v1/plans/{ids['plan']}"
    etag = clients[0].get(plan_url).headers["ETag"]
    results = run_together(
        [
            (
                lambda c=c: c.post(
                    f"{plan_url}/transitions", etag=etag, json={"trigger": "start_exploration"}
                )
            )
            for c in clients
        ]
    )
    statuses = Counter(r.status_code for r in results)
    assert statuses == {200: 1, 412: WRITERS - 1}, statuses
    history = clients[0].get(f"{plan_url}/history").get_json()
    assert sum(1 for h in history if h["summary"] == "plan_standard:start_exploration") == 1


def test_no_acknowledged_write_is_lost(live_app):
    app, ids = live_app
    family = ApiClient(app.test_client(), ids["family"])
    goals = [
        family.post(
            f"/api/v1/plans/{ids['plan']}/goals", json={"domain": "cultural", "title": f"Doel {n}"}
        )
        for n in range(WRITERS)
    ]
    clients = [ApiClient(app.test_client(), ids["family"]) for _ in range(WRITERS)]
    results = run_together(
        [
            (
                lambda c=c, g=g, n=n: c.patch(
                    g.headers["Location"],
                    etag=g.headers["ETag"],
                    json={"whyItMatters": f"Reden {n}"},
                )
            )
            for n, (c, g) in enumerate(zip(clients, goals, strict=True))
        ]
    )
    assert [r.status_code for r in results] == [200] * WRITERS
    for n, goal in enumerate(goals):
        assert family.get(goal.headers["Location"]).get_json()["whyItMatters"] == f"Reden {n}"
    history = family.get(f"/api/v1/plans/{ids['plan']}/history").get_json()
    versions = [h["version"] for h in history]
    assert len(versions) == len(set(versions))
    # Each version's diff shows exactly its own change: snapshots are taken under the lock.
    for n, goal in enumerate(goals):
        path = f"goals.{goal.get_json()['id']}.whyItMatters"
        afters = [
            c["after"]
            for h in history
            for c in h["changes"]
            if c["path"] == path and c["before"] == ""
        ]
        assert afters == [f"Reden {n}"], (path, afters)
    reverted = [
        c
        for h in history
        for c in h["changes"]
        if c["path"].endswith("whyItMatters") and (c["before"] or "").startswith("Reden")
    ]
    assert reverted == []


def test_a_survey_sent_twice_at_once_is_recorded_once(live_app):
    """A double tap on the survey's button, in the domain alone (no request, so no audit
    event whose chain lock would queue the two anyway): record_survey locks the plan's row
    before it asks "already answered?", so one answer is stored and the other refused."""
    from maatwerk.accounts.models import User
    from maatwerk.core.enums import ScoredBy
    from maatwerk.core.errors import Conflict
    from maatwerk.monitoring.statements import statements_for
    from maatwerk.monitoring.surveys import record_survey
    from maatwerk.outcomes.models import ExperienceSurvey
    from maatwerk.plans.models import Plan

    app, ids = live_app
    answers = {statements_for(ScoredBy.FAMILY)[0].key: 4}

    def answer():
        with app.app_context():
            try:
                plan = db.session.get(Plan, ids["plan"])
                family = db.session.scalars(select(User).where(User.login == ids["family"])).one()
                record_survey(
                    plan, respondent="family", moment="intake", answers=answers, actor=family
                )
                db.session.commit()
                return "stored"
            except Conflict:
                db.session.rollback()
                return "refused"
            finally:
                db.session.remove()

    results = run_together([answer] * WRITERS)
    assert Counter(results) == {"stored": 1, "refused": WRITERS - 1}, results
    with app.app_context():
        stored = db.session.scalars(
            select(ExperienceSurvey).where(ExperienceSurvey.plan_id == ids["plan"])
        ).all()
        assert [(s.respondent.value, s.moment.value, s.cycle) for s in stored] == [
            ("family", "intake", 1)
        ]
        db.session.remove()
