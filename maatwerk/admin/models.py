"""One-time setup codes with which a staff member chooses their own password."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import User
from maatwerk.core.db import UTCDateTime, db, utcnow


class AccountSetupCode(db.Model):
    """A code the administrator hands to a staff member; only its SHA-256 hash is stored.

    Made when the account is created and by "reset password"; the user chooses a password
    with it (maatwerk.admin.setup), so the administrator never knows the password."""

    __tablename__ = "account_setup_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Set once: when the code was used, or when a newer code or a deactivation ended it.
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
        return f"<AccountSetupCode {self.id}>"
