"""An enum-like filter of a list endpoint refuses an unknown value with a 400 problem naming
the parameter, instead of answering 200 with an empty list (a typo looks like "none")."""

from __future__ import annotations

import pytest

from maatwerk.workflow import ENGINE

PLAN_STATES = {s for d in ENGINE.definitions if d.subject == "plan" for s in d.states}


def _refused(response, name: str) -> None:
    assert response.status_code == 400, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert name in {p["name"] for p in response.get_json()["invalidParams"]}


def test_an_unknown_plan_status_is_a_400_naming_status(setting, as_user):
    _refused(as_user(setting.coordinator).get("/api/v1/plans?status=bogus"), "status")


def test_every_state_of_every_plan_workflow_is_a_valid_filter(setting, as_user):
    api = as_user(setting.coordinator)
    assert {"intake", "closed"} <= PLAN_STATES  # read from workflows/definitions, not a list
    for state in sorted(PLAN_STATES):
        response = api.get("/api/v1/plans", query_string={"status": state})
        assert response.status_code == 200, (state, response.get_json())
        assert all(item["status"] == state for item in response.get_json()["items"])
    found = api.get("/api/v1/plans", query_string={"status": setting.plan.status}).get_json()
    assert setting.plan.id in {item["id"] for item in found["items"]}


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/barriers?status=bogus", "status"),
        ("/api/v1/barriers?category=bogus", "category"),
        ("/api/v1/organisations?sector=bogus", "sector"),
        ("/api/v1/interventions?domain=bogus", "domain"),
        ("/api/v1/operational-goals?programmeLine=bogus", "programmeLine"),
        ("/api/v1/lessons?domain=bogus", "domain"),
        ("/api/v1/monitoring/indicators?domain=bogus", "domain"),
    ],
)
def test_the_other_enum_filters_refuse_unknown_values(setting, as_user, path, name):
    _refused(as_user(setting.coordinator).get(path), name)
