"""Two-step verification: TOTP enrolment with the secret as text and otpauth URI, the code
step at login, single-use recovery codes, enforcement per role by configuration, and the
code for bearer tokens."""

from __future__ import annotations

import datetime as dt
import re

import pyotp
import pytest
from sqlalchemy import func, select

from config import Config, DevelopmentConfig, ProductionConfig, TestConfig
from maatwerk.accounts.mfa import confirm_enrolment, start_enrolment, verify_totp
from maatwerk.accounts.models import RecoveryCode
from maatwerk.core.db import db, utcnow
from tests.security.conftest import PASSWORD, logged_in_client, login, whoami

STAFF = ["professional", "manager", "programme", "admin"]


def totp_now(user, *, offset: int = 0) -> str:
    totp = pyotp.TOTP(user.mfa_secret)
    return totp.at(utcnow() + dt.timedelta(seconds=30 * offset))


def enrol(user) -> list[str]:
    """Switch two-step verification on for user directly; returns the recovery codes."""
    start_enrolment(user)
    codes = confirm_enrolment(user, totp_now(user, offset=-1))
    assert codes is not None
    db.session.commit()
    return codes


@pytest.fixture
def required(app, monkeypatch):
    monkeypatch.setitem(app.config, "MFA_REQUIRED_ROLES", tuple(STAFF))


def test_mfa_is_required_for_staff_in_production_and_off_in_development_and_tests():
    assert set(ProductionConfig.MFA_REQUIRED_ROLES) == set(STAFF)
    assert "family" not in ProductionConfig.MFA_REQUIRED_ROLES
    for config in (Config, DevelopmentConfig, TestConfig):
        assert config.MFA_REQUIRED_ROLES == ()


def test_enrolment_on_the_account_page(client, setting):
    client = logged_in_client(client.application, setting.coordinator)
    page = client.get("/account/tweestapsverificatie")
    assert page.status_code == 200 and "Inloggen in twee stappen instellen" in page.text
    assert setting.coordinator.mfa_secret is None  # a GET changes nothing

    assert client.post("/account/tweestapsverificatie/starten").status_code == 302
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    secret = setting.coordinator.mfa_secret
    assert secret and secret in page
    assert "otpauth://totp/" in page and f"secret={secret}" in page
    assert "<svg" in page  # the QR code

    wrong = client.post("/account/tweestapsverificatie/bevestigen", data={"confirm-code": "000000"})
    assert wrong.status_code == 400
    assert setting.coordinator.mfa_enabled_at is None

    shown = client.post(
        "/account/tweestapsverificatie/bevestigen",
        data={"confirm-code": totp_now(setting.coordinator)},
    )
    assert shown.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", shown.get_data(as_text=True))
    assert len(codes) == 10
    assert setting.coordinator.mfa_enabled_at is not None
    stored = db.session.scalars(
        select(RecoveryCode.code_hash).where(RecoveryCode.user_id == setting.coordinator.id)
    ).all()
    assert len(stored) == 10
    assert not set(codes) & set(stored)  # stored hashed only


def test_login_with_mfa_on_asks_for_the_code(client, setting):
    enrol(setting.coordinator)
    response = login(client, setting.coordinator.login)
    assert response.status_code == 302 and response.headers["Location"] == "/login/code"
    assert whoami(client) is None  # the password alone logs nobody in
    assert client.get("/werk").status_code == 302

    assert client.post("/login/code", data={"code": "123456"}).status_code == 401
    assert whoami(client) is None
    accepted = client.post("/login/code", data={"code": totp_now(setting.coordinator)})
    assert accepted.status_code == 302
    assert whoami(client) == setting.coordinator.id


def test_a_code_is_accepted_once(setting, db_session):
    enrol(setting.coordinator)
    code = totp_now(setting.coordinator, offset=1)
    assert verify_totp(setting.coordinator, code)
    assert not verify_totp(setting.coordinator, code)


def test_a_recovery_code_works_once(app, setting):
    codes = enrol(setting.coordinator)
    first = app.test_client()
    login(first, setting.coordinator.login)
    assert first.post("/login/code", data={"code": codes[0].upper()}).status_code == 302
    assert whoami(first) == setting.coordinator.id

    second = app.test_client()
    login(second, setting.coordinator.login)
    assert second.post("/login/code", data={"code": codes[0]}).status_code == 401
    assert whoami(second) is None
    used = db.session.scalar(
        select(func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == setting.coordinator.id, RecoveryCode.used_at.is_not(None)
        )
    )
    assert used == 1


