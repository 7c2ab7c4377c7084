"""Account setup codes: the administrator makes one (a new account, "reset password"), the
staff member uses it once with their login to choose a password. The administrator never
knows the password. Operations flush, never commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from maatwerk.accounts.models import User
from maatwerk.accounts.onetime import (
    CodeDoesNotWork,
    claim,
    code_digest,
    lifetime_from,
    new_code,
    revoke_unused,
)
from maatwerk.accounts.operations import check_password
from maatwerk.accounts.passwords import hash_password
from maatwerk.accounts.sessions import end_all_sessions
from maatwerk.accounts.tokens import revoke_all_tokens
from maatwerk.accounts.versions import bump_account_version
from maatwerk.admin.access import PURPOSE, STAFF_ROLES, audit_change
from maatwerk.admin.models import AccountSetupCode
from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db, utcnow

DEFAULT_LIFETIME_HOURS = 72


class InvalidSetupCode(CodeDoesNotWork):
    """A setup code that does not work (one answer for every reason)."""


def lifetime() -> dt.timedelta:
    """How long a setup code stays valid (ACCOUNT_SETUP_CODE_LIFETIME_HOURS, default 72)."""
    return lifetime_from("ACCOUNT_SETUP_CODE_LIFETIME_HOURS", DEFAULT_LIFETIME_HOURS)


def issue_setup_code(user: User, *, actor: Any) -> tuple[str, dt.datetime]:
    """A new code for the account (older unused ones stop working): the code, shown only
    now, and when it expires. The caller has checked that the actor administers."""
    now = utcnow()
    revoke_unused(AccountSetupCode, AccountSetupCode.user_id == user.id, now=now)
    code = new_code()
    record = AccountSetupCode(
        user_id=user.id,
        code_hash=code_digest(code),
        created_by_user_id=actor.id,
        created_at=now,
        expires_at=now + lifetime(),
    )
    db.session.add(record)
    db.session.flush()
    audit_change(actor, "create", "account_setup_code", record.id)
    return code, record.expires_at


def revoke_setup_codes(user: User) -> None:
    """Every unused code of the account stops working (deactivation)."""
    revoke_unused(AccountSetupCode, AccountSetupCode.user_id == user.id, now=utcnow())


def use_setup_code(code: str, *, login: str, password: str) -> User:
    """Set the account's password with its code; every session and token of it ends."""
    login = (login or "").strip().lower()
    check_password(password, login=login)
    now = utcnow()
    record = db.session.scalar(
        select(AccountSetupCode)
        .where(AccountSetupCode.code_hash == code_digest(code))
        .options(joinedload(AccountSetupCode.user))
    )
    user = record.user if record is not None else None
    if (
        record is None
        or user is None
        or not record.is_usable(now)
        or user.login != login
        or not user.active
        or user.role not in STAFF_ROLES
    ):
        raise InvalidSetupCode()
    if not claim(AccountSetupCode, record.id, now=now):  # of two uses, one wins
        raise InvalidSetupCode()
    db.session.expire(record)
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    end_all_sessions(user.id, "password set with a setup code")
    revoke_all_tokens(user.id)
    bump_account_version(user)
    record_audit(
        actor=user,
        action="update",
        object_type="account_password",
        object_id=str(user.id),
        purpose=PURPOSE,
    )
    return user
