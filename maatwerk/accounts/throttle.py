"""Throttling of login attempts: fixed-window counters in the database, shared by every app
process (never process memory). One atomic INSERT … ON CONFLICT DO UPDATE … RETURNING
counts an attempt, so concurrent attempts can never slip past the limit together.

Keys are hashes ("login-account-address:<sha256>", "login-account:<sha256>",
"login-address:<sha256>", "mfa-…"): the table holds no login names or client addresses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from flask import current_app, request
from sqlalchemy import bindparam, case, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from maatwerk.accounts.models import ThrottleCounter
from maatwerk.core.db import UTCDateTime, db, utcnow

TABLE = ThrottleCounter.__table__


def throttle_key(scope: str, value: str) -> str:
    """A counter key that does not reveal the login name or address it counts."""
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()
    return f"{scope}:{digest[:48]}"


def _insert(session: Session):
    dialect = session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(TABLE)


def hit(
    key: str, window_seconds: int, *, session: Session | None = None
) -> tuple[int, dt.datetime]:
    """Count one attempt; returns the count in the current window and when it started."""
    session = session or db.session
    now = utcnow()
    at = bindparam("now", now, type_=UTCDateTime)
    cutoff = bindparam("cutoff", now - dt.timedelta(seconds=window_seconds), type_=UTCDateTime)
    expired = TABLE.c.window_start <= cutoff
    statement = (
        _insert(session)
        .values(key=key, window_start=now, count=1)
        .on_conflict_do_update(
            index_elements=[TABLE.c.key],
            set_={
                "count": case((expired, 1), else_=TABLE.c.count + 1),
                "window_start": case((expired, at), else_=TABLE.c.window_start),
            },
        )
        .returning(TABLE.c.count, TABLE.c.window_start)
    )
    count, started = session.execute(statement).one()
    return count, started


def forget(key: str) -> None:
    """Clear a counter (after a successful login of that account)."""
    db.session.execute(delete(TABLE).where(TABLE.c.key == key))


def take_back(key: str) -> None:
    """Undo one counted attempt (a successful login does not count against its address)."""
    db.session.execute(
        update(TABLE).where(TABLE.c.key == key, TABLE.c.count > 0).values(count=TABLE.c.count - 1)
    )


def purge_expired(window_seconds: int) -> None:
    """Drop counters whose window ended long ago."""
    cutoff = utcnow() - dt.timedelta(seconds=2 * window_seconds)
    db.session.execute(delete(TABLE).where(TABLE.c.window_start < cutoff))


class Throttled(Exception):
    """Too many attempts: answer 429 with Retry-After."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many attempts")
        self.retry_after = max(1, retry_after)


def client_address() -> str:
    """The client's address (behind trusted proxies: set up by ProxyFix)."""
    return request.remote_addr or "unknown"


@dataclass
class LoginGuard:
    """The counters of one login attempt: the account named from this client address, the
    account from every address, and the client address.

    `admit()` counts the attempt before the password is checked and raises Throttled over a
    limit; `succeeded()` clears the account's counter for this address and takes the attempt
    back from the other two, so only failures count. An unknown account is counted exactly
    like a known one.

    The tight limit is per account *and* address, so someone who knows a login name cannot
    lock its owner out from one address: the owner, elsewhere, still gets in. The
    account-wide limit, much higher, stops guessing spread over many addresses. Second-step
    codes (`strict`) keep the tight limit account-wide: that step is reached only with the
    password, and a six-digit code must not be guessed from many addresses at once.
    """

    login: str
    scope: str = "login"
    strict: bool = False

    def __post_init__(self) -> None:
        config = current_app.config
        self.window = int(config["LOGIN_THROTTLE_WINDOW_SECONDS"])
        per_account = int(config["LOGIN_THROTTLE_PER_ACCOUNT"])
        name, address = self.login.strip().lower(), client_address()
        self.pair_key = throttle_key(f"{self.scope}-account-address", f"{name}\n{address}")
        self.account_key = throttle_key(f"{self.scope}-account", name)
        self.address_key = throttle_key(f"{self.scope}-address", address)
        self.limits = (
            (self.pair_key, per_account),
            (
                self.account_key,
                per_account if self.strict else int(config["LOGIN_THROTTLE_PER_ACCOUNT_ALL"]),
            ),
            (self.address_key, int(config["LOGIN_THROTTLE_PER_ADDRESS"])),
        )

    def admit(self) -> None:
        purge_expired(self.window)
        now = utcnow()
        waits = []
        for key, limit in self.limits:
            count, started = hit(key, self.window)
            if count > limit:
                ends = started + dt.timedelta(seconds=self.window)
                waits.append(math.ceil((ends - now).total_seconds()))
        if waits:
            raise Throttled(max(waits))

    def succeeded(self) -> None:
        forget(self.pair_key)
        if self.strict:
            forget(self.account_key)
        else:  # failures from other addresses keep counting against the account
            take_back(self.account_key)
        take_back(self.address_key)


def mfa_guard(user_id: int) -> LoginGuard:
    """Counters for second-step codes of one account (a 6-digit code must not be guessed)."""
    return LoginGuard(login=f"user-{user_id}", scope="mfa", strict=True)
