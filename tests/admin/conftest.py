"""An administrator, a second one, organisations and staff accounts to manage."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.core.enums import Role, Sector
from tests.api.helpers import unique
from tests.factories import FamilyUserFactory

PASSWORD = "correct horse battery"


@dataclass
class Admin:
    admin: User
    other_admin: User
    organisation: Organisation
    professional: User
    programme: User
    family: User


def account(role: Role, organisation: Organisation | None = None, **kwargs) -> User:
    """A staff account with the tests' password."""
    login = unique(f"{role.value}").replace(" ", "-")
    return create_user(
        login=login,
        display_name=f"Test {login}",
        role=role,
        password=PASSWORD,
        organisation=organisation,
        **kwargs,
    )


@pytest.fixture
def world(db_session) -> Admin:
    organisation = create_organisation(unique("Welzijn Test"), Sector.WELFARE)
    w = Admin(
        admin=account(Role.ADMIN),
        other_admin=account(Role.ADMIN),
        organisation=organisation,
        professional=account(Role.PROFESSIONAL, organisation, email="p@example.org"),
        programme=account(Role.PROGRAMME),
        family=FamilyUserFactory(),
    )
    db_session.commit()
    return w


def login_client(app, user: User, password: str = PASSWORD):
    """A test client logged in to the pages."""
    client = app.test_client()
    answer = client.post("/login", data={"login": user.login, "password": password})
    assert answer.status_code == 302, answer.status_code
    return client
