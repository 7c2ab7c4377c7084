"""Audit events (DESIGN §8, in the spirit of NEN 7513): append-only and hash-chained."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    DDL,
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from maatwerk.core.db import UTCDateTime, db, str_enum

GENESIS_HASH = "0" * 64


class AuditAction(StrEnum):
    """What was done to the object."""

    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"
    EXECUTE = "execute"
    EXPORT = "export"
    PRINT = "print"
    SEARCH = "search"


class AuditOutcome(StrEnum):
    """How the attempt ended."""

    SUCCESS = "success"
    DENIED = "denied"
    ERROR = "error"


class AuditEvent(db.Model):
    """One access to or change of (household) data; never updated, never deleted.

    Ids only, no personal data. user_id and organisation_id carry no foreign key on purpose:
    ON DELETE SET NULL would be an UPDATE, which the append-only trigger refuses and which
    would break the hash chain; the trail must outlive erased accounts, like households.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    role: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[AuditAction] = mapped_column(str_enum(AuditAction, "audit_action"))
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(64))
    household_ids: Mapped[list[int]] = mapped_column(JSON)
    purpose: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[AuditOutcome] = mapped_column(str_enum(AuditOutcome, "audit_outcome"))
    request_id: Mapped[str | None] = mapped_column(String(64))
    client_address: Mapped[str | None] = mapped_column(String(64))
    # Unique prev_hash: a forked chain (two successors of one event) cannot be stored at all.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (
        CheckConstraint("length(role) > 0", name="role_not_empty"),
        CheckConstraint("length(object_type) > 0", name="object_type_not_empty"),
        CheckConstraint("length(purpose) > 0", name="purpose_not_empty"),
        CheckConstraint("length(prev_hash) = 64 AND length(hash) = 64", name="hash_length"),
    )

    def hashed_fields(self) -> dict[str, Any]:
        """The fields the hash covers (see operations.event_hash)."""
        return {name: getattr(self, name) for name in HASHED_FIELDS}

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action} {self.object_type} {self.outcome}>"


HASHED_FIELDS = (
    "occurred_at",
    "user_id",
    "role",
    "organisation_id",
    "action",
    "object_type",
    "object_id",
    "household_ids",
    "purpose",
    "outcome",
    "request_id",
    "client_address",
)

# Lookup index for the family's access log. No foreign key to households: the trail
# outlives erased households. verify_chain checks it against the hashed household_ids.
audit_event_households = Table(
    "audit_event_households",
    db.metadata,
    Column(
        "event_id",
        ForeignKey("audit_events.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
    Column("household_id", Integer, primary_key=True, index=True),
)


# The newest event's hash, in one row. An appender locks it and reads it in one statement
# (SELECT ... FOR UPDATE: under READ COMMITTED a waiting locker gets the row as the previous
# holder committed it), then writes its event, its household index and the new head in
# one more (operations.record_audit). The chain itself stays the evidence; verify_chain
# also checks that the head names the newest event, so deleting the newest event shows.
audit_chain_head = Table(
    "audit_chain_head",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("hash", String(64), nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)
# create_all (tests, tools) seeds the row as migration 0004 does.
event.listen(
    audit_chain_head,
    "after_create",
    DDL(f"INSERT INTO audit_chain_head (id, hash) VALUES (1, '{GENESIS_HASH}')"),  # noqa: S608  # a constant  # nosec B608
)


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper: Any, connection: Any, target: AuditEvent) -> None:
    """Fail early in Python; the database triggers below are the real guard."""
    raise PermissionError("audit events are append-only")


_PG_FUNCTION = """\
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'audit trail is append-only: ' || TG_OP || ' on ' || TG_TABLE_NAME,
        ERRCODE = 'restrict_violation';
END;
$$;
"""


def _pg_triggers(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}\n"
        "    FOR EACH ROW EXECUTE FUNCTION audit_append_only();\n"
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}\n"
        "    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();\n"
    )


def _sqlite_triggers(table: str) -> tuple[str, ...]:
    return tuple(
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END"
        for op in ("UPDATE", "DELETE")
    )


#: PostgreSQL DDL (function and triggers) for the Alembic migration: op.execute(PG_APPEND_ONLY_DDL)
PG_APPEND_ONLY_DDL = (
    _PG_FUNCTION + _pg_triggers("audit_events") + _pg_triggers("audit_event_households")
)
#: SQLite triggers, one statement each: for stmt in SQLITE_APPEND_ONLY_DDL: op.execute(stmt)
SQLITE_APPEND_ONLY_DDL = _sqlite_triggers("audit_events") + _sqlite_triggers(
    "audit_event_households"
)

#: The chain's head moves with every append (UPDATE) but is never deleted: without it an
#: append could not tell where the chain ends. PostgreSQL DDL for migration 0006 (the
#: function again, so that create_all, which makes this table first, has it).
PG_HEAD_KEPT_DDL = (
    _PG_FUNCTION + "CREATE TRIGGER audit_chain_head_kept BEFORE DELETE ON audit_chain_head\n"
    "    FOR EACH ROW EXECUTE FUNCTION audit_append_only();\n"
    "CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head\n"
    "    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();\n"
)
SQLITE_HEAD_KEPT_DDL = (
    "CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: the chain head stays'); END",
)

for _table, _pg, _sqlite in (
    (AuditEvent.__table__, _PG_FUNCTION + _pg_triggers("audit_events"), None),
    (audit_event_households, _pg_triggers("audit_event_households"), None),
    (audit_chain_head, PG_HEAD_KEPT_DDL, SQLITE_HEAD_KEPT_DDL),
):
    event.listen(_table, "after_create", DDL(_pg).execute_if(dialect="postgresql"))
    for _statement in _sqlite or _sqlite_triggers(_table.name):
        event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
