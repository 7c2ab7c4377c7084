"""Activation codes: the coordinator creates one, the family member uses it once to make
an account. Operations flush, never commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from maatwerk.accounts.models import User
from maatwerk.accounts.onetime import claim, code_digest, new_code, revoke_unused
from maatwerk.accounts.operations import check_password, create_user
from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.core.errors import Conflict, ValidationFailed
from maatwerk.households.ages import old_enough_for_account
from maatwerk.households.models import Household, Member
from maatwerk.notifications.family import notify_family
from maatwerk.notifications.models import FamilyNoticeKind
from maatwerk.plans.access import plan_roles
from maatwerk.plans.models import Plan, TeamMembership
from maatwerk.plans.reading import denied, purpose_of
from maatwerk.portal.models import ActivationCode

DEFAULT_LIFETIME_DAYS = 14
# The code mechanics (alphabet, hashing, atomic claim) are shared: maatwerk.accounts.onetime.


class InvalidActivationCode(ValidationFailed):
    """One answer for a wrong, expired, used or replaced code: never say which."""

    def __init__(self) -> None:
        super().__init__("This code does not work.", fields={"code": ["This code does not work."]})


def lifetime() -> dt.timedelta:
    """How long a code stays valid (ACTIVATION_CODE_LIFETIME_DAYS, default 14)."""
    days = current_app.config.get("ACTIVATION_CODE_LIFETIME_DAYS", DEFAULT_LIFETIME_DAYS)
    return dt.timedelta(days=int(days))


def coordinates_household(user: Any, household: Household) -> bool:
    """True when the user coordinates one of the household's plans (with consent)."""
    if getattr(user, "role", None) is not Role.PROFESSIONAL:
        return False
    return any("coordinator" in plan_roles(plan, user) for plan in household.plans)


def get_member_for_activation(member_id: int, user: User) -> Member:
    """A member whose household the user coordinates; 404 (audited) otherwise."""
    member = db.session.scalar(
        select(Member)
        .where(Member.id == member_id)
        .options(
            selectinload(Member.household).selectinload(Household.consents),
            selectinload(Member.household)
            .selectinload(Household.plans)
            .selectinload(Plan.team)
            .selectinload(TeamMembership.user),
        )
    )
    if member is None or not coordinates_household(user, member.household):
        raise denied(user, "create", "member", member_id, [member.household_id] if member else [])
    record_audit(
        actor=user,
        action="read",
        object_type="member",
        object_id=str(member.id),
        household_ids=[member.household_id],
        purpose=purpose_of(user),
    )
    return member


def member_has_account(member: Member) -> bool:
    """True when a family account already belongs to the member."""
    return db.session.scalar(select(User.id).where(User.member_id == member.id)) is not None


def members_with_account(members: list[Member]) -> set[int]:
    """The ids of the members a family account already belongs to (one query)."""
    ids = [m.id for m in members]
    if not ids:
        return set()
    return set(db.session.scalars(select(User.member_id).where(User.member_id.in_(ids))))


def open_activation_codes(members: list[Member]) -> dict[int, dt.datetime]:
    """Until when each member's unused activation code works, for those that have one (one
    query): the coordinator sees a code is still open before making a new one."""
    ids = [m.id for m in members]
    if not ids:
        return {}
    rows = db.session.execute(
        select(ActivationCode.member_id, func.max(ActivationCode.expires_at))
        .where(
            ActivationCode.member_id.in_(ids),
            ActivationCode.used_at.is_(None),
            ActivationCode.revoked_at.is_(None),
            ActivationCode.expires_at > utcnow(),
        )
        .group_by(ActivationCode.member_id)
    )
    return {member_id: expires for member_id, expires in rows}


def create_activation_code(member: Member, *, actor: Any) -> str:
    """Create a one-time code for the member and return it (the only time it is shown).

    Only a coordinator of one of the household's plans may; older unused codes of the
    member stop working."""
    if not coordinates_household(actor, member.household):
        raise denied(actor, "create", "member", member.id, [member.household_id])
    if member_has_account(member):
        raise Conflict("This member already has an account.")
    if not old_enough_for_account(member):
        raise Conflict("A family account is for members aged 16 or older.")
    now = utcnow()
    revoke_unused(ActivationCode, ActivationCode.member_id == member.id, now=now)
    code = new_code()
    record = ActivationCode(
        member=member,
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
        object_type="activation_code",
        object_id=str(record.id),
        household_ids=[member.household_id],
        purpose=purpose_of(actor),
    )
    return code


def activate_account(code: str, *, login: str, password: str) -> User:
    """Use a code: create the member's family account with this login and password."""
    check_password(password)
    now = utcnow()
    record = db.session.scalar(
        select(ActivationCode).where(ActivationCode.code_hash == code_digest(code))
    )
    # A code made before the age rule (or before a date of birth was corrected) is refused
    # like any code that does not work.
    if record is None or not record.is_usable(now) or not old_enough_for_account(record.member):
        raise InvalidActivationCode()
    # Claim the code atomically: of two concurrent uses only one matches this row.
    claimed = claim(ActivationCode, record.id, now=now)
    member = record.member
    if not claimed or member_has_account(member):
        raise InvalidActivationCode()
    user = create_user(
        login=login,
        display_name=member.given_name,
        role=Role.FAMILY,
        password=password,
        member=member,
    )
    db.session.execute(
        update(ActivationCode)
        .where(ActivationCode.id == record.id)
        .values(account_user_id=user.id),
        execution_options={"synchronize_session": False},
    )
    db.session.expire(record)
    # Audited as what it is: a family account made with the code the coordinator gave.
    record_audit(
        actor=user,
        action="create",
        object_type="family_account",
        object_id=str(user.id),
        household_ids=[member.household_id],
        purpose="family_access",
    )
    # The household's other family accounts are told (someone could act as the family).
    notify_family(
        member.household_id, FamilyNoticeKind.ACCOUNT_ACTIVATED, member_id=member.id, actor=user
    )
    return user
