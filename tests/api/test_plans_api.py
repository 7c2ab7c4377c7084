"""The plan lifecycle through the API alone, and its rules."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent


def fire(api, plan_id, trigger, etag, reason=None):
    return api.post(
        f"/api/v1/plans/{plan_id}/transitions",
        etag=etag,
        json={"trigger": trigger, "reason": reason},
    )


def test_from_intake_to_closed_through_the_api(setting, as_user):
    coordinator, member, family = (
        as_user(u) for u in (setting.coordinator, setting.member, setting.family)
    )
    plan_id = setting.plan.id
    url = f"/api/v1/plans/{plan_id}"

    response = coordinator.get(url)
    assert response.status_code == 200
    assert response.headers["API-Version"] == "1.0.0"
    etag = response.headers["ETag"]
    assert response.get_json()["status"] == "intake"

    options = coordinator.get(f"{url}/transitions").get_json()
    assert {"trigger": "start_exploration", "allowed": True}.items() <= options[0].items()
    response = fire(coordinator, plan_id, "start_exploration", etag)
    assert response.status_code == 200, response.get_json()
    etag = response.headers["ETag"]

    goal = member.post(
        f"{url}/goals",
        json={
            "domain": "economic",
            "title": "Rust in onze geldzaken",
            "whyItMatters": "Dan slapen we beter",
        },
    )
    assert goal.status_code == 201, goal.get_json()
    assert goal.get_json()["status"] == "proposed"
    goal_id = goal.get_json()["id"]
    accepted = family.post(
        f"/api/v1/goals/{goal_id}/transitions",
        etag=goal.headers["ETag"],
        json={"trigger": "accept"},
    )
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["status"] == "accepted"

    etag = coordinator.get(url).headers["ETag"]
    response = fire(coordinator, plan_id, "start_prioritising", etag)
    assert response.status_code == 200, response.get_json()

    etag = family.get(url).headers["ETag"]
    response = family.put(f"{url}/priorities", etag=etag, json={"goalIds": [goal_id]})
    assert response.status_code == 200, response.get_json()

    action = member.post(
        f"{url}/actions",
        json={
            "description": "Samen naar de schuldhulp",
            "carrier": "professional",
            "goalIds": [goal_id],
            "leadOrganisationId": setting.municipality.id,
            "participatingOrganisationIds": [setting.ggz.id],
            "dueDate": "2030-01-31",
        },
    )
    assert action.status_code == 201, action.get_json()
    body = action.get_json()
    assert [o["id"] for o in body["participatingOrganisations"]] == [setting.ggz.id]
    agreed = family.post(
        f"/api/v1/actions/{body['id']}/transitions",
        etag=action.headers["ETag"],
        json={"trigger": "agree"},
    )
    assert agreed.status_code == 200, agreed.get_json()

    etag = family.get(url).headers["ETag"]
    response = fire(family, plan_id, "confirm_plan", etag)
    assert response.status_code == 200, response.get_json()
    plan = response.get_json()
    assert plan["status"] == "active" and plan["confirmedVersion"] == plan["version"]

    etag = response.headers["ETag"]
    response = fire(coordinator, plan_id, "start_evaluation", etag)
    assert response.status_code == 200
    refused = fire(coordinator, plan_id, "close", response.headers["ETag"], reason="Klaar")
    assert refused.status_code == 409
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["guard"] == "outcome_scores_complete"

    history = coordinator.get(f"{url}/history").get_json()
    assert history[0]["version"] == plan["version"] + 1
    assert any(c["path"] == "status" for c in history[0]["changes"])


def test_if_match_missing_is_428_and_stale_is_412_with_nothing_written(
    setting, as_user, db_session
):
    coordinator = as_user(setting.coordinator)
    url = f"/api/v1/plans/{setting.plan.id}/transitions"
    missing = coordinator.post(url, json={"trigger": "start_exploration"})
    assert missing.status_code == 428
    stale = coordinator.post(url, etag='"plan-1-0"', json={"trigger": "start_exploration"})
    assert stale.status_code == 412
    body = stale.get_json()
    assert body["current"]["status"] == "intake"
    assert stale.headers["ETag"] == f'"plan-{setting.plan.id}-{setting.plan.version}"'
    db_session.expire_all()
    assert coordinator.get(f"/api/v1/plans/{setting.plan.id}").get_json()["status"] == "intake"


def test_invisible_plans_are_404_and_audited_as_denied(setting, as_user, db_session):
    outsider = as_user(setting.outsider)
    response = outsider.get(f"/api/v1/plans/{setting.plan.id}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert outsider.get("/api/v1/plans").get_json()["totalCount"] == 0
    denied = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == setting.outsider.id, AuditEvent.outcome == "denied"
        )
    ).all()
    assert [(e.action, e.object_type) for e in denied] == [("read", "plan")]


def test_bad_input_is_a_clear_400(setting, as_user):
    member = as_user(setting.member)
    url = f"/api/v1/plans/{setting.plan.id}/goals"
    for payload, field in [
        ({"domain": "money", "title": "x"}, "domain"),
        ({"domain": "economic", "title": "x" * 301}, "title"),
        ({"domain": "economic", "title": "x", "secret": 1}, "secret"),
        ({"domain": "economic", "title": 5}, "title"),
        ({"domain": "economic"}, "title"),
    ]:
        response = member.post(url, json=payload)
        assert response.status_code == 400, (payload, response.get_json())
        body = response.get_json()
        assert response.mimetype == "application/problem+json"
        assert field in {p["name"] for p in body["invalidParams"]}, body


def test_token_revocation(setting, client):
    from tests.api.conftest import ApiClient

    api = ApiClient(client, setting.coordinator.login)
    assert api.get("/api/v1/plans").status_code == 200
    assert api.delete("/api/v1/auth/tokens/current").status_code == 204
    assert api.get("/api/v1/plans").status_code == 401
    wrong = client.post("/api/v1/auth/tokens", json={"login": "nobody", "password": "x" * 9})
    assert wrong.status_code == 401


def test_handing_coordination_to_a_professional_without_consent_is_a_409(
    setting, as_user, db_session
):
    """The outsider's organisation has no plan_sharing consent: as coordinator they could
    not open the plan, so the hand-over is refused and the team stays as it was."""
    from tests.plans.flow import member_without_consent

    member_without_consent(setting.plan, setting.outsider)
    db_session.commit()
    coordinator = as_user(setting.coordinator)
    url = f"/api/v1/plans/{setting.plan.id}/team-members"
    before = sorted((m["user"]["id"], m["planRole"]) for m in coordinator.get(url).get_json())
    version = setting.plan.version
    etag = f'"plan-{setting.plan.id}-{version}"'
    response = coordinator.post(
        url, etag=etag, json={"userId": setting.outsider.id, "planRole": "coordinator"}
    )
    assert response.status_code == 409, response.get_json()
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert "consent" in body["detail"]
    assert [p["name"] for p in body["invalidParams"]] == ["userId"]
    after = sorted((m["user"]["id"], m["planRole"]) for m in coordinator.get(url).get_json())
    assert after == before
    assert (setting.coordinator.id, "coordinator") in after
    db_session.expire_all()
    plan = db_session.get(type(setting.plan), setting.plan.id)
    assert plan.coordinator.id == setting.coordinator.id
    assert plan.version == version
    # The professional of an organisation with consent can still take over.
    ok = coordinator.post(
        url, etag=etag, json={"userId": setting.member.id, "planRole": "coordinator"}
    )
    assert ok.status_code == 201, ok.get_json()


def test_one_open_plan_per_household(setting, as_user, db_session):
    """One family, one plan, one coordinator: a second plan waits until the first ended;
    a team member cannot start one beside the coordinator's."""
    from maatwerk.core.db import utcnow

    body = {"householdId": setting.household.id}
    for user in (setting.coordinator, setting.member):
        refused = as_user(user).post("/api/v1/plans", json=body)
        assert refused.status_code == 409, refused.get_json()
        assert refused.headers["Content-Type"].startswith("application/problem+json")
        assert "already has an open plan" in refused.get_json()["detail"]
    setting.plan.status, setting.plan.closed_at = "closed", utcnow()
    db_session.commit()
    started = as_user(setting.coordinator).post("/api/v1/plans", json=body)
    assert started.status_code == 201, started.get_json()
    assert as_user(setting.member).post("/api/v1/plans", json=body).status_code == 409
