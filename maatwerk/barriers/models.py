"""Barriers that block maatwerk, and the organisations they are escalated to."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import Organisation, User
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow
from maatwerk.core.enums import BarrierCategory

if TYPE_CHECKING:
    from maatwerk.goals.models import Action
    from maatwerk.plans.models import Plan

barrier_escalations = Table(
    "barrier_escalations",
    db.metadata,
    Column("barrier_id", ForeignKey("barriers.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organisation_id",
        ForeignKey("organisations.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class Barrier(db.Model):
    """A rule, budget, waiting list ... that blocks maatwerk for this plan."""

    __tablename__ = "barriers"
    WORKFLOW = "barrier"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[BarrierCategory] = mapped_column(
        str_enum(BarrierCategory, "barrier_category"), index=True
    )
    rule_concerned: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text)
    proposed_solution: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(30), index=True)
    structural: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    decision: Mapped[str | None] = mapped_column(Text)
    amount_granted: Mapped[decimal.Decimal | None] = mapped_column(Numeric(10, 2))
    reported_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    decided_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan] = relationship(back_populates="barriers")
    action: Mapped[Action | None] = relationship()
    escalated_to: Mapped[list[Organisation]] = relationship(secondary=barrier_escalations)
    reported_by: Mapped[User | None] = relationship(foreign_keys=[reported_by_user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_user_id])

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(
            "amount_granted IS NULL OR amount_granted >= 0", name="amount_not_negative"
        ),
        CheckConstraint("length(description) > 0", name="description_not_empty"),
        CheckConstraint(
            "resolved_at IS NULL OR resolved_at >= reported_at", name="resolved_after_reported"
        ),
    )
