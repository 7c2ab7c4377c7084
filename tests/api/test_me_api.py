"""GET /me: who the caller is."""

from __future__ import annotations

from maatwerk.core.enums import Role
from tests.api.helpers import staff

API = "/api/v1"


def test_me_for_a_professional(setting, as_user):
    response = as_user(setting.coordinator).get(f"{API}/me")
    assert response.status_code == 200
    assert response.headers["ETag"].startswith(f'"me-{setting.coordinator.id}-')
    assert response.get_json() == {
        "id": setting.coordinator.id,
        "login": setting.coordinator.login,
        "displayName": "Regisseur",
        "role": "professional",
        "organisation": {
            "id": setting.municipality.id,
            "name": setting.municipality.name,
            "sector": "municipality",
        },
        "householdId": None,
    }


def test_me_for_the_family_names_its_household(setting, as_user):
    body = as_user(setting.family).get(f"{API}/me").get_json()
    assert body["role"] == "family" and body["organisation"] is None
    assert body["householdId"] == setting.household.id


def test_me_for_programme_staff(setting, as_user, db_session):
    programme = staff(Role.PROGRAMME)
    db_session.commit()
    body = as_user(programme).get(f"{API}/me").get_json()
    assert (body["role"], body["organisation"], body["householdId"]) == ("programme", None, None)


def test_me_needs_authentication(client, db_session):
    response = client.get(f"{API}/me")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert "Bearer" in response.headers["WWW-Authenticate"]
    bad = client.get(f"{API}/me", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401
