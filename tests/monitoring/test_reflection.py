"""The eiland van reflectie: sessions per year and group, findings per side of the
lemniscate, a decision per operational goal; operations, API and pages."""

from __future__ import annotations

import datetime as dt

import pytest

from maatwerk.core.errors import Conflict, NotFound, ValidationFailed
from maatwerk.reflection import operations as ops
from maatwerk.reflection.models import GoalDecision, LemniscateSide
from tests.monitoring.conftest import bearer, login
from tests.monitoring.world import World


@pytest.fixture
def world(db_session) -> World:
    w = World()
    db_session.commit()
    return w


def test_operations(world):
    me = world.programme
    session = ops.create_session(year=2024, group="steering_group", actor=me)
    with pytest.raises(Conflict):
        ops.create_session(year=2024, group="steering_group", actor=me)
    with pytest.raises(NotFound):
        ops.create_session(year=2024, group="managers", actor=world.coordinator)
    with pytest.raises(ValidationFailed):
        ops.create_session(year=1999, group="managers", actor=me)
    with pytest.raises(ValidationFailed):
        ops.add_finding(session, side="zij", text="  ", actor=me)
    finding = ops.add_finding(session, side="wij", text="Samen sterker", actor=me)
    assert finding.side is LemniscateSide.WIJ
    goal = world.goals["OD-13"]
    with pytest.raises(ValidationFailed):
        ops.record_decision(session, goal, decision="add_to_phase_plan", actor=me)
    decision = ops.record_decision(
        session, goal, decision="add_to_phase_plan", phase_plan=3, note="Via Jong", actor=me
    )
    assert decision.phase_plan == 3
    again = ops.record_decision(session, goal, decision="keep", phase_plan=4, actor=me)
    assert again is decision and decision.decision is GoalDecision.KEEP
    assert decision.phase_plan is None
    with pytest.raises(NotFound):
        ops.get_session(session.id, world.manager)


