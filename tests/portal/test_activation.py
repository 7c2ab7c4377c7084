"""Activation codes: the coordinator creates one, a household member uses it once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from maatwerk.accounts.models import User
from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import MemberPosition, Role
from maatwerk.households.operations import add_member
from maatwerk.portal.activation import activate_account, create_activation_code
from maatwerk.portal.models import ActivationCode
from tests.plans.flow import make_setting
from tests.portal.conftest import PASSWORD, guest_client

CODE = re.compile(r'<p class="code"[^>]*>([A-Z0-9-]+)</p>')
DOES_NOT_WORK = "This code does not work. Ask your coordinator for a new code."


@pytest.fixture
def setting(db_session):
    s = make_setting()
    s.partner = add_member(
        s.household,
        given_name="Bert",
        family_name="Test",
        position=MemberPosition.PARENT,
        actor=s.coordinator,
    )
    db_session.commit()
    return s


def code_from(response) -> str:
    match = CODE.search(response.get_data(as_text=True))
    assert match, response.get_data(as_text=True)
    return match.group(1)


def activate(client, code: str, login: str = "bert.test", password: str = PASSWORD):
    return client.post("/activeren", data={"code": code, "login": login, "password": password})


def test_the_coordinator_creates_a_code_that_is_shown_once_and_stored_hashed(setting, as_user):
    client = as_user(setting.coordinator)
    page = client.get(f"/portaal/activatiecode/{setting.plan.id}")
    assert page.status_code == 200
    assert "Bert Test" in page.get_data(as_text=True)
    made = client.post("/portaal/activatiecode", data={"member_id": setting.partner.id})
    assert made.status_code == 303  # post/redirect/get: the code is not in the URL
    assert made.headers["Location"].endswith("/portaal/code")
    response = client.get(made.headers["Location"])
    assert response.status_code == 200
    code = code_from(response)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert "no-store" in response.headers["Cache-Control"]
    stored = db.session.scalars(
        select(ActivationCode).where(ActivationCode.member_id == setting.partner.id)
    ).one()
    assert code not in stored.code_hash and len(stored.code_hash) == 64
    days = (stored.expires_at - stored.created_at).days
    assert days == 14
    assert stored.created_by_user_id == setting.coordinator.id


@pytest.mark.parametrize("who", ["member", "outsider", "family"])
def test_only_the_coordinator_may_create_a_code(setting, as_user, who):
    client = as_user(getattr(setting, who))
    response = client.post("/portaal/activatiecode", data={"member_id": setting.partner.id})
    assert response.status_code == 404
    assert client.get(f"/portaal/activatiecode/{setting.plan.id}").status_code == 404
    assert db.session.scalar(select(ActivationCode.id)) is None


def test_anonymous_users_are_sent_to_the_login_page(setting, client):
    response = client.post("/portaal/activatiecode", data={"member_id": setting.partner.id})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_coordinator_of_another_plan_cannot_target_this_household(setting, as_user):
    other = make_setting()
    db.session.commit()
    client = as_user(other.coordinator)
    response = client.post("/portaal/activatiecode", data={"member_id": setting.partner.id})
    assert response.status_code == 404
    assert db.session.scalar(select(ActivationCode.id)) is None
    denied = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == other.coordinator.id, AuditEvent.outcome == "denied"
        )
    ).all()
    assert [e.household_ids for e in denied] == [[setting.household.id]]


def test_activating_creates_the_family_account_and_logs_in(setting, as_user, guest):
    code = code_from(
        as_user(setting.coordinator).post(
            "/portaal/activatiecode", data={"member_id": setting.partner.id}, follow_redirects=True
        )
    )
    client = guest
    response = activate(client, code.lower().replace("-", " "))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ons-plan")
    user = db.session.scalars(select(User).where(User.login == "bert.test")).one()
    assert user.role is Role.FAMILY
    assert user.member_id == setting.partner.id
    assert user.organisation_id is None
    assert client.get("/ons-plan").status_code == 200
    stored = db.session.scalars(select(ActivationCode)).one()
    db.session.refresh(stored)
    assert stored.used_at is not None and stored.account_user_id == user.id


def test_a_used_expired_or_wrong_code_gets_one_and_the_same_answer(setting, app):
    code = create_activation_code(setting.partner, actor=setting.coordinator)
    activate_account(code, login="bert.test", password=PASSWORD)
    expired = create_activation_code(
        add_member(
            setting.household,
            given_name="Cor",
            family_name="Test",
            position="other_adult",
            actor=setting.coordinator,
        ),
        actor=setting.coordinator,
    )
    record = db.session.scalars(
        select(ActivationCode).where(ActivationCode.used_at.is_(None))
    ).one()
    record.created_at = utcnow() - dt.timedelta(days=30)
    record.expires_at = utcnow() - dt.timedelta(days=1)
    db.session.commit()
    answers = []
    for attempt in (code, expired, "KKKK-MMMM-PPPP"):
        response = activate(guest_client(app), attempt, login="someone.new")
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert DOES_NOT_WORK in page
        answers.append(re.sub(r'name="csrf_token" value="[^"]*"', "", page).replace(attempt, "C"))
    assert answers[0] == answers[1] == answers[2]
    assert db.session.scalar(select(User.id).where(User.login == "someone.new")) is None


def test_a_new_code_replaces_the_older_unused_one(setting, guest):
    client = guest
    first = create_activation_code(setting.partner, actor=setting.coordinator)
    second = create_activation_code(setting.partner, actor=setting.coordinator)
    db.session.commit()
    assert DOES_NOT_WORK in activate(client, first).get_data(as_text=True)
    assert activate(client, second).status_code == 302


def test_a_short_password_is_refused_and_the_code_still_works(setting, guest):
    client = guest
    code = create_activation_code(setting.partner, actor=setting.coordinator)
    db.session.commit()
    response = activate(client, code, password="kort")
    assert response.status_code == 422
    assert "Use at least 8 characters." in response.get_data(as_text=True)
    taken = activate(client, code, login=setting.family.login)
    assert taken.status_code == 422
    assert "Someone already uses this login name" in taken.get_data(as_text=True)
    assert activate(client, code, password="een lange zin").status_code == 302


def test_a_member_with_an_account_gets_no_code(setting, as_user):
    client = as_user(setting.coordinator)
    response = client.post("/portaal/activatiecode", data={"member_id": setting.family.member_id})
    assert response.status_code == 409
    assert "already has an account" in response.get_data(as_text=True)


def _child(s, given_name: str, born: dt.date | None):
    return add_member(
        s.household,
        given_name=given_name,
        family_name="Test",
        position=MemberPosition.CHILD,
        date_of_birth=born,
        actor=s.coordinator,
    )


def _years_ago(years: int, days: int = 0) -> dt.date:
    today = dt.date.today()
    if (today.month, today.day) == (2, 29):
        today -= dt.timedelta(days=1)
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def test_a_child_under_16_gets_no_code(setting, as_user, db_session):
    young = _child(setting, "Milan", _years_ago(16, days=-1))  # 16 tomorrow
    unknown = _child(setting, "Sam", None)
    db_session.commit()
    client = as_user(setting.coordinator)
    page = client.get(f"/portaal/activatiecode/{setting.plan.id}").get_data(as_text=True)
    assert page.count("16 or older") == 2
    for member in (young, unknown):
        response = client.post("/portaal/activatiecode", data={"member_id": member.id})
        assert response.status_code == 409
        assert "16 or older" in response.get_data(as_text=True)
    assert not db.session.scalars(
        select(ActivationCode).where(ActivationCode.member_id.in_([young.id, unknown.id]))
    ).all()


def test_a_child_of_16_gets_a_code(setting, as_user, db_session):
    sixteen = _child(setting, "Noor", _years_ago(16))
    db_session.commit()
    response = as_user(setting.coordinator).post(
        "/portaal/activatiecode", data={"member_id": sixteen.id}, follow_redirects=True
    )
    assert response.status_code == 200
    assert code_from(response)


def test_a_code_made_before_the_member_was_known_to_be_under_16_does_not_work(
    setting, guest, db_session
):
    """The age rule holds when the code is used too (a code made earlier, or before a date
    of birth was corrected, answers like any code that does not work)."""
    member = _child(setting, "Milan", _years_ago(17))
    code = create_activation_code(member, actor=setting.coordinator)
    member.date_of_birth = _years_ago(12)
    db_session.commit()
    response = activate(guest, code, login="milan.test")
    assert DOES_NOT_WORK in response.get_data(as_text=True)
    assert db.session.scalar(select(User.id).where(User.member_id == member.id)) is None


def test_guessing_codes_from_one_address_is_throttled_and_a_real_code_still_works_elsewhere(
    setting, app, monkeypatch
):
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_PER_ADDRESS", 4)
    code = create_activation_code(setting.partner, actor=setting.coordinator)
    db.session.commit()
    guesser = guest_client(app)
    statuses = [
        activate(guesser, f"KKKK-MMMM-{n:04d}", login="someone.new").status_code for n in range(5)
    ]
    assert statuses == [422] * 4 + [429]
    held = activate(guesser, code)
    assert held.status_code == 429 and int(held.headers["Retry-After"]) > 0
    assert db.session.scalar(select(User.id).where(User.login == "bert.test")) is None
    elsewhere = guest_client(app)
    answer = elsewhere.post(
        "/activeren",
        data={"code": code, "login": "bert.test", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    assert answer.status_code == 302


def test_a_reload_shows_the_code_no_more_and_makes_no_new_one(setting, as_user, guest):
    """Reviewers: a reload of the code page made a new code and killed the first one."""
    client = as_user(setting.coordinator)
    shown = client.post(
        "/portaal/activatiecode", data={"member_id": setting.partner.id}, follow_redirects=True
    )
    code = code_from(shown)
    again = client.get("/portaal/code")
    assert again.status_code == 200
    assert code not in again.get_data(as_text=True)
    assert "shown once" in again.get_data(as_text=True)
    assert len(db.session.scalars(select(ActivationCode)).all()) == 1
    listing = client.get(f"/portaal/activatiecode/{setting.plan.id}").get_data(as_text=True)
    assert "An activation code is still open" in listing
    assert activate(guest, code).status_code == 302  # the first code still works
    listing = client.get(f"/portaal/activatiecode/{setting.plan.id}").get_data(as_text=True)
    assert "An activation code is still open" not in listing


def test_the_code_is_kept_encrypted_on_the_session_row_until_shown(setting, as_user):
    from maatwerk.accounts.models import UserSession

    client = as_user(setting.coordinator)
    made = client.post("/portaal/activatiecode", data={"member_id": setting.partner.id})
    assert made.status_code == 303
    pending = [
        s.pending_code
        for s in db.session.scalars(
            select(UserSession).where(UserSession.user_id == setting.coordinator.id)
        )
        if s.pending_code
    ]
    assert len(pending) == 1
    code = code_from(client.get("/portaal/code"))
    assert code not in pending[0] and code.replace("-", "") not in pending[0]
    db.session.expire_all()
    assert not any(
        s.pending_code
        for s in db.session.scalars(
            select(UserSession).where(UserSession.user_id == setting.coordinator.id)
        )
    )


def test_activation_errors_are_summarised_and_say_what_to_do(setting, guest):
    # The form is checked before the code: any code will do.
    response = activate(guest, "ABCD-EFGH-JKMN", login="فاطمة")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "data-error-summary" in page and 'href="#login"' in page
    # Only the letters a to z: an Arabic login name is told what to use instead.
    assert "Use only the letters a to z" in page
    # The password is not kept: the page says to type it again.
    assert "Type your password again" in page
