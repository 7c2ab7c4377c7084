"""Case review sessions (lerend evalueren), their case packs, participants and lessons.

The lessons' full-text index is not in these models: migrations/versions/0003_lessons_search
adds it (a tsvector column with a GIN index on PostgreSQL, an FTS5 table on SQLite).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Intervention, OperationalGoal
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow
from maatwerk.core.enums import ConsentPurpose, Domain

if TYPE_CHECKING:
    from maatwerk.plans.models import Plan


class LessonEffect(StrEnum):
    """Whether what the lesson is about worked (werkzaam element) or not."""

    WORKED = "worked"
    DID_NOT_WORK = "did_not_work"
    MIXED = "mixed"


class PackTextField(StrEnum):
    """Which of a goal's texts, in the family's words, a pack text comes from."""

    TITLE = "title"
    WHY_IT_MATTERS = "why_it_matters"
    STRENGTHS = "strengths"


class CaseReviewSession(db.Model):
    """A casuistry session: anonymised cases reviewed by partners and experience experts."""

    __tablename__ = "case_review_sessions"
    WORKFLOW = "case_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    planned_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(30), index=True)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    cases: Mapped[list[CasePack]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="CasePack.position"
    )
    participants: Mapped[list[SessionParticipant]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="SessionParticipant.invited_at",
    )
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Lesson.id"
    )
    created_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        CheckConstraint("length(status) > 0", name="status_not_empty"),
    )

    def is_participant(self, user: Any) -> bool:
        """True when the account was invited to this session."""
        return any(p.user_id == getattr(user, "id", None) for p in self.participants)


class SessionParticipant(db.Model):
    """An invited partner professional or experience expert."""

    __tablename__ = "case_review_participants"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("case_review_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    invited_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    invited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[CaseReviewSession] = relationship(back_populates="participants")
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class CasePack(db.Model):
    """One household's case, anonymised for one session; shown once a programme user approved
    it, and only while the household's learning consent lasts."""

    __tablename__ = "case_packs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("case_review_sessions.id", ondelete="CASCADE"), index=True
    )
    # Erasing a plan (retention) erases its packs.
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    # Generalised facts without free text (composition, area, timeline, actions, barriers,
    # outcome changes); the texts are CasePackText rows, reviewed one by one.
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    generated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    approved_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Set on every change of the pack or its texts: the version (ETag) follows it.
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    session: Mapped[CaseReviewSession] = relationship(back_populates="cases")
    plan: Mapped[Plan] = relationship()
    texts: Mapped[list[CasePackText]] = relationship(
        back_populates="pack", cascade="all, delete-orphan", order_by="CasePackText.position"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("session_id", "plan_id", name="uq_case_packs_session_plan"),
        UniqueConstraint("session_id", "position", name="uq_case_packs_session_position"),
        CheckConstraint("position >= 1", name="position_positive"),
    )

    @property
    def household_id(self) -> int:
        return self.plan.household_id

    @property
    def has_learning_consent(self) -> bool:
        """The household's learning consent is active today (checked on every use)."""
        today = dt.date.today()
        return any(
            c.purpose is ConsentPurpose.LEARNING and c.is_active(today)
            for c in self.plan.household.consents
        )

    @property
    def approved(self) -> bool:
        """Approved by the programme and still covered by learning consent."""
        return self.approved_at is not None and self.has_learning_consent

    @property
    def label(self) -> str:
        """'A', 'B' … 'Z', 'AA' …: how the session refers to the case (no reference codes)."""
        n, name = self.position, ""
        while n > 0:
            n, rest = divmod(n - 1, 26)
            name = chr(ord("A") + rest) + name
        return name


class CasePackText(db.Model):
    """One of the family's texts in a pack: scrubbed, then reviewed (and maybe edited)."""

    __tablename__ = "case_pack_texts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pack_id: Mapped[int] = mapped_column(
        ForeignKey("case_packs.id", ondelete="CASCADE"), index=True
    )
    # The goal the text was scrubbed from; no copy of the original is kept, and the review
    # shows the scrubbed text only (DESIGN §1: the programme never sees identifiable families).
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )
    field: Mapped[PackTextField] = mapped_column(str_enum(PackTextField, "pack_text_field"))
    domain: Mapped[Domain] = mapped_column(str_enum(Domain, "domain"))
    goal_status: Mapped[str] = mapped_column(String(30), default="")
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)

    pack: Mapped[CasePack] = relationship(back_populates="texts")

    __table_args__ = (
        UniqueConstraint("pack_id", "position", name="uq_case_pack_texts_pack_position"),
    )


lesson_interventions = Table(
    "lesson_interventions",
    db.metadata,
    Column("lesson_id", ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "intervention_id",
        ForeignKey("interventions.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

lesson_operational_goals = Table(
    "lesson_operational_goals",
    db.metadata,
    Column("lesson_id", ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "operational_goal_id",
        ForeignKey("operational_goals.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

lesson_organisations = Table(
    "lesson_organisations",
    db.metadata,
    Column("lesson_id", ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organisation_id",
        ForeignKey("organisations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class LessonDomain(db.Model):
    """A life domain a lesson concerns."""

    __tablename__ = "lesson_domains"

    lesson_id: Mapped[int] = mapped_column(
        ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True
    )
    domain: Mapped[Domain] = mapped_column(str_enum(Domain, "domain"), primary_key=True)


class Lesson(db.Model):
    """What a session learned: what worked or did not (werkzaam element), about which
    interventions and operational goals, and for which organisations it matters."""

    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("case_review_sessions.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    effect: Mapped[LessonEffect] = mapped_column(str_enum(LessonEffect, "lesson_effect"))
    recorded_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    session: Mapped[CaseReviewSession] = relationship(back_populates="lessons")
    recorded_by: Mapped[User | None] = relationship()
    domain_links: Mapped[list[LessonDomain]] = relationship(cascade="all, delete-orphan")
    interventions: Mapped[list[Intervention]] = relationship(
        secondary=lesson_interventions, order_by=Intervention.name
    )
    operational_goals: Mapped[list[OperationalGoal]] = relationship(
        secondary=lesson_operational_goals, order_by=OperationalGoal.code
    )
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=lesson_organisations, order_by=Organisation.name
    )

    __table_args__ = (
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        CheckConstraint("length(description) > 0", name="description_not_empty"),
    )

    @property
    def domains(self) -> list[Domain]:
        """The life domains this lesson concerns."""
        return sorted(link.domain for link in self.domain_links)
