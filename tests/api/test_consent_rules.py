"""Who records a consent (DESIGN §3, §4): the family gives its own; a professional records,
as the plan's coordinator, what a named member gave, and never gives again what the family
withdrew itself."""

from __future__ import annotations

import datetime as dt

from maatwerk.core.enums import MemberPosition
from maatwerk.households.operations import add_member
from tests.api.helpers import denied_events

API = "/api/v1"


def _consent_of(setting, organisation):
    return next(
        c
        for c in setting.household.consents
        if c.organisation_id == organisation.id and c.withdrawn_at is None
    )


def _family_withdraws(setting, as_user, organisation):
    consent = _consent_of(setting, organisation)
    family = as_user(setting.family)
    etag = family.get(f"{API}/consents/{consent.id}").headers["ETag"]
    response = family.post(f"{API}/consents/{consent.id}/withdrawal", etag=etag)
    assert response.status_code == 200, response.get_json()


def test_an_ordinary_team_member_records_no_consent(setting, as_user, db_session):
    url = f"{API}/households/{setting.household.id}/consents"
    parent_id = setting.household.members[0].id
    member = as_user(setting.member)
    for body in (
        {"organisationId": setting.outsider.organisation_id, "purpose": "plan_sharing"},
        {"organisationId": setting.ggz.id, "purpose": "learning"},
    ):
        response = member.post(url, json={**body, "givenByMemberId": parent_id})
        assert response.status_code == 403, response.get_json()
        assert response.mimetype == "application/problem+json"
        assert member.post(url, json=body).status_code == 403
    assert ("create", "consent") in denied_events(db_session, setting.member)
    assert len(as_user(setting.family).get(url).get_json()) == 2


def test_the_coordinator_records_what_a_named_member_of_16_or_older_gave(
    setting, as_user, db_session
):
    url = f"{API}/households/{setting.household.id}/consents"
    child = add_member(
        setting.household,
        given_name="Bo",
        family_name="Test",
        position=MemberPosition.CHILD,
        date_of_birth=dt.date.today() - dt.timedelta(days=10 * 365),
        actor=setting.coordinator,
    )
    db_session.commit()
    coordinator = as_user(setting.coordinator)
    body = {"organisationId": setting.ggz.id, "purpose": "learning"}
    assert coordinator.post(url, json=body).status_code == 400
    too_young = coordinator.post(url, json={**body, "givenByMemberId": child.id})
    assert too_young.status_code == 400
    parent_id = setting.household.members[0].id
    response = coordinator.post(url, json={**body, "givenByMemberId": parent_id})
    assert response.status_code == 201, response.get_json()
    consent = response.get_json()
    assert consent["givenByMemberId"] == parent_id
    assert consent["recordedBy"]["id"] == setting.coordinator.id


def test_staff_never_give_again_what_the_family_withdrew(setting, as_user):
    """The reviewers' attack: the family withdrew GGZ's plan_sharing; a professional gave it
    back. Not the coordinator either; the family gives it again itself."""
    _family_withdraws(setting, as_user, setting.ggz)
    url = f"{API}/households/{setting.household.id}/consents"
    body = {
        "organisationId": setting.ggz.id,
        "purpose": "plan_sharing",
        "givenByMemberId": setting.household.members[0].id,
    }
    assert as_user(setting.member).post(url, json=body).status_code in (403, 404)
    refused = as_user(setting.coordinator).post(url, json=body)
    assert refused.status_code == 409, refused.get_json()
    assert "family" in refused.get_json()["detail"] and "portal" in refused.get_json()["detail"]
    again = as_user(setting.family).post(url, json=body)
    assert again.status_code == 201, again.get_json()


def test_the_coordinator_gives_again_what_the_coordinator_withdrew(setting, as_user):
    consent = _consent_of(setting, setting.ggz)
    coordinator = as_user(setting.coordinator)
    etag = coordinator.get(f"{API}/consents/{consent.id}").headers["ETag"]
    withdrawn = coordinator.post(f"{API}/consents/{consent.id}/withdrawal", etag=etag)
    assert withdrawn.status_code == 200
    body = {
        "organisationId": setting.ggz.id,
        "purpose": "plan_sharing",
        "givenByMemberId": setting.household.members[0].id,
    }
    url = f"{API}/households/{setting.household.id}/consents"
    assert coordinator.post(url, json=body).status_code == 201
