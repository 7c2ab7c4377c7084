"""The flexible budget (maatwerkbudget): yearly amounts per organisation and the grant ledger.

A grant is one conditional UPDATE (`granted + amount <= available`): of any number of
managers granting at the same moment, the database lets through exactly what fits.
PostgreSQL re-evaluates the condition on the newest row version after a concurrent
writer commits; SQLite has a single writer. A CHECK constraint is the last line of defence.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import contains_eager, joinedload
from sqlalchemy.orm.util import identity_key

from maatwerk.accounts.models import Organisation, User
from maatwerk.audit.operations import record_audit
from maatwerk.barriers.models import Barrier, BudgetGrant, FlexibleBudget
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.core.errors import Conflict, Forbidden, NotFound, ValidationFailed

CENT = decimal.Decimal("0.01")
LOCAL = ZoneInfo("Europe/Amsterdam")
MAX_CENTS = 100_000_000_00  # a hundred million euros


def this_year() -> int:
    """The budget year now (calendar year in the Netherlands)."""
    return dt.datetime.now(LOCAL).year


def to_cents(amount: decimal.Decimal | int | str, field: str = "amount") -> int:
    """Euros (Decimal) -> whole cents; more than two decimals or a negative is refused."""
    try:
        value = decimal.Decimal(amount)
        valid = value == value.quantize(CENT) and 0 <= value * 100 <= MAX_CENTS
    except decimal.InvalidOperation:
        valid = False
    if not valid:
        raise ValidationFailed("Not a valid amount.", fields={field: ["Not a valid amount."]})
    return int(value * 100)


def euros(cents: int | None) -> decimal.Decimal | None:
    """Whole cents -> euros with two decimals."""
    return None if cents is None else (decimal.Decimal(cents) / 100).quantize(CENT)


class NotEnoughBudget(Conflict):
    """A grant beyond what remains of the budget: the API's field message names the amount
    in English; pages say it in the user's language from `remaining_cents`."""

    def __init__(self, remaining_cents: int) -> None:
        super().__init__(
            "Not enough flexible budget remains for this grant.",
            fields={"amountGranted": [f"More than remains ({format_euros(remaining_cents)})."]},
        )
        self.remaining_cents = remaining_cents


def format_euros(cents: int | None) -> str:
    """'€ 1.250,00' (Dutch notation)."""
    value = euros(cents) or decimal.Decimal(0)
    whole, _, fraction = f"{value:,.2f}".partition(".")
    return f"€ {whole.replace(',', '.')},{fraction}"


# --- access ---------------------------------------------------------------------------


def can_manage_budget(user: Any, organisation_id: int) -> bool:
    """The programme, or a manager of the organisation, sets the yearly amount."""
    role = getattr(user, "role", None)
    return role is Role.PROGRAMME or (
        role is Role.MANAGER and user.organisation_id == organisation_id
    )


def visible_budgets_clause(user: Any):
    """The budgets a user may see: all for the programme, their own for a manager."""
    if getattr(user, "role", None) is Role.PROGRAMME:
        return FlexibleBudget.id.is_not(None)
    if getattr(user, "role", None) is Role.MANAGER and user.organisation_id is not None:
        return FlexibleBudget.organisation_id == user.organisation_id
    return FlexibleBudget.id.is_(None)


