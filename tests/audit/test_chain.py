"""The hash chain: intact after many events, tampering found, the table append-only."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import g
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from maatwerk.audit.models import (
    GENESIS_HASH,
    PG_APPEND_ONLY_DDL,
    SQLITE_APPEND_ONLY_DDL,
    AuditEvent,
    audit_chain_head,
    audit_event_households,
)
from maatwerk.audit.operations import (
    ChainHeadMissing,
    event_hash,
    record_audit,
    verify_chain,
)
from maatwerk.core.actors import SYSTEM
from tests.audit.helpers import TABLES, head_trigger_off, record_many, triggers_off
from tests.plans.flow import make_setting


def total(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent))


@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_chain_intact_after_many_events(db_session, app, batch_size):
    s = make_setting()
    events = record_many(s, 30)
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        g.request_id = "req-abc"
        in_request = record_audit(
            actor=s.coordinator,
            action="read",
            object_type="household",
            object_id=s.household.id,
            household_ids=[s.household.id],
            purpose="care",
        )
    db_session.commit()

    result = verify_chain(db_session, batch_size=batch_size)

    assert result.ok and result.problem is None and result.first_broken_id is None
    assert result.checked == total(db_session) >= 31
    assert in_request.request_id == "req-abc" and in_request.client_address == "192.0.2.7"
    assert events[0].request_id is None and events[0].client_address is None
    roles = {e.role for e in events}
    assert {"professional", "family", "system", "anonymous"} <= roles
    system = events[3]
    assert system.user_id is None and system.organisation_id is None
    assert events[0].user_id == s.coordinator.id
    assert events[0].organisation_id == s.municipality.id
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_first_event_starts_from_genesis_and_hash_is_recomputable(db_session):
    event = record_many(make_setting(), 1)[0]
    first = db_session.scalar(select(AuditEvent).order_by(AuditEvent.id).limit(1))
    assert first.prev_hash == GENESIS_HASH
    assert event.hash == event_hash(event.prev_hash, event.hashed_fields())


@pytest.mark.parametrize("microsecond", [0, 7, 999999])
def test_timestamps_hash_the_same_after_a_round_trip(db_session, monkeypatch, microsecond):
    moment = dt.datetime(2024, 3, 31, 1, 59, 59, microsecond, tzinfo=dt.UTC)
    monkeypatch.setattr("maatwerk.audit.operations.utcnow", lambda: moment)
    event = record_audit(actor=SYSTEM, action="execute", object_type="retention", purpose="care")
    db_session.commit()
    db_session.expire_all()
    assert db_session.get(AuditEvent, event.id).occurred_at == moment
    assert verify_chain(db_session).ok


def test_altered_column_names_that_event(db_session, backend):
    events = record_many(make_setting(), 8)
    with triggers_off(db_session, backend):
        db_session.execute(
            text("UPDATE audit_events SET outcome = 'success' WHERE id = :id"),
            {"id": events[4].id},
        )
    result = verify_chain(db_session, batch_size=3)
    assert not result.ok
    assert result.first_broken_id == events[4].id
    assert "altered" in result.problem
    assert result.checked == total(db_session) - 8 + 4


def test_altered_and_rehashed_event_breaks_the_next_link(db_session, backend):
    events = record_many(make_setting(), 6)
    victim = events[2]
    fields = victim.hashed_fields() | {"role": "programme"}
    with triggers_off(db_session, backend):
        db_session.execute(
            text("UPDATE audit_events SET role = 'programme', hash = :h WHERE id = :id"),
            {"h": event_hash(victim.prev_hash, fields), "id": victim.id},
        )
    result = verify_chain(db_session)
    assert result.first_broken_id == events[3].id
    assert "missing" in result.problem


def test_deleted_middle_event_names_the_event_after_the_gap(db_session, backend):
    events = record_many(make_setting(), 7)
    gone = events[3]
    with triggers_off(db_session, backend):
        db_session.execute(
            text("DELETE FROM audit_event_households WHERE event_id = :id"), {"id": gone.id}
        )
        db_session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": gone.id})
    result = verify_chain(db_session, batch_size=2)
    assert not result.ok
    assert result.first_broken_id == events[4].id
    assert "missing" in result.problem


def test_deleted_newest_event_is_found_by_the_head(db_session, backend):
    events = record_many(make_setting(), 4)
    newest = events[-1]
    assert verify_chain(db_session).ok
    with triggers_off(db_session, backend):
        db_session.execute(
            text("DELETE FROM audit_event_households WHERE event_id = :id"), {"id": newest.id}
        )
        db_session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": newest.id})
    result = verify_chain(db_session, batch_size=2)
    assert not result.ok and result.first_broken_id is None
    assert "newest event" in result.problem


def test_a_deleted_head_is_reported_and_nothing_is_appended(db_session, backend):
    record_many(make_setting(), 3)
    with head_trigger_off(db_session, backend):
        db_session.execute(text("DELETE FROM audit_chain_head"))
    result = verify_chain(db_session, batch_size=2)
    assert not result.ok and result.first_broken_id is None and result.checked >= 3
    assert "head row is missing" in result.problem
    # Re-seeding the head from the newest event would make the chain verify again.
    with pytest.raises(ChainHeadMissing), db_session.begin_nested():
        record_audit(actor=SYSTEM, action="read", object_type="plan", purpose="monitoring")
    assert db_session.scalar(select(func.count()).select_from(audit_chain_head)) == 0
    assert "head row is missing" in verify_chain(db_session).problem


def test_the_database_keeps_the_head_and_lets_it_move(db_session, backend):
    record_many(make_setting(), 2)
    statements = ["DELETE FROM audit_chain_head"]
    if backend == "postgresql":
        statements.append("TRUNCATE audit_chain_head")
    for statement in statements:
        with pytest.raises(DatabaseError, match="append-only"), db_session.begin_nested():
            db_session.execute(text(statement))
    db_session.execute(text("UPDATE audit_chain_head SET hash = hash"))
    record_many(make_setting(), 2)
    assert verify_chain(db_session).ok


def test_head_follows_every_append_and_the_next_event_chains_on_it(db_session):
    events = record_many(make_setting(), 3)
    head = db_session.scalar(select(audit_chain_head.c.hash))
    assert head == events[-1].hash
    nxt = record_audit(actor=SYSTEM, action="read", object_type="plan", purpose="care")
    assert nxt.prev_hash == head
    assert db_session.scalar(select(audit_chain_head.c.hash)) == nxt.hash


def test_an_append_costs_one_statement_on_postgresql(db_session, backend, count_queries):
    record_many(make_setting(), 1)
    with count_queries() as queries:
        record_audit(
            actor=SYSTEM, action="read", object_type="plan", household_ids=[1, 2], purpose="care"
        )
    # the head locked and read, the hash computed, event, household index and new head
    # written: one statement on PostgreSQL; head, event, index, new head on SQLite
    assert queries.count == (1 if backend == "postgresql" else 4), queries.statements


def test_tampered_household_index_is_found(db_session, backend):
    events = record_many(make_setting(), 6)
    indexed = next(e for e in events if e.household_ids)
    with triggers_off(db_session, backend):
        db_session.execute(
            text("DELETE FROM audit_event_households WHERE event_id = :id"), {"id": indexed.id}
        )
    result = verify_chain(db_session)
    assert result.first_broken_id == indexed.id
    assert "household index" in result.problem


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {table} SET {column} = {column}",
        "DELETE FROM {table}",
    ],
)
def test_database_refuses_update_and_delete(db_session, table, statement):
    record_many(make_setting(), 5)
    column = "role" if table == "audit_events" else "household_id"
    with pytest.raises(DatabaseError, match="append-only"), db_session.begin_nested():
        db_session.execute(text(statement.format(table=table, column=column)))
    assert verify_chain(db_session).ok


def test_truncate_refused_on_postgresql(db_session, backend):
    if backend != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    record_many(make_setting(), 5)
    with pytest.raises(DatabaseError, match="append-only"), db_session.begin_nested():
        db_session.execute(text("TRUNCATE audit_event_households"))


def test_orm_refuses_changes_before_the_database(db_session):
    event = record_many(make_setting(), 1)[0]
    with pytest.raises(PermissionError), db_session.begin_nested():
        event.purpose = "other"
        db_session.flush()
    with pytest.raises(PermissionError), db_session.begin_nested():
        db_session.delete(event)
        db_session.flush()


def test_migration_ddl_constants_install_the_triggers(db_session, backend):
    """The DDL the migration uses yields the same protection as create_all."""
    record_many(make_setting(), 2)
    if backend == "postgresql":
        for table in TABLES:
            db_session.execute(text(f"DROP TRIGGER {table}_append_only ON {table}"))
            db_session.execute(text(f"DROP TRIGGER {table}_no_truncate ON {table}"))
        db_session.execute(text(PG_APPEND_ONLY_DDL))
    else:
        for table in TABLES:
            for op in ("update", "delete"):
                db_session.execute(text(f"DROP TRIGGER {table}_no_{op}"))
        for statement in SQLITE_APPEND_ONLY_DDL:
            db_session.execute(text(statement))
    for table in TABLES:
        with pytest.raises(DatabaseError, match="append-only"), db_session.begin_nested():
            db_session.execute(text(f"DELETE FROM {table}"))


def test_household_index_matches_the_hashed_list(db_session):
    s = make_setting()
    event = record_audit(
        actor=s.coordinator,
        action="search",
        object_type="plan",
        household_ids=[7, s.household.id, 7],
        purpose="care",
    )
    rows = db_session.scalars(
        select(audit_event_households.c.household_id).where(
            audit_event_households.c.event_id == event.id
        )
    ).all()
    assert event.household_ids == sorted({7, s.household.id})
    assert sorted(rows) == event.household_ids
