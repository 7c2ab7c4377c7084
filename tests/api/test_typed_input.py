"""Input as typed as the OpenAPI document says (api/schemas.py CamelSchema): an integer is a
JSON integer (not "16", not 16.0), a date is YYYY-MM-DD (not "2027-2-3"), an amount is a
string (tests/api/test_money.py). A query string stays text: ?page=2 is an integer there."""

from __future__ import annotations

import datetime as dt

import pytest

API = "/api/v1"


def _refused(response, name: str) -> None:
    assert response.status_code == 400, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert name in {p["name"] for p in response.get_json()["invalidParams"]}, response.get_json()


@pytest.mark.parametrize("user_id", ["{id}", "{id}.0", 1.0, True])
def test_an_id_that_is_not_a_json_integer_is_refused(setting, as_user, user_id):
    api = as_user(setting.coordinator)
    value = user_id.format(id=setting.outsider.id) if isinstance(user_id, str) else user_id
    if value == 1.0:
        value = float(setting.outsider.id)
    answer = api.post(f"{API}/plans/{setting.plan.id}/team-members", json={"userId": value})
    _refused(answer, "userId")
    team = api.get(f"{API}/plans/{setting.plan.id}/team-members").get_json()
    assert setting.outsider.id not in {m["user"]["id"] for m in team}


def test_an_id_in_a_list_is_a_json_integer_too(setting, as_user):
    api = as_user(setting.member)
    goal = api.post(
        f"{API}/plans/{setting.plan.id}/goals", json={"domain": "economic", "title": "Rust"}
    ).get_json()
    answer = api.post(
        f"{API}/plans/{setting.plan.id}/actions",
        json={"description": "d", "carrier": "family", "goalIds": [str(goal["id"])]},
    )
    _refused(answer, "goalIds.0")


@pytest.mark.parametrize("date", ["{y}-2-3", "{y}-02-3", "{y}0203", "{y}-02-03T00:00:00", 20270203])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused(setting, as_user, date):
    year = dt.date.today().year + 1
    value = date.format(y=year) if isinstance(date, str) else date
    answer = as_user(setting.member).post(
        f"{API}/plans/{setting.plan.id}/goals",
        json={"domain": "economic", "title": "Rust", "targetDate": value},
    )
    _refused(answer, "targetDate")


def test_a_date_as_yyyy_mm_dd_is_taken(setting, as_user):
    value = f"{dt.date.today().year + 1}-02-03"
    answer = as_user(setting.member).post(
        f"{API}/plans/{setting.plan.id}/goals",
        json={"domain": "economic", "title": "Rust", "targetDate": value},
    )
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["targetDate"] == value


def test_a_query_string_integer_is_text_that_parses(setting, as_user):
    answer = as_user(setting.coordinator).get(f"{API}/plans", query_string={"page": "1"})
    assert answer.status_code == 200
    refused = as_user(setting.coordinator).get(f"{API}/plans", query_string={"page": "1.0"})
    _refused(refused, "page")
