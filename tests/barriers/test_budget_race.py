"""Managers who grant at the same moment never grant more than the budget holds: real
concurrent transactions on PostgreSQL, each request on its own connection."""

from __future__ import annotations

import decimal
import os
import time
import uuid
from collections import Counter

import psycopg
import pytest
from sqlalchemy import func, select

from config import TestConfig
from maatwerk import create_app
from maatwerk.accounts.models import User
from maatwerk.barriers.budget import grant_from_budget
from maatwerk.barriers.models import Barrier, BudgetGrant, FlexibleBudget
from maatwerk.barriers.operations import escalate_barrier, report_barrier
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.core.errors import Conflict
from tests.api.conftest import ApiClient
from tests.api.test_concurrency import run_together
from tests.barriers.conftest import account, give_budget, make_doorbraak
from tests.conftest import PG_ADMIN_URL, _pg_url, build_schema

MANAGERS = 8
BUDGET = "1000.00"
GRANT = "300.00"  # 8 x 300 = 2400 asked, 1000 available: exactly 3 fit


@pytest.fixture(scope="module")
def race(database_url):
    """An app on its own PostgreSQL database, 8 escalated barriers and 8 GGZ managers."""
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrency is proven on PostgreSQL; SQLite serialises writers")
    name = f"maatwerk_budget_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    app = create_app(
        TestConfig,
        {
            "SQLALCHEMY_DATABASE_URI": _pg_url(name),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": MANAGERS + 2},
        },
    )
    with app.app_context():
        build_schema()
        d = make_doorbraak()
        managers = [d.manager] + [
            account(Role.MANAGER, d.s.ggz, "Manager") for _ in range(1, MANAGERS)
        ]
        give_budget(d.s.ggz, BUDGET, d.manager)
        barriers = []
        for n in range(MANAGERS):
            barrier = report_barrier(
                d.s.plan,
                category="budget",
                description=f"Geen regeling voor kosten {n}",
                actor=d.s.coordinator,
                escalate_to=[d.s.ggz],
            )
            escalate_barrier(barrier, actor=d.s.coordinator)
            barriers.append(barrier.id)
        # A second organisation's budget for the domain-level race (no audit lock involved).
        others = [d.other_manager] + [
            account(Role.MANAGER, d.other_org, "Manager") for _ in range(1, MANAGERS)
        ]
        give_budget(d.other_org, BUDGET, d.other_manager)
        plain = [
            report_barrier(
                d.s.plan, category="budget", description=f"Kosten {n}", actor=d.s.coordinator
            ).id
            for n in range(MANAGERS)
        ]
        db.session.commit()
        people = {
            "managers": [m.login for m in managers],
            "barriers": barriers,
            "others": [m.id for m in others],
            "plain": plain,
        }
        db.session.remove()
    yield app, people
    with app.app_context():
        db.engine.dispose()
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_simultaneous_grants_never_exceed_the_budget(race):
    app, people = race
    clients = [ApiClient(app.test_client(), login) for login in people["managers"]]
    etags = [
        client.get(f"/api/v1/barriers/{barrier_id}").headers["ETag"]
        for client, barrier_id in zip(clients, people["barriers"], strict=True)
    ]
    calls = [
        (
            lambda c=client, b=barrier_id, e=etag: c.post(
                f"/api/v1/barriers/{b}/transitions",
                json={"trigger": "decide", "reason": "Akkoord", "amountGranted": GRANT},
                etag=e,
            )
        )
        for client, barrier_id, etag in zip(clients, people["barriers"], etags, strict=True)
    ]
    results = run_together(calls)
    statuses = Counter(r.status_code for r in results)
    assert statuses == {200: 3, 409: MANAGERS - 3}, statuses
    for loser in (r for r in results if r.status_code == 409):
        problem = loser.get_json()
        assert loser.mimetype == "application/problem+json"
        assert problem["detail"] == "Not enough flexible budget remains for this grant."
        assert problem["invalidParams"][0]["name"] == "amountGranted"
    with app.app_context():
        budget = db.session.scalars(
            select(FlexibleBudget).join(FlexibleBudget.organisation).order_by(FlexibleBudget.id)
        ).first()
        ledger = db.session.scalar(
            select(func.sum(BudgetGrant.amount_cents)).where(BudgetGrant.budget_id == budget.id)
        )
        assert budget.granted_cents == ledger == 90000
        assert budget.granted_cents <= budget.available_cents
        db.session.remove()
    # The losers' barriers are untouched: still waiting for a decision.
    waiting = [
        clients[0].get(f"/api/v1/barriers/{b}").get_json()["status"]
        for b, r in zip(people["barriers"], results, strict=True)
        if r.status_code == 409
    ]
    assert waiting == ["escalated"] * (MANAGERS - 3)


def test_simultaneous_grants_in_the_domain_hold_without_any_other_lock(race):
    """grant_from_budget alone, in threads with their own transactions that stay open a
    moment after the UPDATE: the conditional UPDATE is what keeps the total within budget."""
    app, people = race

    def grant(manager_id: int, barrier_id: int) -> str:
        with app.app_context():
            try:
                actor = db.session.get(User, manager_id)
                barrier = db.session.get(Barrier, barrier_id)
                grant_from_budget(barrier, decimal.Decimal(GRANT), actor=actor)
                time.sleep(0.05)  # hold the row while the others try
                db.session.commit()
                return "granted"
            except Conflict:
                db.session.rollback()
                return "refused"
            finally:
                db.session.remove()

    results = run_together(
        [
            (lambda m=m, b=b: grant(m, b))
            for m, b in zip(people["others"], people["plain"], strict=True)
        ]
    )
    assert Counter(results) == {"granted": 3, "refused": MANAGERS - 3}
    with app.app_context():
        budget = db.session.scalars(
            select(FlexibleBudget).where(FlexibleBudget.granted_cents == 90000)
        ).all()
        assert len(budget) == 2  # both organisations: 3 x 300 each
        db.session.remove()


def test_the_database_refuses_a_grant_beyond_the_budget_even_without_the_code(race):
    """The CHECK constraint is the last line of defence (a bypassing UPDATE fails)."""
    app, _ = race
    from sqlalchemy import update
    from sqlalchemy.exc import IntegrityError

    with app.app_context():
        with pytest.raises(IntegrityError):
            db.session.execute(
                update(FlexibleBudget).values(granted_cents=FlexibleBudget.available_cents + 1)
            )
            db.session.flush()
        db.session.rollback()
        db.session.remove()
    assert decimal.Decimal(GRANT) * 3 <= decimal.Decimal(BUDGET)
