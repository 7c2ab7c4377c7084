"""Plans, team memberships, revisions, transition events and comments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import Organisation, User
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow
from maatwerk.core.enums import PlanRole

if TYPE_CHECKING:
    from maatwerk.barriers.models import Barrier
    from maatwerk.goals.models import Action, Goal
    from maatwerk.households.models import Household
    from maatwerk.outcomes.models import OutcomeScore


class Plan(db.Model):
    """A household's maatwerk plan; its status follows a workflow definition."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    workflow_name: Mapped[str] = mapped_column(String(60))
    workflow_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(30), index=True)
    cycle: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)
    confirmed_version: Mapped[int | None] = mapped_column(Integer)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    started_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    closure_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )

    household: Mapped[Household] = relationship(back_populates="plans")
    team: Mapped[list[TeamMembership]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="TeamMembership.id"
    )
    goals: Mapped[list[Goal]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Goal.id"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Action.id"
    )
    barriers: Mapped[list[Barrier]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Barrier.id"
    )
    scores: Mapped[list[OutcomeScore]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="OutcomeScore.id"
    )
    comments: Mapped[list[Comment]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Comment.id"
    )
    revisions: Mapped[list[PlanRevision]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanRevision.version"
    )

    # The version is bumped explicitly, once per change (plans.revisions.touch_plan); ORM
    # UPDATEs of the row still carry "WHERE version = <known>", so a concurrent write is
    # detected instead of lost.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}
    __table_args__ = (
        CheckConstraint("cycle >= 1", name="cycle_positive"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint(
            "confirmed_version IS NULL"
            " OR (confirmed_version >= 1 AND confirmed_version <= version)",
            name="confirmed_version_known",
        ),
        CheckConstraint("length(status) > 0", name="status_not_empty"),
        # One family, one open plan (plans.operations checks it first, under the household's
        # row lock, and says why; the index is the database's own guard).
        Index(
            "uq_plans_one_open",
            "household_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    @property
    def active_team(self) -> list[TeamMembership]:
        """Current team memberships."""
        return [m for m in self.team if m.ended_at is None]

    @property
    def coordinator(self) -> User | None:
        """The current coordinator (regisseur)."""
        for membership in self.active_team:
            if membership.plan_role is PlanRole.COORDINATOR:
                return membership.user
        return None

    def __repr__(self) -> str:
        return f"<Plan {self.id} {self.status}>"


class TeamMembership(db.Model):
    """A professional on a plan's team, as coordinator or member, for a period."""

    __tablename__ = "team_memberships"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    plan_role: Mapped[PlanRole] = mapped_column(str_enum(PlanRole, "plan_role"))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    plan: Mapped[Plan] = relationship(back_populates="team")
    user: Mapped[User] = relationship()

    __table_args__ = (
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
        # Exactly one active coordinator: at most one here, at least one by the operations.
        Index(
            "uq_team_memberships_one_coordinator",
            "plan_id",
            unique=True,
            sqlite_where=text("plan_role = 'coordinator' AND ended_at IS NULL"),
            postgresql_where=text("plan_role = 'coordinator' AND ended_at IS NULL"),
        ),
        Index(
            "uq_team_memberships_active_user",
            "plan_id",
            "user_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    @property
    def organisation(self) -> Organisation | None:
        """The member's organisation."""
        return self.user.organisation


class PlanRevision(db.Model):
    """A snapshot of a plan at one version, for history and 'what changed'."""

    __tablename__ = "plan_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(String(200), default="")
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="revisions")
    actor: Mapped[User | None] = relationship()

    __table_args__ = (
        db.UniqueConstraint("plan_id", "version", name="uq_plan_revisions_plan_id_version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )


class TransitionEvent(db.Model):
    """One fired workflow transition: who moved what from which state to which."""

    __tablename__ = "transition_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workflow_name: Mapped[str] = mapped_column(String(60))
    workflow_version: Mapped[int] = mapped_column(Integer)
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int] = mapped_column(Integer)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), index=True
    )
    from_state: Mapped[str] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    trigger: Mapped[str] = mapped_column(String(60))
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor_role: Mapped[str] = mapped_column(String(30))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    reason: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_transition_events_subject", "subject_type", "subject_id"),)


class Comment(db.Model):
    """A message in the plan's conversation, visible to the family and the team."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    author_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    plan: Mapped[Plan] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()

    __table_args__ = (CheckConstraint("length(body) > 0", name="body_not_empty"),)
