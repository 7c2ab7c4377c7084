"""A small world for monitoring tests, built with the domain operations and explicit dates.

Operations stamp their own times (now); the builder moves each stamp to the date the
scenario needs right after the operation ran.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy import select

from maatwerk.accounts.models import User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.catalogue.models import Area, Intervention, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import (
    AreaKind,
    Carrier,
    ConsentPurpose,
    Domain,
    MemberPosition,
    ReferralSource,
    Role,
    Sector,
)
from maatwerk.demo.programme import OPERATIONAL_GOALS
from maatwerk.goals.models import Action, Goal
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.households.models import Household
from maatwerk.households.operations import add_member, create_household, give_consent
from maatwerk.plans.models import Plan, TransitionEvent
from maatwerk.plans.operations import add_team_member, create_plan, set_priorities
from maatwerk.workflow import fire_transition

PASSWORD = "correct horse battery"
_n = itertools.count(1)

# Names that must never appear in any monitoring output.
SECRET_GIVEN, SECRET_FAMILY = "Zwaantje", "Brouwersma"


def operational_goals() -> dict[str, OperationalGoal]:
    """The programme's operational goals (the demo catalogue, from the seed), once."""
    existing = {g.code: g for g in db.session.scalars(select(OperationalGoal))}
    for data in OPERATIONAL_GOALS:
        if data.code not in existing:
            existing[data.code] = OperationalGoal(
                code=data.code,
                text=data.text,
                programme_line=data.line,
                phase_plan=data.phase_plan,
                measurement=data.measurement,
            )
            db.session.add(existing[data.code])
    return existing


def at(day: dt.date | str, hour: int = 12) -> dt.datetime:
    """Noon UTC of a day: timestamps of the scenario."""
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


