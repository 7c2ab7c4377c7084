"""Households through the API: intake, members, consents, withdrawal, access log, export."""

from __future__ import annotations

import datetime as dt

import pytest

from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.core.enums import AreaKind, Role
from tests.api.helpers import add_plans, denied_events, events_of, fill_plan, staff, unique
from tests.plans.flow import make_setting

API = "/api/v1"
TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


def problem_fields(response) -> set[str]:
    assert response.mimetype == "application/problem+json", response.get_data(as_text=True)
    return {p["name"] for p in response.get_json().get("invalidParams", [])}


@pytest.fixture
def area(db_session):
    area = Area(name=unique("Pekela"), kind=AreaKind.MUNICIPALITY)
    db.session.add(area)
    db_session.commit()
    return area


def intake(setting, area, **changes):
    body = {
        "reference": unique("HH-NEW").replace(" ", "-"),
        "areaId": area.id,
        "referralSource": "early_signalling",
        "referredOn": dt.date.today().isoformat(),
        "members": [
            {
                "givenName": "Sanne",
                "familyName": "Bakker",
                "position": "parent",
                "dateOfBirth": "1990-04-01",
            },
            {"givenName": "Daan", "familyName": "Bakker", "position": "child"},
        ],
        "consents": [
            {
                "organisationId": setting.municipality.id,
                "purpose": "plan_sharing",
                "givenByMemberIndex": 0,
            },
            {
                "organisationId": setting.ggz.id,
                "purpose": "learning",
                "givenByMemberIndex": 0,
                "validUntil": "2099-12-31",
            },
        ],
        "workflow": "plan_light",
    }
    body.update(changes)
    return body


# --- intake ---------------------------------------------------------------------------------


def test_intake_creates_household_members_consents_and_plan(setting, area, as_user, db_session):
    coordinator = as_user(setting.coordinator)
    response = coordinator.post(f"{API}/households", json=intake(setting, area))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/households/{body['id']}")
    assert response.headers["ETag"].startswith(f'"household-{body["id"]}-')
    assert [m["givenName"] for m in body["members"]] == ["Sanne", "Daan"]
    assert body["members"][0]["dateOfBirth"] == "1990-04-01"
    assert {(c["organisation"]["id"], c["purpose"]) for c in body["consents"]} == {
        (setting.municipality.id, "plan_sharing"),
        (setting.ggz.id, "learning"),
    }
    assert body["consents"][0]["givenByMemberId"] == body["members"][0]["id"]
    assert body["consents"][0]["recordedBy"]["id"] == setting.coordinator.id
    assert body["referralSource"] == "early_signalling"
    assert len(body["planIds"]) == 1

    plan = coordinator.get(f"{API}/plans/{body['planIds'][0]}").get_json()
    assert (plan["workflow"], plan["status"]) == ("plan_light", "intake")
    assert plan["coordinator"]["id"] == setting.coordinator.id
    assert events_of(db_session, setting.coordinator, action="create", object_type="household")
    assert coordinator.get(response.headers["Location"]).status_code == 200


