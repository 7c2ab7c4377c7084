"""Catalogues through the API: organisations, areas, interventions, operational goals."""

from __future__ import annotations

import pytest

from maatwerk.audit.models import AuditEvent
from maatwerk.core.enums import Role
from tests.api.helpers import make_catalogue, staff

API = "/api/v1"


@pytest.fixture
def catalogue(setting, db_session):
    made = make_catalogue()
    db_session.commit()
    return made


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_catalogues_are_readable_by_every_logged_in_user(
    setting, catalogue, as_user, client, db_session
):
    programme, admin = staff(Role.PROGRAMME), staff(Role.ADMIN)
    db_session.commit()
    before = db_session.query(AuditEvent).count()
    paths = [
        "/organisations",
        "/areas",
        "/interventions",
        "/operational-goals",
        f"/organisations/{setting.ggz.id}",
        f"/areas/{catalogue['west'].id}",
        f"/interventions/{catalogue['kansen'].id}",
        f"/operational-goals/{catalogue['goals'][0].id}",
    ]
    for user in (setting.family, setting.outsider, programme, admin):
        api = as_user(user)
        for path in paths:
            response = api.get(API + path)
            assert response.status_code == 200, (user.role, path, response.get_json())
    assert db_session.query(AuditEvent).count() == before  # no household data, no audit
    anonymous = client.get(f"{API}/organisations")
    assert anonymous.status_code == 401
    assert anonymous.mimetype == "application/problem+json"


def test_organisations_by_sector(setting, catalogue, as_user):
    api = as_user(setting.family)
    welfare = ids(api.get(f"{API}/organisations?sector=welfare&pageSize=100"))
    assert catalogue["welfare"].id in welfare and setting.ggz.id not in welfare
    one = api.get(f"{API}/organisations/{setting.ggz.id}")
    assert one.get_json() == {
        "id": setting.ggz.id,
        "name": setting.ggz.name,
        "sector": "mental_health",
    }
    assert one.headers["ETag"].startswith(f'"organisation-{setting.ggz.id}-')
    page = api.get(f"{API}/organisations?pageSize=1&page=2").get_json()
    assert len(page["items"]) == 1 and page["totalCount"] >= 5 and page["page"] == 2


def test_areas_are_municipalities_with_their_villages(setting, catalogue, as_user):
    api = as_user(setting.coordinator)
    body = api.get(f"{API}/areas?pageSize=100").get_json()
    west = next(a for a in body["items"] if a["id"] == catalogue["west"].id)
    assert west["kind"] == "municipality" and west["parentId"] is None
    assert west["region"] == "Oost-Groningen"
    assert {c["name"] for c in west["children"]} == {"Vlagtwedde", "Ter Apel"}
    assert all(a["parentId"] is None for a in body["items"])
    villages = api.get(f"{API}/areas?parentId={catalogue['west'].id}").get_json()
    assert [a["name"] for a in villages["items"]] == ["Ter Apel", "Vlagtwedde"]
    assert villages["items"][0]["parentId"] == catalogue["west"].id
    assert (
        api.get(f"{API}/areas?parentId={catalogue['wildervank'].id}").get_json()["totalCount"] == 0
    )


def test_interventions_filters(setting, catalogue, as_user):
    api = as_user(setting.member)
    kansen, schulden = catalogue["kansen"].id, catalogue["schulden"].id
    assert set(ids(api.get(f"{API}/interventions?pageSize=100"))) >= {kansen, schulden}
    assert ids(api.get(f"{API}/interventions?domain=mental")) == [schulden]
    assert ids(api.get(f"{API}/interventions?domain=cultural")) == [kansen]
    # A municipality's own and its villages' interventions; a village gets its municipality's.
    assert ids(api.get(f"{API}/interventions?areaId={catalogue['veendam'].id}")) == [schulden]
    assert ids(api.get(f"{API}/interventions?areaId={catalogue['ter_apel'].id}")) == [kansen]
    assert ids(api.get(f"{API}/interventions?areaId={catalogue['wildervank'].id}")) == [schulden]
    assert ids(api.get(f"{API}/interventions?q=SPORT")) == [kansen]
    assert ids(api.get(f"{API}/interventions?q=schulden_en")) == [schulden]
    assert ids(api.get(f"{API}/interventions?q=100%25")) == [schulden]
    assert ids(api.get(f"{API}/interventions?q=%25%25%25")) == []
    one = api.get(f"{API}/interventions/{schulden}").get_json()
    assert one["domains"] == ["economic", "mental"]
    assert {o["id"] for o in one["organisations"]} == {
        catalogue["welfare"].id,
        catalogue["school"].id,
    }
    assert one["areas"] == [
        {"id": catalogue["wildervank"].id, "name": "Wildervank", "kind": "village"}
    ]


def test_operational_goals_filters(setting, catalogue, as_user):
    api = as_user(setting.family)
    first, second = (g.id for g in catalogue["goals"])
    assert ids(api.get(f"{API}/operational-goals?programmeLine=target_group")) == [first]
    assert ids(api.get(f"{API}/operational-goals?phasePlan=3")) == [second]
    one = api.get(f"{API}/operational-goals/{first}").get_json()
    assert one["programmeLine"] == "target_group" and one["phasePlan"] == 2
    assert one["measurement"].startswith("Aandeel")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/organisations?sector=bakery", "sector"),
        ("/organisations?page=0", "page"),
        ("/areas?parentId=abc", "parentId"),
        ("/areas?parentId=0", "parentId"),
        ("/interventions?domain=money", "domain"),
        ("/interventions?areaId=x", "areaId"),
        ("/interventions?q=" + "x" * 101, "q"),
        ("/operational-goals?programmeLine=steering", "programmeLine"),
        ("/operational-goals?phasePlan=two", "phasePlan"),
        ("/operational-goals?pageSize=500", "pageSize"),
        ("/areas?parentId=" + "9" * 25, "parentId"),
        ("/interventions?areaId=" + "9" * 25, "areaId"),
    ],
)
def test_bad_filters_are_a_400(setting, as_user, query, field):
    response = as_user(setting.family).get(API + query)
    assert response.status_code == 400, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert field in {p["name"] for p in response.get_json()["invalidParams"]}


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/" + "9" * 25,
        "/organisations/999999",
        "/areas/999999",
        "/interventions/999999",
        "/operational-goals/999999",
    ],
)
def test_unknown_entries_are_a_404_problem(setting, as_user, path):
    response = as_user(setting.family).get(API + path)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
