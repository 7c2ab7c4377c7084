"""The programme's catalogue pages: list, add, change, retire; a stale form saves nothing;
everyone else gets a 404; the menu leads there."""

from __future__ import annotations

import pytest

from maatwerk.audit.models import AuditEvent
from maatwerk.catalogue.models import Area, Intervention, OperationalGoal
from tests.web.helpers import text

PAGES = [
    "/catalogi",
    "/catalogi/interventies",
    "/catalogi/interventies/nieuw",
    "/catalogi/doelen",
    "/catalogi/doelen/nieuw",
    "/catalogi/gebieden",
]


def test_the_programme_reaches_the_catalogues_from_its_menu_and_home(cat, login):
    client = login(cat["programme"])
    home = text(client.get("/"))
    assert 'href="/catalogi"' in home and "Catalogi" in home
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    assert client.get(f"/catalogi/interventies/{cat['kansen'].id}").status_code == 200
    assert client.get(f"/catalogi/doelen/{cat['goals'][0].id}").status_code == 200
    assert client.get(f"/catalogi/gebieden/{cat['west'].id}").status_code == 200


@pytest.mark.parametrize("who", ["coordinator", "family"])
def test_others_get_a_404(setting, cat, login, who):
    client = login(getattr(setting, who))
    for path in PAGES:
        assert client.get(path).status_code == 404, path
    posted = client.post("/catalogi/interventies/nieuw", data={"name": "X", "domains": "social"})
    assert posted.status_code == 404
    assert 'href="/catalogi"' not in text(client.get("/sociale-kaart"))


def _denied(db_session, user) -> list[tuple[str, str, str | None]]:
    db_session.expire_all()
    return [
        (e.action.value, e.object_type, e.object_id)
        for e in db_session.query(AuditEvent)
        .filter_by(user_id=user.id, outcome="denied")
        .order_by(AuditEvent.id)
    ]


@pytest.mark.parametrize("who", ["coordinator", "family"])
def test_a_refused_attempt_is_audited_as_denied(setting, cat, login, db_session, who):
    user = getattr(setting, who)
    client = login(user)
    kansen, west = cat["kansen"], cat["west"]
    answers = [
        client.post("/catalogi/interventies/nieuw", data={"name": "X", "domains": "social"}),
        client.post(f"/catalogi/interventies/{kansen.id}/status", data={"retired": "y"}),
        client.post("/catalogi/gebieden", data={"parent_id": west.id, "name": "X"}),
        client.post(f"/catalogi/gebieden/{west.id}", data={"name": "X", "version": "1"}),
        client.get("/catalogi/doelen"),
    ]
    assert [a.status_code for a in answers] == [404] * 5
    assert _denied(db_session, user) == [
        ("create", "intervention", None),
        ("update", "intervention", str(kansen.id)),
        ("create", "area", None),
        ("update", "area", str(west.id)),
        ("read", "operational_goal", None),
    ]
    events = db_session.query(AuditEvent).filter_by(user_id=user.id, outcome="denied")
    assert {e.purpose for e in events} == {"catalogue_maintenance"}
    assert (
        db_session.query(AuditEvent).filter_by(outcome="success", object_type="area").count() == 0
    )


def test_the_programme_is_not_audited_as_denied(cat, login, db_session):
    client = login(cat["programme"])
    assert client.get("/catalogi/interventies").status_code == 200
    assert _denied(db_session, cat["programme"]) == []


def test_add_an_intervention_through_the_form(cat, login, db_session):
    client = login(cat["programme"])
    data = {
        "name": "Thuis in de buurt",
        "description": "Buurtcoaches",
        "domains": ["social", "mental"],
        "organisation_ids": [str(cat["welfare"].id)],
        "area_ids": [str(cat["ter_apel"].id)],
    }
    answer = client.post("/catalogi/interventies/nieuw", data=data)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/interventies")
    made = db_session.query(Intervention).filter_by(name="Thuis in de buurt").one()
    assert {d.value for d in made.domains} == {"social", "mental"}
    assert made.areas == [cat["ter_apel"]]
    assert "Thuis in de buurt is toegevoegd." in text(client.get("/catalogi/interventies"))
    assert db_session.query(AuditEvent).filter_by(object_type="intervention").count() == 1


