"""Writing generated rows: binary COPY on PostgreSQL (psycopg 3), executemany on SQLite.

A run is one transaction on the caller's connection (a test's rolled-back transaction takes
the rows with it). It holds the audit chain lock throughout, so the chain it continues is
the chain it read: every event is hashed here onto the previous one, as record_audit does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from maatwerk.audit.models import GENESIS_HASH, HASHED_FIELDS
from maatwerk.audit.operations import event_hash, lock_chain_head
from maatwerk.core.db import db
from maatwerk.synth.tables import COLUMNS, WITH_ID

Rows = list[tuple[Any, ...]]
# Generated audit events carry the hashed fields up to request_id and client_address.
_EVENT_FIELDS = HASHED_FIELDS[:-2]
_SORTED = sorted(HASHED_FIELDS)
_CANONICAL = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode


def fast_event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """event_hash for generated events (plain str values, UTC datetimes), without its
    per-field conversions: the same canonical JSON, keys inserted in sorted order."""
    plain = {name: fields[name] for name in _SORTED}
    plain["occurred_at"] = plain["occurred_at"].isoformat(timespec="microseconds")
    return hashlib.sha256((prev_hash + _CANONICAL(plain)).encode("ascii")).hexdigest()


class AuditChain:
    """Puts generated audit events on the chain, continuing from a head."""

    def __init__(self, head: str, next_id: int) -> None:
        self.head, self.next_id = head, next_id

    def add(self, events: Iterable[tuple[Any, ...]], rows: dict[str, Rows]) -> None:
        """The batch's audit events in time order, hashed, with their household index."""
        events_out: Rows = []
        links: Rows = []
        prev, event_id, first = self.head, self.next_id, self.next_id
        for event in sorted(events, key=itemgetter(0)):
            fields = dict(zip(_EVENT_FIELDS, event, strict=True))
            fields["request_id"] = fields["client_address"] = None
            digest = fast_event_hash(prev, fields)
            # Once a batch, the app's own function must agree.
            if event_id == first and digest != event_hash(prev, fields):
                raise RuntimeError("synth's audit hash differs from the app's event_hash")
            events_out.append((event_id, *event, None, None, prev, digest))
            links.extend((event_id, h) for h in sorted(set(fields["household_ids"])))
            prev, event_id = digest, event_id + 1
        self.head, self.next_id = prev, event_id
        rows["audit_events"], rows["audit_event_households"] = events_out, links


class Loader:
    """Ids, the chain head and the writing of batches; one run, one transaction."""

    text_copy = False  # whether batches arrive as COPY text (see copytext.py)

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.first_ids: dict[str, int] = {}

    def scalar(self, sql: str, **params: Any) -> Any:
        return self.connection.execute(text(sql), params).scalar()

    def _max_id(self, table: str) -> int:
        sql = f"SELECT coalesce(max(id), 0) FROM {table}"  # noqa: S608  # a COLUMNS name  # nosec B608
        return int(self.scalar(sql) or 0)

    def begin(self) -> tuple[dict[str, int], AuditChain]:
        """The first free id of every table, and the chain from its current head, locked
        as record_audit locks it: no one appends to the chain until the run commits."""
        self.first_ids = {table: self._max_id(table) + 1 for table in WITH_ID}
        head = lock_chain_head(self.connection)
        return dict(self.first_ids), AuditChain(
            head or GENESIS_HASH, self.first_ids["audit_events"]
        )

    def write_batch(self, data: dict[str, Any]) -> None:
        """Write one batch, table by table in load order."""
        for table in COLUMNS:
            if data.get(table):
                self.write(table, data[table])

    def write(self, table: str, data: Any) -> None:
        """Write one table's rows of a batch: COPY on PostgreSQL, executemany on SQLite
        (each backend's subclass; the base class has no way to write)."""
        raise NotImplementedError

    def finish(self, last_ids: dict[str, int]) -> None:
        """After the last batch: checks, sequences, statistics."""


class SQLiteLoader(Loader):
    """executemany through SQLAlchemy Core, so every column type converts as in the app."""

    def write(self, table: str, rows: Rows) -> None:
        columns = COLUMNS[table]
        self.connection.execute(
            db.metadata.tables[table].insert(), [dict(zip(columns, r, strict=True)) for r in rows]
        )


