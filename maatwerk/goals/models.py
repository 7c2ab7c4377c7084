"""Goals, actions and their links."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Intervention
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow
from maatwerk.core.enums import Carrier, Domain, ProposedBy

if TYPE_CHECKING:
    from maatwerk.plans.models import Plan

# An action serves goals of its own plan only: both foreign keys include plan_id.
action_goals = Table(
    "action_goals",
    db.metadata,
    Column("action_id", Integer, primary_key=True),
    Column("goal_id", Integer, primary_key=True, index=True),
    Column("plan_id", Integer, nullable=False, index=True),
    ForeignKeyConstraint(
        ["action_id", "plan_id"],
        ["actions.id", "actions.plan_id"],
        ondelete="CASCADE",
        name="fk_action_goals_action_plan",
    ),
    ForeignKeyConstraint(
        ["goal_id", "plan_id"],
        ["goals.id", "goals.plan_id"],
        ondelete="CASCADE",
        name="fk_action_goals_goal_plan",
    ),
)

action_organisations = Table(
    "action_organisations",
    db.metadata,
    Column("action_id", ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organisation_id",
        ForeignKey("organisations.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class Goal(db.Model):
    """Something the family wants to achieve, in its own words."""

    __tablename__ = "goals"
    WORKFLOW = "goal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    domain: Mapped[Domain] = mapped_column(str_enum(Domain, "domain"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    why_it_matters: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    priority_rank: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(30), index=True)
    proposed_by: Mapped[ProposedBy] = mapped_column(str_enum(ProposedBy, "proposed_by"))
    proposed_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="goals")
    proposed_by_user: Mapped[User | None] = relationship()
    actions: Mapped[list[Action]] = relationship(
        secondary=action_goals, back_populates="goals", viewonly=True
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # Ranks are unique within a plan; closed goals give their rank up (NULL).
        UniqueConstraint("plan_id", "priority_rank", name="uq_goals_plan_id_priority_rank"),
        UniqueConstraint("id", "plan_id", name="uq_goals_id_plan_id"),
        CheckConstraint("priority_rank IS NULL OR priority_rank >= 1", name="rank_positive"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
    )


class Action(db.Model):
    """A concrete step, often shared by several organisations."""

    __tablename__ = "actions"
    WORKFLOW = "action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    lead_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    assigned_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    carrier: Mapped[Carrier] = mapped_column(str_enum(Carrier, "carrier"))
    intervention_id: Mapped[int | None] = mapped_column(
        ForeignKey("interventions.id", ondelete="SET NULL"), index=True
    )
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(30), index=True)
    cost: Mapped[decimal.Decimal | None] = mapped_column(Numeric(10, 2))
    proposed_by: Mapped[ProposedBy] = mapped_column(str_enum(ProposedBy, "proposed_by"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="actions")
    lead_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[lead_organisation_id]
    )
    participating_organisations: Mapped[list[Organisation]] = relationship(
        secondary=action_organisations, order_by="Organisation.id"
    )
    assigned_user: Mapped[User | None] = relationship()
    intervention: Mapped[Intervention | None] = relationship()
    goals: Mapped[list[Goal]] = relationship(
        secondary=action_goals,
        back_populates="actions",
        # plan_id is copied from the action; the goal's composite key checks it matches.
        primaryjoin="and_(Action.id == action_goals.c.action_id, "
        "Action.plan_id == action_goals.c.plan_id)",
        secondaryjoin="Goal.id == action_goals.c.goal_id",
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("id", "plan_id", name="uq_actions_id_plan_id"),
        CheckConstraint("cost IS NULL OR cost >= 0", name="cost_not_negative"),
        CheckConstraint("length(description) > 0", name="description_not_empty"),
        CheckConstraint(
            "carrier <> 'professional' OR lead_organisation_id IS NOT NULL",
            name="professional_action_has_lead",
        ),
    )

    @property
    def organisations(self) -> list[Organisation]:
        """Lead organisation first, then the participating ones."""
        lead = [self.lead_organisation] if self.lead_organisation else []
        return lead + [o for o in self.participating_organisations if o not in lead]
