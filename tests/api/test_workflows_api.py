"""Workflow definitions and their diagrams through the API."""

from __future__ import annotations

import pytest

from maatwerk.workflow import ENGINE

API = "/api/v1"


def test_list_of_workflows(setting, as_user):
    response = as_user(setting.family).get(f"{API}/workflows")
    assert response.status_code == 200
    body = response.get_json()
    names = [w["name"] for w in body]
    assert names == sorted(names)
    assert {"plan_standard", "plan_light", "goal", "action", "barrier", "case_review"} <= set(names)
    light = next(w for w in body if w["name"] == "plan_light")
    assert light["subject"] == "plan" and light["initial"] == "intake"
    assert light["states"] == ["intake", "active", "closed"] and light["final"] == ["closed"]
    assert light["diagramUrl"] == "/api/v1/workflows/plan_light/diagram.svg?version=1"
    assert "transitions" not in light


def test_one_workflow_in_full(setting, as_user):
    api = as_user(setting.coordinator)
    response = api.get(f"{API}/workflows/plan_standard")
    assert response.status_code == 200
    assert response.headers["ETag"].startswith('"workflow-plan_standard-')
    body = response.get_json()
    latest = ENGINE.definition("plan_standard")
    assert body["version"] == latest.version
    transitions = {t["trigger"]: t for t in body["transitions"]}
    confirm = transitions["confirm_plan"]
    assert confirm["sources"] == ["prioritising"] and confirm["dest"] == "active"
    assert confirm["roles"] == ["family"]
    assert {g["name"] for g in confirm["guards"]} == {
        "all_open_goals_ranked",
        "top_goal_has_agreed_action",
    }
    assert all(g["message"] for g in confirm["guards"])
    withdraw = transitions["withdraw"]
    assert withdraw["anySource"] is True and withdraw["reasonRequired"] is True
    assert withdraw["roles"] == ["system"]
    assert "increment_cycle" in transitions["new_cycle"]["effects"]
    same = api.get(f"{API}/workflows/plan_standard?version={latest.version}")
    assert same.get_json() == body and same.headers["ETag"] == response.headers["ETag"]


def test_diagram_is_svg(setting, as_user):
    api = as_user(setting.family)
    url = api.get(f"{API}/workflows/goal").get_json()["diagramUrl"]
    response = api.get(url)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.headers["ETag"]
    text = response.get_data(as_text=True)
    assert text.startswith("<svg") and "accepted" in text
    assert api.get(f"{API}/workflows/goal/diagram.svg").get_data(as_text=True) == text


@pytest.mark.parametrize(
    "path",
    [
        "/workflows/nope",
        "/workflows/plan_standard?version=99",
        "/workflows/nope/diagram.svg",
        "/workflows/goal/diagram.svg?version=42",
    ],
)
def test_unknown_workflow_is_a_404_problem(setting, as_user, path):
    response = as_user(setting.family).get(API + path)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("query", ["version=latest", "version=0", "version=-1"])
def test_bad_version_is_a_400(setting, as_user, query):
    for path in ("/workflows/goal", "/workflows/goal/diagram.svg"):
        response = as_user(setting.family).get(f"{API}{path}?{query}")
        assert response.status_code == 400
        assert {p["name"] for p in response.get_json()["invalidParams"]} == {"version"}


def test_workflows_need_authentication(client, db_session):
    for path in ("/workflows", "/workflows/goal", "/workflows/goal/diagram.svg"):
        assert client.get(API + path).status_code == 401
