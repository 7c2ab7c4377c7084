"""Server-side sessions: a `user_sessions` row per login, checked on every request.

The signed session cookie carries a random key; the row (found by the key's SHA-256 hash)
decides whether the cookie still logs anyone in. Logging out or changing the password
revokes every row of the account, so a copied cookie stops working as well. A session
ends after SESSION_IDLE_TIMEOUT_SECONDS without a request and SESSION_ABSOLUTE_TIMEOUT_SECONDS
after login, whatever happens. Each login gets a new key and a cleared cookie (no fixation).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from flask import Flask, current_app, g, request, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, select, update

from maatwerk.accounts.mfa import mfa_required
from maatwerk.accounts.models import User, UserSession
from maatwerk.core.db import db, utcnow

SESSION_KEY = "sid"
# What survives a login or logout in the cookie: only the language choice.
KEEP = ("lang",)
# last_seen_at is written at most this often (idle timeouts are counted in minutes).
TOUCH_SECONDS = 60

log = logging.getLogger("maatwerk.security")


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def clear_cookie_session() -> None:
    """Empty the cookie session, keeping only the language choice."""
    keep = {key: session[key] for key in KEEP if key in session}
    session.clear()
    session.update(keep)


def start_session(user: User, *, mfa_verified: bool) -> UserSession:
    """Log the user in with a new session key and a fresh cookie; flushes, never commits."""
    clear_cookie_session()
    now = utcnow()
    absolute = dt.timedelta(seconds=current_app.config["SESSION_ABSOLUTE_TIMEOUT_SECONDS"])
    db.session.execute(delete(UserSession).where(UserSession.created_at < now - 2 * absolute))
    raw = secrets.token_urlsafe(32)
    record = UserSession(
        user_id=user.id,
        key_hash=_digest(raw),
        created_at=now,
        last_seen_at=now,
        mfa_verified=mfa_verified,
    )
    db.session.add(record)
    db.session.flush()
    login_user(user)
    session[SESSION_KEY] = raw
    g.user_session = record
    return record


def end_all_sessions(user_id: int, reason: str) -> int:
    """Revoke every live session of the account; returns how many."""
    revoked = db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow()),
        execution_options={"synchronize_session": False},
    ).rowcount
    log.info("sessions revoked: user %s, %s, %s session(s)", user_id, reason, revoked)
    return revoked


def log_out_here() -> None:
    """Forget the login in this cookie (the rows are revoked separately)."""
    logout_user()
    clear_cookie_session()
    g.user_session = None


def current_session() -> UserSession | None:
    """The session row of this request, when logged in by cookie."""
    return g.get("user_session")


def _live_record(raw: str, user_id: int) -> UserSession | None:
    record = db.session.scalar(select(UserSession).where(UserSession.key_hash == _digest(raw)))
    if record is None or record.user_id != user_id or record.revoked_at is not None:
        return None
    config = current_app.config
    now = utcnow()
    idle = dt.timedelta(seconds=config["SESSION_IDLE_TIMEOUT_SECONDS"])
    absolute = dt.timedelta(seconds=config["SESSION_ABSOLUTE_TIMEOUT_SECONDS"])
    if now - record.last_seen_at > idle or now - record.created_at > absolute:
        return None
    if not record.mfa_verified and mfa_required(record.user):
        return None  # MFA became required after this login: log in again
    return record


def bearer_request() -> bool:
    """A request that authenticates by bearer token: its cookie never counts."""
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


def check_session() -> None:
    """Before every request: accept the cookie's login only with a live session row."""
    g.user_session = None
    if request.endpoint == "static" or bearer_request() or "_user_id" not in session:
        return
    raw = session.get(SESSION_KEY)
    user_id = str(session.get("_user_id", ""))
    record = _live_record(raw, int(user_id)) if raw and user_id.isdigit() else None
    if record is None:
        clear_cookie_session()
        g.session_ended = True  # was logged in: a refused form says to log in again
        return
    now = utcnow()
    if (now - record.last_seen_at).total_seconds() >= TOUCH_SECONDS:
        record.last_seen_at = now
        db.session.commit()
    g.user_session = record


def load_user(user_id: str) -> User | None:
    """flask-login's user loader: only for a cookie with a live session row."""
    record = g.get("user_session")
    if record is None or str(record.user_id) != user_id:
        return None
    return db.session.scalar(select(User).where(User.id == record.user_id, User.active))


def init_sessions(app: Flask) -> None:
    """Check the session row first thing on every request; load users through it."""
    from maatwerk.extensions import login_manager

    login_manager.user_loader(load_user)
    app.before_request_funcs.setdefault(None, []).insert(0, check_session)
