"""Reflection sessions, their findings and their decisions per operational goal."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow


class ReflectionGroup(StrEnum):
    """Who reflects: each group has its own island."""

    STEERING_GROUP = "steering_group"
    PROGRAMME_TEAM = "programme_team"
    MANAGERS = "managers"


class LemniscateSide(StrEnum):
    """The four sides of the lemniscate model."""

    ZIJ = "zij"  # them: are we stimulating the movement, telling our story?
    HET = "het"  # it: the programme itself, the operational goals
    IK = "ik"  # me: do I believe in it, do I feel shared ownership?
    WIJ = "wij"  # us: the collaboration within the network


class GoalDecision(StrEnum):
    """What happens with an operational goal in the next phase plan."""

    KEEP = "keep"
    ADD_TO_PHASE_PLAN = "add_to_phase_plan"
    DROP = "drop"


class ReflectionSession(db.Model):
    """One eiland van reflectie: a year and a group."""

    __tablename__ = "reflection_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    # The column avoids the SQL keyword GROUP.
    group: Mapped[ReflectionGroup] = mapped_column(
        "reflection_group", str_enum(ReflectionGroup, "reflection_group")
    )
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    findings: Mapped[list[ReflectionFinding]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ReflectionFinding.id"
    )
    decisions: Mapped[list[ReflectionDecision]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ReflectionDecision.id"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("year", "reflection_group", name="uq_reflection_sessions_year_group"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_plausible"),
    )


class ReflectionFinding(db.Model):
    """What a group found on one side of the lemniscate."""

    __tablename__ = "reflection_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("reflection_sessions.id", ondelete="CASCADE"), index=True
    )
    side: Mapped[LemniscateSide] = mapped_column(str_enum(LemniscateSide, "lemniscate_side"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[ReflectionSession] = relationship(back_populates="findings")

    __table_args__ = (CheckConstraint("length(text) > 0", name="text_not_empty"),)


class ReflectionDecision(db.Model):
    """The group's decision on one operational goal for the next phase plan."""

    __tablename__ = "reflection_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("reflection_sessions.id", ondelete="CASCADE"), index=True
    )
    operational_goal_id: Mapped[int] = mapped_column(
        ForeignKey("operational_goals.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[GoalDecision] = mapped_column(str_enum(GoalDecision, "goal_decision"))
    phase_plan: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[ReflectionSession] = relationship(back_populates="decisions")
    operational_goal: Mapped[OperationalGoal] = relationship()

    __table_args__ = (
        UniqueConstraint(
            "session_id", "operational_goal_id", name="uq_reflection_decisions_session_goal"
        ),
        CheckConstraint(
            "(decision = 'add_to_phase_plan' AND phase_plan >= 1)"
            " OR (decision <> 'add_to_phase_plan' AND phase_plan IS NULL)",
            name="phase_plan_with_add",
        ),
    )
