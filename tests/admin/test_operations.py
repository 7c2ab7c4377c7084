"""The administrator's operations: every success and every refusal, with the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from maatwerk.accounts.models import ApiToken, RecoveryCode, User, UserSession
from maatwerk.accounts.operations import create_organisation
from maatwerk.accounts.tokens import issue_token
from maatwerk.admin import accounts as ops
from maatwerk.admin import organisations as orgs
from maatwerk.admin.access import can_administer
from maatwerk.admin.models import AccountSetupCode
from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import ConsentPurpose, Role, Sector
from maatwerk.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from maatwerk.plans.revisions import StaleVersion
from tests.factories import ConsentFactory, MemberFactory


def events(actor, object_type: str) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.user_id == actor.id, AuditEvent.object_type == object_type
            )
        )
    )


def test_only_an_active_administrator_administers(world):
    assert can_administer(world.admin)
    for user in (world.professional, world.programme, world.family, None):
        assert not can_administer(user)
    world.other_admin.active = False
    assert not can_administer(world.other_admin)
    for user in (world.professional, world.programme, world.family):
        with pytest.raises(Forbidden):
            ops.list_accounts(user, ops.AccountFilters())
        with pytest.raises(Forbidden):
            orgs.add_organisation(name="X", sector="care", actor=user)


# --- organisations -----------------------------------------------------------------------


def test_create_and_edit_an_organisation_audited(world):
    made = orgs.add_organisation(name="  Zorggroep Noord ", sector="care", actor=world.admin)
    assert (made.name, made.sector, made.version) == ("Zorggroep Noord", Sector.CARE, 1)
    orgs.update_organisation(
        made, name="Zorggroep Noord-Oost", sector="welfare", actor=world.admin, version=1
    )
    assert made.version == 2 and made.sector is Sector.WELFARE
    assert [e.action for e in events(world.admin, "organisation")] == ["create", "update"]
    assert all(e.household_ids == [] for e in events(world.admin, "organisation"))


def test_organisation_names_are_unique_whatever_their_capitals(world):
    with pytest.raises(ValidationFailed) as refused:
        orgs.add_organisation(
            name=world.organisation.name.upper(), sector="care", actor=world.admin
        )
    assert refused.value.detail == "An organisation with this name exists."
    other = orgs.add_organisation(name="Andere naam", sector="care", actor=world.admin)
    with pytest.raises(ValidationFailed):
        orgs.update_organisation(
            other, name=world.organisation.name.lower(), sector="care", actor=world.admin
        )
    # Its own name in other capitals is fine.
    orgs.update_organisation(other, name="ANDERE NAAM", sector="care", actor=world.admin)


LOOK_ALIKES = ["GGZ  Veenkoloniën", "GGZ Veenkolonie\u0308n", "GGZ Veenkoloniën\u200b"]


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_a_look_alike_of_an_organisations_name_is_refused(world, look_alike):
    made = orgs.add_organisation(name=" GGZ\u200b  Veenkoloniën ", sector="care", actor=world.admin)
    assert made.name == "GGZ Veenkoloniën"  # stored cleaned
    with pytest.raises(ValidationFailed) as refused:
        orgs.add_organisation(name=look_alike, sector="care", actor=world.admin)
    assert refused.value.detail == "An organisation with this name exists."
    assert refused.value.fields == {"name": ["Already used."]}
    with pytest.raises(ValidationFailed):
        create_organisation(look_alike, Sector.CARE)  # the CLI's way in
    with pytest.raises(ValidationFailed):
        orgs.update_organisation(
            world.organisation, name=look_alike.upper(), sector="care", actor=world.admin
        )


@pytest.mark.parametrize("name", ["\u200b", " \u2060 \u200b "])
def test_an_organisation_name_of_invisible_characters_is_empty(world, name):
    with pytest.raises(ValidationFailed) as refused:
        orgs.add_organisation(name=name, sector="care", actor=world.admin)
    assert refused.value.fields == {"name": ["Required."]}
    with pytest.raises(ValidationFailed):
        create_organisation(name, Sector.CARE)


@pytest.mark.parametrize(
    ("name", "sector", "field"),
    [("", "care", "name"), ("x" * 201, "care", "name"), ("A", "?", "sector")],
)
def test_an_organisation_needs_a_name_and_a_known_sector(world, name, sector, field):
    with pytest.raises(ValidationFailed) as refused:
        orgs.add_organisation(name=name, sector=sector, actor=world.admin)
    assert field in refused.value.fields


def test_an_edit_on_an_old_version_is_refused(world):
    with pytest.raises(StaleVersion):
        orgs.update_organisation(
            world.organisation, name="Nieuw", sector="care", actor=world.admin, version=7
        )


def test_only_an_unused_organisation_can_be_deleted(world):
    with pytest.raises(Conflict, match="has accounts"):
        orgs.delete_organisation(world.organisation, actor=world.admin)
    referenced = orgs.add_organisation(name="Met toestemming", sector="care", actor=world.admin)
    ConsentFactory(
        organisation=referenced, given_by=MemberFactory(), purpose=ConsentPurpose.LEARNING
    )
    with pytest.raises(Conflict, match="in use"):
        orgs.delete_organisation(referenced, actor=world.admin)
    mistake = orgs.add_organisation(name="Typfout", sector="care", actor=world.admin)
    mistake_id = mistake.id
    orgs.delete_organisation(mistake, actor=world.admin, version=1)
    assert db.session.get(type(mistake), mistake_id) is None
    assert "delete" in [e.action for e in events(world.admin, "organisation")]


def test_the_list_searches_filters_and_counts_accounts(world):
    orgs.add_organisation(name="Woonbedrijf Zuid", sector="housing", actor=world.admin)
    found, total = orgs.list_organisations(
        world.admin, orgs.OrganisationFilters(query=world.organisation.name.upper())
    )
    assert total == 1 and found == [(world.organisation, 1)]
    housing, _ = orgs.list_organisations(
        world.admin, orgs.OrganisationFilters(sector=Sector.HOUSING)
    )
    assert {o.sector for o, _n in housing} == {Sector.HOUSING}
    percent, _ = orgs.list_organisations(world.admin, orgs.OrganisationFilters(query="%"))
    assert percent == []


# --- accounts ----------------------------------------------------------------------------


def test_family_accounts_are_invisible(world):
    with pytest.raises(NotFound):
        ops.get_account(world.family.id, world.admin)
    listed, total = ops.list_accounts(world.admin, ops.AccountFilters(query=world.family.login))
    assert (listed, total) == ([], 0)
    everyone, _ = ops.list_accounts(world.admin, ops.AccountFilters(), page_size=1000)
    assert Role.FAMILY not in {u.role for u in everyone}
    with pytest.raises(ValidationFailed, match="activation code"):
        ops.add_account(
            login="nieuw.gezin",
            display_name="Gezin",
            role="family",
            organisation=None,
            actor=world.admin,
        )


def test_the_list_filters_on_text_role_organisation_and_active(world):
    def logins(**kw):
        return {u.login for u in ops.list_accounts(world.admin, ops.AccountFilters(**kw))[0]}

    assert logins(query=world.professional.display_name.upper()) == {world.professional.login}
    assert logins(role=Role.PROGRAMME) >= {world.programme.login}
    assert logins(organisation_id=world.organisation.id) == {world.professional.login}
    world.programme.active = False
    assert world.programme.login in logins(active=False)
    assert world.programme.login not in logins(active=True)


def test_a_new_account_has_no_password_and_a_setup_code(world):
    user, code, expires_at = ops.add_account(
        login=" Nieuwe.Collega ",
        display_name="Nieuwe Collega",
        role="professional",
        organisation=world.organisation,
        email="nc@example.org",
        phone="0598-000000",
        actor=world.admin,
    )
    assert user.login == "nieuwe.collega" and user.password_hash is None
    assert len(code) == 14
    assert dt.timedelta(hours=71) < expires_at - utcnow() <= dt.timedelta(hours=72)
    stored = db.session.scalars(
        select(AccountSetupCode).where(AccountSetupCode.user_id == user.id)
    ).one()
    assert code not in stored.code_hash and code.replace("-", "") not in stored.code_hash
    assert [e.action for e in events(world.admin, "account")] == ["create"]
    assert len(events(world.admin, "account_setup_code")) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": "professional", "organisation": None}, "organisation"),
        ({"role": "manager", "organisation": None}, "organisation"),
        ({"login": "x"}, "login"),
        ({"login": "met spatie"}, "login"),
        ({"display_name": " "}, "displayName"),
        ({"email": "geen-adres"}, "email"),
        ({"phone": "0" * 41}, "phone"),
        ({"role": "system"}, "role"),
    ],
)
def test_a_new_account_is_refused_with_the_field_named(world, changes, field):
    values = {
        "login": "nieuw.account",
        "display_name": "Nieuw",
        "role": "programme",
        "organisation": None,
        "email": None,
        "phone": None,
    } | changes
    with pytest.raises(ValidationFailed) as refused:
        ops.add_account(actor=world.admin, **values)
    assert field in refused.value.fields


def test_a_login_is_used_once(world):
    with pytest.raises(ValidationFailed) as refused:
        ops.add_account(
            login=world.professional.login.upper(),
            display_name="X",
            role="programme",
            organisation=None,
            actor=world.admin,
        )
    assert refused.value.fields["login"] == ["Already used."]


def test_editing_contact_details_bumps_the_version(world):
    user = world.professional
    before = user.version
    ops.update_account(
        user,
        display_name="Nieuwe naam",
        email="",
        phone="06-12345678",
        actor=world.admin,
        version=before,
    )
    assert (user.display_name, user.email, user.phone, user.version) == (
        "Nieuwe naam",
        None,
        "06-12345678",
        before + 1,
    )
    with pytest.raises(StaleVersion):
        ops.update_account(
            user, display_name="X", email=None, phone=None, actor=world.admin, version=before
        )


def _live(user: User) -> tuple[int, int]:
    sessions = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    ).all()
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    return len(sessions), len(tokens)


def _give_access(user: User) -> None:
    db.session.add(UserSession(user_id=user.id, key_hash=f"{user.id:064d}"))
    issue_token(user)
    db.session.flush()
    assert _live(user) == (1, 1)


def test_deactivating_ends_sessions_tokens_and_setup_codes_at_once(world):
    user, _code, _ = ops.add_account(
        login="weg.collega",
        display_name="Weg",
        role="programme",
        organisation=None,
        actor=world.admin,
    )
    _give_access(user)
    ops.deactivate_account(user, actor=world.admin, version=user.version)
    assert not user.active and _live(user) == (0, 0)
    codes = db.session.scalars(select(AccountSetupCode).where(AccountSetupCode.user_id == user.id))
    assert all(c.revoked_at is not None for c in codes)
    with pytest.raises(Conflict, match="already deactivated"):
        ops.deactivate_account(user, actor=world.admin)
    ops.reactivate_account(user, actor=world.admin, version=user.version)
    assert user.active
    with pytest.raises(Conflict, match="already active"):
        ops.reactivate_account(user, actor=world.admin)
    assert [e.action for e in events(world.admin, "account")] == ["create", "update", "update"]


def test_an_administrator_cannot_deactivate_themselves_or_the_last_administrator(world):
    with pytest.raises(Conflict, match="your own account"):
        ops.deactivate_account(world.admin, actor=world.admin)
    # The other administrator was deactivated at the same moment (in the database, not yet
    # in this request's objects), as were all others: the admin is now the last one.
    db.session.execute(
        update(User).where(User.role == Role.ADMIN, User.id != world.admin.id).values(active=False),
        execution_options={"synchronize_session": False},
    )
    with pytest.raises(Conflict, match="last active administrator"):
        ops.deactivate_account(world.admin, actor=world.other_admin)
    assert world.admin.active


def test_reset_password_clears_it_ends_access_and_gives_a_code(world):
    user = world.professional
    _give_access(user)
    code, _expires = ops.reset_password(user, actor=world.admin, version=user.version)
    assert user.password_hash is None and _live(user) == (0, 0) and code
    assert [e.action for e in events(world.admin, "account_password")] == ["update"]
    with pytest.raises(Conflict, match="your own password"):
        ops.reset_password(world.admin, actor=world.admin)
    user.active = False
    with pytest.raises(Conflict, match="Reactivate"):
        ops.reset_password(user, actor=world.admin)


def test_reset_two_step_verification(world):
    user = world.professional
    with pytest.raises(Conflict, match="not set up"):
        ops.reset_two_step(user, actor=world.admin)
    user.mfa_secret, user.mfa_enabled_at, user.mfa_last_step = "A" * 32, utcnow(), 5
    db.session.add(RecoveryCode(user_id=user.id, code_hash="f" * 64))
    _give_access(user)
    ops.reset_two_step(user, actor=world.admin, version=user.version)
    assert (user.mfa_secret, user.mfa_enabled_at, user.mfa_last_step) == (None, None, None)
    assert db.session.scalar(select(RecoveryCode.id).where(RecoveryCode.user_id == user.id)) is None
    assert _live(user) == (0, 0)
    assert len(events(world.admin, "account_mfa")) == 1
    with pytest.raises(Conflict):
        ops.reset_two_step(world.admin, actor=world.admin)


def test_one_administrator_cannot_reset_both_the_password_and_the_second_step(world, monkeypatch):
    """Both resets by one administrator would let them log in as the account (the setup
    code comes to them): the second one needs another administrator (four eyes)."""
    user = world.professional
    user.mfa_secret, user.mfa_enabled_at = "A" * 32, utcnow()
    ops.reset_password(user, actor=world.admin, version=user.version)
    with pytest.raises(Conflict, match="second administrator"):
        ops.reset_two_step(user, actor=world.admin, version=user.version)
    assert user.mfa_secret == "A" * 32
    ops.reset_two_step(user, actor=world.other_admin, version=user.version)
    assert user.mfa_secret is None
    # The other way round as well, for the other administrator now.
    user.mfa_secret, user.mfa_enabled_at = "B" * 32, utcnow()
    with pytest.raises(Conflict, match="second administrator"):
        ops.reset_password(user, actor=world.other_admin, version=user.version)
    # After the period (the audit trail is append-only: the period shrinks instead), one
    # administrator may again.
    monkeypatch.setattr(ops, "FOUR_EYES_PERIOD", dt.timedelta(0))
    ops.reset_password(user, actor=world.other_admin, version=user.version)