def test_api(app, world):
    client = app.test_client()
    headers = bearer(client, world.programme)
    created = client.post(
        "/api/v1/reflections",
        json={"year": 2024, "group": "programme_team", "heldOn": "2024-06-10"},
        headers=headers,
    )
    assert created.status_code == 201, created.get_json()
    url = created.headers["Location"]
    etag = created.headers["ETag"]
    assert (
        client.post(
            "/api/v1/reflections", json={"year": 2024, "group": "programme_team"}, headers=headers
        ).status_code
        == 409
    )
    finding = client.post(
        f"{url}/findings", json={"side": "het", "text": "Goede doelen"}, headers=headers
    )
    assert finding.status_code == 201
    assert finding.headers["Location"].endswith(f"/findings/{finding.get_json()['id']}")
    current = client.get(url, headers=headers)
    assert current.headers["ETag"] != etag
    goal = world.goals["OD-07"]
    decision_url = f"{url}/decisions/{goal.id}"
    body = {"decision": "add_to_phase_plan", "phasePlan": 2}
    assert client.put(decision_url, json=body, headers=headers).status_code == 428
    stale = client.put(decision_url, json=body, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412
    decided = client.put(
        decision_url, json=body, headers={**headers, "If-Match": current.headers["ETag"]}
    )
    assert decided.status_code == 200
    assert decided.get_json()["decisions"][0]["operationalGoalCode"] == "OD-07"
    assert (
        client.put(
            f"{url}/decisions/999999",
            json=body,
            headers={**headers, "If-Match": decided.headers["ETag"]},
        ).status_code
        == 404
    )
    patched = client.patch(
        url,
        json={"summary": "Goed gesprek"},
        headers={**headers, "If-Match": decided.headers["ETag"]},
    )
    assert patched.status_code == 200 and patched.get_json()["summary"] == "Goed gesprek"
    finding_id = finding.get_json()["id"]
    finding_url = f"{url}/findings/{finding_id}"
    assert client.delete(finding_url, headers=headers).status_code == 428
    stale = {**headers, "If-Match": decided.headers["ETag"]}
    assert client.delete(finding_url, headers=stale).status_code == 412
    current = {**headers, "If-Match": patched.headers["ETag"]}
    assert client.delete(finding_url, headers=current).status_code == 204
    # Taking back a decision never taken is a 404, not a silent 200.
    now = {**headers, "If-Match": client.get(url, headers=headers).headers["ETag"]}
    other_goal = next(g for code, g in world.goals.items() if code != "OD-07")
    assert client.delete(f"{url}/decisions/{other_goal.id}", headers=now).status_code == 404
    assert client.delete(decision_url, headers=now).status_code == 200
    listed = client.get("/api/v1/reflections?year=2024", headers=headers).get_json()
    assert listed["totalCount"] == 1 and listed["items"][0]["findings"] == []


def test_pages(app, world):
    client = login(app, world.programme)
    created = client.post(
        "/reflectie", data={"year": "2024", "group": "managers", "held_on": "2024-06-13"}
    )
    assert created.status_code == 302
    page_url = created.headers["Location"]
    page = client.get(page_url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for side in ("ZIJ", "HET", "IK", "WIJ"):
        assert side in html
    assert "OD-17" in html
    session_id = int(page_url.rstrip("/").split("/")[-1])
    assert (
        client.post(
            f"/reflectie/{session_id}/bevindingen", data={"side": "ik", "text": "Ik geloof erin"}
        ).status_code
        == 302
    )
    session = ops.get_session(session_id, world.programme)
    goal = world.goals["OD-05"]
    stale = client.post(
        f"/reflectie/{session_id}/besluiten",
        data={"version": "1", f"decision_{goal.id}": "drop"},
    )
    assert stale.status_code == 409
    missing_phase = client.post(
        f"/reflectie/{session_id}/besluiten",
        data={"version": str(session.version), f"decision_{goal.id}": "add_to_phase_plan"},
    )
    assert missing_phase.status_code == 400
    saved = client.post(
        f"/reflectie/{session_id}/besluiten",
        data={
            "version": str(session.version),
            f"decision_{goal.id}": "add_to_phase_plan",
            f"phase_{goal.id}": "3",
            f"note_{goal.id}": "Via Jong Hoogeveen",
        },
    )
    assert saved.status_code == 302
    html = client.get(page_url).get_data(as_text=True)
    assert "Ik geloof erin" in html and "Via Jong Hoogeveen" in html
    duplicate = client.post("/reflectie", data={"year": "2024", "group": "managers"})
    assert duplicate.status_code == 409


def test_a_refused_decision_keeps_every_row_and_marks_the_failing_one(app, world):
    """One row without its phase plan: the page comes back with every choice and note as
    typed, and the message stands next to that row."""
    client = login(app, world.programme)
    session = ops.create_session(year=2025, group="managers", actor=world.programme)
    from maatwerk.core.db import db

    db.session.commit()
    od1, od2, od3 = world.goals["OD-01"], world.goals["OD-02"], world.goals["OD-03"]
    response = client.post(
        f"/reflectie/{session.id}/besluiten",
        data={
            "version": str(session.version),
            f"decision_{od1.id}": "keep",
            f"note_{od1.id}": "Loopt goed in Pekela",
            f"decision_{od2.id}": "add_to_phase_plan",
            f"decision_{od3.id}": "drop",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'value="Loopt goed in Pekela"' in html
    assert '<option value="keep" selected>' in html
    assert '<option value="drop" selected>' in html
    assert '<option value="add_to_phase_plan" selected>' in html
    row = html.split(f'id="d-{od2.id}"')[0].rsplit("<tr", 1)[1]
    assert "m-invalid" in row and f'id="e-{od2.id}"' in row
    assert f'aria-describedby="e-{od2.id}"' in html
    assert "faseplan" in row.lower()
    assert ops.get_session(session.id, world.programme).decisions == []


def test_a_date_that_does_not_exist_is_refused_and_the_input_kept(app, world):
    client = login(app, world.programme)
    refused = client.post(
        "/reflectie",
        data={"year": "2026", "group": "managers", "held_on": "2026-13-45", "summary": "Goed"},
    )
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Dit is geen bestaande datum." in html
    assert 'value="2026-13-45"' in html and ">Goed</textarea>" in html
    assert ops.list_sessions(world.programme, 2026) == []

    session = ops.create_session(year=2026, group="managers", actor=world.programme)
    from maatwerk.core.db import db

    db.session.commit()
    changed = client.post(
        f"/reflectie/{session.id}",
        data={"version": str(session.version), "held_on": "2026-13-45", "summary": "Nieuw"},
    )
    assert changed.status_code == 400
    html = changed.get_data(as_text=True)
    assert "Dit is geen bestaande datum." in html and 'aria-invalid="true"' in html
    assert ">Nieuw</textarea>" in html
    db.session.expire_all()
    assert ops.get_session(session.id, world.programme).summary == ""


def test_reflection_and_monitoring_refusals_are_in_dutch(app, world):
    """A year outside 2000-2100 and a second session of a group and year say so in Dutch;
    the monitoring shows the latest year for a year without figures and an unknown area
    gets a monitoring message, not the page about plans."""
    client = login(app, world.programme)
    html = client.post("/reflectie", data={"year": "1900", "group": "managers"}).get_data(
        as_text=True
    )
    assert "Tussen 2000 en 2100." in html and "Between" not in html
    client.post("/reflectie", data={"year": "2024", "group": "managers"})
    html = client.post("/reflectie", data={"year": "2024", "group": "managers"}).get_data(
        as_text=True
    )
    assert "Voor dit jaar al vastgelegd." in html and "Already recorded" not in html

    dashboard = client.get("/monitoring?year=1900")
    assert dashboard.status_code == 200
    html = dashboard.get_data(as_text=True)
    assert "Geen cijfers voor dat jaar." in html and "Onbekende waarde" not in html
    unknown = client.get("/monitoring?areaId=999999")
    assert unknown.status_code == 404
    html = unknown.get_data(as_text=True)
    assert "niet in de monitoring" in html and "familie" not in html


def test_a_second_click_on_the_decisions_says_they_are_saved(app, world):
    client = login(app, world.programme)
    session = ops.create_session(year=2025, group="steering_group", actor=world.programme)
    from maatwerk.core.db import db

    db.session.commit()
    goal = world.goals["OD-04"]
    form = {
        "version": str(session.version),
        f"decision_{goal.id}": "add_to_phase_plan",
        f"phase_{goal.id}": "2",
        f"note_{goal.id}": "Samen met de GGD",
    }
    url = f"/reflectie/{session.id}/besluiten"
    assert client.post(url, data=form).status_code == 302
    again = client.post(url, data=form, follow_redirects=True)
    assert again.status_code == 200
    html = again.get_data(as_text=True)
    assert "Dit is al gebeurd" in html and "Iemand anders" not in html
    other = client.post(url, data=form | {f"note_{goal.id}": "Anders"})
    assert other.status_code == 409
    assert "intussen veranderd" in other.get_data(as_text=True)


def test_a_held_date_lies_in_the_year_or_the_next_and_not_ahead(app, world):
    client = app.test_client()
    headers = bearer(client, world.programme)
    today = dt.date.today()
    for year, held_on in (
        (today.year, "2099-06-10"),  # ahead: not held yet
        (2024, "1900-01-01"),  # a year typed wrong
        (2022, "2024-06-10"),  # two years after the year it reflects on
    ):
        refused = client.post(
            "/api/v1/reflections",
            json={"year": year, "group": "programme_team", "heldOn": held_on},
            headers=headers,
        )
        assert refused.status_code == 400, (year, held_on, refused.get_json())
        assert [p["name"] for p in refused.get_json()["invalidParams"]] == ["heldOn"]
    early_next = client.post(
        "/api/v1/reflections",
        json={"year": 2024, "group": "programme_team", "heldOn": "2025-01-20"},
        headers=headers,
    )
    assert early_next.status_code == 201, early_next.get_json()

    web = login(app, world.programme)
    page = web.post(
        "/reflectie", data={"year": "2024", "group": "managers", "held_on": "2099-01-01"}
    )
    assert page.status_code == 400
    assert "Deze dag is nog niet geweest." in page.get_data(as_text=True)
