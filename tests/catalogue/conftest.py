"""Fixtures of the catalogue tests: a plan setting, a catalogue and a programme account."""

from __future__ import annotations

import pytest

from maatwerk.core.enums import Role
from tests.api.helpers import make_catalogue, staff
from tests.plans.flow import Setting, make_setting
from tests.web.conftest import PASSWORD


@pytest.fixture
def setting(db_session) -> Setting:
    s = make_setting()
    db_session.commit()
    return s


@pytest.fixture
def cat(setting, db_session) -> dict:
    made = make_catalogue()
    made["programme"] = staff(Role.PROGRAMME)
    db_session.commit()
    return made


@pytest.fixture
def login(app, db_session):
    """login(user) -> a test client logged in to the pages."""

    def _login(user):
        client = app.test_client()
        response = client.post("/login", data={"login": user.login, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return _login
