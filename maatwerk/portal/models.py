"""One-time activation codes with which a household member creates a family account."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import User
from maatwerk.core.db import UTCDateTime, db, utcnow
from maatwerk.households.models import Member


class ActivationCode(db.Model):
    """A code the coordinator hands to a member; only its SHA-256 hash is stored."""

    __tablename__ = "activation_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Set once: when the code was used, or when a newer code replaced it.
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    account_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    member: Mapped[Member] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_user_id])

    __table_args__ = (
        CheckConstraint("expires_at > created_at", name="expires_after_created"),
        CheckConstraint("used_at IS NULL OR revoked_at IS NULL", name="used_or_revoked"),
    )

    def is_usable(self, now: dt.datetime) -> bool:
        """Not used, not replaced and not expired."""
        return self.used_at is None and self.revoked_at is None and self.expires_at > now

    def __repr__(self) -> str:  # no code, no names
        return f"<ActivationCode {self.id}>"


class PasswordResetCode(db.Model):
    """A code the coordinator hands to a member who has a family account and lost the
    password; only its SHA-256 hash is stored (maatwerk.portal.reset)."""

    __tablename__ = "password_reset_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Set once: when the code was used, or when a newer code replaced it.
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    __table_args__ = (
        CheckConstraint("expires_at > created_at", name="expires_after_created"),
        CheckConstraint("used_at IS NULL OR revoked_at IS NULL", name="used_or_revoked"),
    )

    def is_usable(self, now: dt.datetime) -> bool:
        """Not used, not replaced and not expired."""
        return self.used_at is None and self.revoked_at is None and self.expires_at > now

    def __repr__(self) -> str:  # no code, no names
        return f"<PasswordResetCode {self.id}>"
