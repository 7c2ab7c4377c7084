"""Sessions: a server-side row per login; logging out or changing the password ends every
session of the account (also a copied cookie) and a password change revokes the API tokens;
idle and absolute timeouts; a new session key at login; cookie flags."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import pytest
from sqlalchemy import select, update

from config import ProductionConfig
from maatwerk import create_app
from maatwerk.accounts.models import ApiToken, UserSession
from maatwerk.accounts.passwords import verify_password
from maatwerk.core.db import db, utcnow
from tests.security.conftest import PASSWORD, logged_in_client, login, whoami

NEW_PASSWORD = "een nieuwe lange zin"


def cookie(client) -> str:
    return client.get_cookie("session").value


def copy_of(app, client):
    """Another browser with the same session cookie (a stolen or copied cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", cookie(client))
    return thief


def sid(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("sid")


def token_for(client, user, password=PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/tokens", json={"login": user.login, "password": password})
    assert response.status_code == 201
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def test_logout_ends_every_session_of_the_account_and_copied_cookies(app, setting):
    laptop = logged_in_client(app, setting.coordinator)
    phone = logged_in_client(app, setting.coordinator)
    copied = copy_of(app, laptop)
    colleague = logged_in_client(app, setting.member)
    assert whoami(copied) == whoami(phone) == setting.coordinator.id

    assert laptop.post("/logout").status_code == 302
    assert whoami(laptop) is None
    assert whoami(copied) is None
    assert whoami(phone) is None
    assert whoami(colleague) == setting.member.id  # other accounts keep their sessions
    rows = db.session.scalars(
        select(UserSession).where(UserSession.user_id == setting.coordinator.id)
    ).all()
    assert rows and all(row.revoked_at is not None for row in rows)


def test_a_cookie_copied_before_logout_does_not_work_after_logging_in_again(app, setting):
    client = logged_in_client(app, setting.coordinator)
    copied = copy_of(app, client)
    client.post("/logout")
    login(client, setting.coordinator.login)
    assert whoami(client) == setting.coordinator.id
    assert whoami(copied) is None


def test_changing_the_password_ends_other_sessions_and_tokens(app, setting):
    client = logged_in_client(app, setting.coordinator)
    other = logged_in_client(app, setting.coordinator)
    copied = copy_of(app, client)
    bearer = token_for(app.test_client(), setting.coordinator)
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 200
    before = sid(client)

    page = client.get("/account/wachtwoord")
    assert page.status_code == 200
    response = client.post(
        "/account/wachtwoord",
        data={
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "repeat_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert whoami(client) == setting.coordinator.id  # this browser stays logged in
    assert sid(client) != before
    assert whoami(other) is None
    assert whoami(copied) is None
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == setting.coordinator.id)
    ).all()
    assert tokens and all(t.revoked_at is not None for t in tokens)
    assert verify_password(setting.coordinator, NEW_PASSWORD)
    assert setting.coordinator.password_changed_at is not None


@pytest.mark.parametrize(
    ("current", "new", "repeat", "message"),
    [
        ("fout fout fout", NEW_PASSWORD, NEW_PASSWORD, "Dit is niet je huidige wachtwoord."),
        (PASSWORD, "welkom01", "welkom01", "makkelijk te raden"),
        (PASSWORD, "kort", "kort", "Gebruik minstens 8 tekens."),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!", "niet hetzelfde"),
    ],
)
def test_a_refused_password_change_changes_nothing(app, setting, current, new, repeat, message):
    client = logged_in_client(app, setting.coordinator)
    other = logged_in_client(app, setting.coordinator)
    response = client.post(
        "/account/wachtwoord",
        data={"current_password": current, "new_password": new, "repeat_password": repeat},
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert whoami(other) == setting.coordinator.id
    assert verify_password(setting.coordinator, PASSWORD)


def test_the_change_password_page_needs_a_login(client, db_session):
    response = client.get("/account/wachtwoord")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def _age(client, **columns) -> None:
    with client.session_transaction() as session:
        key = session["sid"]
    digest = hashlib.sha256(key.encode()).hexdigest()
    db.session.execute(update(UserSession).where(UserSession.key_hash == digest).values(**columns))
    db.session.commit()


def test_idle_timeout(app, setting):
    client = logged_in_client(app, setting.coordinator)
    _age(client, last_seen_at=utcnow() - dt.timedelta(minutes=29))
    assert whoami(client) == setting.coordinator.id  # a request resets the idle clock
    _age(client, last_seen_at=utcnow() - dt.timedelta(minutes=31))
    assert whoami(client) is None
    assert client.get("/werk").status_code == 302


def test_absolute_timeout_whatever_the_activity(app, setting):
    client = logged_in_client(app, setting.coordinator)
    _age(client, created_at=utcnow() - dt.timedelta(hours=11, minutes=59))
    assert whoami(client) == setting.coordinator.id
    _age(client, created_at=utcnow() - dt.timedelta(hours=12, minutes=1))
    assert whoami(client) is None


def test_timeouts_are_configurable(app, setting, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_IDLE_TIMEOUT_SECONDS", 60)
    client = logged_in_client(app, setting.coordinator)
    _age(client, last_seen_at=utcnow() - dt.timedelta(seconds=90))
    assert whoami(client) is None


def test_defaults_are_30_minutes_idle_and_12_hours_absolute(app):
    assert app.config["SESSION_IDLE_TIMEOUT_SECONDS"] == 30 * 60
    assert app.config["SESSION_ABSOLUTE_TIMEOUT_SECONDS"] == 12 * 60 * 60


def test_login_makes_a_new_session_key_and_drops_what_the_cookie_held(app, setting):
    client = app.test_client()
    with client.session_transaction() as session:  # planted by an attacker before login
        session["sid"] = "planted"
        session["_user_id"] = str(setting.member.id)
        session["lang"] = "en"
    assert whoami(client) is None  # a cookie without a live row logs nobody in
    login(client, setting.coordinator.login)
    first = sid(client)
    assert first and first != "planted"
    with client.session_transaction() as session:
        assert session["lang"] == "en"  # only the language choice survives
    login(client, setting.coordinator.login)
    assert sid(client) != first


def test_a_forged_user_id_in_a_valid_cookie_is_refused(app, setting):
    client = logged_in_client(app, setting.coordinator)
    with client.session_transaction() as session:
        session["_user_id"] = str(setting.member.id)
    assert whoami(client) is None


def test_only_a_hash_of_the_session_key_is_stored(app, setting):
    client = logged_in_client(app, setting.coordinator)
    key = sid(client)
    hashes = db.session.scalars(select(UserSession.key_hash)).all()
    assert key not in hashes and len(key) >= 40


def test_a_bearer_request_ignores_the_session_cookie(app, setting):
    client = logged_in_client(app, setting.coordinator)
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


def test_cookie_flags(app, setting):
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    client = app.test_client()
    response = login(client, setting.coordinator.login)
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "Secure" not in header  # plain HTTP in tests and development


def test_production_cookies_are_secure(database_url):
    production = create_app(
        ProductionConfig,
        {
            "SECRET_KEY": secrets.token_urlsafe(48),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
        },
    )
    try:
        assert production.config["SESSION_COOKIE_SECURE"] is True
        response = production.test_client().post("/taal", data={"lang": "en", "next": "/"})
        header = response.headers["Set-Cookie"]
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        with production.app_context():
            db.session.remove()
            db.engine.dispose()
