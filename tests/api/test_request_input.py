"""Input checks on every request (maatwerk/core/inputs.py, config MAX_CONTENT_LENGTH): text
with the NUL character, a non-JSON body to the API, an oversized body; and the detail of a
schema's field errors. Each is refused with a clear answer and changes nothing."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from maatwerk.plans.models import Comment
from tests.conftest import browser_login


def _comments(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Comment))


def test_nul_in_a_json_body_is_a_400_naming_the_field(setting, as_user, db_session):
    api, before = as_user(setting.coordinator), _comments(db_session)
    answer = api.post(f"/api/v1/plans/{setting.plan.id}/comments", json={"body": "a\u0000b"})
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
    problem = answer.get_json()
    assert problem["detail"] == "Text may not contain the NUL character."
    assert [p["name"] for p in problem["invalidParams"]] == ["body"]
    assert _comments(db_session) == before


def test_nul_nested_in_a_list_or_a_key_is_refused(setting, as_user):
    api = as_user(setting.coordinator)
    nested = api.put(
        f"/api/v1/plans/{setting.plan.id}/priorities",
        etag='"plan-1-1"',
        json={"goalIds": [1], "note\u0000": ["x"]},
    )
    assert nested.status_code == 400
    assert nested.get_json()["detail"] == "Text may not contain the NUL character."


def test_nul_in_a_query_parameter_is_refused(setting, as_user):
    answer = as_user(setting.coordinator).get("/api/v1/plans", query_string={"q": "a\u0000"})
    assert answer.status_code == 400
    assert answer.get_json()["invalidParams"][0]["name"] == "q"


def test_a_form_encoded_body_to_the_api_is_a_415(setting, as_user, db_session):
    api, before = as_user(setting.coordinator), _comments(db_session)
    answer = api.post(f"/api/v1/plans/{setting.plan.id}/comments", data={"body": "Hallo"})
    assert answer.status_code == 415
    assert answer.mimetype == "application/problem+json"
    assert "application/json" in answer.get_json()["detail"]
    assert _comments(db_session) == before


def test_a_body_over_the_limit_is_a_413(app, setting, as_user, db_session):
    api, before = as_user(setting.coordinator), _comments(db_session)
    body = json.dumps({"body": "x" * app.config["MAX_CONTENT_LENGTH"]})
    answer = api.post(
        f"/api/v1/plans/{setting.plan.id}/comments", data=body, content_type="application/json"
    )
    assert answer.status_code == 413
    assert answer.mimetype == "application/problem+json"
    assert _comments(db_session) == before


def test_field_errors_have_a_detail_that_says_so(setting, as_user):
    answer = as_user(setting.coordinator).post(
        f"/api/v1/plans/{setting.plan.id}/goals", json={"domain": "nonsense"}
    )
    assert answer.status_code in (400, 422)
    problem = answer.get_json()
    assert problem["detail"] == "The input is invalid: see invalidParams."
    assert {p["name"] for p in problem["invalidParams"]} >= {"domain", "title"}


def test_nul_pasted_into_a_web_form_is_dropped_and_the_text_kept(setting, app, db_session):
    """A page's form goes through without the character (what was typed is never lost to
    an error page); a link with NUL is still refused."""
    client = browser_login(app, setting.coordinator)
    before = _comments(db_session)
    answer = client.post(
        f"/werk/plannen/{setting.plan.id}/reacties",
        data={"comment-body": "Gesprek\u0000 ging goed"},
    )
    assert answer.status_code in (302, 200), answer.get_data(as_text=True)[:300]
    assert _comments(db_session) == before + 1
    body = db_session.scalar(select(Comment.body).order_by(Comment.id.desc()).limit(1))
    assert body == "Gesprek ging goed"
    link = client.get(f"/werk/plannen/{setting.plan.id}?q=a%00b")
    assert link.status_code == 400 and "NUL" in link.get_data(as_text=True)


def test_a_chunked_form_body_to_the_api_is_a_415_too(setting, as_user, client):
    api = as_user(setting.coordinator)
    answer = client.post(
        f"/api/v1/plans/{setting.plan.id}/comments",
        data="body=Hallo",
        content_type="application/x-www-form-urlencoded",
        headers={**api.headers, "Transfer-Encoding": "chunked"},
        environ_overrides={"CONTENT_LENGTH": None, "wsgi.input_terminated": True},
    )
    assert answer.status_code == 415


def test_a_domain_refusal_names_the_field_as_the_request_sent_it(setting, as_user):
    """The domain names what it checks ("user"); the problem names the request's field."""
    api = as_user(setting.coordinator)
    etag = api.get(f"/api/v1/plans/{setting.plan.id}").headers["ETag"]
    answer = api.post(
        f"/api/v1/plans/{setting.plan.id}/team-members",
        json={"userId": setting.family.id},
        etag=etag,
    )
    assert answer.status_code == 400
    assert [p["name"] for p in answer.get_json()["invalidParams"]] == ["userId"]
