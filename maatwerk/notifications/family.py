"""The family's notices: what someone else changed in the household's accounts (a member
added, a family account made, a password reset with a code). The family owns its file
(DESIGN §3), so these reach every family account of the household; they flush, never commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from maatwerk.accounts.models import User
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.households.models import Member
from maatwerk.notifications.models import FamilyNotice, FamilyNoticeKind


def family_accounts(household_id: int) -> list[User]:
    """The active family accounts of the household."""
    return list(
        db.session.scalars(
            select(User)
            .join(Member, User.member_id == Member.id)
            .where(Member.household_id == household_id, User.role == Role.FAMILY, User.active)
            .order_by(User.id)
        )
    )


def notify_family(
    household_id: int,
    kind: FamilyNoticeKind,
    *,
    member_id: int | None,
    actor: Any,
    skip_user_id: int | None = None,
) -> list[FamilyNotice]:
    """One notice per family account of the household, never for the one who acted (nor
    for `skip_user_id`, e.g. the account that was just made)."""
    skip = {getattr(actor, "id", None), skip_user_id}
    notices = [
        FamilyNotice(recipient_user_id=user.id, kind=kind, member_id=member_id)
        for user in family_accounts(household_id)
        if user.id not in skip
    ]
    db.session.add_all(notices)
    db.session.flush()
    return notices


def unread_family_notices(user: Any) -> int:
    """How many notices the family account has not seen yet."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(FamilyNotice)
            .where(FamilyNotice.recipient_user_id == user.id, FamilyNotice.read_at.is_(None))
        )
        or 0
    )


def recent_family_notices(user: Any, *, limit: int = 10) -> list[FamilyNotice]:
    """The account's newest notices (unread ones first), with the member they name."""
    from sqlalchemy.orm import joinedload

    return list(
        db.session.scalars(
            select(FamilyNotice)
            .where(FamilyNotice.recipient_user_id == user.id)
            .options(joinedload(FamilyNotice.member))
            .order_by(
                FamilyNotice.read_at.is_not(None),
                FamilyNotice.created_at.desc(),
                FamilyNotice.id.desc(),
            )
            .limit(limit)
            # read as stored now (mark_family_notices_seen updates in bulk, not the objects)
            .execution_options(populate_existing=True)
        )
    )


def mark_family_notices_seen(user: Any) -> None:
    """The account has seen its notices (the page showed them)."""
    db.session.execute(
        update(FamilyNotice)
        .where(FamilyNotice.recipient_user_id == user.id, FamilyNotice.read_at.is_(None))
        .values(read_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
