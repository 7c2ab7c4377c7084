"""Loading plans with everything the workflow guards and access rules read, in a fixed
number of queries whatever the number of plans, goals or actions."""

from __future__ import annotations

from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from maatwerk.barriers.models import Barrier
from maatwerk.goals.models import Action
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan, TeamMembership


def plan_workflow_options() -> list[LoaderOption]:
    """Eager loads for access checks and available triggers on many plans."""
    return [
        joinedload(Plan.household).selectinload(Household.consents),
        selectinload(Plan.team).joinedload(TeamMembership.user),
        selectinload(Plan.goals),
        selectinload(Plan.actions).selectinload(Action.goals),
        selectinload(Plan.scores),
        selectinload(Plan.barriers).selectinload(Barrier.escalated_to),
    ]
