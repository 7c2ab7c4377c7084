"""The `maatwerk` command: organisations, accounts, and the command list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.passwords import verify_password
from maatwerk.cli import main, users_create
from maatwerk.core.enums import Role, Sector
from tests.factories import MemberFactory, OrganisationFactory

PASSWORD = "lang-genoeg-wachtwoord"


@pytest.fixture
def run(app, db_session):
    """Invoke `maatwerk ...` in-process, sharing the test's transaction."""
    runner = app.test_cli_runner()

    def _run(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input)

    return _run


def _user(db_session, login: str) -> User | None:
    return db_session.scalar(select(User).where(User.login == login))


# --- organisations create -------------------------------------------------------------


def test_organisations_create(run, db_session):
    result = run("organisations", "create", "Gemeente Pekela", "--sector", "municipality")
    assert result.exit_code == 0, result.output
    organisation = db_session.scalar(
        select(Organisation).where(Organisation.name == "Gemeente Pekela")
    )
    assert organisation.sector is Sector.MUNICIPALITY
    assert f"Organisation {organisation.id} created." in result.output


def test_organisations_create_duplicate_gives_a_clear_error(run):
    assert run("organisations", "create", "Lefier", "--sector", "housing").exit_code == 0
    result = run("organisations", "create", "Lefier", "--sector", "housing")
    assert result.exit_code == 1
    assert "An organisation with this name exists." in result.output
    assert "Traceback" not in result.output


def test_organisations_create_refuses_an_unknown_sector(run, db_session):
    result = run("organisations", "create", "Bakkerij", "--sector", "bakery")
    assert result.exit_code == 2
    assert "Invalid value for '--sector'" in result.output
    assert db_session.scalar(select(Organisation).where(Organisation.name == "Bakkerij")) is None


# --- users create ---------------------------------------------------------------------


def test_password_is_never_an_option_or_argument():
    names = {param.name for param in users_create.params}
    flags = {p.name for p in users_create.params if isinstance(p, click.Option) and p.is_flag}
    assert {n for n in names if "password" in n} == {"password_stdin"}
    assert "password_stdin" in flags  # a switch, never a value
    assert not any(
        "password" in opt
        for p in users_create.params
        for opt in p.opts
        if p.name != "password_stdin"
    )


def test_password_option_is_rejected(run, db_session):
    organisation = OrganisationFactory()
    result = run(
        "users", "create", "piet", "--name", "Piet", "--role", "professional",
        "--organisation", organisation.name, "--password", PASSWORD,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "No such option" in result.output
    assert _user(db_session, "piet") is None


def test_users_create_reads_the_password_from_stdin(run, db_session):
    organisation = OrganisationFactory()
    result = run(
        "users", "create", "Regisseur.Pekela", "--name", "Regisseur Pekela",
        "--role", "professional", "--organisation", organisation.name, "--password-stdin",
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = _user(db_session, "regisseur.pekela")
    assert user.role is Role.PROFESSIONAL
    assert user.organisation_id == organisation.id
    assert PASSWORD not in user.password_hash
    assert verify_password(user, PASSWORD)
    assert PASSWORD not in result.output


def test_users_create_prompts_twice_for_the_password(run, db_session):
    result = run(
        "users", "create", "programma2", "--name", "Programmateam", "--role", "programme",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.count("Password") == 1
    assert "Repeat for confirmation" in result.output
    assert PASSWORD not in result.output  # hidden input is not echoed
    assert verify_password(_user(db_session, "programma2"), PASSWORD)


def test_users_create_prompt_refuses_a_mismatch(run, db_session):
    result = run(
        "users", "create", "programma3", "--name", "Programmateam", "--role", "programme",
        input=f"{PASSWORD}\niets-anders-dan-dat\n",
    )  # fmt: skip
    assert result.exit_code != 0
    assert _user(db_session, "programma3") is None


def test_users_create_refuses_a_short_password(run, db_session):
    organisation = OrganisationFactory()
    result = run(
        "users", "create", "kort", "--name", "Kort", "--role", "professional",
        "--organisation", organisation.name, "--password-stdin", input="kort\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "The password is too short." in result.output
    assert _user(db_session, "kort") is None


def test_users_create_family_account_with_member(run, db_session):
    member = MemberFactory()
    result = run(
        "users", "create", "gezin.devries", "--name", "Familie De Vries", "--role", "family",
        "--member-id", str(member.id), "--password-stdin", input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = _user(db_session, "gezin.devries")
    assert user.member_id == member.id
    assert user.organisation_id is None
    assert user.household_id == member.household_id


def test_users_create_family_account_needs_a_member(run, db_session):
    result = run(
        "users", "create", "gezin.zonder", "--name", "Zonder", "--role", "family",
        "--password-stdin", input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "A family account belongs to a household member." in result.output
    assert _user(db_session, "gezin.zonder") is None


def test_users_create_unknown_member_is_refused(run):
    result = run(
        "users", "create", "gezin.x", "--name", "X", "--role", "family",
        "--member-id", "999999", "--password-stdin", input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Unknown household member." in result.output


def test_users_create_staff_without_organisation_is_refused(run, db_session):
    result = run(
        "users", "create", "los", "--name", "Los", "--role", "professional",
        "--password-stdin", input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Professionals and managers belong to an organisation." in result.output
    assert _user(db_session, "los") is None


def test_users_create_unknown_organisation_is_refused(run):
    result = run(
        "users", "create", "los2", "--name", "Los", "--role", "professional",
        "--organisation", "Bestaat Niet", "--password-stdin", input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Unknown organisation." in result.output


def test_users_create_duplicate_login_is_refused(run):
    args = ("users", "create", "dubbel", "--name", "D", "--role", "admin", "--password-stdin")
    assert run(*args, input=PASSWORD + "\n").exit_code == 0
    result = run(*args, input=PASSWORD + "\n")
    assert result.exit_code == 1
    assert "login: Already used." in result.output


# --- the command list -----------------------------------------------------------------


def test_maatwerk_help_lists_the_commands(tmp_path: Path):
    """The installed console script, as an operator sees it."""
    env = {
        **os.environ,
        "MAATWERK_ENV": "development",
        "MAATWERK_INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": "sqlite:///" + str(tmp_path / "help.sqlite"),
    }
    script = Path(sys.executable).parent / "maatwerk"
    result = subprocess.run(
        [str(script), "--help"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    listed = {line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line}
    assert {"serve", "demo", "db", "organisations", "users"} <= listed


def test_db_group_offers_upgrade(run):
    result = run("db", "--help")
    assert result.exit_code == 0
    assert "upgrade" in result.output
