"""The administrator's pages and the public setup page: forms, CSRF, messages, the
setup-code flow end to end (expiry, single use, wrong login, throttling)."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update

from maatwerk.accounts.models import User, UserSession
from maatwerk.admin.models import AccountSetupCode
from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db, utcnow
from tests.admin.conftest import login_client

CODE = re.compile(r'<p class="code"[^>]*>([A-Z0-9-]+)</p>')
NEW_PASSWORD = "een lange zin als wachtwoord"


def code_from(response) -> str:
    match = CODE.search(response.get_data(as_text=True))
    assert match, response.get_data(as_text=True)[:2000]
    return match.group(1)


def english(client) -> None:
    client.post("/taal", data={"lang": "en"})


def setup(client, login: str, code: str, password: str = NEW_PASSWORD):
    return client.post(
        "/account-instellen",
        data={"login": login, "code": code, "password": password, "repeat_password": password},
    )


def new_account(client, organisation_id: int, login: str = "nieuwe.collega"):
    return client.post(
        "/beheerder/accounts/nieuw",
        data={
            "login": login,
            "display_name": "Nieuwe Collega",
            "role": "professional",
            "organisation": str(organisation_id),
            "email": "",
            "phone": "",
        },
    )


def test_the_admin_starts_at_the_administration(app, client, world):
    admin = login_client(app, world.admin)
    assert admin.get("/").location.endswith("/beheerder")
    page = admin.get("/beheerder").get_data(as_text=True)
    assert "/beheerder/organisaties" in page and "/beheerder/accounts" in page


def test_a_new_account_sets_its_password_with_the_code_and_logs_in(app, client, world):
    admin = login_client(app, world.admin)
    made = new_account(admin, world.organisation.id)
    assert made.status_code == 201
    code = code_from(made)
    user = db.session.scalar(select(User).where(User.login == "nieuwe.collega"))
    assert user.password_hash is None
    guest = app.test_client()
    assert (
        guest.post("/login", data={"login": user.login, "password": NEW_PASSWORD}).status_code
        == 401
    )
    assert setup(guest, user.login, code).location.endswith("/login")
    assert (
        guest.post("/login", data={"login": user.login, "password": NEW_PASSWORD}).status_code
        == 302
    )
    # Single use: the same code no longer works.
    other = app.test_client()
    english(other)
    again = setup(other, user.login, code, "nog een ander wachtwoord")
    assert again.status_code == 422
    assert "This code does not work with this username" in again.get_data(as_text=True)
    events = db.session.scalars(
        select(AuditEvent.object_type).where(AuditEvent.user_id == user.id)
    ).all()
    assert "account_password" in events


def test_a_code_works_only_with_its_own_login_and_not_after_expiry(app, client, world):
    admin = login_client(app, world.admin)
    code = code_from(new_account(admin, world.organisation.id))
    guest = app.test_client()
    english(guest)
    wrong = setup(guest, world.professional.login, code)
    assert wrong.status_code == 422
    now = utcnow()
    db.session.execute(
        update(AccountSetupCode).values(
            created_at=now - dt.timedelta(hours=80), expires_at=now - dt.timedelta(hours=8)
        )
    )
    db.session.commit()
    expired = setup(guest, "nieuwe.collega", code)
    assert expired.status_code == 422
    assert (
        db.session.scalar(select(User.password_hash).where(User.login == "nieuwe.collega")) is None
    )


def test_the_setup_page_refuses_a_weak_password_and_a_missing_csrf_token(app, client, world):
    admin = login_client(app, world.admin)
    code = code_from(new_account(admin, world.organisation.id))
    guest = app.test_client()
    english(guest)
    weak = setup(guest, "nieuwe.collega", code, "kort")
    assert weak.status_code in (400, 422)
    assert "Use at least 8 characters" in weak.get_data(as_text=True)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        forged = setup(app.test_client(), "nieuwe.collega", code)
        assert forged.status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert setup(guest, "nieuwe.collega", code).status_code == 302


def test_guessing_codes_is_throttled(app, client, world):
    guest = app.test_client()
    limit = app.config["LOGIN_THROTTLE_PER_ACCOUNT"]
    for _ in range(limit):
        assert setup(guest, world.professional.login, "AAAA-BBBB-CCCC").status_code == 422
    throttled = setup(guest, world.professional.login, "AAAA-BBBB-CCCC")
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0


def test_deactivating_on_the_page_ends_the_users_session(app, client, world):
    user_client = login_client(app, world.professional)
    assert user_client.get("/account").status_code == 200
    admin = login_client(app, world.admin)
    url = f"/beheerder/accounts/{world.professional.id}"
    version = db.session.get(User, world.professional.id).version
    done = admin.post(f"{url}/deactiveren", data={"step-version": version})
    assert done.status_code == 302
    assert user_client.get("/account").status_code == 302  # to the login page
    live = db.session.scalars(
        select(UserSession).where(
            UserSession.user_id == world.professional.id, UserSession.revoked_at.is_(None)
        )
    ).all()
    assert live == []
    english(admin)
    own = admin.post(
        f"/beheerder/accounts/{world.admin.id}/deactiveren",
        data={"step-version": world.admin.version},
        follow_redirects=True,
    )
    assert "You cannot deactivate your own account." in own.get_data(as_text=True)


def test_reset_password_on_the_page_shows_a_new_code(app, client, world):
    admin = login_client(app, world.admin)
    url = f"/beheerder/accounts/{world.professional.id}/wachtwoord-herstellen"
    version = world.professional.version
    answer = admin.post(url, data={"step-version": version})
    assert answer.status_code == 200 and code_from(answer)
    stale = admin.post(url, data={"step-version": version})
    assert stale.status_code == 302  # the version moved on: nothing happens


def test_an_edit_on_an_old_version_shows_both_values(app, client, world):
    admin = login_client(app, world.admin)
    english(admin)
    url = f"/beheerder/accounts/{world.professional.id}"
    version = world.professional.version
    first = admin.post(url, data={"display_name": "Eerste", "email": "", "version": version})
    assert first.status_code == 302
    second = admin.post(url, data={"display_name": "Tweede", "email": "", "version": version})
    assert second.status_code == 409
    text = second.get_data(as_text=True)
    assert "Someone else changed this account" in text and "Eerste" in text and "Tweede" in text
    assert db.session.get(User, world.professional.id).display_name == "Eerste"
    bad = admin.post(url, data={"display_name": "X", "email": "geen adres", "version": version + 1})
    assert bad.status_code == 422 and "Not an e-mail address." in bad.get_data(as_text=True)


def test_organisation_pages_name_the_refusals(app, client, world):
    admin = login_client(app, world.admin)
    english(admin)
    made = admin.post("/beheerder/organisaties/nieuw", data={"name": "Typfout", "sector": "care"})
    assert made.status_code == 302
    duplicate = admin.post(
        "/beheerder/organisaties/nieuw", data={"name": "TYPFOUT", "sector": "care"}
    )
    assert duplicate.status_code == 422
    assert "Already used." in duplicate.get_data(as_text=True)
    look_alike = admin.post(
        "/beheerder/organisaties/nieuw", data={"name": "Typfout\u200b ", "sector": "care"}
    )
    assert look_alike.status_code == 422
    assert "Already used." in look_alike.get_data(as_text=True)
    invisible = admin.post(
        "/beheerder/organisaties/nieuw", data={"name": "\u200b", "sector": "care"}
    )
    assert invisible.status_code == 422
    assert "Required." in invisible.get_data(as_text=True)
    url = f"/beheerder/organisaties/{world.organisation.id}"
    refused = admin.post(f"{url}/verwijderen", data={"delete-version": 1}, follow_redirects=True)
    assert "This organisation has accounts, so it cannot be deleted." in refused.get_data(
        as_text=True
    )
    stale = admin.post(url, data={"name": "Nieuwe naam", "sector": "care", "version": 99})
    assert stale.status_code == 409
    listed = admin.get("/beheerder/organisaties?q=typ").get_data(as_text=True)
    assert "Typfout" in listed


def test_other_roles_get_403_and_family_accounts_404(app, client, world):
    professional = login_client(app, world.professional)
    for url in ("/beheerder", "/beheerder/accounts", "/beheerder/organisaties"):
        assert professional.get(url).status_code == 403
    admin = login_client(app, world.admin)
    assert admin.get(f"/beheerder/accounts/{world.family.id}").status_code == 404
    listed = admin.get(f"/beheerder/accounts?q={world.family.login}").get_data(as_text=True)
    assert f'/beheerder/accounts/{world.family.id}"' not in listed
    assert f">{world.family.login}<" not in listed


def test_deactivation_is_not_held_up_by_a_changed_phone_number(app, client, world):
    """Ending access is urgent: a page shown before someone changed the contact details
    still deactivates; a second click says it is done already."""
    admin = login_client(app, world.admin)
    english(admin)
    url = f"/beheerder/accounts/{world.professional.id}"
    shown_on = db.session.get(User, world.professional.id).version
    edited = admin.post(
        url,
        data={
            "display_name": world.professional.display_name,
            "phone": "0599 123456",
            "version": shown_on,
        },
    )
    assert edited.status_code == 302
    done = admin.post(f"{url}/deactiveren", data={"step-version": shown_on})
    assert done.status_code == 302
    db.session.expire_all()
    assert not db.session.get(User, world.professional.id).active
    again = admin.post(f"{url}/deactiveren", data={"step-version": shown_on}, follow_redirects=True)
    assert "This account is already deactivated." in again.get_data(as_text=True)


def test_an_account_waiting_for_set_up_offers_a_new_code_not_a_reset(app, client, world):
    admin = login_client(app, world.admin)
    english(admin)
    url = f"/beheerder/accounts/{world.professional.id}"
    assert "Reset password" in admin.get(url).get_data(as_text=True)
    db.session.get(User, world.professional.id).password_hash = None  # never set one
    db.session.commit()
    page = admin.get(url).get_data(as_text=True)
    assert "Make a new setup code" in page and "Reset password" not in page
