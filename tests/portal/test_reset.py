"""Reset codes: a family member who forgot the password gets a one-time code from the
coordinator and chooses a new password with it and their login name."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from maatwerk.accounts.models import User, UserSession
from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db
from maatwerk.portal.models import PasswordResetCode
from maatwerk.portal.reset import create_reset_code
from tests.portal.conftest import PASSWORD, guest_client

CODE = re.compile(r'<p class="code"[^>]*>([A-Z0-9-]+)</p>')
NEW = "een nieuwe lange zin"


def code_from(response) -> str:
    match = CODE.search(response.get_data(as_text=True))
    assert match, response.get_data(as_text=True)
    return match.group(1)


def reset(client, code: str, login: str, password: str = NEW):
    return client.post(
        "/wachtwoord-herstellen", data={"code": code, "login": login, "password": password}
    )


@pytest.fixture
def setting(story):
    return story.s


def test_the_coordinator_makes_a_reset_code_shown_once(setting, as_user):
    client = as_user(setting.coordinator)
    page = client.get(f"/portaal/activatiecode/{setting.plan.id}").get_data(as_text=True)
    assert "Make a reset code" in page
    made = client.post("/portaal/herstelcode", data={"member_id": setting.family.member_id})
    assert made.status_code == 303 and made.headers["Location"].endswith("/portaal/code")
    shown = client.get("/portaal/code")
    code = code_from(shown)
    assert "two-step verification" in shown.get_data(as_text=True)
    assert code not in client.get("/portaal/code").get_data(as_text=True)
    stored = db.session.scalars(select(PasswordResetCode)).one()
    assert stored.user_id == setting.family.id and len(stored.code_hash) == 64
    assert code not in stored.code_hash
    listing = client.get(f"/portaal/activatiecode/{setting.plan.id}").get_data(as_text=True)
    assert "A reset code is still open" in listing


@pytest.mark.parametrize("who", ["member", "outsider", "family"])
def test_only_the_coordinator_makes_a_reset_code(setting, as_user, who):
    client = as_user(getattr(setting, who))
    response = client.post("/portaal/herstelcode", data={"member_id": setting.family.member_id})
    assert response.status_code == 404
    assert db.session.scalar(select(PasswordResetCode.id)) is None


def test_a_member_without_an_account_gets_an_activation_code_instead(setting, as_user):
    from maatwerk.households.operations import add_member

    partner = add_member(
        setting.household,
        given_name="Bert",
        family_name="Test",
        position="parent",
        actor=setting.coordinator,
    )
    db.session.commit()
    response = as_user(setting.coordinator).post(
        "/portaal/herstelcode", data={"member_id": partner.id}
    )
    assert response.status_code == 409
    assert "activation code" in response.get_data(as_text=True)


def test_the_member_chooses_a_new_password_and_every_session_ends(setting, app, as_user):
    family = as_user(setting.family)
    assert family.get("/ons-plan").status_code == 200
    setting.family.mfa_secret = "JBSWY3DPEHPK3PXP"
    code, _expires = create_reset_code(setting.family.member, actor=setting.coordinator)
    newer, _expires = create_reset_code(setting.family.member, actor=setting.coordinator)
    db.session.commit()
    guest = guest_client(app)
    page = guest.get("/wachtwoord-herstellen").get_data(as_text=True)
    assert "two-step verification" in page
    assert reset(guest, code, setting.family.login).status_code == 422  # replaced
    assert reset(guest, newer, "someone.else").status_code == 422  # not this login
    done = reset(guest, newer, setting.family.login.upper())
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    assert "Two-step verification is switched off" in guest.get("/login").get_data(as_text=True)
    assert family.get("/ons-plan").status_code == 302  # the old session ended
    db.session.expire_all()
    user = db.session.get(User, setting.family.id)
    assert user.mfa_secret is None and user.mfa_enabled_at is None
    assert not db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    ).all()
    assert reset(guest, newer, setting.family.login).status_code == 422  # used
    login = guest_client(app).post("/login", data={"login": user.login, "password": PASSWORD})
    assert login.status_code == 401
    client = guest_client(app)
    assert client.post("/login", data={"login": user.login, "password": NEW}).status_code == 302
    event = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == user.id, AuditEvent.object_type == "account_password"
        )
    ).one()
    assert event.household_ids == [setting.household.id]


def test_guessing_reset_codes_is_throttled(setting, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_PER_ADDRESS", 4)
    guesser = guest_client(app)
    statuses = [
        reset(guesser, f"KKKK-MMMM-{n:04d}", setting.family.login).status_code for n in range(5)
    ]
    assert statuses == [422] * 4 + [429]


def test_the_login_page_tells_families_where_to_go(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Wachtwoord vergeten? Vraag je regisseur om een herstelcode." in page
    with client.session_transaction() as session:
        session["lang"] = "en"
    english = client.get("/login").get_data(as_text=True)
    assert "Forgot your password? Ask your coordinator for a reset code." in english
    assert "/wachtwoord-herstellen" in page


def test_the_other_family_accounts_are_told(setting, app, db_session):
    from maatwerk.households.operations import add_member
    from maatwerk.notifications.models import FamilyNotice, FamilyNoticeKind
    from maatwerk.portal.activation import activate_account, create_activation_code

    partner = add_member(
        setting.household,
        given_name="Bert",
        family_name="Test",
        position="parent",
        actor=setting.coordinator,
    )
    bert = activate_account(
        create_activation_code(partner, actor=setting.coordinator),
        login="bert.test",
        password=PASSWORD,
    )
    code, _expires = create_reset_code(setting.family.member, actor=setting.coordinator)
    db.session.commit()
    assert reset(guest_client(app), code, setting.family.login).status_code == 302
    told = db_session.scalars(
        select(FamilyNotice).where(FamilyNotice.recipient_user_id == bert.id)
    ).all()
    assert [n.kind for n in told] == [FamilyNoticeKind.ACCOUNT_RESET]
