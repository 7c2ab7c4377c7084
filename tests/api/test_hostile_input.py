"""Hostile input never reaches the database nor ends in a server error: a lone surrogate in
any text, JSON nested too deep or with an integer of thousands of digits, a page number of
twenty digits. Each is a 400 (problem+json on the API, a readable page elsewhere) and
nothing is stored. The sweep runs over every operation of the OpenAPI document, so a new
endpoint is covered without a new test."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from maatwerk.audit.models import AuditEvent
from maatwerk.plans.models import Comment
from tests.conftest import browser_login

SURROGATE = "\ud800"
DEEP = "[" * 100_000
HUGE_INTEGER = "1" * 5000
HUGE = "99999999999999999999"


def _count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def _operations(app):
    """(method, path with placeholders filled) of every body-taking API operation."""
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    for path, item in spec["paths"].items():
        for method in item:
            if method in ("post", "put", "patch"):
                yield method, re.sub(r"\{[^}]+\}", "1", path)


def _body_operations(app) -> list[tuple[str, str]]:
    return sorted(set(_operations(app)))


def _assert_refused(answer, label: str) -> None:
    assert answer.status_code == 400, (label, answer.status_code, answer.get_data()[:300])
    assert answer.mimetype == "application/problem+json", label


def test_a_lone_surrogate_in_a_comment_is_a_400_and_nothing_is_stored(setting, as_user, db_session):
    api, before = as_user(setting.coordinator), _count(db_session, Comment)
    answer = api.post(f"/api/v1/plans/{setting.plan.id}/comments", json={"body": "a\ud800b"})
    _assert_refused(answer, "comment")
    problem = answer.get_json()
    assert problem["detail"] == "Text may not contain an invalid character (a lone surrogate)."
    assert [p["name"] for p in problem["invalidParams"]] == ["body"]
    assert _count(db_session, Comment) == before


def test_a_lone_surrogate_in_the_login_is_a_400_without_a_session(client, db_session):
    answer = client.post("/api/v1/auth/tokens", json={"login": SURROGATE, "password": "x" * 12})
    _assert_refused(answer, "tokens")


@pytest.mark.parametrize(
    "body",
    [
        {"text": SURROGATE},  # a value
        {SURROGATE: "x"},  # a key
        [SURROGATE],  # not even an object
    ],
    ids=["value", "key", "list"],
)
def test_every_body_taking_operation_refuses_a_surrogate(app, setting, as_user, body):
    api = as_user(setting.coordinator)
    for method, path in _body_operations(app):
        answer = getattr(api, method)(path, json=body, etag="*")
        _assert_refused(answer, f"{method} {path}")


@pytest.mark.parametrize("raw", [DEEP, f'{{"id": {HUGE_INTEGER}}}'], ids=["deep", "digits"])
def test_every_body_taking_operation_refuses_json_python_cannot_read(
    app, setting, as_user, db_session, raw
):
    api, before = as_user(setting.coordinator), _count(db_session, AuditEvent)
    for method, path in _body_operations(app):
        answer = getattr(api, method)(path, data=raw, content_type="application/json", etag="*")
        _assert_refused(answer, f"{method} {path}")
        assert answer.get_json()["detail"] == "The body is not valid JSON."
    assert _count(db_session, AuditEvent) == before


def test_every_list_refuses_a_page_or_id_beyond_any_stored_number(app, setting, as_user):
    """Every integer query parameter of every GET operation: a bounded number, so a huge one
    is a 400 rather than an overflow in the database."""
    api = as_user(setting.coordinator)
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    swept = 0
    for path, item in spec["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "query" and parameter["schema"].get("type") == "integer":
                assert "maximum" in parameter["schema"], (path, parameter["name"])
                answer = api.get(url, query_string={parameter["name"]: HUGE})
                assert 400 <= answer.status_code < 500, (path, parameter["name"])
                swept += 1
    assert swept > 10


@pytest.mark.parametrize(
    "path",
    [
        "/knelpunten",
        "/meldingen",
        "/beheer/accounts",
        "/knelpunten/agenda",
    ],
)
def test_a_huge_page_number_on_a_page_shows_the_first_page(app, setting, path):
    client = browser_login(app, setting.coordinator)
    answer = client.get(path, query_string={"page": HUGE, "organisation": HUGE, "budget": HUGE})
    assert answer.status_code < 500, path


def test_an_emoji_is_no_surrogate(setting, as_user, db_session):
    """A character beyond U+FFFF is a surrogate pair in JSON's \\u escapes, and one valid code
    point once read: it is stored, and the published pattern allows it. A lone surrogate
    (only a \\ud800 escape spells one) is refused by the server: the pattern cannot say so in
    a form every validator reads (test_openapi_conventions)."""
    api = as_user(setting.coordinator)
    answer = api.post(f"/api/v1/plans/{setting.plan.id}/comments", json={"body": "Top \U0001f600"})
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["body"] == "Top \U0001f600"
    spec = api.get("/api/v1/openapi.json").get_json()
    pattern = spec["components"]["schemas"]["CommentCreate"]["properties"]["body"]["pattern"]
    assert re.fullmatch(pattern, "Top \U0001f600") and not re.fullmatch(pattern, "a\x00")
    lone = api.post(
        f"/api/v1/plans/{setting.plan.id}/comments",
        data='{"body": "a\\ud800"}',
        content_type="application/json",
    )
    assert lone.status_code == 400, lone.get_json()
    assert lone.get_json()["invalidParams"][0]["name"] == "body"