def get_budget(budget_id: int, user: User, *, lock: bool = False) -> FlexibleBudget:
    """A budget the user may see (404 otherwise); lock=True holds its row until commit."""
    query = select(FlexibleBudget).where(
        FlexibleBudget.id == budget_id, visible_budgets_clause(user)
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    budget = db.session.scalar(query)
    if budget is None:
        raise NotFound("Not found.")
    return budget


def list_budgets(
    user: User, *, year: int | None, organisation_id: int | None, page: int, page_size: int
) -> tuple[list[FlexibleBudget], int]:
    """The budgets the user may see, newest year first (organisations in the same query)."""
    query = select(FlexibleBudget).where(visible_budgets_clause(user))
    if year is not None:
        query = query.where(FlexibleBudget.year == year)
    if organisation_id is not None:
        query = query.where(FlexibleBudget.organisation_id == organisation_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    budgets = db.session.scalars(
        query.join(FlexibleBudget.organisation)
        .options(contains_eager(FlexibleBudget.organisation))
        .order_by(FlexibleBudget.year.desc(), Organisation.name)
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return list(budgets), total


def budget_for(organisation_id: int | None, year: int) -> FlexibleBudget | None:
    """An organisation's budget of a year, if set."""
    if organisation_id is None:
        return None
    return db.session.scalar(
        select(FlexibleBudget).where(
            FlexibleBudget.organisation_id == organisation_id, FlexibleBudget.year == year
        )
    )


def budget_grants(budget: FlexibleBudget, user: User) -> list[BudgetGrant]:
    """The budget's ledger, newest first; audited (grants point at plans)."""
    grants = db.session.scalars(
        select(BudgetGrant)
        .where(BudgetGrant.budget_id == budget.id)
        .options(joinedload(BudgetGrant.granted_by).joinedload(User.organisation))
        .order_by(BudgetGrant.granted_at.desc(), BudgetGrant.id.desc())
    ).all()
    plan_ids = {g.plan_id for g in grants if g.plan_id is not None}
    households = _households_of(plan_ids)
    record_audit(
        actor=user,
        action="search",
        object_type="budget_grant",
        object_id=str(budget.id),
        household_ids=households,
        purpose="escalation" if user.role is Role.MANAGER else "programme_steering",
    )
    return list(grants)


def _households_of(plan_ids: set[int]) -> list[int]:
    from maatwerk.plans.models import Plan

    if not plan_ids:
        return []
    return sorted(set(db.session.scalars(select(Plan.household_id).where(Plan.id.in_(plan_ids)))))


# --- changes --------------------------------------------------------------------------


def set_budget(
    organisation: Organisation, year: int, amount: decimal.Decimal, *, actor: User
) -> FlexibleBudget:
    """Create the organisation's budget for a year (409 when it exists: change that one)."""
    if not can_manage_budget(actor, organisation.id):
        raise Forbidden("Only the programme or a manager of this organisation sets its budget.")
    if budget_for(organisation.id, year) is not None:
        raise Conflict(
            "This organisation already has a budget for this year.",
            fields={"year": ["Already set."]},
        )
    budget = FlexibleBudget(
        organisation=organisation,
        year=year,
        available_cents=to_cents(amount, "amountAvailable"),
        granted_cents=0,
        set_by_user_id=actor.id,
    )
    db.session.add(budget)
    db.session.flush()
    return budget


def change_budget(budget: FlexibleBudget, amount: decimal.Decimal, *, actor: User) -> None:
    """Change the yearly amount; never below what was already granted."""
    if not can_manage_budget(actor, budget.organisation_id):
        raise Forbidden("Only the programme or a manager of this organisation sets its budget.")
    cents = to_cents(amount, "amountAvailable")
    if cents < budget.granted_cents:
        raise Conflict(
            "The yearly amount cannot be lower than what was already granted.",
            fields={"amountAvailable": ["Lower than what was already granted."]},
        )
    budget.available_cents = cents
    budget.set_by_user_id = actor.id
    db.session.flush()


def grant_from_budget(barrier: Barrier, amount: decimal.Decimal, *, actor: User) -> BudgetGrant:
    """Grant money for a barrier from the actor's organisation's budget of this year.

    Raises Conflict (409) when the budget is missing or what remains is not enough.
    """
    cents = to_cents(amount, "amountGranted")
    if cents <= 0:
        raise ValidationFailed("Not a valid amount.", fields={"amountGranted": ["Above 0."]})
    year = this_year()
    budget_id = db.session.scalar(
        select(FlexibleBudget.id).where(
            FlexibleBudget.organisation_id == actor.organisation_id, FlexibleBudget.year == year
        )
    )
    if budget_id is None:
        raise Conflict(
            "Your organisation has no flexible budget for this year.",
            fields={"amountGranted": ["No budget."]},
        )
    granted = db.session.execute(
        update(FlexibleBudget)
        .where(
            FlexibleBudget.id == budget_id,
            FlexibleBudget.granted_cents + cents <= FlexibleBudget.available_cents,
        )
        .values(
            granted_cents=FlexibleBudget.granted_cents + cents,
            version=FlexibleBudget.version + 1,
            updated_at=utcnow(),
        )
        .returning(FlexibleBudget.id),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    if granted is None:
        remaining = db.session.scalar(
            select(FlexibleBudget.available_cents - FlexibleBudget.granted_cents).where(
                FlexibleBudget.id == budget_id
            )
        )
        raise NotEnoughBudget(remaining or 0)
    _refresh(budget_id)
    grant = BudgetGrant(
        budget_id=budget_id,
        barrier_id=barrier.id,
        plan_id=barrier.plan_id,
        amount_cents=cents,
        granted_by_user_id=actor.id,
    )
    db.session.add(grant)
    barrier.amount_granted = euros(cents)
    db.session.flush()
    return grant


def _refresh(budget_id: int) -> None:
    """Bring a loaded copy of the budget up to the row just updated."""
    loaded = db.session.identity_map.get(identity_key(FlexibleBudget, budget_id))
    if loaded is not None:
        db.session.refresh(loaded)
