"""CSRF protection on every state-changing request (generated from the route map), including
API calls authenticated by the session cookie; bearer-token calls need no CSRF token."""

from __future__ import annotations

import re

import pytest

from config import TestConfig
from maatwerk import create_app
from maatwerk.core.db import db
from tests.security.matrix import WRITES, fill, routes, same_cookie, snapshot, undone
from tests.security.world import PASSWORD, build_world

# The token exchange has no session to protect (it creates none).
EXEMPT = {"POST /api/v1/auth/tokens"}


@pytest.fixture
def csrf_app(database_url, db_session):
    """The application with CSRF protection on, sharing the test's transaction."""
    app = create_app(
        TestConfig, {"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": True}
    )
    yield app
    with app.app_context():
        db.engine.dispose()


def _token(page: str) -> str:
    match = re.search(r'name="(?:[a-z]+-)?csrf_token"[^>]*value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def _logged_in(app, user):
    client = app.test_client()
    token = _token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"login": user.login, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    # Login starts a fresh session, with a fresh CSRF token: read it from a page.
    return client, _token(client.get("/account/wachtwoord").get_data(as_text=True))


def test_every_state_changing_route_refuses_a_request_without_the_token(csrf_app, db_session):
    world = build_world(csrf_app.test_client())
    client, _token_value = _logged_in(csrf_app, world.users["pro_team"])
    baseline = snapshot(db_session)
    passed = []
    checked = 0
    for route in routes(csrf_app):
        if route.method not in WRITES or route.key in EXEMPT:
            continue
        url = fill(route, world)
        with undone(db_session), same_cookie(client):
            if route.api:
                response = client.open(url, method=route.method, json={}, headers={"If-Match": "*"})
            else:
                response = client.open(url, method=route.method, data={})
            changed = snapshot(db_session) != baseline
        checked += 1
        if response.status_code != 400 or changed:
            passed.append(f"{route.key}: {response.status_code}, changed={changed}")
        elif route.api:
            assert response.mimetype == "application/problem+json", route.key
    assert checked > 60
    assert not passed, "\n".join(passed)


def test_a_session_api_call_with_the_token_header_passes(csrf_app, db_session):
    world = build_world(csrf_app.test_client())
    client, token = _logged_in(csrf_app, world.users["pro_team"])
    url = f"/api/v1/plans/{world.ids['plan_id']}/comments"
    refused = client.post(url, json={"body": "Zonder token"})
    assert refused.status_code == 400
    accepted = client.post(url, json={"body": "Met token"}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 201, accepted.get_json()


def test_bearer_calls_need_no_csrf_token_and_ignore_the_cookie(csrf_app, db_session):
    world = build_world(csrf_app.test_client())
    client, _ = _logged_in(csrf_app, world.users["pro_team"])
    response = client.post(
        "/api/v1/auth/tokens",
        json={"login": world.users["pro_team"].login, "password": PASSWORD},
    )
    assert response.status_code == 201
    bearer = {"Authorization": f"Bearer {response.get_json()['token']}"}
    url = f"/api/v1/plans/{world.ids['plan_id']}/comments"
    assert client.post(url, json={"body": "Met bearer"}, headers=bearer).status_code == 201
    # A made-up bearer header does not fall back to the cookie (no CSRF bypass).
    forged = {"Authorization": "Bearer made-up"}
    assert client.post(url, json={"body": "Vals"}, headers=forged).status_code == 401


def test_the_login_form_and_the_second_step_need_the_token(csrf_app, db_session):
    world = build_world(csrf_app.test_client())
    client = csrf_app.test_client()
    user = world.users["family"]
    assert (
        client.post("/login", data={"login": user.login, "password": PASSWORD}).status_code == 400
    )
    assert client.post("/login/code", data={"code": "123456"}).status_code == 400
