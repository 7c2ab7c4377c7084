"""Backups restore into an empty database with an intact audit chain (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from config import TestConfig
from maatwerk import create_app
from maatwerk.audit.models import AuditEvent
from maatwerk.audit.operations import verify_chain
from maatwerk.cli import main
from maatwerk.core.db import db
from maatwerk.plans.models import Plan
from maatwerk.plans.reading import get_plan
from tests.conftest import IN_CI, PG_ADMIN_URL, _pg_url, build_schema
from tests.plans.flow import make_setting

TAMPERING = (
    "UPDATE audit_events SET purpose = 'other' WHERE id = (SELECT min(id) FROM audit_events)",
    "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)",
    "UPDATE audit_event_households SET household_id = household_id + 1",
    "DELETE FROM audit_event_households",
)


def fill(app):
    """Some household data and audit events, committed."""
    with app.app_context():
        build_schema()
        s = make_setting()
        for _ in range(3):
            get_plan(s.plan.id, s.coordinator)
        db.session.commit()
        counts = (
            db.session.scalar(select(func.count(AuditEvent.id))),
            db.session.scalar(select(func.count(Plan.id))),
        )
        db.session.remove()
    return counts


def check_restored(url, counts):
    """Same rows, an intact chain, and the append-only triggers came back with the schema."""
    engine = create_engine(url)
    with Session(engine) as session:
        assert verify_chain(session).ok
        assert (
            session.scalar(select(func.count(AuditEvent.id))),
            session.scalar(select(func.count(Plan.id))),
        ) == counts
        for statement in TAMPERING:
            with pytest.raises(DatabaseError, match="append-only"):
                session.execute(text(statement))
            session.rollback()
        assert verify_chain(session).ok
        assert session.scalar(select(func.count(AuditEvent.id))) == counts[0]
    engine.dispose()


def test_sqlite_online_backup_restores(tmp_path):
    source = tmp_path / "live.sqlite"
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{source}"})
    counts = fill(app)
    assert counts[0] >= 3
    result = app.test_cli_runner().invoke(
        main, args=["backup", "sqlite", str(tmp_path / "b.sqlite")]
    )
    assert result.exit_code == 0, result.output
    again = app.test_cli_runner().invoke(
        main, args=["backup", "sqlite", str(tmp_path / "b.sqlite")]
    )
    assert again.exit_code != 0 and "exists" in again.output
    restored = tmp_path / "restored.sqlite"
    shutil.copy(tmp_path / "b.sqlite", restored)  # restoring is copying the file back
    check_restored(f"sqlite:///{restored}", counts)
    with app.app_context():
        db.engine.dispose()


def test_postgresql_dump_restores(tmp_path):
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        if IN_CI:
            pytest.fail("pg_dump/pg_restore are needed for the backup test")
        pytest.skip("pg_dump/pg_restore not installed")
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        if IN_CI:
            pytest.fail(f"PostgreSQL unreachable: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    names = [f"maatwerk_backup_{os.getpid()}_{uuid.uuid4().hex[:6]}_{n}" for n in ("a", "b")]
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": _pg_url(names[0])})
        counts = fill(app)
        with app.app_context():
            db.engine.dispose()
        dump = tmp_path / "maatwerk.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={dump}", _pg_url(names[0])],
            check=True,
            timeout=120,
        )
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={_pg_url(names[1])}", str(dump)],
            check=True,
            timeout=120,
        )
        check_restored(_pg_url(names[1]).replace("postgresql://", "postgresql+psycopg://"), counts)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
