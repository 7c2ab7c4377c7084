"""The programme maintains the catalogues through the API: POST and PATCH with If-Match."""

from __future__ import annotations

import pytest

from maatwerk.audit.models import AuditEvent
from maatwerk.core.enums import Role
from tests.api.helpers import denied_events, events_of, make_catalogue, staff

API = "/api/v1"
PROBLEM = "application/problem+json"


@pytest.fixture
def catalogue(setting, db_session):
    made = make_catalogue()
    made["programme"] = staff(Role.PROGRAMME)
    made["admin"] = staff(Role.ADMIN)
    db_session.commit()
    return made


@pytest.fixture
def programme(catalogue, as_user):
    return as_user(catalogue["programme"])


def problem_fields(response) -> set[str]:
    assert response.mimetype == PROBLEM, response.get_data(as_text=True)
    return {p["name"] for p in response.get_json().get("invalidParams", [])}


def test_programme_adds_an_intervention_everyone_finds(
    setting, catalogue, programme, as_user, db_session
):
    body = {
        "name": "Samen Sterk Thuis",
        "description": "Thuisbegeleiding voor het hele gezin",
        "domains": ["social", "pedagogical"],
        "organisationIds": [catalogue["welfare"].id],
        "areaIds": [catalogue["ter_apel"].id],
    }
    response = programme.post(f"{API}/interventions", json=body)
    assert response.status_code == 201, response.get_json()
    made = response.get_json()
    assert made["domains"] == ["pedagogical", "social"] and made["retiredAt"] is None
    assert response.headers["ETag"] == f'"intervention-{made["id"]}-1"'
    assert response.headers["Location"].endswith(f"/interventions/{made['id']}")
    found = as_user(setting.member).get(f"{API}/interventions?q=samen%20sterk")
    assert [i["id"] for i in found.get_json()["items"]] == [made["id"]]
    [event] = events_of(db_session, catalogue["programme"], object_type="intervention")
    assert (event.action.value, event.object_id, event.household_ids) == (
        "create",
        str(made["id"]),
        [],
    )
    assert event.purpose == "catalogue_maintenance"


def test_a_change_needs_the_current_etag(catalogue, programme, db_session):
    path = f"{API}/interventions/{catalogue['kansen'].id}"
    etag = programme.get(path).headers["ETag"]
    missing = programme.patch(path, json={"description": "Nieuw"})
    assert missing.status_code == 428 and missing.mimetype == PROBLEM
    changed = programme.patch(path, json={"description": "Nieuw"}, etag=etag)
    assert changed.status_code == 200, changed.get_json()
    assert changed.headers["ETag"] != etag
    stale = programme.patch(path, json={"description": "Ouder"}, etag=etag)
    assert stale.status_code == 412 and stale.mimetype == PROBLEM
    assert stale.get_json()["current"]["description"] == "Nieuw"
    assert stale.headers["ETag"] == changed.headers["ETag"]
    db_session.expire_all()
    assert catalogue["kansen"].description == "Nieuw" and catalogue["kansen"].version == 2


def test_nothing_changed_is_no_new_version(catalogue, programme, db_session):
    path = f"{API}/interventions/{catalogue['kansen'].id}"
    etag = programme.get(path).headers["ETag"]
    same = programme.patch(path, json={"name": catalogue["kansen"].name}, etag=etag)
    assert same.status_code == 200 and same.headers["ETag"] == etag
    assert events_of(db_session, catalogue["programme"], object_type="intervention") == []


def test_retired_intervention_leaves_the_list_but_keeps_its_page(
    setting, catalogue, programme, as_user
):
    kansen = catalogue["kansen"].id
    path = f"{API}/interventions/{kansen}"
    etag = programme.get(path).headers["ETag"]
    retired = programme.patch(path, json={"retired": True}, etag=etag)
    assert retired.status_code == 200 and retired.get_json()["retiredAt"]
    reader = as_user(setting.member)
    listed = [i["id"] for i in reader.get(f"{API}/interventions?pageSize=100").get_json()["items"]]
    assert kansen not in listed
    everything = reader.get(f"{API}/interventions?pageSize=100&includeRetired=true").get_json()
    assert kansen in [i["id"] for i in everything["items"]]
    assert reader.get(path).status_code == 200  # old plans still resolve its name
    again = programme.patch(path, json={"retired": False}, etag=programme.get(path).headers["ETag"])
    assert again.get_json()["retiredAt"] is None


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"name": "", "domains": ["social"]}, "name", 400),
        ({"name": "   ", "domains": ["social"]}, "name", 400),
        ({"name": "x" * 201, "domains": ["social"]}, "name", 400),
        ({"name": "Nieuw", "domains": ["money"]}, "domains.0", 400),
        ({"name": "Nieuw", "domains": []}, "domains", 400),
        ({"name": "Nieuw"}, "domains", 400),
        ({"name": "Nieuw", "domains": ["social"], "description": "x" * 5001}, "description", 400),
        (
            {"name": "Nieuw", "domains": ["social"], "organisationIds": [999999]},
            "organisationIds",
            400,
        ),
        ({"name": "Nieuw", "domains": ["social"], "areaIds": [999999]}, "areaIds", 400),
        ({"name": "Nieuw", "domains": ["social"], "retired": True}, "retired", 400),
        ({"name": "<kansen>", "domains": ["social"]}, "name", 409),
        ({"name": "<kansen>\u200b", "domains": ["social"]}, "name", 409),
        ({"name": "\u200b", "domains": ["social"]}, "name", 400),
    ],
)
def test_bad_interventions_are_problems(catalogue, programme, body, field, status):
    if body["name"].startswith("<kansen>"):
        taken = catalogue["kansen"].name.upper().replace(" ", "  ")
        body = {**body, "name": body["name"].replace("<kansen>", taken)}
    response = programme.post(f"{API}/interventions", json=body)
    assert response.status_code == status, response.get_json()
    assert field in problem_fields(response)


