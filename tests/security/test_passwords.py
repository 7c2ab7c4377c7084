"""Passwords: argon2id at or above the OWASP minimum, length rules without composition rules,
common passwords refused, one answer for an unknown account and a wrong password."""

from __future__ import annotations

import pytest
from argon2 import Type as Argon2Type
from argon2 import extract_parameters

from config import Config, DevelopmentConfig, ProductionConfig
from maatwerk.accounts.operations import change_password, check_password, create_user
from maatwerk.accounts.passwords import (
    MAX_PASSWORD_LENGTH,
    OWASP_MINIMUM,
    common_passwords,
    hash_password,
    password_problem,
)
from maatwerk.core.enums import MemberPosition, Role
from maatwerk.core.errors import ValidationFailed
from maatwerk.households.operations import add_member
from maatwerk.portal.activation import create_activation_code
from tests.factories import OrganisationFactory
from tests.security.conftest import PASSWORD, login


@pytest.mark.parametrize("config", [Config, DevelopmentConfig, ProductionConfig])
def test_argon2id_parameters_meet_the_owasp_minimum(config):
    memory, time, lanes = (OWASP_MINIMUM[k] for k in ("memory_cost", "time_cost", "parallelism"))
    assert memory <= config.ARGON2_MEMORY_COST
    assert time <= config.ARGON2_TIME_COST
    assert lanes <= config.ARGON2_PARALLELISM


def test_hashes_are_argon2id_with_the_configured_parameters(app, db_session):
    stored = hash_password("een zin van een paar woorden")
    parameters = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert parameters.type is Argon2Type.ID
    assert parameters.memory_cost == app.config["ARGON2_MEMORY_COST"]
    assert parameters.time_cost == app.config["ARGON2_TIME_COST"]


def test_the_common_password_list_is_shipped_and_large():
    common = common_passwords()
    assert len(common) >= 1000
    assert {"welkom01", "wachtwoord", "password", "123456789", "qwerty123"} <= common
    assert all(entry == entry.lower() for entry in common)


@pytest.mark.parametrize(
    "password", ["welkom01", "Welkom01", "WACHTWOORD123", "password1", "12345678", "feyenoord"]
)
def test_common_passwords_are_refused_whatever_the_case(password):
    assert password_problem(password) == "too_common"


@pytest.mark.parametrize(
    "password",
    [
        "een lange zin",  # only lower case and spaces: no composition rules
        "abcdefgh-xq",
        "🙂🙂🙂🙂🙂🙂🙂🙂",  # any Unicode
        "x" * MAX_PASSWORD_LENGTH,  # long passphrases
        "correct horse battery",
    ],
)
def test_passwords_without_composition_rules_are_allowed(password):
    assert password_problem(password) is None


def test_length_limits():
    assert password_problem("1a!B2c@") == "too_short"
    assert password_problem("y" * (MAX_PASSWORD_LENGTH + 1)) == "too_long"


def test_the_login_name_is_not_a_password():
    assert password_problem("ria.regisseur", login="Ria.Regisseur") == "too_common"


def test_accounts_are_never_created_with_a_common_password(db_session):
    with pytest.raises(ValidationFailed) as refused:
        create_user(
            login="nieuw.account",
            display_name="Nieuw",
            role=Role.PROFESSIONAL,
            password="welkom01",
            organisation=OrganisationFactory(),
        )
    assert refused.value.detail == "The password is too common."
    with pytest.raises(ValidationFailed, match="too short"):
        check_password("kort")


def test_a_new_password_follows_the_same_policy(setting):
    with pytest.raises(ValidationFailed):
        change_password(setting.coordinator, "wachtwoord1")


def test_the_activation_page_explains_a_common_password(client, setting):
    child = add_member(
        setting.household,
        given_name="Bert",
        family_name="Test",
        position=MemberPosition.PARENT,
        actor=setting.coordinator,
    )
    code = create_activation_code(child, actor=setting.coordinator)
    response = client.post(
        "/activeren", data={"code": code, "login": "bert.veilig", "password": "welkom123"}
    )
    assert response.status_code == 422
    assert "makkelijk te raden" in response.get_data(as_text=True)


def test_unknown_account_and_wrong_password_get_one_api_answer(client, setting):
    wrong = client.post(
        "/api/v1/auth/tokens", json={"login": setting.coordinator.login, "password": "fout fout"}
    )
    unknown = client.post(
        "/api/v1/auth/tokens", json={"login": "niemand.hier", "password": "fout fout"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()


def test_unknown_account_and_wrong_password_get_one_page(client, setting):
    wrong = login(client, setting.coordinator.login, "fout fout fout")
    unknown = login(client, "niemand.hier", "fout fout fout")
    assert wrong.status_code == unknown.status_code == 401
    strip = lambda page, name: page.replace(name, "LOGIN")  # noqa: E731
    assert strip(wrong.get_data(as_text=True), setting.coordinator.login) == strip(
        unknown.get_data(as_text=True), "niemand.hier"
    )


def test_a_correct_password_still_works(client, setting):
    assert login(client, setting.coordinator.login, PASSWORD).status_code == 302
