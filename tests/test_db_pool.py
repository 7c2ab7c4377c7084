"""Pooled PostgreSQL connections: pinged before use only after idling, and a stale one
(its server process gone) is replaced instead of failing the request."""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlalchemy import create_engine, text

from maatwerk.core.db import ping_idle_connections

IDLE = 0.2


@pytest.fixture
def engine(database_url: str):
    if database_url.startswith("sqlite"):
        pytest.skip("a pool of server connections is PostgreSQL's")
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    ping_idle_connections(engine, IDLE)
    pings = []
    real_ping = engine.dialect.do_ping

    def counted(dbapi_connection):  # the real ping, counted
        pings.append(1)
        return real_ping(dbapi_connection)

    engine.dialect.do_ping = counted
    engine.pings = pings
    yield engine
    engine.dispose()


def _backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def test_a_connection_in_steady_use_is_not_pinged(engine):
    first = _backend_pid(engine)
    for _ in range(5):
        assert _backend_pid(engine) == first
    assert engine.pings == []


def test_an_idle_connection_is_pinged_and_a_stale_one_replaced(engine, database_url):
    first = _backend_pid(engine)
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first,))
    time.sleep(IDLE * 1.5)
    second = _backend_pid(engine)  # would raise without the ping: the server closed it
    assert second != first
    assert len(engine.pings) == 1
    time.sleep(IDLE * 1.5)
    assert _backend_pid(engine) == second  # idle again: pinged, alive, kept
    assert len(engine.pings) == 2
