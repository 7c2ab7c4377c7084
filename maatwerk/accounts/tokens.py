"""Bearer tokens for the API: random, stored hashed, expiring, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cache

from flask import current_app
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from maatwerk.accounts.models import ApiToken, User
from maatwerk.core.db import db, utcnow


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User) -> tuple[str, ApiToken]:
    """Create a token for the user; the raw value is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    lifetime = dt.timedelta(seconds=current_app.config["API_TOKEN_LIFETIME_SECONDS"])
    token = ApiToken(user=user, token_hash=_digest(raw), created_at=now, expires_at=now + lifetime)
    db.session.add(token)
    db.session.flush()
    return raw, token


@cache
def _token_statement():
    """Built once: every API request runs it, and building it (with its eager loads and
    cache key) cost as much as running it."""
    return (
        select(ApiToken)
        .where(ApiToken.token_hash == bindparam("token_hash"))
        .options(joinedload(ApiToken.user).joinedload(User.organisation))
    )


def find_token(raw: str) -> ApiToken | None:
    """The live token for a raw value, or None when unknown, expired or revoked."""
    token = db.session.scalar(_token_statement(), {"token_hash": _digest(raw)})
    if token is None or token.revoked_at is not None or token.expires_at <= utcnow():
        return None
    if not token.user.active:
        return None
    return token


def revoke_token(token: ApiToken) -> None:
    """Revoke a token from now on."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    db.session.flush()


def revoke_all_tokens(user_id: int) -> int:
    """Revoke every live token of the account (after a password change); returns how many."""
    return db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow()),
        execution_options={"synchronize_session": False},
    ).rowcount


def token_from_header(header: str | None) -> str | None:
    """The raw token of an 'Authorization: Bearer ...' header."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
