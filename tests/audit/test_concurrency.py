"""Concurrent writers on PostgreSQL never fork the chain (real commits, own database)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from maatwerk.audit.models import AuditEvent
from maatwerk.audit.operations import record_audit, verify_chain
from maatwerk.core.actors import SYSTEM
from maatwerk.core.db import db

THREADS, PER_THREAD = 8, 25


@dataclass(frozen=True)
class Worker:
    """An actor without an account row (audit ids carry no foreign key)."""

    id: int
    role: str = "professional"
    organisation_id: int | None = None


@pytest.fixture
def throwaway_engine(backend: str, database_url: str) -> Iterator[Engine]:
    """A database of its own, dropped afterwards: audit rows cannot be deleted."""
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers itself; concurrency is tested on PostgreSQL")
    name = f"maatwerk_audit_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(database_url).set(drivername="postgresql+psycopg", database=name)
    engine = create_engine(url, pool_size=THREADS, max_overflow=0)
    try:
        db.metadata.create_all(engine)
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_concurrent_writers_keep_one_chain(throwaway_engine):
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        actor = SYSTEM if n == 0 else Worker(id=n, organisation_id=100 + n)
        try:
            start.wait()
            for i in range(PER_THREAD):
                with Session(throwaway_engine) as session:
                    record_audit(
                        actor=actor,
                        action="read",
                        object_type="plan",
                        object_id=i,
                        household_ids=[n, 1000 + i],
                        purpose="care",
                        session=session,
                    )
                    session.commit()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with Session(throwaway_engine) as session:
        result = verify_chain(session, batch_size=37)
        count = session.scalar(select(func.count()).select_from(AuditEvent))
        links = session.scalar(select(func.count(func.distinct(AuditEvent.prev_hash))))
    assert result.ok, result
    assert result.checked == count == THREADS * PER_THREAD
    assert links == count