def test_the_code_step_expires_and_cannot_be_skipped(client, setting):
    enrol(setting.coordinator)
    login(client, setting.coordinator.login)
    with client.session_transaction() as session:
        session["mfa_pending"]["until"] = 0
        session.modified = True
    response = client.post("/login/code", data={"code": totp_now(setting.coordinator)})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert whoami(client) is None


def test_code_guessing_is_throttled(client, setting, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_PER_ACCOUNT", 3)
    enrol(setting.coordinator)
    login(client, setting.coordinator.login)
    statuses = [client.post("/login/code", data={"code": "000000"}).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    right = client.post("/login/code", data={"code": totp_now(setting.coordinator)})
    assert right.status_code == 429
    assert whoami(client) is None


def test_required_roles_set_up_mfa_at_login(client, setting, required):
    response = login(client, setting.coordinator.login)
    assert response.headers["Location"] == "/login/code"
    page = client.get("/login/code").get_data(as_text=True)
    secret = setting.coordinator.mfa_secret
    assert secret in page and "otpauth://totp/" in page
    assert whoami(client) is None
    shown = client.post("/login/code", data={"code": totp_now(setting.coordinator)})
    assert shown.status_code == 200
    assert len(re.findall(r"<code>[a-z0-9]{5}-[a-z0-9]{5}</code>", shown.text)) == 10
    assert whoami(client) == setting.coordinator.id
    assert setting.coordinator.mfa_enabled_at is not None


def test_families_are_not_required_to_use_mfa(client, setting, required):
    assert login(client, setting.family.login).headers["Location"] != "/login/code"
    assert whoami(client) == setting.family.id


def test_a_session_from_before_mfa_was_required_ends(app, setting, monkeypatch):
    client = logged_in_client(app, setting.coordinator)
    assert whoami(client) == setting.coordinator.id
    monkeypatch.setitem(app.config, "MFA_REQUIRED_ROLES", ("professional",))
    assert whoami(client) is None


def test_bearer_tokens_need_the_code_when_mfa_is_on(client, setting):
    enrol(setting.coordinator)
    body = {"login": setting.coordinator.login, "password": PASSWORD}
    without = client.post("/api/v1/auth/tokens", json=body)
    wrong = client.post("/api/v1/auth/tokens", json=body | {"totp": "000000"})
    unknown = client.post("/api/v1/auth/tokens", json=body | {"login": "niemand"})
    assert without.status_code == wrong.status_code == unknown.status_code == 401
    # The same answer: a right password without the code reveals nothing.
    assert without.get_json() == wrong.get_json() == unknown.get_json()
    right = client.post("/api/v1/auth/tokens", json=body | {"totp": totp_now(setting.coordinator)})
    assert right.status_code == 201


def test_bearer_tokens_for_required_roles_need_mfa(client, setting, required):
    body = {"login": setting.coordinator.login, "password": PASSWORD}
    assert client.post("/api/v1/auth/tokens", json=body).status_code == 401  # not set up
    family = {"login": setting.family.login, "password": PASSWORD}
    assert client.post("/api/v1/auth/tokens", json=family).status_code == 201
    enrol(setting.coordinator)
    right = client.post("/api/v1/auth/tokens", json=body | {"totp": totp_now(setting.coordinator)})
    assert right.status_code == 201


def test_new_recovery_codes_replace_the_old_ones(app, setting):
    old = enrol(setting.coordinator)
    client = app.test_client()
    login(client, setting.coordinator.login)
    client.post("/login/code", data={"code": old[1]})
    shown = client.post(
        "/account/tweestapsverificatie/herstelcodes",
        data={"codes-code": totp_now(setting.coordinator, offset=1)},
    )
    assert shown.status_code == 200
    new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", shown.text)
    assert len(new) == 10 and not set(new) & set(old)
    other = app.test_client()
    login(other, setting.coordinator.login)
    assert other.post("/login/code", data={"code": old[2]}).status_code == 401
