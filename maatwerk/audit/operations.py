"""Writing audit events onto the hash chain, and verifying the chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from flask import g, has_request_context, request
from sqlalchemy import ARRAY, Connection, Integer, String, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, make_transient_to_detached, scoped_session

from maatwerk.audit.models import (
    GENESIS_HASH,
    HASHED_FIELDS,
    AuditAction,
    AuditEvent,
    AuditOutcome,
    audit_chain_head,
    audit_event_households,
)
from maatwerk.core.db import db, utcnow


class Actor(Protocol):
    """A user account or the system actor."""

    id: Any
    role: Any
    organisation_id: Any


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of verify_chain; first_broken_id names the first event that fails."""

    ok: bool
    checked: int
    first_broken_id: int | None = None
    problem: str | None = None


def _plain(value: Any) -> Any:
    """A JSON-ready value: enum members as their value, times as ISO 8601 in UTC."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return getattr(value, "value", value)


def canonical_fields(fields: Mapping[str, Any]) -> str:
    """The canonical JSON of the hashed fields (ASCII only)."""
    return json.dumps(
        {name: _plain(fields[name]) for name in HASHED_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )


def event_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """sha256 over the previous hash and the canonical JSON of the hashed fields (on
    PostgreSQL the append computes the same in SQL: _pg_append)."""
    return hashlib.sha256((prev_hash + canonical_fields(fields)).encode("ascii")).hexdigest()


AUDIT_TABLE = AuditEvent.__table__
HEAD = audit_chain_head
CHAIN_HEAD = select(AUDIT_TABLE.c.hash).order_by(AUDIT_TABLE.c.id.desc()).limit(1)
LOCK_HEAD = select(HEAD.c.hash).where(HEAD.c.id == 1).with_for_update()
INSERT_EVENT = insert(AUDIT_TABLE).returning(AUDIT_TABLE.c.id)
INSERT_INDEX = insert(audit_event_households)
SET_HEAD = update(HEAD).where(HEAD.c.id == 1).values(hash=bindparam("hash"))
SYNC_HEAD = update(HEAD).where(HEAD.c.id == 1).values(hash=CHAIN_HEAD.scalar_subquery())


@cache
def _pg_append():
    """PostgreSQL: the whole append in one statement. The head row is locked and read
    (FOR UPDATE: a second appender waits, then reads the head as the first committed it),
    the event's hash is sha256(previous hash + canonical JSON) computed there, as
    event_hash does, and the event, its household index and the new head are written."""
    columns = [c for c in AUDIT_TABLE.c if c.key not in ("id", "prev_hash", "hash")]
    head = select(HEAD.c.hash).where(HEAD.c.id == 1).with_for_update().cte("head")
    chained = func.encode(
        func.sha256(
            func.convert_to(head.c.hash.concat(bindparam("canonical", type_=String)), "UTF8")
        ),
        "hex",
    )
    event = (
        insert(AUDIT_TABLE)
        .from_select(
            [*(c.key for c in columns), "prev_hash", "hash"],
            select(*(bindparam(c.key, type_=c.type) for c in columns), head.c.hash, chained),
        )
        .returning(AUDIT_TABLE.c.id, AUDIT_TABLE.c.prev_hash, AUDIT_TABLE.c.hash)
        .cte("event")
    )
    index = insert(audit_event_households).from_select(
        ["event_id", "household_id"],
        select(event.c.id, func.unnest(bindparam("ids", type_=ARRAY(Integer)))),
    )
    moved = update(HEAD).where(HEAD.c.id == 1).values(hash=select(event.c.hash).scalar_subquery())
    return select(event.c.id, event.c.prev_hash, event.c.hash).add_cte(
        index.cte("indexed"), moved.cte("moved")
    )


class ChainHeadMissing(RuntimeError):
    """The audit chain's head row was removed while events exist."""