def test_intake_needs_plan_sharing_consent_of_my_organisation(setting, area, as_user):
    payload = intake(
        setting,
        area,
        consents=[
            {"organisationId": setting.ggz.id, "purpose": "plan_sharing", "givenByMemberIndex": 0},
            {
                "organisationId": setting.municipality.id,
                "purpose": "learning",
                "givenByMemberIndex": 0,
            },
        ],
    )
    response = as_user(setting.coordinator).post(f"{API}/households", json=payload)
    assert response.status_code == 400
    assert problem_fields(response) == {"consents"}
    assert "plan_sharing" in response.get_json()["detail"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"areaId": "Pekela"}, "areaId"),
        ({"secret": True}, "secret"),
        ({"reference": "X" * 41}, "reference"),
        ({"reference": "Anna de Vries"}, "reference"),
        ({"referralSource": "neighbour"}, "referralSource"),
        ({"referredOn": TOMORROW}, "referredOn"),
        ({"workflow": "goal"}, "workflow"),
        ({"members": []}, "members"),
        ({"members": [{"givenName": "A", "position": "uncle"}]}, "members.0.position"),
        ({"members": [{"givenName": "  ", "position": "parent"}]}, "members.0.givenName"),
        ({"members": [{"givenName": "A" * 101, "position": "parent"}]}, "members.0.givenName"),
        (
            {"members": [{"givenName": "A", "position": "child", "dateOfBirth": TOMORROW}]},
            "members.0.dateOfBirth",
        ),
        (
            {"members": [{"givenName": "A", "position": "child", "bsn": "123456782"}]},
            "members.0.bsn",
        ),
        (
            {"consents": [{"organisationId": 1, "purpose": "marketing", "givenByMemberIndex": 0}]},
            "consents.0.purpose",
        ),
        (
            {"consents": [{"organisationId": 1, "purpose": "learning", "givenByMemberIndex": 5}]},
            "consents.0.givenByMemberIndex",
        ),
        (
            {
                "consents": [
                    {
                        "organisationId": 1,
                        "purpose": "learning",
                        "givenByMemberIndex": 0,
                        "validUntil": "2000-01-01",
                    }
                ]
            },
            "consents.0.validUntil",
        ),
    ],
)
def test_intake_bad_input_is_a_400_naming_the_field(setting, area, as_user, changes, field):
    response = as_user(setting.coordinator).post(
        f"{API}/households", json=intake(setting, area, **changes)
    )
    assert response.status_code == 400, response.get_json()
    assert field in problem_fields(response)


def test_intake_unknown_references_are_400(setting, area, as_user):
    coordinator = as_user(setting.coordinator)
    response = coordinator.post(f"{API}/households", json=intake(setting, area, areaId=999999))
    assert response.status_code == 400
    assert problem_fields(response) == {"areaId"}
    consents = [{"organisationId": 999999, "purpose": "plan_sharing", "givenByMemberIndex": 0}]
    response = coordinator.post(f"{API}/households", json=intake(setting, area, consents=consents))
    assert response.status_code == 400
    assert problem_fields(response) == {"consents.0.organisationId"}


def test_intake_reference_in_use_is_a_conflict(setting, area, as_user):
    payload = intake(setting, area, reference=setting.household.reference)
    response = as_user(setting.coordinator).post(f"{API}/households", json=payload)
    assert response.status_code == 409


def test_only_professionals_do_an_intake(setting, area, as_user, db_session):
    programme = staff(Role.PROGRAMME)
    db_session.commit()
    for user in (setting.family, programme):
        response = as_user(user).post(f"{API}/households", json=intake(setting, area))
        assert response.status_code == 403, response.get_json()


# --- reading ---------------------------------------------------------------------------------


def test_household_for_the_family_and_the_team(setting, as_user, db_session):
    url = f"{API}/households/{setting.household.id}"
    for user in (setting.family, setting.coordinator, setting.member):
        response = as_user(user).get(url)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        assert body["planIds"] == [setting.plan.id]
        assert body["reference"] == setting.household.reference
        assert {c["organisation"]["name"] for c in body["consents"]} == {
            setting.municipality.name,
            setting.ggz.name,
        }
        etag = response.headers["ETag"]
        assert not etag.startswith("W/") and etag == as_user(user).get(url).headers["ETag"]
        assert events_of(db_session, user, action="read", object_type="household")


def test_household_etag_changes_when_a_member_is_added(setting, as_user):
    family = as_user(setting.family)
    url = f"{API}/households/{setting.household.id}"
    before = family.get(url).headers["ETag"]
    response = family.post(f"{url}/members", json={"givenName": "Bo", "position": "child"})
    assert response.status_code == 201
    assert family.get(url).headers["ETag"] != before


def test_plans_of_another_team_are_not_listed(setting, as_user, db_session):
    from tests.plans.flow import earlier_plan

    other = earlier_plan(setting.household, setting.coordinator)
    db_session.commit()
    url = f"{API}/households/{setting.household.id}"
    assert as_user(setting.member).get(url).get_json()["planIds"] == [setting.plan.id]
    assert as_user(setting.family).get(url).get_json()["planIds"] == [setting.plan.id, other.id]