def test_refused_input_is_shown_in_dutch(cat, login):
    client = login(cat["programme"])
    empty = client.post("/catalogi/interventies/nieuw", data={"name": ""})
    assert empty.status_code == 400
    taken = client.post(
        "/catalogi/interventies/nieuw", data={"name": cat["kansen"].name, "domains": "social"}
    )
    assert taken.status_code == 409
    assert "Er is al een interventie met deze naam." in text(taken)
    look_alike = client.post(
        "/catalogi/interventies/nieuw",
        data={"name": cat["kansen"].name.replace(" ", "  ") + "\u200b", "domains": "social"},
    )
    assert look_alike.status_code == 409
    assert "Er is al een interventie met deze naam." in text(look_alike)
    invisible = client.post(
        "/catalogi/interventies/nieuw", data={"name": "\u200b", "domains": "social"}
    )
    assert invisible.status_code in (400, 422), text(invisible)
    assert "De naam is leeg." in text(invisible)


def test_a_stale_edit_saves_nothing_and_keeps_the_input(cat, login, db_session):
    client = login(cat["programme"])
    path = f"/catalogi/interventies/{cat['kansen'].id}"
    first = {"version": "1", "name": "Kansen Eerst", "domains": "cultural"}
    assert client.post(path, data=first).status_code == 302
    late = client.post(path, data={**first, "name": "Kansen Later"})
    assert late.status_code == 409
    page = text(late)
    assert "Iemand heeft dit intussen veranderd" in page and 'value="Kansen Later"' in page
    assert 'name="version" type="hidden" value="2"' in page
    db_session.expire_all()
    assert db_session.get(Intervention, cat["kansen"].id).name == "Kansen Eerst"


def test_retire_and_offer_again(cat, login, db_session):
    client = login(cat["programme"])
    path = f"/catalogi/interventies/{cat['kansen'].id}/status"
    assert client.post(path, data={"version": "1", "retired": "1"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(Intervention, cat["kansen"].id).retired
    stale = client.post(path, data={"version": "1", "retired": "0"})
    assert "intussen veranderd" in text(client.get(stale.headers["Location"]))
    assert client.post(path, data={"version": "2", "retired": "0"}).status_code == 302
    db_session.expire_all()
    assert not db_session.get(Intervention, cat["kansen"].id).retired


def test_goals_add_change_retire(cat, login, db_session):
    client = login(cat["programme"])
    added = client.post(
        "/catalogi/doelen/nieuw",
        data={"text": "Kinderen sporten", "programme_line": "target_group", "phase_plan": "3"},
    )
    assert added.status_code == 302
    goal = db_session.query(OperationalGoal).filter_by(text="Kinderen sporten").one()
    listed = text(client.get("/catalogi/doelen"))
    assert goal.code in listed and "Voor dit doel is nog geen indicator vastgesteld." in listed
    assert goal.code == "OD-18"  # after the codes the indicator registry knows
    path = f"/catalogi/doelen/{goal.id}"
    changed = client.post(
        path,
        data={
            "version": "1",
            "text": "Alle kinderen sporten",
            "programme_line": "field",
            "phase_plan": "4",
            "code": "HACK-1",
        },
    )
    assert changed.status_code == 302
    db_session.expire_all()
    goal = db_session.get(OperationalGoal, goal.id)
    assert (goal.text, goal.phase_plan, goal.code[:3]) == ("Alle kinderen sporten", 4, "OD-")
    bad = client.post(
        path, data={"version": "2", "text": "x", "programme_line": "field", "phase_plan": "0"}
    )
    assert bad.status_code == 400
    assert client.post(f"{path}/status", data={"version": "2", "retired": "1"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(OperationalGoal, goal.id).retired


def test_areas_add_a_village_and_rename_it(cat, login, db_session):
    client = login(cat["programme"])
    added = client.post(
        "/catalogi/gebieden",
        data={"parent_id": str(cat["west"].id), "kind": "village", "name": "Sellingen"},
    )
    assert added.status_code == 302
    village = db_session.query(Area).filter_by(name="Sellingen").one()
    assert "Sellingen" in text(client.get("/catalogi/gebieden"))
    twice = client.post(
        "/catalogi/gebieden",
        data={"parent_id": str(cat["west"].id), "kind": "village", "name": "sellingen"},
    )
    assert twice.status_code == 409 and "Daar ligt al een gebied met deze naam." in text(twice)
    look_alike = client.post(
        "/catalogi/gebieden",
        data={"parent_id": str(cat["west"].id), "kind": "village", "name": "SELLINGEN\u200b "},
    )
    assert look_alike.status_code == 409
    assert "Daar ligt al een gebied met deze naam." in text(look_alike)
    renamed = client.post(
        f"/catalogi/gebieden/{village.id}", data={"version": "1", "name": "Sellingen-Dorp"}
    )
    assert renamed.status_code == 302
    stale = client.post(f"/catalogi/gebieden/{village.id}", data={"version": "1", "name": "X"})
    assert stale.status_code == 409
    db_session.expire_all()
    assert db_session.get(Area, village.id).name == "Sellingen-Dorp"
