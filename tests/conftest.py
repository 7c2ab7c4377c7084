"""Test fixtures: one app per database backend; every test in a rolled-back transaction.

Each test that uses `db_session` runs twice: on SQLite and on a throwaway PostgreSQL
database. Without PostgreSQL the PostgreSQL half is skipped with a reason, except under
CI=true, where an unreachable PostgreSQL fails the run.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import scoped_session, sessionmaker
from werkzeug.serving import make_server

from config import TestConfig
from maatwerk import create_app
from maatwerk.core.db import db

PG_ADMIN_URL = os.environ.get(
    "MAATWERK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _pg_url(database: str) -> str:
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{database}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[str]:
    """A fresh, empty database per backend for the whole run."""
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")
        return
    name = f"maatwerk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"PostgreSQL unreachable at {PG_ADMIN_URL}: {error}"
        if IN_CI:
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(message)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    """The application on one backend, schema built by the migrations."""
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        build_schema()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


def build_schema() -> None:
    """Create the schema by running every migration (falls back to create_all without any)."""
    from pathlib import Path

    from flask_migrate import upgrade

    versions = Path(__file__).resolve().parent.parent / "migrations" / "versions"
    if versions.is_dir() and any(versions.glob("*.py")):
        upgrade()
    else:
        db.create_all()


def demo_app_on_sqlite(path, **config) -> Flask:
    """A live app's own SQLite database at `path`: schema by the migrations, demo data."""
    app = create_app(
        TestConfig,
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "DEMO_DATA": True, **config},
    )
    with app.app_context():
        build_schema()
        from maatwerk.demo.loader import load_demo

        load_demo()
        db.session.commit()
        db.session.remove()
    return app


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app on a free loopback port (werkzeug's threaded server, as `make run`)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def browser_login(app: Flask, user, password: str = "correct horse battery"):
    """A test client logged in to the pages as `user` (the session cookie); the password is
    the one the plan settings' factories give everyone (tests/plans/flow.py)."""
    client = app.test_client()
    answer = client.post("/login", data={"login": user.login, "password": password})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    return client


@pytest.fixture
def db_session(app: Flask) -> Iterator[scoped_session]:
    """A session inside a transaction that is rolled back after the test.

    Operations and request handlers may commit: with `create_savepoint` their commits
    only release savepoints of the outer transaction.
    """
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        session = scoped_session(
            sessionmaker(
                bind=connection,
                join_transaction_mode="create_savepoint",
                expire_on_commit=False,
            )
        )
        original = db.session
        db.session = session
        try:
            yield session
        finally:
            session.remove()
            db.session = original
            if outer.is_active:
                outer.rollback()
            connection.close()


@pytest.fixture
def client(app: Flask, db_session):
    """A test client whose requests share the test's transaction."""
    return app.test_client()


class QueryCounter:
    """Counts SQL statements executed on an engine while active."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app: Flask, db_session):
    """Context manager factory: `with count_queries() as q: ...; q.count`."""
    from contextlib import contextmanager

    @contextmanager
    def _count():
        counter = QueryCounter()
        engine = db.engine
        event.listen(engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", counter)

    return _count


@pytest.fixture
def backend(database_url: str) -> str:
    """'sqlite' or 'postgresql'."""
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


@pytest.fixture(autouse=True)
def api_contract(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every API answer of a test is one the OpenAPI document declares: its status, and an
    ETag on a 2xx exactly where the document says (tests/api/contract.py)."""
    if "app" not in request.fixturenames:
        yield
        return
    from tests.api.contract import findings, record

    app = request.getfixturevalue("app")
    seen: list = []
    stop = record(app, seen)
    yield
    stop()
    broken = findings(app, seen)
    if os.environ.get("CONTRACT_LOG"):
        with open(os.environ["CONTRACT_LOG"], "a") as log:
            log.writelines(f"{request.node.nodeid}\t{line}\n" for line in broken)
        return
    assert not broken, "The API answered outside its OpenAPI document:\n" + "\n".join(broken)
