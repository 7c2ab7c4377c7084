"""A plan's whole life through the API alone: intake, team, goals, priorities, confirmation,
work, scores, evaluation, closing."""

from __future__ import annotations

from maatwerk.accounts.operations import create_user
from maatwerk.catalogue.models import Area
from maatwerk.core.enums import AreaKind, Role
from maatwerk.households.models import Member
from tests.api.conftest import PASSWORD, ApiClient


def test_intake_to_closed(setting, as_user, client, db_session):
    coordinator, member = as_user(setting.coordinator), as_user(setting.member)
    area = Area(name="Musselkanaal-test", kind=AreaKind.MUNICIPALITY)
    db_session.add(area)
    db_session.commit()

    intake = coordinator.post(
        "/api/v1/households",
        json={
            "reference": "API-0001",
            "areaId": area.id,
            "referralSource": "early_signalling",
            "members": [
                {
                    "givenName": "Sanne",
                    "familyName": "Bakker",
                    "position": "parent",
                    "dateOfBirth": "1990-04-02",
                },
                {"givenName": "Tim", "familyName": "Bakker", "position": "child"},
            ],
            "consents": [
                {
                    "organisationId": setting.municipality.id,
                    "purpose": "plan_sharing",
                    "givenByMemberIndex": 0,
                },
                {
                    "organisationId": setting.ggz.id,
                    "purpose": "plan_sharing",
                    "givenByMemberIndex": 0,
                },
            ],
            "workflow": "plan_standard",
        },
    )
    assert intake.status_code == 201, intake.get_json()
    plan_id = intake.get_json()["planIds"][0]
    plan_url = f"/api/v1/plans/{plan_id}"
    team = coordinator.post(
        f"{plan_url}/team-members",
        etag=coordinator.get(plan_url).headers["ETag"],
        json={"userId": setting.member.id},
    )
    assert team.status_code == 201, team.get_json()

    # The family gets an account (through activation in the app, or `maatwerk users create`).
    parent = db_session.query(Member).filter_by(given_name="Sanne").one()
    create_user(
        login="gezin.bakker",
        display_name="Sanne",
        role=Role.FAMILY,
        password=PASSWORD,
        member=parent,
    )
    db_session.commit()
    family = ApiClient(client, "gezin.bakker")

    def fire(api, trigger, reason=None):
        etag = api.get(plan_url).headers["ETag"]
        response = api.post(
            f"{plan_url}/transitions", etag=etag, json={"trigger": trigger, "reason": reason}
        )
        assert response.status_code == 200, (trigger, response.get_json())
        return response.get_json()

    fire(coordinator, "start_exploration")
    own = family.post(
        f"{plan_url}/goals",
        json={"domain": "economic", "title": "Geen schulden meer", "strengths": "We houden vol"},
    )
    proposal = member.post(
        f"{plan_url}/goals",
        json={"domain": "mental", "title": "Beter slapen", "whyItMatters": "Rust voor het gezin"},
    )
    family.post(
        f"/api/v1/goals/{proposal.get_json()['id']}/transitions",
        etag=proposal.headers["ETag"],
        json={"trigger": "accept"},
    )
    fire(coordinator, "start_prioritising")
    goal_ids = [proposal.get_json()["id"], own.get_json()["id"]]
    etag = family.get(plan_url).headers["ETag"]
    assert (
        family.put(f"{plan_url}/priorities", etag=etag, json={"goalIds": goal_ids}).status_code
        == 200
    )
    action = member.post(
        f"{plan_url}/actions",
        json={
            "description": "Gesprekken bij de GGZ",
            "carrier": "professional",
            "goalIds": [goal_ids[0]],
            "leadOrganisationId": setting.ggz.id,
            "participatingOrganisationIds": [setting.municipality.id],
        },
    )
    agreed = family.post(
        f"/api/v1/actions/{action.get_json()['id']}/transitions",
        etag=action.headers["ETag"],
        json={"trigger": "agree"},
    )
    assert agreed.status_code == 200
    plan = fire(family, "confirm_plan")
    assert plan["status"] == "active"
    assert [g["id"] for g in sorted(plan["goals"], key=lambda g: g["priorityRank"])] == goal_ids

    started = member.post(
        f"/api/v1/actions/{action.get_json()['id']}/transitions",
        etag=agreed.headers["ETag"],
        json={"trigger": "start"},
    )
    assert started.status_code == 200
    done = member.post(
        f"/api/v1/actions/{action.get_json()['id']}/transitions",
        etag=started.headers["ETag"],
        json={"trigger": "complete"},
    )
    assert done.get_json()["status"] == "done"
    early = member.post(
        f"{plan_url}/outcome-scores",
        json={"domain": "economic", "score": 3, "scoredBy": "professional", "moment": "evaluation"},
    )
    assert early.status_code == 409  # an evaluation score before the evaluation
    assert early.mimetype == "application/problem+json"
    fire(coordinator, "start_evaluation")
    future = member.post(
        f"{plan_url}/outcome-scores",
        json={
            "domain": "economic",
            "score": 3,
            "scoredBy": "professional",
            "moment": "evaluation",
            "scoredOn": "2099-01-01",
        },
    )
    assert future.status_code == 400 and future.get_json()["invalidParams"][0]["name"] == "scoredOn"
    for domain, family_score, professional_score in [("economic", 4, 2), ("mental", 3, 3)]:
        for api, by, score in [
            (family, "family", family_score),
            (member, "professional", professional_score),
        ]:
            response = api.post(
                f"{plan_url}/outcome-scores",
                json={"domain": domain, "score": score, "scoredBy": by, "moment": "evaluation"},
            )
            assert response.status_code == 201, response.get_json()
    side_by_side = {
        d["domain"]: d for d in coordinator.get(f"{plan_url}/outcome-scores").get_json()
    }
    assert side_by_side["economic"]["divergent"] is True
    assert side_by_side["mental"]["divergent"] is False
    closed = fire(coordinator, "close", reason="Doelen bereikt")
    assert closed["status"] == "closed" and closed["closureReason"] == "Doelen bereikt"
    history = coordinator.get(f"{plan_url}/history").get_json()
    assert history[0]["summary"] == "plan_standard:close"
