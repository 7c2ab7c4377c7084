"""Money in the API: a string with two decimals both ways, as the OpenAPI says; a JSON
number, more than two decimals or a negative amount is a 400 naming the field, never
rounded or truncated."""

from __future__ import annotations

import re

import pytest

API = "/api/v1"


@pytest.fixture
def goal_id(setting, as_user):
    url = f"{API}/plans/{setting.plan.id}/goals"
    response = as_user(setting.member).post(url, json={"domain": "economic", "title": "Rust"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _action(api, setting, goal_id, **extra):
    return api.post(
        f"{API}/plans/{setting.plan.id}/actions",
        json={"description": "d", "carrier": "family", "goalIds": [goal_id], **extra},
    )


def _refused(response, name: str = "cost") -> None:
    assert response.status_code == 400, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert name in {p["name"] for p in response.get_json()["invalidParams"]}


@pytest.mark.parametrize(
    "cost", [12.345, "12.345", -1, "-1", "-0.01", 1_000_001, "1e2", True, 12.5, 0, 3]
)
def test_a_cost_that_would_be_changed_is_refused(setting, as_user, goal_id, cost):
    api = as_user(setting.member)
    _refused(_action(api, setting, goal_id, cost=cost))
    assert api.get(f"{API}/plans/{setting.plan.id}/actions").get_json() == []


@pytest.mark.parametrize(
    ("cost", "returned"), [("12.5", "12.50"), ("12.34", "12.34"), ("0", "0.00"), ("3", "3.00")]
)
def test_a_cost_is_returned_as_a_string_with_two_decimals(
    setting, as_user, goal_id, cost, returned
):
    response = _action(as_user(setting.member), setting, goal_id, cost=cost)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["cost"] == returned


def test_a_change_of_cost_is_checked_the_same_way(setting, as_user, goal_id):
    api = as_user(setting.member)
    created = _action(api, setting, goal_id, cost="10.00")
    url = f"{API}/actions/{created.get_json()['id']}"
    _refused(api.patch(url, etag=created.headers["ETag"], json={"cost": 1.234}))
    changed = api.patch(url, etag=created.headers["ETag"], json={"cost": "7.1"})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["cost"] == "7.10"


def _money_properties(spec: dict, names: set[str]) -> dict[tuple[str, str], dict]:
    return {
        (schema, prop): value
        for schema, body in spec["components"]["schemas"].items()
        for prop, value in body.get("properties", {}).items()
        if prop in names
    }


def test_the_openapi_declares_the_cost_as_the_string_it_is(client, setting, as_user, goal_id):
    spec = client.get(f"{API}/openapi.json").get_json()
    found = _money_properties(spec, {"cost"})
    assert {schema for schema, _ in found} >= {"Action", "ActionCreate", "ActionPatch"}
    for key, value in found.items():
        assert value["type"] == "string" and value.get("pattern"), key
    returned = _action(as_user(setting.member), setting, goal_id, cost="3").get_json()["cost"]
    assert re.fullmatch(found[("Action", "cost")]["pattern"], returned)


def test_every_amount_in_the_openapi_is_a_string(client, db_session):
    """Costs, budgets and grants alike: the string they are returned as."""
    spec = client.get(f"{API}/openapi.json").get_json()
    names = {"cost", "amount", "amountGranted", "amountAvailable", "amountRemaining"}
    wrong = {
        key for key, value in _money_properties(spec, names).items() if value["type"] != "string"
    }
    assert not wrong, sorted(wrong)
