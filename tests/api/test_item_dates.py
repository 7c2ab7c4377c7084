"""An action's due date and a goal's target date are not given in the past (it would show
as overdue at once and as "uiterlijk 1 januari 1900" in the family's PDF); a date that has
passed since it was set may be sent back unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from maatwerk.core.db import db
from maatwerk.goals.models import Action, Goal

API = "/api/v1"
TODAY = dt.date.today()
YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()


def _refused(response, name: str) -> None:
    assert response.status_code == 400, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert name in {p["name"] for p in response.get_json()["invalidParams"]}


def _goal(api, setting, **extra):
    return api.post(
        f"{API}/plans/{setting.plan.id}/goals",
        json={"domain": "economic", "title": "Rust", **extra},
    )


def _action(api, setting, goal_id, **extra):
    return api.post(
        f"{API}/plans/{setting.plan.id}/actions",
        json={"description": "d", "carrier": "family", "goalIds": [goal_id], **extra},
    )


@pytest.mark.parametrize("when", ["1900-01-01", YESTERDAY])
def test_a_past_date_is_refused_on_create(setting, as_user, when):
    api = as_user(setting.member)
    _refused(_goal(api, setting, targetDate=when), "targetDate")
    goal = _goal(api, setting)
    _refused(_action(api, setting, goal.get_json()["id"], dueDate=when), "dueDate")
    assert api.get(f"{API}/plans/{setting.plan.id}/actions").get_json() == []


def test_today_and_later_are_accepted(setting, as_user):
    api = as_user(setting.member)
    goal = _goal(api, setting, targetDate=TODAY.isoformat())
    assert goal.status_code == 201, goal.get_json()
    action = _action(api, setting, goal.get_json()["id"], dueDate=TODAY.isoformat())
    assert action.status_code == 201, action.get_json()


def test_a_change_to_a_past_date_is_refused(setting, as_user):
    api = as_user(setting.member)
    goal = _goal(api, setting)
    action = _action(api, setting, goal.get_json()["id"])
    _refused(
        api.patch(
            f"{API}/goals/{goal.get_json()['id']}",
            etag=goal.headers["ETag"],
            json={"targetDate": "1900-01-01"},
        ),
        "targetDate",
    )
    _refused(
        api.patch(
            f"{API}/actions/{action.get_json()['id']}",
            etag=action.headers["ETag"],
            json={"dueDate": YESTERDAY},
        ),
        "dueDate",
    )


def test_a_date_that_has_passed_may_be_sent_back_unchanged(setting, as_user, db_session):
    api = as_user(setting.member)
    goal_id = _goal(api, setting).get_json()["id"]
    action_id = _action(api, setting, goal_id).get_json()["id"]
    passed = TODAY - dt.timedelta(days=10)  # set when it lay ahead; time went by
    db.session.get(Goal, goal_id).target_date = passed
    db.session.get(Action, action_id).due_date = passed
    db_session.commit()
    for url, field in (
        (f"{API}/goals/{goal_id}", "targetDate"),
        (f"{API}/actions/{action_id}", "dueDate"),
    ):
        current = api.get(url)
        body = current.get_json()
        text = {"title": "Rust en ruimte"} if field == "targetDate" else {"description": "e"}
        changed = api.patch(url, etag=current.headers["ETag"], json={**text, field: body[field]})
        assert changed.status_code == 200, changed.get_json()
        assert changed.get_json()[field] == passed.isoformat()
        earlier = (passed - dt.timedelta(days=1)).isoformat()
        _refused(api.patch(url, etag=changed.headers["ETag"], json={field: earlier}), field)


FAR = (TODAY + dt.timedelta(days=366 * 10 + 2)).isoformat()


@pytest.mark.parametrize("when", ["9999-12-31", FAR])
def test_a_date_more_than_ten_years_ahead_is_a_typing_error(setting, as_user, when):
    api = as_user(setting.member)
    _refused(_goal(api, setting, targetDate=when), "targetDate")
    goal = _goal(api, setting)
    _refused(_action(api, setting, goal.get_json()["id"], dueDate=when), "dueDate")
    _refused(
        api.patch(
            f"{API}/goals/{goal.get_json()['id']}",
            etag=goal.headers["ETag"],
            json={"targetDate": when},
        ),
        "targetDate",
    )
    nine_years = TODAY.replace(year=TODAY.year + 9, day=min(TODAY.day, 28)).isoformat()
    assert _goal(api, setting, targetDate=nine_years).status_code == 201