def test_household_invisible_to_others_is_an_audited_404(setting, as_user, db_session):
    other_family = make_setting().family
    programme, admin = staff(Role.PROGRAMME), staff(Role.ADMIN)
    expert = staff(Role.EXPERIENCE_EXPERT)
    db_session.commit()
    household_id = setting.household.id
    for user in (setting.outsider, other_family, programme, admin, expert):
        api = as_user(user)
        for path in ("", "/members", "/consents", "/access-log", "/export"):
            response = api.get(f"{API}/households/{household_id}{path}")
            assert response.status_code == 404, (user.role, path)
            assert response.mimetype == "application/problem+json"
        assert (
            api.post(
                f"{API}/households/{household_id}/members",
                json={"givenName": "X", "position": "child"},
            ).status_code
            == 404
        )
        assert api.get(f"{API}/consents/{setting.household.consents[0].id}").status_code == 404
        assert (
            api.get(f"{API}/households?reference={setting.household.reference}").get_json()[
                "totalCount"
            ]
            == 0
        )
        assert ("read", "household") in denied_events(db_session, user)
        assert ("export", "household") in denied_events(db_session, user)
    missing = as_user(setting.coordinator).get(f"{API}/households/999999")
    assert missing.status_code == 404


def test_household_list_filters_pages_and_is_audited_as_a_search(setting, as_user, db_session):
    second = make_setting()
    second.household.reference = f"{setting.household.reference}-B"
    from tests.plans.flow import member_without_consent

    member_without_consent(second.plan, setting.coordinator)
    db_session.commit()  # coordinator's municipality has no consent in the second household
    coordinator = as_user(setting.coordinator)
    body = coordinator.get(f"{API}/households").get_json()
    assert [h["id"] for h in body["items"]] == [setting.household.id]
    assert body["totalCount"] == 1 and body["pageSize"] == 25

    member = as_user(second.coordinator)
    ref = setting.household.reference.lower()
    assert member.get(f"{API}/households?reference={ref}").get_json()["totalCount"] == 1
    assert member.get(f"{API}/households?reference=zzz").get_json()["totalCount"] == 0
    assert as_user(second.family).get(f"{API}/households").get_json()["items"][0]["id"] == (
        second.household.id
    )
    page2 = coordinator.get(f"{API}/households?page=2&pageSize=1").get_json()
    assert page2["items"] == [] and page2["totalCount"] == 1
    searches = events_of(db_session, setting.coordinator, action="search", object_type="household")
    assert searches and searches[0].household_ids == [setting.household.id]
    for query in ("page=0", "pageSize=101", "pageSize=x", "reference=" + "x" * 41):
        response = coordinator.get(f"{API}/households?{query}")
        assert response.status_code == 400, query
        assert problem_fields(response)


# --- members --------------------------------------------------------------------------------


def test_members_list_and_add(setting, as_user, db_session):
    url = f"{API}/households/{setting.household.id}/members"
    member = as_user(setting.coordinator)
    response = member.post(
        url,
        json={
            "givenName": "Bo",
            "familyName": "Test",
            "position": "child",
            "dateOfBirth": "2015-06-01",
        },
    )
    assert response.status_code == 201, response.get_json()
    assert response.headers["ETag"]
    assert response.get_json()["householdId"] == setting.household.id
    one = member.get(response.headers["Location"])  # the new member's own URL
    assert one.status_code == 200 and one.get_json()["id"] == response.get_json()["id"]
    names = [m["givenName"] for m in as_user(setting.family).get(url).get_json()]
    assert names == ["Anna", "Bo"]
    assert events_of(db_session, setting.coordinator, action="create", object_type="member")
    for payload, field in [
        ({"givenName": "", "position": "child"}, "givenName"),
        ({"givenName": 7, "position": "child"}, "givenName"),
        ({"givenName": "X", "position": "pet"}, "position"),
        ({"givenName": "X", "position": "child", "dateOfBirth": "yesterday"}, "dateOfBirth"),
        ({"givenName": "X", "position": "child", "dateOfBirth": TOMORROW}, "dateOfBirth"),
        ({"givenName": "X", "familyName": "Y" * 101, "position": "child"}, "familyName"),
        ({"givenName": "X", "position": "child", "householdId": 1}, "householdId"),
    ]:
        response = member.post(url, json=payload)
        assert response.status_code == 400, payload
        assert field in problem_fields(response)


