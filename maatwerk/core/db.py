"""Declarative base, the Flask-SQLAlchemy handle and column helpers."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Enum, MetaData, TypeDecorator, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model; constraint names follow one convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Objects stay loaded after the request's one commit, so the response is serialised from
# what the request already read instead of reloading every attribute.
db = SQLAlchemy(
    model_class=Base, disable_autonaming=True, session_options={"expire_on_commit": False}
)


def utcnow() -> dt.datetime:
    """The current time, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always returned timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC times")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def str_enum(enum_cls: type, name: str) -> Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint on its values."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """Enforce foreign keys on SQLite, let SQLAlchemy own transaction boundaries, and let
    concurrent requests of the threaded development server wait for each other.

    WAL lets readers go on while one connection writes; busy_timeout makes a second
    writer wait (up to 5 s) for the first to commit instead of failing at once.
    """
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    # pysqlite's own BEGIN handling breaks SAVEPOINT; SQLAlchemy emits BEGIN itself below.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn: Any) -> None:
    """Start SQLite transactions explicitly (see _sqlite_pragmas), as writers.

    Nearly every transaction writes (each read of household data appends its audit event).
    A deferred BEGIN would take the write lock only at that first write, and SQLite refuses
    to upgrade a read transaction while another connection writes ("database is locked" at
    once, busy_timeout does not apply); BEGIN IMMEDIATE takes the lock up front, so
    concurrent requests queue for it (busy_timeout) and then see each other's commits.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def ping_idle_connections(engine: Engine, idle_seconds: float) -> None:
    """Check a pooled connection before use only when it has been idle for `idle_seconds`.

    SQLAlchemy's pool_pre_ping pings on every checkout: one more round trip per request
    (about a tenth of a plan read, docs/PERFORMANCE.md). Connections go stale when they sit
    idle (a database restart, a firewall dropping quiet connections); one in steady use
    fails on its own first statement after a restart, and the pool then replaces every
    connection it holds. A failed ping raises DisconnectionError: the pool discards that
    connection and checks out a fresh one.
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # any failure: the connection is not usable
            raise DisconnectionError("stale pooled connection") from error
