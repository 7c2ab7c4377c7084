"""Outcome scores per domain and experience surveys."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import User
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db, str_enum
from maatwerk.core.enums import Domain, Moment, ScoredBy

if TYPE_CHECKING:
    from maatwerk.plans.models import Plan


class OutcomeScore(db.Model):
    """A 1-5 self-reliance score for one domain (1 = acute problems, 5 = fully self-reliant)."""

    __tablename__ = "outcome_scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    cycle: Mapped[int] = mapped_column(Integer, default=1)
    domain: Mapped[Domain] = mapped_column(str_enum(Domain, "domain"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    scored_by: Mapped[ScoredBy] = mapped_column(str_enum(ScoredBy, "scored_by"))
    scored_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    moment: Mapped[Moment] = mapped_column(str_enum(Moment, "moment"))
    scored_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)

    plan: Mapped[Plan] = relationship(back_populates="scores")
    scored_by_user: Mapped[User | None] = relationship()

    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
        CheckConstraint("cycle >= 1", name="cycle_positive"),
        UniqueConstraint(
            "plan_id", "cycle", "domain", "scored_by", "moment", name="uq_outcome_scores_moment"
        ),
    )


class ExperienceSurvey(db.Model):
    """One filled-in experience survey of the family or a professional."""

    __tablename__ = "experience_surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    # The plan's cycle the survey was answered in (once per moment and cycle); no default:
    # whoever records a survey says which cycle it belongs to.
    cycle: Mapped[int] = mapped_column(Integer)
    respondent: Mapped[ScoredBy] = mapped_column(str_enum(ScoredBy, "scored_by"))
    respondent_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    moment: Mapped[Moment] = mapped_column(str_enum(Moment, "moment"))
    answered_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today, index=True)

    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="survey", cascade="all, delete-orphan", order_by="SurveyAnswer.id"
    )

    # Once per moment and plan cycle: the family once, each professional once (checked first
    # by monitoring.surveys under the plan's row lock; these indexes are the database's guard).
    __table_args__ = (
        CheckConstraint("cycle >= 1", name="cycle_positive"),
        Index(
            "uq_experience_surveys_family",
            "plan_id",
            "cycle",
            "moment",
            unique=True,
            sqlite_where=text("respondent = 'family'"),
            postgresql_where=text("respondent = 'family'"),
        ),
        Index(
            "uq_experience_surveys_professional",
            "plan_id",
            "cycle",
            "moment",
            "respondent_user_id",
            unique=True,
            sqlite_where=text("respondent = 'professional'"),
            postgresql_where=text("respondent = 'professional'"),
        ),
    )


class SurveyAnswer(db.Model):
    """An answer (1-5) to one statement, mapped to an operational goal."""

    __tablename__ = "survey_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("experience_surveys.id", ondelete="CASCADE"), index=True
    )
    statement_key: Mapped[str] = mapped_column(String(60))
    operational_goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("operational_goals.id", ondelete="SET NULL"), index=True
    )
    score: Mapped[int] = mapped_column(Integer)

    survey: Mapped[ExperienceSurvey] = relationship(back_populates="answers")
    operational_goal: Mapped[OperationalGoal | None] = relationship()

    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
        UniqueConstraint("survey_id", "statement_key", name="uq_survey_answers_statement"),
    )
