"""A household with learning consent and a full plan, the programme, invited and uninvited
participants, and helpers to take a session through its workflow over the API."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.barriers.operations import report_barrier
from maatwerk.catalogue.models import Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import (
    Carrier,
    ConsentPurpose,
    Domain,
    MemberPosition,
    Moment,
    ProgrammeLine,
    Role,
    ScoredBy,
    Sector,
)
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.households.models import Consent
from maatwerk.households.operations import add_member, give_consent
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.outcomes.operations import record_score
from tests.api.conftest import ApiClient
from tests.plans.flow import Setting, make_setting

PASSWORD = "correct horse battery"
_counter = itertools.count(1)
# Every name of the case household: none may ever reach a pack, a lesson or a handout.
NAMES = ("Anna", "Test", "Mohammed", "El Amrani", "Sanne", "Daan")


@dataclass
class Review:
    """Everyone around a case review."""

    s: Setting
    programme: User
    expert: User  # experience expert, to be invited
    partner: User  # partner professional, to be invited
    outsider_expert: User  # an experience expert never invited
    intervention: Intervention
    operational_goal: OperationalGoal
    learning: Consent

    @property
    def plan_id(self) -> int:
        return self.s.plan.id


def account(role: Role, organisation: Organisation | None = None) -> User:
    n = next(_counter)
    return create_user(
        login=f"cr-{role.value}-{n}",
        display_name=f"{role.value.replace('_', ' ').title()} {n}",
        role=role,
        password=PASSWORD,
        organisation=organisation,
    )


def enrich(s: Setting, *, region: str = "Veenkoloniën-Oost") -> tuple[Intervention, Consent]:
    """Members with birth dates, learning consent and a plan with goals in the family's words
    (full of names and identifiers), an action, a barrier and outcome scores."""
    n = next(_counter)
    s.household.area.region = region
    parent = s.household.members[0]
    parent.date_of_birth = dt.date(1988, 3, 14)
    for given, family, position, born in (
        ("Mohammed", "El Amrani", MemberPosition.PARENT, dt.date(1984, 7, 2)),
        ("Sanne", "Test", MemberPosition.CHILD, dt.date(2015, 5, 20)),
        ("Daan", "Test", MemberPosition.CHILD, dt.date(2019, 11, 3)),
    ):
        add_member(
            s.household,
            given_name=given,
            family_name=family,
            position=position,
            date_of_birth=born,
            actor=s.coordinator,
        )
    learning = give_consent(
        s.household,
        organisation=s.municipality,
        purpose=ConsentPurpose.LEARNING,
        given_by=parent,
        actor=s.coordinator,
    )
    intervention = Intervention(
        name=f"Schuldhulp Samen {n}",
        organisations=[s.municipality],
        domain_links=[InterventionDomain(domain=Domain.ECONOMIC)],
    )
    db.session.add(intervention)
    plan = s.plan
    debts = add_goal(
        plan,
        domain=Domain.ECONOMIC,
        title="Anna wil van de schulden af",
        why_it_matters="Mohammed slaapt slecht. Bel Anna op 06-12345678 of anna.test@example.nl.",
        strengths="Sanne en Daan helpen mee met de boodschappenlijst",
        actor=s.family,
    )
    add_goal(
        plan,
        domain=Domain.PEDAGOGICAL,
        title="Daan gaat naar de voetbalclub",
        why_it_matters="Hij woont aan de Hoofdstraat 12 in 9501 AB Stadskanaal",
        actor=s.family,
    )
    action = add_action(
        plan,
        description="Samen naar de schuldhulp met Anna",
        carrier=Carrier.PROFESSIONAL,
        actor=s.coordinator,
        goals=[debts],
        lead_organisation=s.municipality,
        intervention=intervention,
    )
    report_barrier(
        plan, category="waiting_list", description="Wachtlijst", actor=s.coordinator, action=action
    )
    record_score(
        plan,
        domain=Domain.ECONOMIC,
        score=2,
        scored_by=ScoredBy.PROFESSIONAL,
        moment=Moment.INTAKE,
        actor=s.coordinator,
    )
    # As if from an evaluation (record_score takes those only while the plan is evaluated).
    db.session.add(
        OutcomeScore(
            plan=plan,
            cycle=plan.cycle,
            domain=Domain.ECONOMIC,
            score=4,
            scored_by=ScoredBy.PROFESSIONAL,
            scored_by_user_id=s.coordinator.id,
            moment=Moment.EVALUATION,
        )
    )
    record_score(
        plan,
        domain=Domain.ECONOMIC,
        score=1,
        scored_by=ScoredBy.FAMILY,
        moment=Moment.INTAKE,
        actor=s.family,
    )
    db.session.flush()
    return intervention, learning


def make_review() -> Review:
    s = make_setting()
    intervention, learning = enrich(s)
    experts = create_organisation(
        f"Ervaringsdeskundigen {next(_counter)}", Sector.EXPERIENCE_EXPERTS
    )
    welfare = create_organisation(f"Welzijn {next(_counter)}", Sector.WELFARE)
    goal = OperationalGoal(
        code=f"CR{next(_counter)}",
        text="We weten wat werkt",
        programme_line=ProgrammeLine.EFFECTIVENESS_LEARNING,
        phase_plan=2,
    )
    db.session.add(goal)
    db.session.flush()
    return Review(
        s=s,
        programme=account(Role.PROGRAMME),
        expert=account(Role.EXPERIENCE_EXPERT, experts),
        partner=account(Role.PROFESSIONAL, welfare),
        outsider_expert=account(Role.EXPERIENCE_EXPERT, experts),
        intervention=intervention,
        operational_goal=goal,
        learning=learning,
    )


@pytest.fixture
def review(db_session) -> Review:
    r = make_review()
    db_session.commit()
    return r


@pytest.fixture
def as_user(client):
    """as_user(user) -> ApiClient with that user's bearer token."""
    return lambda user: ApiClient(client, user.login)


class SessionFlow:
    """A session taken step by step through the API as the programme."""

    def __init__(self, api: ApiClient, title: str = "Casusbespreking Veendam") -> None:
        self.api = api
        response = api.post("/api/v1/case-reviews", json={"title": title})
        assert response.status_code == 201, response.get_json()
        self.id = response.get_json()["id"]
        self.url = f"/api/v1/case-reviews/{self.id}"

    def etag(self) -> str:
        return self.api.get(self.url).headers["ETag"]

    def fire(self, trigger: str):
        return self.api.post(f"{self.url}/transitions", json={"trigger": trigger}, etag=self.etag())

    def add_case(self, plan_id: int) -> dict:
        response = self.api.post(f"{self.url}/cases", json={"planId": plan_id})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def approve(self, case_id: int) -> dict:
        url = f"{self.url}/cases/{case_id}"
        etag = self.api.get(url).headers["ETag"]
        response = self.api.post(f"{url}/approval", etag=etag)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def invite(self, user: User) -> None:
        response = self.api.post(f"{self.url}/participants", json={"userId": user.id})
        assert response.status_code == 201, response.get_json()


@pytest.fixture
def flow(review, as_user):
    """flow() -> a new session run by the review's programme user."""
    return lambda title="Casusbespreking Veendam": SessionFlow(as_user(review.programme), title)
