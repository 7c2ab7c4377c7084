"""HTTP semantics the API promises (DESIGN §9, RFC 9110): a 405 names the methods that are
allowed; a 201 names the created resource in Location when it has a URL of its own."""

from __future__ import annotations

import re

from tests.conftest import browser_login

METHODS = ("get", "post", "put", "patch", "delete")


def test_every_405_names_the_allowed_methods(app, setting, as_user):
    api = as_user(setting.coordinator)
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    checked = 0
    for path, item in spec["paths"].items():
        documented = {m for m in item if m in METHODS}
        missing = [m for m in METHODS if m not in documented]
        if not missing:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        answer = getattr(api, missing[0])(url, json={})
        assert answer.status_code == 405, (path, missing[0], answer.status_code)
        assert answer.mimetype == "application/problem+json"
        allowed = {m.strip().lower() for m in answer.headers.get("Allow", "").split(",")}
        assert documented <= allowed, (path, answer.headers.get("Allow"))
        checked += 1
    assert checked > 20


def test_put_on_the_plan_list_is_a_405_with_allow(setting, as_user):
    answer = as_user(setting.coordinator).put("/api/v1/plans", json={})
    assert answer.status_code == 405
    assert {"GET", "POST"} <= {m.strip() for m in answer.headers["Allow"].split(",")}


def test_a_page_405_names_the_allowed_methods_too(app, setting):
    client = browser_login(app, setting.coordinator)
    answer = client.delete("/meldingen")
    assert answer.status_code == 405
    assert "GET" in answer.headers["Allow"]


def test_a_new_team_member_is_named_in_location(setting, as_user, db_session):
    from maatwerk.accounts.operations import create_user
    from maatwerk.core.enums import Role

    colleague = create_user(  # of an organisation with the family's consent
        login="collega.location",
        display_name="Collega",
        role=Role.PROFESSIONAL,
        password="correct horse battery",
        organisation=setting.municipality,
    )
    db_session.commit()
    api = as_user(setting.coordinator)
    plan_url = f"/api/v1/plans/{setting.plan.id}"
    url = f"{plan_url}/team-members"
    etag = api.get(plan_url).headers["ETag"]
    answer = api.post(url, json={"userId": colleague.id}, etag=etag)
    assert answer.status_code == 201, answer.get_json()
    assert answer.headers["Location"].endswith(f"{url}/{answer.get_json()['id']}")
    etag = api.get(plan_url).headers["ETag"]
    assert api.delete(answer.headers["Location"], etag=etag).status_code == 204


def test_a_comment_has_no_url_of_its_own_and_no_etag(app, setting, as_user):
    """A comment answers 201 without Location (its list identifies it) and without an ETag,
    and the document says so."""
    answer = as_user(setting.coordinator).post(
        f"/api/v1/plans/{setting.plan.id}/comments", json={"body": "Hallo"}
    )
    assert answer.status_code == 201
    assert "ETag" not in answer.headers and "Location" not in answer.headers
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    created = spec["paths"]["/api/v1/plans/{plan_id}/comments"]["post"]["responses"]["201"]
    assert "ETag" not in created["headers"]


def test_the_export_documents_json_and_csv(app):
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    ok = spec["paths"]["/api/v1/exports/case-outcomes"]["get"]["responses"]["200"]
    assert {"application/json", "text/csv"} <= set(ok["content"])
    assert ok["description"]


def test_if_match_takes_a_list_and_compares_strongly(setting, as_user, db_session):
    """RFC 9110 §13.1.1: If-Match holds one or more ETags (or *); the change goes ahead when
    any of them is the current one, compared strongly (a weak W/ tag never matches)."""
    from maatwerk.goals.operations import add_goal

    goal = add_goal(setting.plan, domain="economic", title="Rekeningen", actor=setting.coordinator)
    db_session.commit()
    api = as_user(setting.coordinator)
    url = f"/api/v1/goals/{goal.id}"
    current = api.get(url).headers["ETag"]
    weak = api.patch(url, json={"title": "Zwak"}, etag=f"W/{current}")
    assert weak.status_code == 412
    listed = api.patch(url, json={"title": "Tweede in de lijst"}, etag=f'"goal-0-0", {current}')
    assert listed.status_code == 200, listed.get_json()
    assert listed.get_json()["title"] == "Tweede in de lijst"
    stale = api.patch(url, json={"title": "Oud"}, etag=f'{current},"goal-0-0"')
    assert stale.status_code == 412  # the version moved on: no tag in the list is current
