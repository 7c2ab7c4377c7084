"""The administrator's operations on staff accounts; they flush, never commit.

Family accounts are family data: they are in no list and answer "not found" by id. Role
and organisation are fixed at creation (see README, "Administration")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import joinedload

from maatwerk.accounts.models import Organisation, RecoveryCode, User
from maatwerk.accounts.operations import create_user
from maatwerk.accounts.sessions import end_all_sessions
from maatwerk.accounts.tokens import revoke_all_tokens
from maatwerk.accounts.versions import bump_account_version
from maatwerk.admin.access import STAFF_ROLES, audit_change, require_admin
from maatwerk.admin.setup import issue_setup_code, revoke_setup_codes
from maatwerk.audit.models import AuditEvent, AuditOutcome
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.core.errors import Conflict, NotFound, ValidationFailed
from maatwerk.core.names import clean_name

LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{1,79}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LIMITS = {"display_name": 200, "email": 254, "phone": 40}


@dataclass(frozen=True)
class AccountFilters:
    """What the list of accounts is narrowed to."""

    query: str = ""
    role: Role | None = None
    organisation_id: int | None = None
    active: bool | None = None


def _staff():
    return User.role.in_(STAFF_ROLES)


def list_accounts(
    actor: Any, filters: AccountFilters, *, page: int = 1, page_size: int = 25
) -> tuple[list[User], int]:
    """One page of staff accounts by login, and the total; never family accounts."""
    require_admin(actor, "search")
    where = [_staff()]
    text = filters.query.strip().lower()
    if text:
        where.append(
            or_(
                func.lower(User.login).contains(text, autoescape=True),
                func.lower(User.display_name).contains(text, autoescape=True),
            )
        )
    if filters.role is not None:
        where.append(User.role == filters.role)
    if filters.organisation_id is not None:
        where.append(User.organisation_id == filters.organisation_id)
    if filters.active is not None:
        where.append(User.active.is_(filters.active))
    total = db.session.scalar(select(func.count(User.id)).where(*where)) or 0
    users = db.session.scalars(
        select(User)
        .where(*where)
        .options(joinedload(User.organisation))
        .order_by(User.login, User.id)
        .offset((page - 1) * page_size)
        .limit(page_size)
    )
    return list(users), total


def get_account(account_id: int, actor: Any) -> User:
    """One staff account; a family account is not found (it is family data)."""
    require_admin(actor)
    user = db.session.scalar(
        select(User).where(User.id == account_id, _staff()).options(joinedload(User.organisation))
    )
    if user is None:
        raise NotFound("Not found.")
    return user


def _phone_number(text: str) -> bool:
    """True for a number a colleague can call (Dutch or with a country code)."""
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(text, "NL"))
    except phonenumbers.NumberParseException:
        return False


def _contact(display_name: str, email: str | None, phone: str | None) -> dict[str, Any]:
    values = {
        # One line of text, as a name shows everywhere (no new lines or invisible marks).
        "display_name": clean_name(display_name),
        "email": (email or "").strip() or None,
        "phone": (phone or "").strip() or None,
    }
    errors: dict[str, list[str]] = {}
    if not values["display_name"]:
        errors["displayName"] = ["Required."]
    for key, limit in LIMITS.items():
        if values[key] and len(values[key]) > limit:
            name = "displayName" if key == "display_name" else key
            errors[name] = [f"At most {limit} characters."]
    if values["email"] and "email" not in errors and not EMAIL.fullmatch(values["email"]):
        errors["email"] = ["Not an e-mail address."]
    if values["phone"] and "phone" not in errors and not _phone_number(values["phone"]):
        errors["phone"] = ["Not a phone number."]
    if errors:
        raise ValidationFailed("The account cannot be saved.", fields=errors)
    return values


def add_account(
    *,
    login: str,
    display_name: str,
    role: Role | str,
    organisation: Organisation | None,
    email: str | None = None,
    phone: str | None = None,
    actor: Any,
) -> tuple[User, str, dt.datetime]:
    """Create a staff account without a password, with its first setup code: the account,
    the code (shown only now) and when the code expires."""
    require_admin(actor, "create")
    login = (login or "").strip().lower()
    if login and not LOGIN.fullmatch(login):
        raise ValidationFailed(
            "The account cannot be created.",
            fields={"login": ["2 to 80 letters, digits, dots, dashes or underscores."]},
        )
    if str(role) == Role.FAMILY.value:
        raise ValidationFailed(
            "Family accounts are made with an activation code.",
            fields={"role": ["Not a staff role."]},
        )
    values = _contact(display_name, email, phone)
    user = create_user(login=login, role=role, password=None, organisation=organisation, **values)
    audit_change(actor, "create", "account", user.id)
    code, expires_at = issue_setup_code(user, actor=actor)
    return user, code, expires_at


def update_account(
    user: User,
    *,
    display_name: str,
    email: str | None,
    phone: str | None,
    actor: Any,
    version: int | None = None,
) -> User:
    """Change the display name, e-mail address and phone number."""
    require_admin(actor, "update")
    values = _contact(display_name, email, phone)
    bump_account_version(user, version)
    for key, value in values.items():
        setattr(user, key, value)
    db.session.flush()
    audit_change(actor, "update", "account", user.id)
    return user


def _end_access(user: User, reason: str) -> None:
    end_all_sessions(user.id, reason)
    revoke_all_tokens(user.id)


def deactivate_account(user: User, *, actor: Any, version: int | None = None) -> User:
    """Close the account: its sessions, API tokens and setup codes end at once."""
    require_admin(actor, "update")
    if user.id == actor.id:
        raise Conflict("You cannot deactivate your own account.")
    if not user.active:
        raise Conflict("This account is already deactivated.")
    if user.role is Role.ADMIN:
        # Lock the other active administrators' rows (PostgreSQL): two administrators who
        # deactivate each other at the same moment cannot both succeed.
        other = db.session.scalar(
            select(User.id)
            .where(User.role == Role.ADMIN, User.active.is_(True), User.id != user.id)
            .with_for_update()
            .limit(1)
        )
        if other is None:
            raise Conflict("The last active administrator cannot be deactivated.")
    bump_account_version(user, version)
    user.active = False
    _end_access(user, "account deactivated")
    revoke_setup_codes(user)
    db.session.flush()
    audit_change(actor, "update", "account", user.id)
    return user


def reactivate_account(user: User, *, actor: Any, version: int | None = None) -> User:
    """Open a deactivated account again (with the password it had)."""
    require_admin(actor, "update")
    if user.active:
        raise Conflict("This account is already active.")
    bump_account_version(user, version)
    user.active = True
    db.session.flush()
    audit_change(actor, "update", "account", user.id)
    return user


# One administrator may reset an account's password or its two-step verification, not both
# within this period: both together would let them log in as the account themselves (the
# setup code comes to the administrator) and read what it may read. The other reset needs a
# second administrator (four eyes).
FOUR_EYES_PERIOD = dt.timedelta(days=14)
RESETS = ("account_password", "account_mfa")


def _require_second_administrator(user: User, actor: Any, other_reset: str) -> None:
    """Refuse when this administrator made the account's other reset recently (from the
    append-only audit trail, so it holds across processes and restarts)."""
    since = utcnow() - FOUR_EYES_PERIOD
    earlier = db.session.scalar(
        select(AuditEvent.id)
        .where(
            AuditEvent.user_id == actor.id,
            AuditEvent.object_type == other_reset,
            AuditEvent.object_id == str(user.id),
            AuditEvent.outcome == AuditOutcome.SUCCESS,
            AuditEvent.occurred_at >= since,
        )
        .limit(1)
    )
    if earlier is not None:
        raise Conflict(
            "You reset this account's other sign-in step recently: "
            "a second administrator makes this reset."
        )


def reset_password(
    user: User, *, actor: Any, version: int | None = None
) -> tuple[str, dt.datetime]:
    """Clear the password and make a setup code with which the user chooses a new one; the
    account's sessions and API tokens end at once."""
    require_admin(actor, "update")
    if user.id == actor.id:
        raise Conflict("Change your own password on your account page.")
    if not user.active:
        raise Conflict("Reactivate the account first.")
    _require_second_administrator(user, actor, "account_mfa")
    bump_account_version(user, version)
    user.password_hash = None
    _end_access(user, "password reset by an administrator")
    db.session.flush()
    audit_change(actor, "update", "account_password", user.id)
    return issue_setup_code(user, actor=actor)


def reset_two_step(user: User, *, actor: Any, version: int | None = None) -> User:
    """Switch two-step verification off (a lost phone): secret and recovery codes go, the
    user sets it up again; the account's sessions and API tokens end."""
    require_admin(actor, "update")
    if user.id == actor.id:
        raise Conflict("Another administrator resets your two-step verification.")
    if not user.mfa_secret:
        raise Conflict("Two-step verification is not set up for this account.")
    _require_second_administrator(user, actor, "account_password")
    bump_account_version(user, version)
    user.mfa_secret = None
    user.mfa_enabled_at = None
    user.mfa_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    _end_access(user, "two-step verification reset by an administrator")
    db.session.flush()
    audit_change(actor, "update", "account_mfa", user.id)
    return user