class PostgresLoader(Loader):
    """COPY ... FROM STDIN (text made by copytext) on the session's own psycopg connection.

    In bulk mode (large runs) the foreign-key triggers are off while copying
    (session_replication_role = replica, superuser only) and every new row's references
    are checked afterwards in one anti-join per foreign key; plain indexes are dropped and
    rebuilt at the end, unique constraints dropped and added again (which checks them over
    the whole table). All of it happens inside the run's transaction: a failure rolls back
    everything, indexes included. CHECK, NOT NULL and primary keys are enforced row by row.
    """

    text_copy = True

    def __init__(self, connection: Connection, *, bulk: bool) -> None:
        super().__init__(connection)
        self.bulk = bulk
        self.driver = connection.connection.driver_connection
        self.dropped: list[str] = []
        self.triggers_off = False

    def begin(self) -> tuple[dict[str, int], AuditChain]:
        self.connection.execute(text("SET LOCAL synchronous_commit = off"))
        ids, chain = super().begin()
        for table in WITH_ID:  # also past what the sequence handed out (rolled-back rows)
            row = self.connection.execute(
                text(f"SELECT last_value, is_called FROM {table}_id_seq")  # noqa: S608  # a COLUMNS name  # nosec B608
            ).one()
            ids[table] = max(ids[table], int(row.last_value) + (1 if row.is_called else 0))
        self.first_ids = ids
        chain.next_id = ids["audit_events"]
        if self.bulk:
            self._start_bulk()
        return dict(ids), chain

    def _start_bulk(self) -> None:
        superuser = self.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        self.triggers_off = bool(superuser)  # otherwise the triggers check, more slowly
        if self.triggers_off:
            self.connection.execute(text("SET LOCAL session_replication_role = replica"))
        self.connection.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        indexes = self.connection.execute(
            text(
                "SELECT CAST(i.indexrelid AS regclass)::text, pg_get_indexdef(i.indexrelid)"
                " FROM pg_index i WHERE i.indrelid = ANY(CAST(:tables AS regclass[]))"
                " AND NOT i.indisprimary AND NOT EXISTS"
                " (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
            ),
            {"tables": list(COLUMNS)},
        ).all()
        for name, definition in indexes:
            self.connection.execute(text(f"DROP INDEX {name}"))
            self.dropped.append(definition)
        # Unique constraints too (re-adding one checks the whole table), but those a
        # foreign key relies on: (id, plan_id) of goals and actions.
        constraints = self.connection.execute(
            text(
                "SELECT CAST(u.conrelid AS regclass)::text, u.conname, pg_get_constraintdef(u.oid)"
                " FROM pg_constraint u WHERE u.contype = 'u'"
                " AND u.conrelid = ANY(CAST(:tables AS regclass[])) AND NOT EXISTS"
                " (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = u.conindid)"
            ),
            {"tables": list(COLUMNS)},
        ).all()
        for table, name, definition in constraints:
            self.connection.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
            self.dropped.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')

    def write(self, table: str, data: bytes) -> None:
        statement = f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN"
        with self.driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write(data)

    def finish(self, last_ids: dict[str, int]) -> None:
        if self.bulk:
            for definition in self.dropped:
                self.connection.execute(text(definition))
            if self.triggers_off:
                self.connection.execute(text("SET LOCAL session_replication_role = origin"))
                check_references(self.connection, self.first_ids)
        for table, last in last_ids.items():
            self.connection.execute(
                text(
                    f"SELECT setval('{table}_id_seq', greatest(:v, "  # noqa: S608  # a COLUMNS name  # nosec B608
                    f"(SELECT last_value FROM {table}_id_seq)))"
                ),
                {"v": last},
            )
        for table in COLUMNS:
            self.connection.execute(text(f"ANALYZE {table}"))


class DanglingReference(RuntimeError):
    """A generated row refers to a row that does not exist."""


# Link tables have no id: their new rows are those of new owners.
LINK_OWNERS = {
    "action_goals": ("action_id", "actions"),
    "action_organisations": ("action_id", "actions"),
    "barrier_escalations": ("barrier_id", "barriers"),
    "barrier_operational_goals": ("barrier_id", "barriers"),
    "audit_event_households": ("event_id", "audit_events"),
}


def check_references(connection: Connection, first_ids: dict[str, int]) -> None:
    """Every foreign key of every new row points at an existing row (set-based)."""
    for name in COLUMNS:
        table = db.metadata.tables[name]
        column, owner = LINK_OWNERS.get(name, ("id", name))
        for fk in table.foreign_key_constraints:
            pairs = [(e.parent.name, e.column.name) for e in fk.elements]
            present = " AND ".join(f"c.{child} IS NOT NULL" for child, _p in pairs)
            match = " AND ".join(f"p.{parent} = c.{child}" for child, parent in pairs)
            sql = (
                f"SELECT count(*) FROM {name} c WHERE c.{column} >= :first AND {present}"  # noqa: S608  # names from the model metadata  # nosec B608
                f" AND NOT EXISTS (SELECT 1 FROM {fk.referred_table.name} p WHERE {match})"
            )
            missing = connection.execute(text(sql), {"first": first_ids[owner]}).scalar()
            if missing:
                raise DanglingReference(
                    f"{missing} new rows of {name} refer to no {fk.referred_table.name}"
                )


def loader_for(connection: Connection, *, bulk: bool) -> Loader:
    """The loader for this connection's database."""
    if connection.dialect.name == "postgresql":
        return PostgresLoader(connection, bulk=bulk)
    if connection.dialect.name == "sqlite":
        return SQLiteLoader(connection)
    raise ValueError(f"synth supports PostgreSQL and SQLite, not {connection.dialect.name}")
