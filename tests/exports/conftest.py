"""Many households with plans and outcome scores, built straight from the models (fast)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field

import pytest

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.catalogue.models import Area
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import (
    AreaKind,
    ConsentPurpose,
    Domain,
    MemberPosition,
    Moment,
    Role,
    ScoredBy,
    Sector,
)
from maatwerk.households.models import Consent, Household, Member
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.plans.models import Plan
from tests.api.conftest import ApiClient

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


@dataclass
class Population:
    """Who is in the data, and who must never be."""

    consenting: list[Household] = field(default_factory=list)
    excluded: list[Household] = field(default_factory=list)  # no or withdrawn learning consent
    hidden_area: str = ""  # the municipality of the excluded households only
    organisation: Organisation | None = None


def _household(area: Area, org: Organisation, rng: random.Random, *, consent: str | None):
    n = next(_counter)
    household = Household(area=area, reference=f"EXP-{n:05d}")
    parents = rng.choice([1, 1, 2, 2, 2])
    children = rng.choice([0, 1, 2, 2, 3, 4])
    for i in range(parents):
        born = dt.date(rng.randint(1970, 1998), rng.randint(1, 12), rng.randint(1, 28))
        household.members.append(
            Member(
                given_name=f"Ouder{n}x{i}",
                family_name=f"Familie{n}",
                position=MemberPosition.PARENT,
                date_of_birth=born,
            )
        )
    for i in range(children):
        household.members.append(
            Member(
                given_name=f"Kind{n}x{i}",
                family_name=f"Familie{n}",
                position=MemberPosition.CHILD,
                date_of_birth=dt.date(rng.randint(2008, 2022), 6, 1),
            )
        )
    if consent is not None:
        given = utcnow() - dt.timedelta(days=30)
        household.consents.append(
            Consent(
                organisation=org,
                purpose=ConsentPurpose.LEARNING,
                text_version="2024-1",
                given_at=given,
                withdrawn_at=given + dt.timedelta(days=1) if consent == "withdrawn" else None,
            )
        )
    plan = Plan(
        household=household,
        workflow_name="plan_standard",
        workflow_version=1,
        status=rng.choice(["active", "closed"]),
        started_on=dt.date(2024, 1, 1),
    )
    if plan.status == "closed":
        plan.closed_at = utcnow()
    for domain in Domain:
        intake = rng.randint(2, 3)
        later = intake + rng.randint(-1, 2)
        for moment, score in ((Moment.INTAKE, intake), (Moment.EVALUATION, later)):
            plan.scores.append(
                OutcomeScore(
                    domain=domain,
                    score=score,
                    scored_by=ScoredBy.PROFESSIONAL,
                    moment=moment,
                    cycle=1,
                )
            )
    db.session.add(household)
    db.session.add(plan)
    return household


def build_population(consenting: int = 60, seed: int = 7) -> Population:
    """`consenting` households over three municipalities in two regions, and eight that
    must stay out: five without learning consent, three that withdrew it."""
    rng = random.Random(seed)
    tag = next(_counter)
    org = create_organisation(f"Gemeente export {tag}", Sector.MUNICIPALITY)
    east = [
        Area(name=f"Pekela {tag}", kind=AreaKind.MUNICIPALITY, region="Oost-Groningen"),
        Area(name=f"Veendam {tag}", kind=AreaKind.MUNICIPALITY, region="Oost-Groningen"),
    ]
    drenthe = Area(name=f"Borger-Odoorn {tag}", kind=AreaKind.MUNICIPALITY, region="Drenthe")
    village = Area(name=f"Nieuw-Buinen {tag}", kind=AreaKind.VILLAGE, parent=drenthe)
    hidden = Area(name=f"Geheimdorp {tag}", kind=AreaKind.MUNICIPALITY, region="Nergens")
    db.session.add_all([*east, drenthe, village, hidden])
    population = Population(hidden_area=hidden.name, organisation=org)
    areas = [*east, village]
    for i in range(consenting):
        household = _household(areas[i % len(areas)], org, rng, consent="active")
        population.consenting.append(household)
    for i in range(8):
        consent = None if i < 5 else "withdrawn"
        population.excluded.append(_household(hidden, org, rng, consent=consent))
    db.session.flush()
    return population


def staff(role: Role, organisation: Organisation | None = None) -> User:
    n = next(_counter)
    return create_user(
        login=f"exp-{role.value}-{n}",
        display_name=f"{role.value} {n}",
        role=role,
        password=PASSWORD,
        organisation=organisation,
    )


@pytest.fixture
def population(db_session) -> Population:
    p = build_population()
    db_session.commit()
    return p


@pytest.fixture
def as_user(client):
    return lambda user: ApiClient(client, user.login)
