"""Database-held invariants of households, consents and their delete behaviour."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, insert, literal, select

from maatwerk.accounts.models import User
from maatwerk.core.db import utcnow
from maatwerk.core.enums import ConsentPurpose
from maatwerk.goals.models import Action, Goal, action_goals
from maatwerk.households.models import Consent, Household, Member
from maatwerk.plans.models import Plan, TeamMembership
from tests.factories import (
    ActionFactory,
    ConsentFactory,
    FamilyUserFactory,
    GoalFactory,
    HouseholdFactory,
    MemberFactory,
    OrganisationFactory,
    PlanFactory,
    TeamMembershipFactory,
    refused,
)


def test_second_live_consent_for_the_same_purpose_is_refused(db_session):
    consent = ConsentFactory()
    with refused(
        db_session,
        "uq_consents_live",
        sqlite="UNIQUE constraint failed: consents.household_id, consents.organisation_id",
    ):
        ConsentFactory(household=consent.household, organisation=consent.organisation)


def test_withdrawn_consent_plus_a_new_one_is_allowed(db_session):
    old = ConsentFactory(given_at=utcnow() - dt.timedelta(days=30))
    old.withdrawn_at = utcnow()
    db_session.flush()
    new = ConsentFactory(household=old.household, organisation=old.organisation)
    live = db_session.scalar(
        select(func.count(Consent.id)).where(
            Consent.household_id == old.household_id, Consent.withdrawn_at.is_(None)
        )
    )
    assert new.id != old.id
    assert live == 1


def test_live_consents_for_other_purposes_or_organisations_are_allowed(db_session):
    consent = ConsentFactory()
    ConsentFactory(
        household=consent.household,
        organisation=consent.organisation,
        purpose=ConsentPurpose.LEARNING,
    )
    ConsentFactory(household=consent.household, organisation=OrganisationFactory())
    count = select(func.count(Consent.id)).where(Consent.household_id == consent.household_id)
    assert db_session.scalar(count) == 3


def test_consent_withdrawn_before_it_was_given_is_refused(db_session):
    given = utcnow()
    with refused(db_session, "ck_consents_withdrawn_after_given"):
        ConsentFactory(given_at=given, withdrawn_at=given - dt.timedelta(seconds=1))


def test_unknown_consent_purpose_is_refused(db_session):
    household = HouseholdFactory()
    organisation = OrganisationFactory()
    with refused(db_session, "ck_consents_consent_purpose"):
        db_session.execute(
            insert(Consent).values(
                household_id=household.id,
                organisation_id=organisation.id,
                purpose=literal("marketing"),
                text_version="1",
                version=1,
            )
        )


def test_household_reference_is_unique(db_session):
    HouseholdFactory(reference="HH-DUBBEL")
    # The same code twice: both the plain and the case-folded unique index refuse it.
    with refused(db_session, "uq_households_reference"):
        HouseholdFactory(reference="HH-DUBBEL")


def test_household_reference_is_unique_whatever_its_case(db_session):
    HouseholdFactory(reference="HH-Dubbel")
    with refused(db_session, "uq_households_reference_folded"):
        HouseholdFactory(reference="hh-DUBBEL")


def _count(session, column, *where) -> int:
    return session.scalar(select(func.count(column)).where(*where))


def test_deleting_a_household_cascades_in_the_database(db_session):
    household = HouseholdFactory()
    member = MemberFactory(household=household)
    family = FamilyUserFactory(member=member)
    ConsentFactory(household=household, given_by=member)
    plan = PlanFactory(household=household)
    TeamMembershipFactory(plan=plan, coordinator=True)
    goal = GoalFactory(plan=plan)
    action = ActionFactory(plan=plan)
    action.goals.append(goal)
    db_session.flush()
    other = GoalFactory()  # another household's plan stays untouched
    household_id, plan_id, family_id, other_id = household.id, plan.id, family.id, other.id
    assert _count(db_session, action_goals.c.goal_id, action_goals.c.plan_id == plan_id) == 1

    # A Core DELETE: the ORM's own cascades play no part, only ON DELETE in the schema.
    db_session.execute(delete(Household).where(Household.id == household_id))
    db_session.expire_all()

    assert _count(db_session, Member.id, Member.household_id == household_id) == 0
    assert _count(db_session, Consent.id, Consent.household_id == household_id) == 0
    assert _count(db_session, Plan.id, Plan.household_id == household_id) == 0
    assert _count(db_session, Goal.id, Goal.plan_id == plan_id) == 0
    assert _count(db_session, Action.id, Action.plan_id == plan_id) == 0
    assert _count(db_session, TeamMembership.id, TeamMembership.plan_id == plan_id) == 0
    assert _count(db_session, action_goals.c.goal_id, action_goals.c.plan_id == plan_id) == 0
    assert _count(db_session, User.id, User.id == family_id) == 0  # family account too
    assert _count(db_session, Goal.id, Goal.id == other_id) == 1
