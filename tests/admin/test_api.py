"""The administrator's API: status codes, problem+json, ETag/If-Match, family accounts
invisible, sessions and tokens ended."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.accounts.models import ApiToken, User
from maatwerk.admin.models import AccountSetupCode
from maatwerk.core.db import db, utcnow
from tests.admin.conftest import login_client
from tests.admin.test_pages import english
from tests.api.conftest import ApiClient


def test_organisations_create_read_patch_with_etags(client, world):
    api = ApiClient(client, world.admin.login)
    made = api.post("/api/v1/admin/organisations", json={"name": "Zorg Oost", "sector": "care"})
    assert made.status_code == 201, made.get_json()
    url, etag = made.headers["Location"], made.headers["ETag"]
    assert made.get_json()["sector"] == "care"
    assert api.get(url).headers["ETag"] == etag
    missing = api.patch(url, json={"name": "Zorg West"})
    assert missing.status_code == 428 and missing.mimetype == "application/problem+json"
    changed = api.patch(url, json={"name": "Zorg West"}, etag=etag)
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    stale = api.patch(url, json={"name": "Zorg Zuid"}, etag=etag)
    assert stale.status_code == 412
    assert stale.get_json()["current"]["name"] == "Zorg West"
    duplicate = api.post(
        "/api/v1/admin/organisations", json={"name": "ZORG WEST", "sector": "care"}
    )
    assert duplicate.status_code == 400
    assert duplicate.get_json()["invalidParams"] == [{"name": "name", "reason": "Already used."}]
    for look_alike in ["Zorg  West", "ZORG WEST\u200b", "Zorg\u00a0West"]:
        again = api.post("/api/v1/admin/organisations", json={"name": look_alike, "sector": "care"})
        assert again.status_code == 400, look_alike
        assert again.get_json()["invalidParams"] == [{"name": "name", "reason": "Already used."}]
    invisible = api.post("/api/v1/admin/organisations", json={"name": "\u200b", "sector": "care"})
    assert invisible.status_code == 400
    assert invisible.get_json()["invalidParams"] == [{"name": "name", "reason": "Required."}]
    listed = api.get("/api/v1/admin/organisations?q=zorg%20w&sector=care").get_json()
    assert [(i["name"], i["accountCount"]) for i in listed["items"]] == [("Zorg West", 0)]
    gone = api.delete(url, etag=changed.headers["ETag"])
    assert gone.status_code == 204 and api.get(url).status_code == 404


def test_an_organisation_with_accounts_is_not_deleted(client, world):
    api = ApiClient(client, world.admin.login)
    url = f"/api/v1/admin/organisations/{world.organisation.id}"
    refused = api.delete(url, etag=api.get(url).headers["ETag"])
    assert refused.status_code == 409
    assert refused.get_json()["detail"] == (
        "This organisation has accounts, so it cannot be deleted."
    )


def test_creating_an_account_returns_its_setup_code_once(client, world):
    api = ApiClient(client, world.admin.login)
    made = api.post(
        "/api/v1/admin/accounts",
        json={
            "login": "nieuw.api",
            "displayName": "Nieuw API",
            "role": "professional",
            "organisationId": world.organisation.id,
        },
    )
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["passwordSet"] is False and body["setupCode"]["code"]
    again = api.get(made.headers["Location"]).get_json()
    assert "setupCode" not in again and again["login"] == "nieuw.api"
    refused = api.post(
        "/api/v1/admin/accounts",
        json={"login": "zonder.org", "displayName": "X", "role": "manager"},
    )
    assert refused.status_code == 400
    assert refused.get_json()["invalidParams"][0]["name"] == "organisation"
    family = api.post(
        "/api/v1/admin/accounts", json={"login": "gezin.x", "displayName": "X", "role": "family"}
    )
    assert family.status_code == 400


def test_family_accounts_are_not_found_and_not_listed(client, world):
    api = ApiClient(client, world.admin.login)
    assert api.get(f"/api/v1/admin/accounts/{world.family.id}").status_code == 404
    url = f"/api/v1/admin/accounts/{world.family.id}/deactivation"
    assert api.post(url, etag="*").status_code == 404
    listed = api.get("/api/v1/admin/accounts?pageSize=100").get_json()
    assert "family" not in {item["role"] for item in listed["items"]}
    assert world.family.login not in {item["login"] for item in listed["items"]}


def test_other_roles_are_forbidden(client, world):
    api = ApiClient(client, world.professional.login)
    for url in ("/api/v1/admin/accounts", "/api/v1/admin/organisations"):
        answer = api.get(url)
        assert answer.status_code == 403 and answer.mimetype == "application/problem+json"
    assert client.get("/api/v1/admin/accounts").status_code == 401


def test_deactivation_revokes_the_tokens_at_once(client, world):
    admin = ApiClient(client, world.admin.login)
    user_api = ApiClient(client, world.professional.login)
    assert user_api.get("/api/v1/me").status_code == 200
    url = f"/api/v1/admin/accounts/{world.professional.id}"
    etag = admin.get(url).headers["ETag"]
    assert admin.post(f"{url}/deactivation").status_code == 428
    done = admin.post(f"{url}/deactivation", etag=etag)
    assert done.status_code == 200 and done.get_json()["active"] is False
    assert user_api.get("/api/v1/me").status_code == 401
    tokens = db.session.scalars(select(ApiToken).where(ApiToken.user_id == world.professional.id))
    assert all(token.revoked_at is not None for token in tokens)
    stale = admin.post(f"{url}/reactivation", etag=etag)
    assert stale.status_code == 412
    again = admin.post(f"{url}/reactivation", etag=done.headers["ETag"])
    assert again.status_code == 200 and again.get_json()["active"] is True
    own = f"/api/v1/admin/accounts/{world.admin.id}"
    refused = admin.post(f"{own}/deactivation", etag=admin.get(own).headers["ETag"])
    assert refused.status_code == 409
    assert refused.get_json()["detail"] == "You cannot deactivate your own account."


def test_reset_password_and_two_step_verification(client, world):
    admin = ApiClient(client, world.admin.login)
    url = f"/api/v1/admin/accounts/{world.professional.id}"
    reset = admin.post(f"{url}/setup-codes", etag=admin.get(url).headers["ETag"])
    assert reset.status_code == 201 and reset.get_json()["code"]
    user = db.session.get(User, world.professional.id)
    db.session.refresh(user)
    assert user.password_hash is None
    assert db.session.scalar(select(AccountSetupCode.id).where(AccountSetupCode.user_id == user.id))
    mfa = admin.post(f"{url}/mfa-reset", etag=admin.get(url).headers["ETag"])
    assert mfa.status_code == 409  # not set up
    patched = admin.patch(
        url, json={"displayName": "Andere Naam", "email": None}, etag=admin.get(url).headers["ETag"]
    )
    assert patched.status_code == 200
    assert (patched.get_json()["displayName"], patched.get_json()["email"]) == ("Andere Naam", None)


def test_the_administrator_sees_when_an_account_last_logged_in(client, world, app):
    admin = ApiClient(client, world.admin.login)
    url = f"/api/v1/admin/accounts/{world.professional.id}"
    assert admin.get(url).get_json()["lastLoginAt"] is None
    pages = login_client(app, world.admin)
    english(pages)
    assert "Never" in pages.get(f"/beheerder/accounts/{world.professional.id}").get_data(
        as_text=True
    )
    ApiClient(app.test_client(), world.professional.login)  # an API token is a login too
    seen = admin.get(url).get_json()["lastLoginAt"]
    assert seen is not None and seen.startswith(str(utcnow().year))
    listed = admin.get(f"/api/v1/admin/accounts?q={world.professional.login}").get_json()
    assert listed["items"][0]["lastLoginAt"] == seen
    listing = pages.get(f"/beheerder/accounts?q={world.professional.login}").get_data(as_text=True)
    assert "Last logged in" in listing and "Never" not in listing.split("<tbody>", 1)[1]