def test_only_the_programme_changes_catalogues(setting, catalogue, as_user, db_session):
    kansen = catalogue["kansen"]
    for user in (setting.coordinator, setting.family, catalogue["admin"]):
        api = as_user(user)
        made = api.post(f"{API}/interventions", json={"name": "Stiekem", "domains": ["social"]})
        assert made.status_code == 403 and made.mimetype == PROBLEM
        changed = api.patch(f"{API}/interventions/{kansen.id}", json={"name": "Anders"}, etag='"x"')
        assert changed.status_code == 403
        area = api.post(
            f"{API}/areas",
            json={"parentId": catalogue["west"].id, "name": "Sellingen", "kind": "village"},
        )
        assert area.status_code == 403
    assert ("update", "intervention") in denied_events(db_session, setting.coordinator)
    assert (
        db_session.query(AuditEvent).filter_by(object_type="area", outcome="success").count() == 0
    )


def test_areas_a_village_within_a_municipality_and_a_rename(catalogue, programme, db_session):
    west = catalogue["west"]
    west_etag = programme.get(f"{API}/areas/{west.id}").headers["ETag"]
    made = programme.post(
        f"{API}/areas", json={"parentId": west.id, "name": " Sellingen ", "kind": "village"}
    )
    assert made.status_code == 201, made.get_json()
    village = made.get_json()
    assert village["name"] == "Sellingen" and village["parentId"] == west.id
    # The municipality lists its places: its ETag changed with the new village.
    assert programme.get(f"{API}/areas/{west.id}").headers["ETag"] != west_etag
    path = f"{API}/areas/{village['id']}"
    renamed = programme.patch(path, json={"name": "Sellingen-Dorp"}, etag=made.headers["ETag"])
    assert renamed.status_code == 200 and renamed.get_json()["name"] == "Sellingen-Dorp"
    stale = programme.patch(path, json={"name": "Anders"}, etag=made.headers["ETag"])
    assert stale.status_code == 412
    assert stale.get_json()["current"]["name"] == "Sellingen-Dorp"
    actions = [e.action.value for e in events_of(db_session, catalogue["programme"])]
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"name": "Ter Apel", "kind": "village"}, "name", 409),
        ({"name": "TER\u00a0APEL\u200b", "kind": "village"}, "name", 409),
        ({"name": "\u200b", "kind": "village"}, "name", 400),
        ({"name": "Dorp", "kind": "municipality"}, "kind", 400),
        ({"name": "Dorp", "kind": "city"}, "kind", 400),
        ({"name": "", "kind": "village"}, "name", 400),
        ({"name": "x" * 121, "kind": "village"}, "name", 400),
        ({"name": "Buurt", "kind": "neighbourhood"}, "parentId", 400),
    ],
)
def test_bad_areas_are_problems(catalogue, programme, body, field, status):
    response = programme.post(f"{API}/areas", json={"parentId": catalogue["west"].id, **body})
    assert response.status_code == status, response.get_json()
    assert field in problem_fields(response)


def test_unknown_parent_and_renaming_to_a_sibling(catalogue, programme):
    unknown = programme.post(
        f"{API}/areas", json={"parentId": 999999, "name": "Dorp", "kind": "village"}
    )
    assert unknown.status_code == 400 and "parentId" in problem_fields(unknown)
    path = f"{API}/areas/{catalogue['vlagtwedde'].id}"
    taken = programme.patch(
        path, json={"name": "ter apel"}, etag=programme.get(path).headers["ETag"]
    )
    assert taken.status_code == 409 and "name" in problem_fields(taken)


def test_operational_goal_gets_the_next_code_and_keeps_it(catalogue, programme, db_session):
    body = {"text": "Gezinnen vinden werk", "programmeLine": "target_group", "phasePlan": 3}
    made = programme.post(f"{API}/operational-goals", json=body)
    assert made.status_code == 201, made.get_json()
    goal = made.get_json()
    assert goal["code"].startswith("OD-") and goal["measurement"] == ""
    path = f"{API}/operational-goals/{goal['id']}"
    code_change = programme.patch(path, json={"code": "OD-99"}, etag=made.headers["ETag"])
    assert code_change.status_code == 400 and "code" in problem_fields(code_change)
    changed = programme.patch(
        path,
        json={"text": "Meer gezinnen vinden werk", "phasePlan": 4, "retired": True},
        etag=made.headers["ETag"],
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["phasePlan"] == 4 and changed.get_json()["retiredAt"]
    listed = programme.get(f"{API}/operational-goals?pageSize=100").get_json()["items"]
    assert goal["id"] not in [g["id"] for g in listed]
    again = programme.post(f"{API}/operational-goals", json={**body, "code": goal["code"]})
    assert again.status_code == 409 and "code" in problem_fields(again)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"programmeLine": "field", "phasePlan": 2}, "text"),
        ({"text": " ", "programmeLine": "field", "phasePlan": 2}, "text"),
        ({"text": "Doel", "programmeLine": "steering", "phasePlan": 2}, "programmeLine"),
        ({"text": "Doel", "programmeLine": "field", "phasePlan": 0}, "phasePlan"),
        ({"text": "Doel", "programmeLine": "field", "phasePlan": 2, "code": "od 1"}, "code"),
        ({"text": "x" * 5001, "programmeLine": "field", "phasePlan": 2}, "text"),
    ],
)
def test_bad_operational_goals_are_a_400(catalogue, programme, body, field):
    response = programme.post(f"{API}/operational-goals", json=body)
    assert response.status_code == 400, response.get_json()
    assert field in problem_fields(response)
