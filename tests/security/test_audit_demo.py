"""`maatwerk audit verify` on a fresh database filled by the demo and used for a while:
intact; then one altered row is reported by its id. Runs on SQLite and PostgreSQL (CI runs both)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from config import TestConfig
from maatwerk import create_app
from maatwerk.accounts.models import User
from maatwerk.audit.models import AuditEvent
from maatwerk.cli import main
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.demo.content import DEMO_PASSWORD
from tests.audit.helpers import triggers_off
from tests.conftest import IN_CI, PG_ADMIN_URL, _pg_url, build_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_app(request, tmp_path) -> Iterator[tuple]:
    """The app on an empty database of its own, with the demo allowed."""
    name = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    else:
        name = f"maatwerk_demo_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        try:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
        except psycopg.OperationalError as error:
            if IN_CI:
                pytest.fail(f"PostgreSQL unreachable: {error}")
            pytest.skip(f"PostgreSQL unreachable: {error}")
        url = _pg_url(name)
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": url, "DEMO_DATA": True})
    with app.app_context():
        build_schema()
        db.session.remove()
    try:
        yield app, request.param
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if name is not None:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def use_the_demo(app) -> None:
    """A morning of work on the demo data: each coordinator reads their plans, each family
    its file (every read writes audit events)."""
    client = app.test_client()
    with app.app_context():
        users = db.session.scalars(
            select(User).where(User.role.in_([Role.PROFESSIONAL, Role.FAMILY])).order_by(User.id)
        ).all()
        logins = [u.login for u in users][:12]
        db.session.remove()
    for login in logins:
        token = client.post(
            "/api/v1/auth/tokens", json={"login": login, "password": DEMO_PASSWORD}
        ).get_json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        plans = client.get("/api/v1/plans", headers=headers).get_json()["items"]
        for plan in plans[:3]:
            assert client.get(f"/api/v1/plans/{plan['id']}", headers=headers).status_code == 200


def test_the_demo_leaves_an_intact_chain_and_tampering_is_named(fresh_app):
    app, backend = fresh_app
    runner = app.test_cli_runner()
    loaded = runner.invoke(main, ["demo"])
    assert loaded.exit_code == 0, loaded.output
    assert "Demo data loaded" in loaded.output

    use_the_demo(app)

    verified = runner.invoke(main, ["audit", "verify"])
    assert verified.exit_code == 0, verified.output
    assert "intact" in verified.output
    with app.app_context():
        events = db.session.scalar(select(func.count(AuditEvent.id)))
        assert events > 20 and f"{events} events" in verified.output
        victim = db.session.scalar(
            select(AuditEvent.id).order_by(AuditEvent.id).offset(events // 2)
        )
        db.session.remove()
        with db.engine.connect() as connection:
            session = Session(bind=connection)
            with triggers_off(session, backend):
                session.execute(
                    text("UPDATE audit_events SET purpose = 'other' WHERE id = :id"), {"id": victim}
                )
            session.commit()
            session.close()

    broken = runner.invoke(main, ["audit", "verify"])
    assert broken.exit_code == 1
    assert f"broken at event {victim}" in broken.output
