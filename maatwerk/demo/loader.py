"""`load_demo()`: the whole demo, idempotent; flushes, never commits."""

from __future__ import annotations

import decimal
import random

from sqlalchemy import func, select

from maatwerk.barriers.budget import budget_for, set_budget, this_year
from maatwerk.core.db import db
from maatwerk.demo.catalogue import Catalogue, load_catalogue
from maatwerk.demo.content import MANAGERS
from maatwerk.demo.families import household_specs
from maatwerk.demo.story import play
from maatwerk.households.models import Household
from maatwerk.models import (
    Action,
    Area,
    Barrier,
    Comment,
    Consent,
    ExperienceSurvey,
    Goal,
    Intervention,
    Member,
    OperationalGoal,
    Organisation,
    OutcomeScore,
    Plan,
    TeamMembership,
    TransitionEvent,
    User,
)

SEED = 2024

SUMMARY_MODELS = {
    "areas": Area,
    "organisations": Organisation,
    "users": User,
    "operational_goals": OperationalGoal,
    "interventions": Intervention,
    "households": Household,
    "members": Member,
    "consents": Consent,
    "plans": Plan,
    "team_memberships": TeamMembership,
    "goals": Goal,
    "actions": Action,
    "barriers": Barrier,
    "outcome_scores": OutcomeScore,
    "experience_surveys": ExperienceSurvey,
    "comments": Comment,
    "transition_events": TransitionEvent,
}


DEMO_BUDGET = decimal.Decimal("10000.00")


def give_budgets(catalogue: Catalogue) -> None:
    """This year's flexible budget of every organisation whose manager decides barriers
    in the demo (set by that manager), so a decision with money is a grant on the ledger."""
    for login in MANAGERS.values():
        manager = catalogue.users[login]
        if budget_for(manager.organisation_id, this_year()) is None:
            set_budget(manager.organisation, this_year(), DEMO_BUDGET, actor=manager)


def load_demo() -> dict[str, int]:
    """Load the catalogue, the accounts and about 40 households with their plans.

    Rows are found by natural key (organisation name, login, area name and parent,
    intervention name, operational goal code, household reference); existing rows are
    never changed, so a second run adds nothing. Returns the number of rows per kind.
    """
    catalogue = load_catalogue()
    give_budgets(catalogue)
    existing = set(db.session.scalars(select(Household.reference)))
    shared: dict[str, int] = {}
    specs = household_specs(random.Random(SEED))  # noqa: S311  # demo data  # nosec B311
    for index, spec in enumerate(specs):
        if spec.reference not in existing:
            play(catalogue, spec, index, shared)
    db.session.flush()
    return {
        name: db.session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in SUMMARY_MODELS.items()
    }
