"""A notification for one user: something happened to a barrier they work on."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import User
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow

if TYPE_CHECKING:
    from maatwerk.barriers.models import Barrier
    from maatwerk.households.models import Member


class NotificationKind(StrEnum):
    """What happened."""

    BARRIER_ESCALATED = "barrier_escalated"
    BARRIER_DECIDED = "barrier_decided"
    BARRIER_STRUCTURAL = "barrier_structural"
    BARRIER_RESOLVED = "barrier_resolved"


class Notification(db.Model):
    """One message in a user's list; ids only, the page shows no personal data."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(str_enum(NotificationKind, "notification_kind"))
    barrier_id: Mapped[int | None] = mapped_column(
        ForeignKey("barriers.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    recipient: Mapped[User] = relationship()
    # The barrier's current state for the list (loaded with it: list_notifications).
    barrier: Mapped[Barrier | None] = relationship("Barrier", viewonly=True)

    @property
    def barrier_reference(self) -> str | None:
        """The barrier's reference (as Barrier.reference), without loading it."""
        return f"K-{self.barrier_id:04d}" if self.barrier_id is not None else None

    __table_args__ = (
        # The unread badge and the list: a user's notifications, unread first.
        Index("ix_notifications_recipient_read", "recipient_user_id", "read_at"),
    )


class FamilyNoticeKind(StrEnum):
    """What changed in the family's accounts, without the family doing it."""

    MEMBER_ADDED = "member_added"
    ACCOUNT_ACTIVATED = "account_activated"
    ACCOUNT_RESET = "account_reset"


class FamilyNotice(db.Model):
    """A message in the portal for a family account: someone else added a member to the
    household or a family account was made or reset (DESIGN §3: the family owns its file)."""

    __tablename__ = "family_notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[FamilyNoticeKind] = mapped_column(str_enum(FamilyNoticeKind, "family_notice_kind"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    member: Mapped[Member | None] = relationship("Member", viewonly=True)