# --- consents -------------------------------------------------------------------------------


def test_consents_list_and_record(setting, as_user, db_session):
    url = f"{API}/households/{setting.household.id}/consents"
    family = as_user(setting.family)
    listed = family.get(url).get_json()
    assert [(c["purpose"], c["active"]) for c in listed] == [("plan_sharing", True)] * 2
    housing_id = setting.outsider.organisation_id
    parent_id = setting.household.members[0].id
    response = family.post(
        url,
        json={
            "organisationId": housing_id,
            "purpose": "plan_sharing",
            "givenByMemberId": parent_id,
            "validUntil": "2099-01-01",
        },
    )
    assert response.status_code == 201, response.get_json()
    consent = response.get_json()
    assert consent["version"] == 1 and consent["recordedBy"]["id"] == setting.family.id
    assert response.headers["ETag"] == f'"consent-{consent["id"]}-1"'
    assert (
        as_user(setting.coordinator).get(response.headers["Location"]).headers["ETag"]
        == (response.headers["ETag"])
    )
    # Consent alone opens nothing: the housing professional is not on the team.
    assert as_user(setting.outsider).get(f"{API}/plans/{setting.plan.id}").status_code == 404
    again = as_user(setting.coordinator).post(
        url,
        json={
            "organisationId": housing_id,
            "purpose": "plan_sharing",
            "givenByMemberId": parent_id,
        },
    )
    assert again.status_code == 409
    assert events_of(db_session, setting.family, action="create", object_type="household")


def test_the_family_gives_consent_as_its_own_member(setting, as_user):
    """DESIGN §4: a family account links to a member; the consent it gives records who."""
    url = f"{API}/households/{setting.household.id}/consents"
    response = as_user(setting.family).post(
        url, json={"organisationId": setting.outsider.organisation_id, "purpose": "learning"}
    )
    assert response.status_code == 201, response.get_json()
    consent = response.get_json()
    assert setting.family.member_id is not None
    assert consent["givenByMemberId"] == setting.family.member_id
    assert consent["recordedBy"]["id"] == setting.family.id
    # A professional only records what a named member gave (DESIGN §4).
    recorded = as_user(setting.coordinator).post(
        url, json={"organisationId": setting.ggz.id, "purpose": "learning"}
    )
    assert recorded.status_code == 400, recorded.get_json()
    assert problem_fields(recorded) == {"givenByMemberId"}


def test_consent_bad_input(setting, as_user):
    url = f"{API}/households/{setting.household.id}/consents"
    family = as_user(setting.family)
    stranger = make_setting().household.members[0].id
    for payload, field in [
        ({"organisationId": setting.ggz.id, "purpose": "advertising"}, "purpose"),
        ({"organisationId": "ggz", "purpose": "learning"}, "organisationId"),
        ({"purpose": "learning"}, "organisationId"),
        ({"organisationId": setting.ggz.id, "purpose": "learning", "extra": 1}, "extra"),
        (
            {"organisationId": setting.ggz.id, "purpose": "learning", "validUntil": "2001-01-01"},
            "validUntil",
        ),
        ({"organisationId": 999999, "purpose": "learning"}, "organisationId"),
        (
            {"organisationId": setting.ggz.id, "purpose": "learning", "givenByMemberId": stranger},
            "givenByMemberId",
        ),
    ]:
        response = family.post(url, json=payload)
        assert response.status_code == 400, (payload, response.get_json())
        assert field in problem_fields(response)