def lock_chain_head(session: Session | scoped_session | Connection) -> str:
    """Serialise appenders and return the hash of the newest event.

    The head row is locked until the transaction ends. PostgreSQL: SELECT ... FOR UPDATE,
    one statement; a second appender waits and then reads the head as the first committed
    it (or as it was, after a rollback). SQLite: a database has a single writer; a
    transaction that read a head which another committed since cannot write (SQLITE_BUSY).
    The unique prev_hash is the last guard on both.
    """
    connection = session if isinstance(session, Connection) else session.connection()
    head = connection.execute(LOCK_HEAD).scalar()
    if head is None:
        # Migrations and create_all seed the row and a trigger keeps it. Gone while events
        # exist, it was removed: seeding it from the newest event would hide that (and any
        # newest events removed with it) from verify_chain, so nothing is appended.
        if connection.execute(CHAIN_HEAD).scalar() is not None:
            raise ChainHeadMissing(
                "the audit chain's head row is missing: run `maatwerk audit verify`"
            )
        head = GENESIS_HASH
        connection.execute(insert(HEAD).values(id=1, hash=head))
    return head


def sync_chain_head(connection: Connection) -> None:
    """Point the head at the newest event, after events were loaded in bulk (synth) by a
    writer that holds the head's lock."""
    connection.execute(SYNC_HEAD)


def _request_details() -> tuple[str | None, str | None]:
    if not has_request_context():
        return None, None
    request_id = getattr(g, "request_id", None)
    address = request.remote_addr
    return (
        str(request_id)[:64] if request_id else None,
        address[:64] if address else None,
    )


@dataclass(frozen=True)
class ActorSnapshot:
    """Who acted, as plain values: survives the rollback of the actor's session."""

    id: Any
    role: Any
    organisation_id: Any


# session.info key: (the outermost transaction, the events record_audit wrote in it).
_WRITTEN = "maatwerk_audit_written"


def _written(session: Session | scoped_session) -> list[dict[str, Any]]:
    plain = session() if isinstance(session, scoped_session) else session
    transaction = plain.get_transaction()
    kept = plain.info.get(_WRITTEN)
    if kept is None or kept[0] is not transaction:
        kept = plain.info[_WRITTEN] = (transaction, [])
    return kept[1]


def written_in_transaction(
    session: Session | scoped_session | None = None,
) -> list[dict[str, Any]]:
    """record_audit's arguments for each event written in the current transaction, to
    record again after a rollback (call it before rolling back)."""
    return [dict(event) for event in _written(session if session is not None else db.session)]


def forget_written_after(count: int, session: Session | scoped_session | None = None) -> None:
    """The events written after the first `count` of this transaction were rolled back
    with a savepoint: they never happened, so they are not recorded again later."""
    del _written(session if session is not None else db.session)[count:]


# What changes household data: such an event that did not happen is a failed attempt.
CHANGE_ACTIONS = frozenset({"create", "update", "delete", "execute"})


def record_again_as_attempts(
    written: Iterable[dict[str, Any]], *, outcome: AuditOutcome | str = AuditOutcome.ERROR
) -> None:
    """After a rollback, record the request's events again (from written_in_transaction):
    a change that did not happen as an attempt with this outcome, every other as it was."""
    for event in written:
        if event["action"] in CHANGE_ACTIONS and event["outcome"] == AuditOutcome.SUCCESS:
            record_audit(**{**event, "outcome": outcome})
        else:
            record_audit(**event)


