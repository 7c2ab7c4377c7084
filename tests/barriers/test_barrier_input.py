"""Bad input is refused before anything is written: 400 problem+json naming the fields."""

from __future__ import annotations

import pytest

from maatwerk.barriers.models import Barrier
from tests.barriers.conftest import escalated, report

BAD_REPORTS = [
    ({"description": "Wachtlijst"}, "category"),
    ({"category": "weather", "description": "Regen"}, "category"),
    ({"category": "rules"}, "description"),
    ({"category": "rules", "description": ""}, "description"),
    ({"category": "rules", "description": "x", "ruleConcerned": "r" * 301}, "ruleConcerned"),
    ({"category": "rules", "description": "x", "organisationIds": [0]}, "organisationIds.0"),
    ({"category": "rules", "description": "x", "organisationIds": "ggz"}, "organisationIds"),
    ({"category": "rules", "description": "x", "actionId": "een"}, "actionId"),
    ({"category": "rules", "description": "x", "colour": "red"}, "colour"),
]


@pytest.mark.parametrize(("body", "field"), BAD_REPORTS)
def test_bad_reports_are_400(d, as_user, db_session, body, field):
    response = as_user(d.s.coordinator).post(f"/api/v1/plans/{d.s.plan.id}/barriers", json=body)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 400
    assert field in [p["name"] for p in problem["invalidParams"]], problem
    assert db_session.query(Barrier).count() == 0


BAD_FIRES = [
    ({"trigger": "decide", "reason": "Ja", "organisationIds": [1]}, "organisationIds"),
    ({"trigger": "escalate", "amountGranted": "10.00"}, "amountGranted"),
    ({"trigger": "decide", "reason": "Ja", "amountGranted": "-5"}, "amountGranted"),
    ({"trigger": "decide", "reason": "Ja", "amountGranted": "0"}, "amountGranted"),
    ({"trigger": "decide", "reason": "Ja", "amountGranted": "veel"}, "amountGranted"),
    ({"trigger": "decide", "reason": "Ja", "amountGranted": "99999999"}, "amountGranted"),
    ({"reason": "Ja"}, "trigger"),
    ({"trigger": "decide", "reason": "r" * 2001}, "reason"),
]


@pytest.mark.parametrize(("body", "field"), BAD_FIRES)
def test_bad_transitions_are_400(d, as_user, body, field):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    manager = as_user(d.manager)
    url = f"/api/v1/barriers/{barrier_id}"
    response = manager.post(f"{url}/transitions", json=body, etag=manager.get(url).headers["ETag"])
    assert response.status_code == 400
    assert field in [p["name"] for p in response.get_json()["invalidParams"]]
    assert manager.get(url).get_json()["status"] == "escalated"


def test_unknown_trigger_and_missing_decision_are_400(d, as_user):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    manager = as_user(d.manager)
    url = f"/api/v1/barriers/{barrier_id}"
    for body in (
        {"trigger": "approve"},
        {"trigger": "decide"},
        {"trigger": "decide", "reason": " "},
    ):
        response = manager.post(
            f"{url}/transitions", json=body, etag=manager.get(url).headers["ETag"]
        )
        assert response.status_code == 400, body


@pytest.mark.parametrize(
    "query",
    ["status=open", "category=weather", "pageSize=0", "pageSize=101", "page=0", "planId=x"],
)
def test_bad_queue_filters_are_400(d, as_user, query):
    response = as_user(d.manager).get(f"/api/v1/barriers?{query}")
    assert response.status_code == 400
    assert response.get_json()["invalidParams"]


def test_references_to_unknown_or_foreign_things_are_refused(d, as_user):
    coordinator = as_user(d.s.coordinator)
    url = f"/api/v1/plans/{d.s.plan.id}/barriers"
    unknown_org = coordinator.post(
        url, json={"category": "rules", "description": "x", "organisationIds": [999999]}
    )
    assert unknown_org.status_code == 400
    assert unknown_org.get_json()["invalidParams"][0]["name"] == "organisationIds"
    foreign_action = coordinator.post(
        url, json={"category": "rules", "description": "x", "actionId": 999999}
    )
    assert foreign_action.status_code == 400
    assert foreign_action.get_json()["invalidParams"][0]["name"] == "actionId"


def test_queue_filters(d, as_user):
    coordinator = as_user(d.s.coordinator)
    first = escalated(coordinator, d)
    second = report(coordinator, d, category="budget").get_json()["id"]

    def ids(query):
        return [b["id"] for b in coordinator.get(f"/api/v1/barriers?{query}").get_json()["items"]]

    assert ids("") == [first, second]
    assert ids("status=reported") == [second]
    assert ids("category=waiting_list") == [first]
    assert ids(f"planId={d.s.plan.id}&pageSize=1&page=2") == [second]