# --- withdrawal -----------------------------------------------------------------------------


def _consent_of(setting, organisation):
    return next(c for c in setting.household.consents if c.organisation_id == organisation.id)


def test_withdrawal_needs_if_match(setting, as_user, db_session):
    consent = _consent_of(setting, setting.ggz)
    url = f"{API}/consents/{consent.id}/withdrawal"
    family = as_user(setting.family)
    assert family.post(url).status_code == 428
    stale = family.post(url, etag=f'"consent-{consent.id}-0"')
    assert stale.status_code == 412
    assert stale.get_json()["current"]["withdrawnAt"] is None
    assert stale.headers["ETag"] == f'"consent-{consent.id}-1"'
    current = family.get(f"{API}/consents/{consent.id}").get_json()
    assert current["withdrawnAt"] is None and current["active"] is True


def test_withdrawal_takes_effect_on_the_next_request(setting, as_user, db_session):
    consent = _consent_of(setting, setting.ggz)
    member = as_user(setting.member)
    plan_url = f"{API}/plans/{setting.plan.id}"
    assert member.get(plan_url).status_code == 200
    family = as_user(setting.family)
    etag = family.get(f"{API}/consents/{consent.id}").headers["ETag"]
    response = family.post(f"{API}/consents/{consent.id}/withdrawal", etag=etag)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["withdrawnAt"] and body["active"] is False and body["version"] == 2
    assert response.headers["ETag"] == f'"consent-{consent.id}-2"'
    assert member.get(plan_url).status_code == 404
    assert member.get(f"{API}/households/{setting.household.id}").status_code == 404
    assert ("read", "plan") in denied_events(db_session, setting.member)
    assert as_user(setting.coordinator).get(plan_url).get_json()["status"] == "intake"
    assert events_of(db_session, setting.family, action="update", object_type="consent")
    again = family.post(f"{API}/consents/{consent.id}/withdrawal", etag=response.headers["ETag"])
    assert again.status_code == 409


def test_withdrawing_the_last_plan_sharing_consent_closes_open_plans(setting, as_user):
    coordinator = as_user(setting.coordinator)
    municipal = _consent_of(setting, setting.municipality)
    ggz = _consent_of(setting, setting.ggz)
    assert (
        coordinator.post(
            f"{API}/consents/{ggz.id}/withdrawal", etag=f'"consent-{ggz.id}-1"'
        ).status_code
        == 200
    )
    response = coordinator.post(
        f"{API}/consents/{municipal.id}/withdrawal", etag=f'"consent-{municipal.id}-1"'
    )
    assert response.status_code == 200, response.get_json()
    assert coordinator.get(f"{API}/plans/{setting.plan.id}").status_code == 404
    plan = as_user(setting.family).get(f"{API}/plans/{setting.plan.id}").get_json()
    assert plan["status"] == "closed" and plan["closedAt"]


def test_only_the_family_or_the_coordinator_withdraws(setting, as_user, db_session):
    consent = _consent_of(setting, setting.municipality)
    url = f"{API}/consents/{consent.id}/withdrawal"
    etag = f'"consent-{consent.id}-1"'
    refused = as_user(setting.member).post(url, etag=etag)
    assert refused.status_code == 403
    assert ("update", "consent") in denied_events(db_session, setting.member)
    assert as_user(setting.outsider).post(url, etag=etag).status_code == 404
    assert ("update", "consent") in denied_events(db_session, setting.outsider)
    assert as_user(make_setting().family).post(url, etag=etag).status_code == 404


# --- access log and export ------------------------------------------------------------------