def record_audit(
    *,
    actor: Actor | None,
    action: AuditAction | str,
    object_type: str,
    object_id: int | str | None = None,
    household_ids: Iterable[int] = (),
    purpose: str,
    outcome: AuditOutcome | str = AuditOutcome.SUCCESS,
    session: Session | scoped_session | None = None,
) -> AuditEvent:
    """Append an event to the chain in the caller's transaction (flushes, never commits).

    actor None (or an anonymous flask-login user) is recorded as role "anonymous". The
    chain's head stays locked until the transaction ends: call this late. One statement on
    PostgreSQL (_pg_append), four on SQLite (head, event, index, new head).
    """
    session = session if session is not None else db.session
    anonymous = actor is None or getattr(actor, "is_anonymous", False)
    ids = sorted({int(h) for h in household_ids})
    request_id, client_address = _request_details()
    values: dict[str, Any] = {
        "occurred_at": utcnow(),
        "user_id": None if anonymous else actor.id,
        "role": "anonymous" if anonymous else str(_plain(actor.role)),
        "organisation_id": None if anonymous else actor.organisation_id,
        "action": AuditAction(action),
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "household_ids": ids,
        "purpose": purpose,
        "outcome": AuditOutcome(outcome),
        "request_id": request_id,
        "client_address": client_address,
    }
    # Pending ORM changes go first, as they would with the event in the unit of work; the
    # event itself is one Core INSERT (no identity-map bookkeeping on every read).
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        parameters = {**values, "ids": ids, "canonical": canonical_fields(values)}
        appended = connection.execute(_pg_append(), parameters).one_or_none()
        if appended is None:  # no head row: seed it on an empty trail (else raise), retry
            lock_chain_head(session)
            appended = connection.execute(_pg_append(), parameters).one()
        event_id, values["prev_hash"], values["hash"] = appended
    else:
        values["prev_hash"] = lock_chain_head(session)
        values["hash"] = event_hash(values["prev_hash"], values)
        event_id = connection.execute(INSERT_EVENT, values).scalar_one()
        if ids:
            connection.execute(
                INSERT_INDEX, [{"event_id": event_id, "household_id": h} for h in ids]
            )
        connection.execute(SET_HEAD, {"hash": values["hash"]})
    _written(session).append(
        {
            "actor": None
            if anonymous
            else ActorSnapshot(actor.id, actor.role, actor.organisation_id),
            "action": values["action"],
            "object_type": object_type,
            "object_id": values["object_id"],
            "household_ids": ids,
            "purpose": purpose,
            "outcome": values["outcome"],
        }
    )
    # The stored row as a persistent object (no second INSERT), so the ORM's append-only
    # guard still covers it in this session.
    audit = AuditEvent(id=event_id, **values)
    make_transient_to_detached(audit)
    session.add(audit)
    return audit


def verify_chain(session: Session | scoped_session, *, batch_size: int = 1000) -> VerifyResult:
    """Walk every event in id order, in batches; recompute hashes, links and the index;
    finally check that the chain's head is there (when there are events) and names the
    newest event (so a deleted newest event shows too; an earlier verified copy of the head
    also guards against a rewritten head).
    """
    columns = [AuditEvent.id, AuditEvent.prev_hash, AuditEvent.hash] + [
        getattr(AuditEvent, name) for name in HASHED_FIELDS
    ]
    expected_prev, last_id, checked = GENESIS_HASH, 0, 0
    batch = select(*columns).order_by(AuditEvent.id).limit(batch_size)
    head_read = False
    while True:
        rows = session.execute(batch.where(AuditEvent.id > last_id)).all()
        if not rows:
            head = session.execute(select(HEAD.c.hash).where(HEAD.c.id == 1)).scalar()
            if head is None and checked:
                return VerifyResult(
                    False,
                    checked,
                    None,
                    "the chain's head row is missing (it was deleted: the newest events may"
                    " have gone with it)",
                )
            if head is None or head == expected_prev:
                return VerifyResult(ok=True, checked=checked)
            if head_read:  # no newer event committed meanwhile either
                return VerifyResult(
                    False,
                    checked,
                    None,
                    "the chain's head does not name the newest event (events were removed"
                    " from the end, or the head was changed)",
                )
            head_read = True  # an append may have committed after the last batch: look again
            continue
        head_read = False
        index = _household_index(session, rows[0].id, rows[-1].id)
        for row in rows:
            problem = _check(row, expected_prev, index.get(row.id, []))
            if problem:
                return VerifyResult(False, checked, row.id, problem)
            expected_prev, checked = row.hash, checked + 1
        last_id = rows[-1].id


def _household_index(session: Session | scoped_session, first: int, last: int) -> dict:
    table = audit_event_households
    pairs = session.execute(
        select(table.c.event_id, table.c.household_id)
        .where(table.c.event_id.between(first, last))
        .order_by(table.c.event_id, table.c.household_id)
    )
    index: dict[int, list[int]] = {}
    for event_id, household_id in pairs:
        index.setdefault(event_id, []).append(household_id)
    return index


def _check(row: Any, expected_prev: str, indexed: list[int]) -> str | None:
    if row.prev_hash != expected_prev:
        return "prev_hash does not match the previous event (an event is missing or moved)"
    if row.hash != event_hash(row.prev_hash, row._mapping):
        return "hash does not match the event's contents (the event was altered)"
    if indexed != sorted(set(row.household_ids)):
        return "household index differs from the event's household_ids"
    return None
