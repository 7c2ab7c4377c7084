"""Households, members and consents."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    and_,
    func,
    or_,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Area
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow
from maatwerk.core.enums import ConsentPurpose, MemberPosition, ReferralSource

if TYPE_CHECKING:
    from maatwerk.plans.models import Plan


class Household(db.Model):
    """The family unit a plan is for. No BSN is stored (data minimisation)."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="RESTRICT"), index=True)
    referral_source: Mapped[ReferralSource] = mapped_column(
        str_enum(ReferralSource, "referral_source"), default=ReferralSource.PARTNER
    )
    referred_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    area: Mapped[Area] = relationship()
    members: Mapped[list[Member]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="Member.id"
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="Consent.id"
    )
    plans: Mapped[list[Plan]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="Plan.id"
    )

    # A reference is one code whatever its case: "HH-12" and "hh-12" are the same household
    # (households.operations says so first; this index is the database's own guard).
    __table_args__ = (Index("uq_households_reference_folded", func.lower(reference), unique=True),)

    def __repr__(self) -> str:
        return f"<Household {self.id}>"


class Member(db.Model):
    """A person in the household, adult or child."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[MemberPosition] = mapped_column(str_enum(MemberPosition, "member_position"))

    household: Mapped[Household] = relationship(back_populates="members")

    __table_args__ = (CheckConstraint("length(given_name) > 0", name="given_name_not_empty"),)

    @property
    def full_name(self) -> str:
        """Given and family name."""
        return f"{self.given_name} {self.family_name}".strip()

    def __repr__(self) -> str:  # no names: reprs end up in logs
        return f"<Member {self.id}>"


class MemberRevision(db.Model):
    """A rectification of a member's details (AVG art. 16): the earlier and the new value of
    each changed field, who changed it and when. Erased with the household."""

    __tablename__ = "member_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    # {"givenName": ["before", "after"], ...}
    changes: Mapped[dict[str, list]] = mapped_column(JSON)
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor_role: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<MemberRevision {self.id} of member {self.member_id}>"


class Consent(db.Model):
    """The household's permission for an organisation, for one purpose."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    purpose: Mapped[ConsentPurpose] = mapped_column(str_enum(ConsentPurpose, "consent_purpose"))
    given_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    recorded_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    text_version: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Who withdrew it, by role ("family", "professional", "system"); who exactly is in the
    # audit trail. A consent the family withdrew is given again only by the family.
    withdrawn_by_role: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)

    household: Mapped[Household] = relationship(back_populates="consents")
    organisation: Mapped[Organisation] = relationship()
    given_by: Mapped[Member | None] = relationship()
    recorded_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(
            "withdrawn_at IS NULL OR withdrawn_at >= given_at", name="withdrawn_after_given"
        ),
        # At most one live consent per household, organisation and purpose.
        Index(
            "uq_consents_live",
            "household_id",
            "organisation_id",
            "purpose",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    def is_active(self, on: dt.date | None = None) -> bool:
        """True while not withdrawn and not expired."""
        on = on or dt.date.today()
        return self.withdrawn_at is None and (self.valid_until is None or self.valid_until >= on)

    @classmethod
    def in_force(cls, purpose: ConsentPurpose, on: Any) -> ColumnElement[bool]:
        """is_active as SQL, for a consent of this purpose: not withdrawn and not expired
        on `on` (a date, or a bind parameter of a statement built once)."""
        return and_(
            cls.purpose == purpose,
            cls.withdrawn_at.is_(None),
            or_(cls.valid_until.is_(None), cls.valid_until >= on),
        )
