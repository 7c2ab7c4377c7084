"""Login and logout."""

from __future__ import annotations

import re

import pytest

from config import TestConfig
from maatwerk import create_app
from maatwerk.core.db import db
from tests.factories import PASSWORD, UserFactory

FAILED = "Gebruikersnaam of wachtwoord klopt niet."


def login(client, name: str, password: str, next_url: str | None = None):
    url = "/login" if next_url is None else f"/login?next={next_url}"
    return client.post(url, data={"login": name, "password": password})


def logged_in_id(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


def test_login_page_renders_in_dutch(client):
    response = client.get("/login")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Inloggen" in page
    assert "Gebruikersnaam" in page
    assert "Wachtwoord" in page


def test_login_page_leads_new_staff_to_the_setup_page_in_both_languages(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Nieuw account van je organisatie?" in page
    assert '<a href="/account-instellen">Stel je wachtwoord in met je instelcode</a>' in page
    assert "Maak je account" in page  # the family's link stays
    client.post("/taal", data={"lang": "en"})
    english = client.get("/login").get_data(as_text=True)
    assert "New account from your organisation?" in english
    assert '<a href="/account-instellen">Set your password with your setup code</a>' in english
    assert client.get("/account-instellen").status_code == 200


def test_correct_password_logs_in_and_home_shows_the_name(client, db_session):
    user = UserFactory(login="regisseur.test", display_name="Ria Regisseur")
    response = login(client, "Regisseur.Test", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert logged_in_id(client) == str(user.id)
    assert user.last_login_at is not None
    home = client.get("/").get_data(as_text=True)
    assert "Ria Regisseur" in home


def _without(page: str, *words: str) -> str:
    for word in words:
        page = page.replace(word, "LOGIN")
    return page


def test_wrong_password_and_unknown_account_get_the_same_answer(client, db_session):
    UserFactory(login="bestaat")
    wrong = login(client, "bestaat", "fout-wachtwoord-123")
    unknown = login(client, "bestaatniet", "fout-wachtwoord-123")
    assert wrong.status_code == unknown.status_code == 401
    wrong_page, unknown_page = wrong.get_data(as_text=True), unknown.get_data(as_text=True)
    assert FAILED in wrong_page
    assert FAILED in unknown_page
    # Apart from the echoed login name, the two pages are identical.
    assert _without(wrong_page, "bestaat") == _without(unknown_page, "bestaatniet")
    assert logged_in_id(client) is None


def test_inactive_account_cannot_log_in(client, db_session):
    UserFactory(login="vertrokken", display_name="Vera Vertrokken", active=False)
    response = login(client, "vertrokken", PASSWORD)
    assert response.status_code == 401
    assert FAILED in response.get_data(as_text=True)
    assert logged_in_id(client) is None
    assert "Vera Vertrokken" not in client.get("/").get_data(as_text=True)


def test_logout_is_post_only_and_ends_the_session(client, db_session):
    UserFactory(login="uitlogger", display_name="Uma Uitlogger")
    assert login(client, "uitlogger", PASSWORD).status_code == 302

    assert client.get("/logout").status_code == 405
    assert logged_in_id(client) is not None

    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert logged_in_id(client) is None
    assert "Uma Uitlogger" not in client.get("/").get_data(as_text=True)


def test_next_redirects_to_a_local_path(client, db_session):
    UserFactory(login="volger")
    response = login(client, "volger", PASSWORD, next_url="/healthz")
    assert response.headers["Location"] == "/healthz"


@pytest.mark.parametrize(
    "target", ["https://evil.example/steal", "//evil.example/steal", "http:/evil.example"]
)
def test_next_ignores_external_urls(client, db_session, target):
    UserFactory(login="voorzichtig")
    response = login(client, "voorzichtig", PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_with_a_backslash_stays_on_this_site(client, db_session):
    # Browsers read "/\\host" as "//host"; the Location must not turn into that.
    UserFactory(login="backslash")
    response = login(client, "backslash", PASSWORD, next_url="/\\evil.example")
    location = response.headers["Location"].replace("\\", "/")
    assert location.startswith("/")
    assert not location.startswith("//")


def test_login_post_without_csrf_token_is_refused_when_csrf_is_on(database_url):
    app = create_app(
        TestConfig, {"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": True}
    )
    try:
        client = app.test_client()
        refused = client.post("/login", data={"login": "iemand", "password": PASSWORD})
        assert refused.status_code == 400

        # With the form's token the same POST passes CSRF (and fails on the password).
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert token is not None, page
        response = client.post(
            "/login",
            data={"login": "iemand", "password": PASSWORD, "csrf_token": token.group(1)},
        )
        assert response.status_code == 401
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