def test_access_log_for_the_family_newest_first(setting, as_user, db_session):
    url = f"{API}/households/{setting.household.id}"
    as_user(setting.member).get(url)
    as_user(setting.coordinator).get(f"{API}/plans/{setting.plan.id}")
    as_user(setting.outsider).get(url)
    family = as_user(setting.family)
    response = family.get(f"{url}/access-log")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    items = body["items"]
    assert items[0]["organisation"] == "Gezin" and items[0]["objectType"] == "access_log"
    seen = [(i["organisation"], i["role"], i["action"], i["outcome"]) for i in items[1:4]]
    assert seen == [
        (setting.outsider.organisation.name, "professional", "read", "denied"),
        (setting.municipality.name, "professional", "read", "success"),
        (setting.ggz.name, "professional", "read", "success"),
    ]
    times = [i["occurredAt"] for i in items]
    assert times == sorted(times, reverse=True) and "+00:00" in times[0]
    second = family.get(f"{url}/access-log?page=2&pageSize=2").get_json()
    first = family.get(f"{url}/access-log?page=1&pageSize=2").get_json()
    assert (second["totalCount"], first["totalCount"]) == (
        body["totalCount"] + 1,
        body["totalCount"] + 2,
    )
    assert len(second["items"]) == 2
    assert as_user(setting.coordinator).get(f"{url}/access-log").status_code == 200
    assert as_user(setting.member).get(f"{url}/access-log").status_code == 404
    assert ("read", "access_log") in denied_events(db_session, setting.member)
    assert family.get(f"{url}/access-log?pageSize=0").status_code == 400


def test_export_holds_all_data_of_the_household(setting, as_user, db_session):
    fill_plan(setting.plan, setting, goals=2)
    db_session.commit()
    response = as_user(setting.family).get(f"{API}/households/{setting.household.id}/export")
    assert response.status_code == 200, response.get_json()
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.get_json()
    assert data["household"]["reference"] == setting.household.reference
    assert data["members"][0]["givenName"] == "Anna"
    assert data["accounts"][0]["login"] == setting.family.login
    assert len(data["consents"]) == 2
    (plan,) = data["plans"]
    assert [g["title"] for g in plan["goals"]] == ["Doel 0", "Doel 1"]
    assert plan["actions"][0]["participatingOrganisations"] == [setting.ggz.name]
    assert plan["barriers"][0]["escalatedTo"] == [setting.ggz.name]
    assert plan["scores"][0]["score"] == 2
    assert plan["comments"][0]["body"] == "Fijn gesprek gehad."
    assert plan["revisions"] and plan["team"]
    assert [e["trigger"] for e in plan["transitionEvents"]] == ["start_exploration"]
    assert data["experienceSurveys"][0]["answers"][0]["score"] == 4
    assert data["accessLog"][0]["action"] == "export"
    assert events_of(db_session, setting.family, action="export", object_type="household")
    url = f"{API}/households/{setting.household.id}/export"
    by_coordinator = as_user(setting.coordinator).get(url)
    assert by_coordinator.status_code == 200
    assert by_coordinator.get_json()["accounts"] == []  # logins: the family's own download only
    assert by_coordinator.get_json()["plans"][0]["goals"] == plan["goals"]
    # The family's survey answers rate the team: only the family's own download holds them.
    assert {s["respondent"] for s in data["experienceSurveys"]} >= {"family"}
    assert all(s["respondent"] != "family" for s in by_coordinator.get_json()["experienceSurveys"])
    assert as_user(setting.member).get(url).status_code == 404
    assert ("export", "household") in denied_events(db_session, setting.member)


# --- query counts ---------------------------------------------------------------------------


def _queries(api, url, count_queries) -> int:
    with count_queries() as counter:
        response = api.get(url)
    assert response.status_code == 200, response.get_json()
    return counter.count


@pytest.mark.parametrize("path", ["", "/export", "/consents", "/access-log"])
def test_household_reads_issue_a_constant_number_of_queries(
    as_user, db_session, count_queries, path
):
    small = make_setting()
    fill_plan(small.plan, small, goals=1)
    large = make_setting()
    fill_plan(large.plan, large, goals=10)
    add_plans(large, 4, goals=10)
    db_session.commit()
    counts = []
    for s in (small, large):
        api = as_user(s.coordinator)
        counts.append(_queries(api, f"{API}/households/{s.household.id}{path}", count_queries))
    assert counts[0] == counts[1], counts
    assert len(large.household.plans) == 5


