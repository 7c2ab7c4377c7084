"""Database-held invariants of organisations, accounts and areas, on both backends."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, literal, select

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Area
from maatwerk.core.enums import AreaKind, Role, Sector
from tests.factories import (
    AreaFactory,
    FamilyUserFactory,
    MemberFactory,
    OrganisationFactory,
    UserFactory,
    VillageFactory,
    refused,
)

# Values are passed as SQL literals so that the Enum type's own Python-side check cannot
# stop them: the point is that the database refuses them.


def test_unknown_sector_is_refused_by_the_database(db_session):
    with refused(db_session, "ck_organisations_sector"):
        db_session.execute(insert(Organisation).values(name="Raar", sector=literal("bakery")))


def test_known_sector_is_accepted(db_session):
    db_session.execute(insert(Organisation).values(name="Goed", sector=literal("housing")))
    assert db_session.scalar(select(Organisation.sector).where(Organisation.name == "Goed")) is (
        Sector.HOUSING
    )


def test_unknown_role_is_refused_by_the_database(db_session):
    organisation = OrganisationFactory()
    with refused(db_session, "ck_users_role"):
        db_session.execute(
            insert(User).values(
                login="tovenaar",
                display_name="Tovenaar",
                role=literal("wizard"),
                organisation_id=organisation.id,
                active=True,
            )
        )


def test_family_account_without_member_is_refused(db_session):
    with refused(db_session, "ck_users_family_links_member"):
        UserFactory(role=Role.FAMILY, organisation=None, member=None)


def test_family_account_with_organisation_is_refused(db_session):
    with refused(db_session, "ck_users_family_links_member"):
        FamilyUserFactory(organisation=OrganisationFactory())


def test_staff_account_linked_to_a_member_is_refused(db_session):
    with refused(db_session, "ck_users_family_links_member"):
        UserFactory(member=MemberFactory())


def test_family_account_with_member_and_no_organisation_is_accepted(db_session):
    user = FamilyUserFactory()
    assert user.id is not None
    assert user.organisation_id is None
    assert user.member_id is not None


def test_professional_without_organisation_is_refused(db_session):
    with refused(db_session, "ck_users_staff_have_organisation"):
        UserFactory(role=Role.PROFESSIONAL, organisation=None)


def test_manager_without_organisation_is_refused(db_session):
    with refused(db_session, "ck_users_staff_have_organisation"):
        UserFactory(role=Role.MANAGER, organisation=None)


def test_programme_account_needs_no_organisation(db_session):
    assert UserFactory(role=Role.PROGRAMME, organisation=None).id is not None


def test_login_is_unique(db_session):
    UserFactory(login="dubbel")
    with refused(db_session, "uq_users_login", sqlite="UNIQUE constraint failed: users.login"):
        UserFactory(login="dubbel")


def test_deleting_an_organisation_with_users_is_refused(db_session):
    user = UserFactory()
    with refused(
        db_session,
        "fk_users_organisation_id_organisations",
        sqlite="FOREIGN KEY constraint failed",
    ):
        db_session.execute(delete(Organisation).where(Organisation.id == user.organisation_id))
    assert db_session.get(Organisation, user.organisation_id) is not None


def test_deleting_an_unused_organisation_is_allowed(db_session):
    organisation = OrganisationFactory()
    db_session.execute(delete(Organisation).where(Organisation.id == organisation.id))
    assert db_session.scalar(select(Organisation.id).where(Organisation.id == organisation.id)) is (
        None
    )


def test_municipality_with_a_parent_is_refused(db_session):
    parent = AreaFactory()
    with refused(db_session, "ck_areas_municipality_is_top_level"):
        AreaFactory(parent=parent)


def test_village_without_a_parent_is_refused(db_session):
    with refused(db_session, "ck_areas_municipality_is_top_level"):
        AreaFactory(kind=AreaKind.VILLAGE, parent=None)


def test_village_within_a_municipality_is_accepted(db_session):
    village = VillageFactory()
    assert village.parent.kind is AreaKind.MUNICIPALITY
    assert village.municipality is village.parent


def test_unknown_area_kind_is_refused(db_session):
    parent = AreaFactory()
    with refused(db_session, "ck_areas_area_kind"):
        db_session.execute(
            insert(Area).values(name="Nergens", kind=literal("continent"), parent_id=parent.id)
        )


def test_timestamps_come_back_timezone_aware_utc(db_session):
    amsterdam = dt.timezone(dt.timedelta(hours=2))
    given = dt.datetime(2025, 6, 1, 14, 30, tzinfo=amsterdam)
    user = UserFactory(last_login_at=given)
    db_session.expire_all()

    loaded = db_session.get(User, user.id)
    assert loaded.last_login_at == given
    assert loaded.last_login_at.utcoffset() == dt.timedelta(0)
    assert loaded.last_login_at.hour == 12
    created = db_session.scalar(select(User.created_at).where(User.id == user.id))
    assert created.tzinfo is not None
    assert created.utcoffset() == dt.timedelta(0)
