"""Builders for plan tests: a household with a coordinator, a team member and the family."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.catalogue.models import Area
from maatwerk.core.actors import SYSTEM
from maatwerk.core.db import db
from maatwerk.core.enums import AreaKind, ConsentPurpose, MemberPosition, Role, Sector
from maatwerk.households.models import Household
from maatwerk.households.operations import add_member, create_household, give_consent
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import add_team_member, create_plan

_counter = itertools.count(1)


@dataclass
class Setting:
    """Everyone around one plan."""

    plan: Plan
    household: Household
    municipality: Organisation
    ggz: Organisation
    coordinator: User
    member: User
    family: User
    outsider: User


def make_setting(workflow_name: str = "plan_standard") -> Setting:
    """A plan in its initial state with consent for both team organisations."""
    n = next(_counter)
    area = Area(name=f"Gemeente {n}", kind=AreaKind.MUNICIPALITY)
    db.session.add(area)
    municipality = create_organisation(f"Gemeente {n}", Sector.MUNICIPALITY)
    ggz = create_organisation(f"GGZ {n}", Sector.MENTAL_HEALTH)
    housing = create_organisation(f"Woningcorporatie {n}", Sector.HOUSING)
    password = "correct horse battery"
    coordinator = create_user(
        login=f"regisseur{n}",
        display_name="Regisseur",
        role=Role.PROFESSIONAL,
        password=password,
        organisation=municipality,
    )
    member = create_user(
        login=f"ggz{n}",
        display_name="GGZ",
        role=Role.PROFESSIONAL,
        password=password,
        organisation=ggz,
    )
    outsider = create_user(
        login=f"wonen{n}",
        display_name="Wonen",
        role=Role.PROFESSIONAL,
        password=password,
        organisation=housing,
    )
    household = create_household(area=area, reference=f"HH-T{n:04d}", actor=coordinator)
    parent = add_member(
        household,
        given_name="Anna",
        family_name="Test",
        position=MemberPosition.PARENT,
        actor=coordinator,
    )
    family = create_user(
        login=f"gezin{n}",
        display_name="Anna",
        role=Role.FAMILY,
        password=password,
        member=parent,
    )
    for organisation in (municipality, ggz):
        give_consent(
            household,
            organisation=organisation,
            purpose=ConsentPurpose.PLAN_SHARING,
            given_by=parent,
            actor=coordinator,
        )
    plan = create_plan(
        household, coordinator=coordinator, actor=coordinator, workflow_name=workflow_name
    )
    add_team_member(plan, member, actor=coordinator)
    return Setting(plan, household, municipality, ggz, coordinator, member, family, outsider)


__all__ = ["SYSTEM", "Setting", "make_setting"]


def close_open_plans(household: Household) -> None:
    """End the household's open plans (status and closing time as the workflow's final step
    sets them): a household has one open plan at a time, so a next plan starts after it."""
    from maatwerk.core.db import utcnow
    from maatwerk.workflow import ENGINE

    open_plans = db.session.scalars(
        select(Plan).where(Plan.household_id == household.id, Plan.closed_at.is_(None))
    )
    for plan in open_plans:
        plan.status = ENGINE.definition_for(plan).final[0]
        plan.closed_at = utcnow()
    db.session.flush()


def start_next_plan(household: Household, coordinator: User) -> Plan:
    """The household's next plan, once its open one has ended."""
    close_open_plans(household)
    return create_plan(household, coordinator=coordinator, actor=coordinator)


def earlier_plan(
    household: Household, coordinator: User, build: Callable[[Plan], object] | None = None
) -> Plan:
    """A plan the household had before its open one: started (then `build` fills it, as
    its team did) and closed. Written as rows; the open plan steps aside meanwhile (one open
    plan per household is a database rule)."""
    from maatwerk.core.db import utcnow
    from maatwerk.core.enums import PlanRole
    from maatwerk.plans.models import TeamMembership

    # One open plan per household (the database guards it) and a closed plan takes no
    # changes: the open plan steps aside while the earlier one is built, as its team did.
    open_plans = list(
        db.session.scalars(
            select(Plan).where(Plan.household_id == household.id, Plan.closed_at.is_(None))
        )
    )
    for other in open_plans:
        other.closed_at = utcnow()
    db.session.flush()
    plan = Plan(
        household=household,
        workflow_name="plan_standard",
        workflow_version=1,
        status="intake",
        cycle=1,
        version=1,
    )
    plan.team.append(TeamMembership(user=coordinator, plan_role=PlanRole.COORDINATOR))
    db.session.add(plan)
    db.session.flush()
    if build is not None:
        build(plan)
    plan.status, plan.closed_at = "closed", utcnow()
    db.session.flush()
    for other in open_plans:
        other.closed_at = None
    db.session.flush()
    return plan


def member_without_consent(plan: Plan, user: User):
    """Put a professional on the team whose organisation has no plan_sharing consent of the
    household (as when the family withdrew it after they joined). Written as a row: adding
    such a professional is refused (plans.operations.add_team_member)."""
    from maatwerk.core.enums import PlanRole
    from maatwerk.plans.models import TeamMembership

    membership = TeamMembership(plan=plan, user=user, plan_role=PlanRole.MEMBER)
    db.session.add(membership)
    db.session.flush()
    return membership