def test_household_list_issues_a_constant_number_of_queries(as_user, db_session, count_queries):
    from maatwerk.households.intake import intake_household

    s = make_setting()
    db_session.commit()
    api = as_user(s.coordinator)
    one = _queries(api, f"{API}/households", count_queries)
    for n in range(3):
        intake_household(
            actor=s.coordinator,
            reference=unique("HH-Q").replace(" ", "-"),
            area_id=s.household.area_id,
            members=[{"given_name": "A", "family_name": "B", "position": "parent"}] * 2,
            consents=[
                {
                    "organisation_id": s.municipality.id,
                    "purpose": "plan_sharing",
                    "given_by_member_index": n % 2,
                }
            ],
        )
    add_plans(s, 3, goals=2)
    db_session.commit()
    body = api.get(f"{API}/households").get_json()
    assert body["totalCount"] == 4
    assert _queries(api, f"{API}/households", count_queries) == one


HUGE = "9" * 25


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"/households/{HUGE}"),
        ("get", f"/households/{HUGE}/export"),
        ("post", f"/consents/{HUGE}/withdrawal"),
        ("get", f"/consents/{HUGE}"),
    ],
)
def test_ids_beyond_the_database_range_are_a_404_not_a_500(setting, as_user, method, path):
    response = getattr(as_user(setting.coordinator), method)(API + path, etag='"x"')
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_referenced_ids_beyond_the_database_range_are_a_400(setting, area, as_user):
    coordinator = as_user(setting.coordinator)
    response = coordinator.post(f"{API}/households", json=intake(setting, area, areaId=2**40))
    assert response.status_code == 400 and problem_fields(response) == {"areaId"}
    response = coordinator.post(
        f"{API}/households/{setting.household.id}/consents",
        json={"organisationId": 2**40, "purpose": "learning"},
    )
    assert response.status_code == 400 and problem_fields(response) == {"organisationId"}


def test_intake_consent_given_by_a_young_child_is_refused(setting, area, as_user):
    """Only a parent, another adult or a member aged 16 or older gives consent."""
    six = dt.date.today().replace(day=1) - dt.timedelta(days=6 * 366)
    members = [
        {"givenName": "Sanne", "familyName": "Bakker", "position": "parent"},
        {"givenName": "Daan", "familyName": "Bakker", "position": "child", "dateOfBirth": str(six)},
    ]
    consents = [
        {
            "organisationId": setting.municipality.id,
            "purpose": "plan_sharing",
            "givenByMemberIndex": 1,
        }
    ]
    payload = intake(setting, area, members=members, consents=consents)
    response = as_user(setting.coordinator).post(f"{API}/households", json=payload)
    assert response.status_code == 400, response.get_json()
    assert problem_fields(response) == {"consents.0.givenByMemberIndex"}
    # A child of 16 may.
    members[1]["dateOfBirth"] = str(dt.date.today() - dt.timedelta(days=16 * 366))
    payload = intake(setting, area, members=members, consents=consents)
    assert as_user(setting.coordinator).post(f"{API}/households", json=payload).status_code == 201


@pytest.mark.parametrize(
    "reference", ["111222333", "111.222.333", "06-12345678", "+31 6 12345678", "050-3123456"]
)
def test_intake_reference_that_is_a_bsn_or_phone_number_is_refused(
    setting, area, as_user, reference
):
    payload = intake(setting, area, reference=reference)
    response = as_user(setting.coordinator).post(f"{API}/households", json=payload)
    assert response.status_code == 400, response.get_json()
    assert problem_fields(response) == {"reference"}


def test_intake_reference_in_use_in_other_case_is_a_conflict(setting, area, as_user):
    payload = intake(setting, area, reference=setting.household.reference.lower())
    assert setting.household.reference.lower() != setting.household.reference
    response = as_user(setting.coordinator).post(f"{API}/households", json=payload)
    assert response.status_code == 409