class World:
    """Areas, organisations, people and interventions around some households."""

    def __init__(self) -> None:
        n = self.n = next(_n)
        self.m1 = Area(name=f"Gemeente Een {n}", kind=AreaKind.MUNICIPALITY)
        self.v1 = Area(name=f"Dorp Een {n}", kind=AreaKind.VILLAGE, parent=self.m1)
        self.v2 = Area(name=f"Dorp Twee {n}", kind=AreaKind.VILLAGE, parent=self.m1)
        self.m2 = Area(name=f"Gemeente Twee {n}", kind=AreaKind.MUNICIPALITY)
        self.i1 = Intervention(name=f"Budgetcoaching {n}", description="")
        self.i2 = Intervention(name=f"Maatjesproject {n}", description="")
        db.session.add_all([self.m1, self.v1, self.v2, self.m2, self.i1, self.i2])
        self.goals = operational_goals()
        self.municipality = create_organisation(f"Gemeente org {n}", Sector.MUNICIPALITY)
        self.ggz = create_organisation(f"GGZ org {n}", Sector.MENTAL_HEALTH)
        self.coordinator = self.user(Role.PROFESSIONAL, self.municipality, "regisseur")
        self.second = self.user(Role.PROFESSIONAL, self.municipality, "tweede")
        self.member = self.user(Role.PROFESSIONAL, self.ggz, "ggz")
        self.programme = self.user(Role.PROGRAMME, None, "programma")
        self.manager = self.user(Role.MANAGER, self.ggz, "manager")
        self.admin = self.user(Role.ADMIN, None, "beheer")
        self.expert = self.user(Role.EXPERIENCE_EXPERT, None, "ervaring")
        self.families: dict[int, User] = {}
        db.session.flush()

    def user(self, role: Role, organisation: Any, name: str) -> User:
        return create_user(
            login=f"{name}-m{self.n}-{next(_n)}",
            display_name=f"{name.title()} {self.n}",
            role=role,
            password=PASSWORD,
            organisation=organisation,
        )

    def household(
        self,
        area: Area,
        *,
        referred_on: str | None = None,
        source: ReferralSource = ReferralSource.PARTNER,
    ) -> Household:
        """A household with one parent (a family account) and consent for both teams."""
        k = next(_n)
        household = create_household(
            area=area,
            reference=f"HH-GEHEIM-{self.n}-{k}",
            actor=self.coordinator,
            referral_source=source,
            referred_on=d(referred_on) if referred_on else None,
        )
        parent = add_member(
            household,
            given_name=SECRET_GIVEN,
            family_name=f"{SECRET_FAMILY}{k}",
            position=MemberPosition.PARENT,
            actor=self.coordinator,
        )
        self.families[household.id] = create_user(
            login=f"gezin-m{self.n}-{k}",
            display_name=f"{SECRET_GIVEN} {SECRET_FAMILY}{k}",
            role=Role.FAMILY,
            password=PASSWORD,
            member=parent,
        )
        for organisation in (self.municipality, self.ggz):
            give_consent(
                household,
                organisation=organisation,
                purpose=ConsentPurpose.PLAN_SHARING,
                given_by=parent,
                actor=self.coordinator,
            )
        return household

    def family(self, plan: Plan) -> User:
        return self.families[plan.household_id]

    def plan(self, household: Household, started_on: str, workflow: str = "plan_standard"):
        plan = create_plan(
            household,
            coordinator=self.coordinator,
            actor=self.coordinator,
            workflow_name=workflow,
            started_on=d(started_on),
        )
        add_team_member(plan, self.member, actor=self.coordinator)
        return plan

    def fire(self, subject: Any, trigger: str, actor: Any, when: str, reason: str | None = None):
        """Fire a transition and date its event."""
        fire_transition(subject, trigger, actor=actor, reason=reason)
        event = db.session.scalar(
            select(TransitionEvent)
            .where(
                TransitionEvent.subject_type == getattr(subject, "WORKFLOW", "plan"),
                TransitionEvent.subject_id == subject.id,
                TransitionEvent.trigger == trigger,
            )
            .order_by(TransitionEvent.id.desc())
            .limit(1)
        )
        event.occurred_at = at(when)
        if isinstance(subject, Plan) and subject.closed_at is not None:
            subject.closed_at = at(when)
        db.session.flush()

    def goal(self, plan: Plan, domain: Domain, title: str = "Rust") -> Goal:
        return add_goal(plan, domain=domain, title=title, actor=self.family(plan))

    def action(
        self,
        plan: Plan,
        goal: Goal,
        created: str,
        *,
        carrier: Carrier = Carrier.PROFESSIONAL,
        lead: Any = "municipality",
        participating: tuple = (),
        intervention: Intervention | None = None,
        agree: bool = True,
        by_family: bool = False,
    ) -> Action:
        lead_org = {"municipality": self.municipality, "ggz": self.ggz, None: None}[lead]
        action = add_action(
            plan,
            description="Samen aan de slag",
            carrier=carrier,
            actor=self.family(plan) if by_family else self.coordinator,
            goals=[goal],
            lead_organisation=lead_org,
            participating=list(participating),
            intervention=intervention,
        )
        action.created_at = at(created)
        if not by_family:
            self.fire(action, "agree" if agree else "reject", self.family(plan), created)
        return action

    def explore(self, plan: Plan, when: str) -> None:
        self.fire(plan, "start_exploration", self.coordinator, when)

    def prioritise(self, plan: Plan, goals: list[Goal], when: str) -> None:
        """To prioritising; the family ranks its goals."""
        self.fire(plan, "start_prioritising", self.coordinator, when)
        set_priorities(plan, goals, actor=self.family(plan))


def populate(world: World, spec: list[tuple[Area, int, int]]) -> list[Plan]:
    """Households with a plan started on 1 February of a year: (area, count, year)."""
    plans = []
    for area, count, year in spec:
        for index in range(count):
            source = ReferralSource.EARLY_SIGNALLING if index % 3 == 0 else ReferralSource.PARTNER
            household = world.household(area, referred_on=f"{year}-01-05", source=source)
            plans.append(world.plan(household, f"{year}-02-01"))
    return plans
