"""AVG rectification: the family or the coordinator corrects a member's details and a plan's
content; the earlier value stays in the history (member revisions in the export, plan
revisions in the plan history); retention erases the history with the household."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import utcnow
from maatwerk.households.models import MemberRevision
from maatwerk.privacy.retention import erase_expired_plans
from tests.api.conftest import ApiClient
from tests.plans.flow import make_setting
from tests.privacy.test_retention import closed_light_setting

API = "/api/v1"


def member_url(s) -> str:
    return f"{API}/households/{s.household.id}/members/{s.household.members[0].id}"


def test_the_family_corrects_a_name_and_the_earlier_value_stays(client, db_session):
    s = make_setting()
    db_session.commit()
    family = ApiClient(client, s.family.login)
    url = member_url(s)
    etag = family.get(url).headers["ETag"]
    response = family.patch(
        url, json={"familyName": "Test-Bakker", "dateOfBirth": "1990-02-03"}, etag=etag
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["familyName"] == "Test-Bakker"
    assert response.headers["ETag"] != etag

    export = family.get(f"{API}/households/{s.household.id}/export").get_json()
    assert export["members"][0]["familyName"] == "Test-Bakker"
    (revision,) = export["memberRevisions"]
    assert revision["changes"]["familyName"] == {"from": "Test", "to": "Test-Bakker"}
    assert revision["changes"]["dateOfBirth"] == {"from": None, "to": "1990-02-03"}
    assert revision["actorRole"] == "family"
    updates = db_session.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.object_type == "member", AuditEvent.action == "update"
        )
    )
    assert updates == 1


def test_the_coordinator_may_correct_the_rest_of_the_team_may_not(client, db_session):
    s = make_setting()
    db_session.commit()
    url = member_url(s)
    coordinator = ApiClient(client, s.coordinator.login)
    etag = coordinator.get(url).headers["ETag"]
    assert coordinator.patch(url, json={"givenName": "Annie"}, etag=etag).status_code == 200
    member = ApiClient(client, s.member.login)
    etag = member.get(url).headers["ETag"]
    assert member.patch(url, json={"givenName": "Anna"}, etag=etag).status_code == 403
    outsider = ApiClient(client, s.outsider.login)
    assert outsider.patch(url, json={"givenName": "Anna"}, etag="*").status_code == 404
    assert db_session.scalar(select(func.count(MemberRevision.id))) == 1


def test_a_correction_needs_the_current_etag(client, db_session):
    s = make_setting()
    db_session.commit()
    family = ApiClient(client, s.family.login)
    url = member_url(s)
    assert family.patch(url, json={"givenName": "Annie"}).status_code == 428
    stale = family.patch(url, json={"givenName": "Annie"}, etag='"member-stale"')
    assert stale.status_code == 412
    assert stale.get_json()["current"]["givenName"] == "Anna"
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert family.patch(url, json={"dateOfBirth": future}, etag="*").status_code == 400
    assert family.patch(url, json={"givenName": "  "}, etag="*").status_code == 400


def test_a_corrected_goal_keeps_its_earlier_words_in_the_plan_history(client, db_session):
    s = make_setting()
    db_session.commit()
    family = ApiClient(client, s.family.login)
    goals = f"{API}/plans/{s.plan.id}/goals"
    created = family.post(goals, json={"domain": "economic", "title": "Rust over geld"})
    assert created.status_code == 201, created.get_json()
    goal_url = f"{API}/goals/{created.get_json()['id']}"
    etag = family.get(goal_url).headers["ETag"]
    corrected = family.patch(goal_url, json={"title": "Rust over geld en post"}, etag=etag)
    assert corrected.status_code == 200, corrected.get_json()
    history = family.get(f"{API}/plans/{s.plan.id}/history").get_json()
    assert "Rust over geld" in str(history) and "Rust over geld en post" in str(history)


def test_retention_erases_the_corrections_with_the_household(client, db_session):
    s = closed_light_setting()
    db_session.commit()
    family = ApiClient(client, s.family.login)
    assert family.patch(member_url(s), json={"givenName": "Annie"}, etag="*").status_code == 200
    assert db_session.scalar(select(func.count(MemberRevision.id))) == 1
    report = erase_expired_plans(30, now=utcnow() + dt.timedelta(days=31))
    assert report.household_ids == [s.household.id]
    db_session.commit()
    assert db_session.scalar(select(func.count(MemberRevision.id))) == 0


def test_a_date_of_birth_over_120_years_back_is_refused_and_changes_nothing(client, db_session):
    s = make_setting()
    db_session.commit()
    family = ApiClient(client, s.family.login)
    url = member_url(s)
    refused = family.patch(url, json={"dateOfBirth": "1800-05-01"}, etag="*")
    assert refused.status_code == 400
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert "More than 120 years back." in str(refused.get_json()["invalidParams"])
    assert family.get(url).get_json()["dateOfBirth"] is None
    oldest = dt.date.today().replace(year=dt.date.today().year - 100).isoformat()
    assert family.patch(url, json={"dateOfBirth": oldest}, etag="*").status_code == 200
