"""Password reset codes for family accounts: the coordinator makes one for a member who has
an account and lost the password (the administrator cannot see family accounts); the member
uses it once with their login name to choose a new password. The code mechanics are those
of the activation and setup codes (maatwerk.accounts.onetime). Operations flush, never
commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from maatwerk.accounts.models import RecoveryCode, User
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
from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.core.errors import Conflict
from maatwerk.households.models import Member
from maatwerk.notifications.family import notify_family
from maatwerk.notifications.models import FamilyNoticeKind
from maatwerk.plans.reading import denied, purpose_of
from maatwerk.portal.activation import coordinates_household
from maatwerk.portal.models import PasswordResetCode

DEFAULT_LIFETIME_HOURS = 72


class InvalidResetCode(CodeDoesNotWork):
    """A reset code that does not work (one answer for every reason)."""


def lifetime() -> dt.timedelta:
    """How long a reset code stays valid (FAMILY_RESET_CODE_LIFETIME_HOURS, default 72)."""
    return lifetime_from("FAMILY_RESET_CODE_LIFETIME_HOURS", DEFAULT_LIFETIME_HOURS)


def family_account_of(member: Member) -> User | None:
    """The family account that belongs to the member, if any."""
    return db.session.scalar(
        select(User).where(User.member_id == member.id, User.role == Role.FAMILY)
    )


def open_reset_codes(members: list[Member]) -> dict[int, dt.datetime]:
    """Until when each member's unused reset code works, by member id (one query)."""
    ids = [m.id for m in members]
    if not ids:
        return {}
    rows = db.session.execute(
        select(User.member_id, func.max(PasswordResetCode.expires_at))
        .join(User, User.id == PasswordResetCode.user_id)
        .where(
            User.member_id.in_(ids),
            PasswordResetCode.used_at.is_(None),
            PasswordResetCode.revoked_at.is_(None),
            PasswordResetCode.expires_at > utcnow(),
        )
        .group_by(User.member_id)
    )
    return {member_id: expires for member_id, expires in rows}


def create_reset_code(member: Member, *, actor: Any) -> tuple[str, dt.datetime]:
    """A one-time code with which the member chooses a new password, and when it expires;
    shown only now. Only a coordinator of one of the household's plans makes one; older
    unused codes of the account stop working."""
    if not coordinates_household(actor, member.household):
        raise denied(actor, "create", "member", member.id, [member.household_id])
    user = family_account_of(member)
    if user is None:
        raise Conflict("This member has no account yet: make an activation code.")
    if not user.active:
        raise Conflict("This account is switched off.")
    now = utcnow()
    revoke_unused(PasswordResetCode, PasswordResetCode.user_id == user.id, now=now)
    code = new_code()
    record = PasswordResetCode(
        user_id=user.id,
        code_hash=code_digest(code),
        created_by_user_id=actor.id,
        created_at=now,
        expires_at=now + lifetime(),
    )
    db.session.add(record)
    db.session.flush()
    record_audit(
        actor=actor,
        action="create",
        object_type="password_reset_code",
        object_id=str(record.id),
        household_ids=[member.household_id],
        purpose=purpose_of(actor),
    )
    return code, record.expires_at


def use_reset_code(code: str, *, login: str, password: str) -> tuple[User, bool]:
    """Choose a new password with a reset code and the account's login name. Every session
    and token of the account ends, and a two-step verification the family had switched on
    is cleared (the phone may be lost too; they can switch it on again). Returns the account
    and whether two-step verification was cleared."""
    login = (login or "").strip().lower()
    check_password(password, login=login)
    now = utcnow()
    record = db.session.scalar(
        select(PasswordResetCode)
        .where(PasswordResetCode.code_hash == code_digest(code))
        .options(joinedload(PasswordResetCode.user))
    )
    user = record.user if record is not None else None
    if (
        record is None
        or user is None
        or not record.is_usable(now)
        or (user.login or "").lower() != login
        or not user.active
        or user.role is not Role.FAMILY
        or user.member is None
    ):
        raise InvalidResetCode()
    if not claim(PasswordResetCode, record.id, now=now):  # of two uses, one wins
        raise InvalidResetCode()
    db.session.expire(record)
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    mfa_cleared = bool(user.mfa_secret)
    user.mfa_secret = None
    user.mfa_enabled_at = None
    user.mfa_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    end_all_sessions(user.id, "password reset with a family reset code")
    revoke_all_tokens(user.id)
    bump_account_version(user)
    household_id = user.member.household_id
    record_audit(
        actor=user,
        action="update",
        object_type="account_password",
        object_id=str(user.id),
        household_ids=[household_id],
        purpose="family_access",
    )
    notify_family(
        household_id, FamilyNoticeKind.ACCOUNT_RESET, member_id=user.member_id, actor=user
    )
    return user, mfa_cleared
