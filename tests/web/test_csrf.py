"""Every form carries the CSRF token; a POST without it is refused."""

from __future__ import annotations

import re

import pytest

from config import TestConfig
from maatwerk import create_app
from maatwerk.core.db import db
from maatwerk.plans.models import Comment, Plan
from tests.web.conftest import PASSWORD
from tests.web.helpers import text

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL | re.IGNORECASE)


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
    return client


def test_post_without_token_is_refused_and_changes_nothing(csrf_app, setting):
    client = _logged_in(csrf_app, setting.coordinator)
    url = f"/werk/plannen/{setting.plan.id}"
    refused = client.post(
        f"{url}/overgang", data={"trigger": "start_exploration", "plan_version": 1}
    )
    assert refused.status_code == 400
    assert "Dit formulier is verlopen" in text(refused)
    assert db.session.get(Plan, setting.plan.id).status == "intake"
    assert client.post("/taal", data={"lang": "en", "next": "/"}).status_code == 400
    assert client.post(f"{url}/reacties", data={"comment-body": "Hallo"}).status_code == 400
    assert db.session.query(Comment).count() == 0


def test_post_with_the_pages_token_passes(csrf_app, setting):
    client = _logged_in(csrf_app, setting.coordinator)
    url = f"/werk/plannen/{setting.plan.id}"
    page = client.get(url).get_data(as_text=True)
    response = client.post(
        f"{url}/reacties",
        data={
            "comment-csrf_token": _token(page),
            "comment-body": "Hallo",
            "comment-plan_version": 1,
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"{url}/overgang",
        data={
            "csrf_token": _token(page),
            "trigger": "start_exploration",
            "plan_version": setting.plan.version,
        },
    )
    assert response.status_code == 302


def test_every_post_form_on_every_page_has_a_token(csrf_app, setting, db_session):
    from tests.web.test_pages import _fill

    _goal, action, _barrier = _fill(setting)
    db_session.commit()
    client = _logged_in(csrf_app, setting.coordinator)
    for url in (
        "/werk",
        f"/werk/plannen/{setting.plan.id}",
        f"/werk/acties/{action.id}/bewerken",
        f"/werk/acties/{action.id}/knelpunt",
        "/werk/intake",
        "/sociale-kaart",
        "/login",
    ):
        page = client.get(url).get_data(as_text=True)
        forms = FORM.findall(page)
        assert forms, url
        for attributes, body in forms:
            if 'method="post"' in attributes.lower():
                assert "csrf_token" in body, (url, attributes)


def test_a_page_after_the_session_ended_asks_to_log_in_again_in_dutch(app, setting):
    client = app.test_client()
    answer = client.get("/werk", follow_redirects=True)
    assert "/login" in answer.request.path
    assert "Log in om deze pagina te zien" in text(answer)


def test_a_form_sent_after_the_session_ended_leads_to_the_login(csrf_app, setting, db_session):
    """The login's session ended (idle too long, or ended on another device) while a form
    was open: the answer is the login page with why and the way back, not 'this form has
    expired'."""
    from sqlalchemy import delete

    from maatwerk.accounts.models import UserSession

    client = _logged_in(csrf_app, setting.coordinator)
    page = client.get(f"/werk/plannen/{setting.plan.id}").get_data(as_text=True)
    db_session.execute(delete(UserSession).where(UserSession.user_id == setting.coordinator.id))
    db_session.commit()
    answer = client.post(
        f"/werk/plannen/{setting.plan.id}/reacties",
        data={"body": "Hallo", "csrf_token": _token(page)},
        headers={"Referer": f"http://localhost/werk/plannen/{setting.plan.id}"},
    )
    assert answer.status_code == 302
    assert "/login" in answer.headers["Location"]
    assert f"next=/werk/plannen/{setting.plan.id}" in answer.headers["Location"].replace("%2F", "/")
    assert "Log in om deze pagina te zien" in text(client.get(answer.headers["Location"]))
