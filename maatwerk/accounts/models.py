"""Organisations and user accounts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow
from maatwerk.core.enums import Role, Sector

if TYPE_CHECKING:
    from maatwerk.households.models import Member


class Organisation(db.Model):
    """A partner organisation of the alliance."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    sector: Mapped[Sector] = mapped_column(str_enum(Sector, "sector"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Optimistic locking of the administrator's edits (ETag, the edit form's version).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    users: Mapped[list[User]] = relationship(back_populates="organisation")

    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)
    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.sector}>"


class User(UserMixin, db.Model):
    """An account; family accounts link to a household member, others to an organisation."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), unique=True
    )
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    mfa_secret: Mapped[str | None] = mapped_column(String(64))
    # Two-step verification is on once the first code was confirmed; until then the secret
    # is a pending enrolment. The last accepted time step refuses a replayed code.
    mfa_enabled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    mfa_last_step: Mapped[int | None] = mapped_column(BigInteger)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The version of what the administrator sees and manages (ETag, the edit form's
    # version): bumped by bump_account_version, never by a login, so that logging in never
    # conflicts with anything (not a version_id_col).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    organisation: Mapped[Organisation | None] = relationship(back_populates="users")
    member: Mapped[Member | None] = relationship()

    __table_args__ = (
        CheckConstraint(
            "(role = 'family' AND member_id IS NOT NULL AND organisation_id IS NULL)"
            " OR (role <> 'family' AND member_id IS NULL)",
            name="family_links_member",
        ),
        CheckConstraint(
            "role NOT IN ('professional', 'manager') OR organisation_id IS NOT NULL",
            name="staff_have_organisation",
        ),
        CheckConstraint("length(login) > 0", name="login_not_empty"),
    )

    @property
    def is_active(self) -> bool:  # flask-login: inactive accounts cannot log in
        return self.active

    @property
    def household_id(self) -> int | None:
        """The household of a family account, else None."""
        return self.member.household_id if self.member is not None else None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class ApiToken(db.Model):
    """A bearer token for the API; only its SHA-256 hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    __table_args__ = (CheckConstraint("expires_at > created_at", name="expires_after_created"),)


class UserSession(db.Model):
    """A browser session, checked on every request: revoking the row ends the session, also
    for a copied cookie. The cookie holds a random key; only its SHA-256 hash is stored."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # True when this session passed the second step (TOTP or a recovery code).
    mfa_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # A one-time code just made, kept for exactly one display after the redirect
    # (maatwerk.portal.shown): encrypted with a key only this session's cookie holds.
    pending_code: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship()


class DashboardVisit(db.Model):
    """When a user last looked at the dashboard: "changed since your last visit" starts
    there. One row per user, apart from the sessions (which are purged) and from users
    (reading a page changes no account data)."""

    __tablename__ = "dashboard_visits"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class RecoveryCode(db.Model):
    """A single-use recovery code for two-step verification; only its hash is stored."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ThrottleCounter(db.Model):
    """Attempts per key (account or client address, hashed) in a fixed window, shared by
    every app process through the database."""

    __tablename__ = "throttle_counters"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("count >= 0", name="count_not_negative"),)
