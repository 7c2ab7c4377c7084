"""Helpers for audit tests: a varied chain of events and a way around the triggers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from maatwerk.audit.models import AuditEvent, audit_event_households
from maatwerk.audit.operations import record_audit
from maatwerk.core.actors import SYSTEM

TABLES = (AuditEvent.__tablename__, audit_event_households.name)


def record_many(setting, count: int) -> list[AuditEvent]:
    """Events by professionals, the family, the system and anonymous visitors."""
    actors = [setting.coordinator, setting.member, setting.family, SYSTEM, None, setting.outsider]
    events = []
    for i in range(count):
        actor = actors[i % len(actors)]
        events.append(
            record_audit(
                actor=actor,
                action=("read", "update", "search", "export")[i % 4],
                object_type="plan",
                object_id=setting.plan.id if i % 3 else None,
                household_ids=[setting.household.id] if i % 5 else [],
                purpose="monitoring" if actor is SYSTEM else "care",
                outcome="denied" if actor is None or actor is setting.outsider else "success",
            )
        )
    return events


@contextmanager
def triggers_off(session, backend: str) -> Iterator[None]:
    """Switch the append-only triggers off inside the test's transaction, then on again."""
    if backend == "postgresql":
        for table in TABLES:
            session.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only"))
        yield
        for table in TABLES:
            session.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only"))
        return
    dropped = []
    for table in TABLES:
        for op in ("update", "delete"):
            name = f"{table}_no_{op}"
            sql = session.scalar(
                text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
                {"n": name},
            )
            assert sql, f"trigger {name} missing"
            session.execute(text(f"DROP TRIGGER {name}"))
            dropped.append(sql)
    yield
    for sql in dropped:
        session.execute(text(sql))


@contextmanager
def head_trigger_off(session, backend: str) -> Iterator[None]:
    """Switch off the trigger that keeps the chain's head row, then on again."""
    if backend == "postgresql":
        session.execute(text("ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_kept"))
        yield
        session.execute(text("ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_kept"))
        return
    sql = session.scalar(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
        {"n": "audit_chain_head_no_delete"},
    )
    assert sql, "trigger audit_chain_head_no_delete missing"
    session.execute(text("DROP TRIGGER audit_chain_head_no_delete"))
    yield
    session.execute(text(sql))
