"""factory_boy factories for the domain model, plus a helper for database refusals.

Factories add to `db.session` (the test's rolled-back session) and flush, so ids exist.
Password hashes need an app context (the `db_session` fixture provides one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import factory
import pytest
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.passwords import hash_password
from maatwerk.barriers.models import Barrier
from maatwerk.catalogue.models import Area, Intervention, OperationalGoal
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import (
    AreaKind,
    BarrierCategory,
    Carrier,
    ConsentPurpose,
    Domain,
    MemberPosition,
    Moment,
    PlanRole,
    ProgrammeLine,
    ProposedBy,
    Role,
    ScoredBy,
    Sector,
)
from maatwerk.goals.models import Action, Goal
from maatwerk.households.models import Consent, Household, Member
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.plans.models import Plan, TeamMembership

PASSWORD = "correct horse battery staple"


class BaseFactory(SQLAlchemyModelFactory):
    """Adds to the current `db.session` and flushes."""

    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    sector = Sector.WELFARE


class AreaFactory(BaseFactory):
    """A municipality."""

    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    kind = AreaKind.MUNICIPALITY
    parent = None


class VillageFactory(AreaFactory):
    """A village within a municipality."""

    name = factory.Sequence(lambda n: f"Dorp {n}")
    kind = AreaKind.VILLAGE
    parent = factory.SubFactory(AreaFactory)


class HouseholdFactory(BaseFactory):
    class Meta:
        model = Household

    reference = factory.Sequence(lambda n: f"HH-{n:05d}")
    area = factory.SubFactory(AreaFactory)


class MemberFactory(BaseFactory):
    class Meta:
        model = Member

    household = factory.SubFactory(HouseholdFactory)
    given_name = factory.Sequence(lambda n: f"Sanne{n}")
    family_name = "Jansen"
    date_of_birth = dt.date(1988, 4, 12)
    position = MemberPosition.PARENT


class UserFactory(BaseFactory):
    """A professional of an organisation; pass `password=` for another password."""

    class Meta:
        model = User

    class Params:
        password = PASSWORD

    login = factory.Sequence(lambda n: f"gebruiker{n}")
    display_name = factory.Sequence(lambda n: f"Medewerker {n}")
    role = Role.PROFESSIONAL
    organisation = factory.SubFactory(OrganisationFactory)
    member = None
    password_hash = factory.LazyAttribute(lambda o: hash_password(o.password))
    active = True


class FamilyUserFactory(UserFactory):
    """A family account: linked to a household member, no organisation."""

    login = factory.Sequence(lambda n: f"gezin{n}")
    display_name = factory.Sequence(lambda n: f"Gezin {n}")
    role = Role.FAMILY
    organisation = None
    member = factory.SubFactory(MemberFactory)


class ConsentFactory(BaseFactory):
    class Meta:
        model = Consent

    household = factory.SubFactory(HouseholdFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    purpose = ConsentPurpose.PLAN_SHARING
    text_version = "2024-1"
    given_at = factory.LazyFunction(utcnow)


class PlanFactory(BaseFactory):
    class Meta:
        model = Plan

    household = factory.SubFactory(HouseholdFactory)
    workflow_name = "plan_standard"
    workflow_version = 1
    status = "intake"
    cycle = 1
    version = 1


class TeamMembershipFactory(BaseFactory):
    class Meta:
        model = TeamMembership

    plan = factory.SubFactory(PlanFactory)
    user = factory.SubFactory(UserFactory)
    plan_role = PlanRole.MEMBER
    started_at = factory.LazyFunction(utcnow)

    class Params:
        coordinator = factory.Trait(plan_role=PlanRole.COORDINATOR)


class GoalFactory(BaseFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    domain = Domain.ECONOMIC
    title = factory.Sequence(lambda n: f"Wij willen rust over geld ({n})")
    why_it_matters = "Dan kunnen we weer slapen."
    status = "proposed"
    proposed_by = ProposedBy.FAMILY


class InterventionFactory(BaseFactory):
    class Meta:
        model = Intervention

    name = factory.Sequence(lambda n: f"Interventie {n}")
    description = "Praktische hulp thuis."


class ActionFactory(BaseFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    description = factory.Sequence(lambda n: f"Samen de post doornemen ({n})")
    carrier = Carrier.FAMILY
    status = "proposed"
    proposed_by = ProposedBy.FAMILY


class BarrierFactory(BaseFactory):
    class Meta:
        model = Barrier

    plan = factory.SubFactory(PlanFactory)
    category = BarrierCategory.RULES
    description = "De regel staat maatwerk in de weg."
    status = "reported"


class OutcomeScoreFactory(BaseFactory):
    class Meta:
        model = OutcomeScore

    plan = factory.SubFactory(PlanFactory)
    cycle = 1
    domain = Domain.ECONOMIC
    score = 3
    scored_by = ScoredBy.FAMILY
    moment = Moment.INTAKE


class OperationalGoalFactory(BaseFactory):
    class Meta:
        model = OperationalGoal

    code = factory.Sequence(lambda n: f"OD-{n}")
    text = "Gezinnen bepalen zelf welke problemen voorrang krijgen."
    programme_line = ProgrammeLine.TARGET_GROUP
    phase_plan = 2


@contextmanager
def refused(session: Session, expected: str, *, sqlite: str | None = None) -> Iterator[None]:
    """Expect the database to refuse what the block writes (flushed at the end).

    The block runs in a savepoint, so the test's transaction survives the error.
    `expected` must occur in the database's message; SQLite names no foreign key or
    unique index, so `sqlite` gives its own message where it differs.
    """
    with pytest.raises(IntegrityError) as info, session.begin_nested():
        yield
        session.flush()
    dialect = session.get_bind().dialect.name
    wanted = sqlite if dialect == "sqlite" and sqlite is not None else expected
    assert wanted in str(info.value.orig), str(info.value.orig)
