"""Barriers that block maatwerk, and the organisations they are escalated to."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import UTCDateTime, db, str_enum, utcnow
from maatwerk.core.enums import BarrierCategory

if TYPE_CHECKING:
    from maatwerk.goals.models import Action
    from maatwerk.plans.models import Plan

# States in which a barrier is still open (mirrors maatwerk.workflow.OPEN_BARRIER_STATES).
OPEN_STATES = ("reported", "escalated", "structural")

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

# Operational goals of the programme a structural barrier stands in the way of (set by the
# programme on its agenda).
barrier_operational_goals = Table(
    "barrier_operational_goals",
    db.metadata,
    Column("barrier_id", ForeignKey("barriers.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "operational_goal_id",
        ForeignKey("operational_goals.id", ondelete="CASCADE"),
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
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan] = relationship(back_populates="barriers")
    action: Mapped[Action | None] = relationship()
    escalated_to: Mapped[list[Organisation]] = relationship(secondary=barrier_escalations)
    reported_by: Mapped[User | None] = relationship(foreign_keys=[reported_by_user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_user_id])
    operational_goals: Mapped[list[OperationalGoal]] = relationship(
        secondary=barrier_operational_goals, order_by=OperationalGoal.code
    )

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

    @property
    def reference(self) -> str:
        """A short reference without personal data, e.g. K-0042."""
        return f"K-{self.id:04d}"

    @property
    def was_escalated(self) -> bool:
        """True once the barrier went to managers (whatever happened after)."""
        return (
            self.status in ("escalated", "structural")
            or self.decided_at is not None
            or self.structural
        )

    def age_days(self, today: dt.date | None = None) -> int:
        """Days since the barrier was reported."""
        today = today or utcnow().date()
        return max(0, (today - self.reported_at.date()).days)


class FlexibleBudget(db.Model):
    """An organisation's flexible budget (maatwerkbudget) for one calendar year.

    Amounts are whole cents: exact on every backend. `granted_cents` is the sum of the
    ledger and only ever grows through one conditional UPDATE (see budget.grant_from_budget).
    """

    __tablename__ = "flexible_budgets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    year: Mapped[int] = mapped_column(Integer, index=True)
    available_cents: Mapped[int] = mapped_column(BigInteger)
    granted_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    set_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    organisation: Mapped[Organisation] = relationship()
    set_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("organisation_id", "year", name="uq_flexible_budgets_organisation_year"),
        CheckConstraint("available_cents >= 0", name="available_not_negative"),
        CheckConstraint("granted_cents >= 0", name="granted_not_negative"),
        # The last line of defence: a grant can never exceed what is available.
        CheckConstraint("granted_cents <= available_cents", name="granted_within_available"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_plausible"),
    )

    @property
    def remaining_cents(self) -> int:
        """What can still be granted this year."""
        return self.available_cents - self.granted_cents

    @property
    def amount_available(self) -> decimal.Decimal:
        return _euros(self.available_cents)

    @property
    def amount_granted(self) -> decimal.Decimal:
        return _euros(self.granted_cents)

    @property
    def amount_remaining(self) -> decimal.Decimal:
        return _euros(self.remaining_cents)


class BudgetGrant(db.Model):
    """One grant from a flexible budget: a ledger entry tied to a barrier and its plan.

    Barrier and plan become NULL when a plan is erased (retention): the money stays spent.
    """

    __tablename__ = "budget_grants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(
        ForeignKey("flexible_budgets.id", ondelete="RESTRICT"), index=True
    )
    barrier_id: Mapped[int | None] = mapped_column(
        ForeignKey("barriers.id", ondelete="SET NULL"), unique=True
    )
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), index=True
    )
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    granted_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    budget: Mapped[FlexibleBudget] = relationship()
    barrier: Mapped[Barrier | None] = relationship()
    granted_by: Mapped[User | None] = relationship()

    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount_positive"),)

    @property
    def amount(self) -> decimal.Decimal:
        return _euros(self.amount_cents)


def _euros(cents: int | None) -> decimal.Decimal:
    """Whole cents -> euros with two decimals."""
    return (decimal.Decimal(cents or 0) / 100).quantize(decimal.Decimal("0.01"))
