"""Only the programme role sees monitoring and reflection: everyone else gets 404."""

from __future__ import annotations

import pytest

from tests.monitoring.conftest import bearer, login
from tests.monitoring.world import World

PAGES = [
    "/monitoring",
    "/monitoring/indicatoren/plans_started",
    "/monitoring/export.csv",
    "/monitoring/jaarverslag.pdf",
    "/reflectie",
]
API = [
    "/api/v1/monitoring/indicators",
    "/api/v1/monitoring/indicators/plans_started",
    "/api/v1/monitoring/annual-report",
    "/api/v1/reflections",
]
OTHERS = ["coordinator", "manager", "admin", "expert", "family"]


@pytest.fixture
def world(db_session) -> World:
    w = World()
    household = w.household(w.v1, referred_on="2024-01-02")
    w.plan(household, "2024-01-10")
    db_session.commit()
    return w


def _user(world: World, name: str):
    if name == "family":
        return next(iter(world.families.values()))
    return getattr(world, name)


@pytest.mark.parametrize("name", OTHERS)
def test_other_roles_get_404_on_pages_and_api(app, world, name):
    user = _user(world, name)
    client = login(app, user)
    for path in PAGES:
        assert client.get(path).status_code == 404, path
    assert client.post("/monitoring/vernieuwen").status_code == 404
    assert client.post("/reflectie", data={"year": "2024", "group": "managers"}).status_code == 404
    api = app.test_client()
    headers = bearer(api, user)
    for path in API:
        response = api.get(path, headers=headers)
        assert response.status_code == 404, path
        assert response.headers["Content-Type"].startswith("application/problem+json")
    created = api.post(
        "/api/v1/reflections", json={"year": 2024, "group": "managers"}, headers=headers
    )
    assert created.status_code == 404


def test_the_programme_gets_in(app, world):
    client = login(app, world.programme)
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    api = app.test_client()
    headers = bearer(api, world.programme)
    for path in API:
        assert api.get(path, headers=headers).status_code == 200, path


def test_anonymous_is_sent_to_log_in(app, db_session):
    client = app.test_client()
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    for path in API:
        assert client.get(path).status_code == 401
