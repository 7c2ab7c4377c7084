"""OD-17 end to end: case reviews run through the case review operations, the figures
rebuilt with the programme's 'update now' button, then read on the dashboard and the API.

Twelve households in one village, all with learning consent. Session A discusses ten of
them, is held with the coordinator (municipality), a GGZ professional and an experience
expert, records two lessons and is published; session B discusses the other two and is
held with the expert only. This year: 2 sessions held over 12 households, 2 lessons over
A's 10 households, 4 taking part (A: 2 organisations + 1 expert, B: 1 expert). Only the
region's totals are asserted: each rests on at least 10 households, so small-cell
suppression never hides them (a village or municipality cell may be hidden to protect an
empty neighbour).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from maatwerk.casereview.operations import (
    add_case,
    approve_pack,
    create_session,
    fire_session_trigger,
    invite_participant,
    record_lesson,
)
from maatwerk.core.enums import ConsentPurpose
from maatwerk.households.operations import give_consent
from tests.monitoring.conftest import bearer, login
from tests.monitoring.world import World, populate

EXPECTED = {  # indicator: (value, households)
    "case_reviews_held": (2, 12),
    "lessons_published": (2, 10),
    "case_review_participants": (4, 12),
}


def _run_session(w: World, title: str, plans, people, lessons: int, publish: bool) -> None:
    session = create_session(title=title, actor=w.programme)
    for plan in plans:
        approve_pack(add_case(session, plan.id, actor=w.programme), actor=w.programme)
    for person in people:
        invite_participant(session, person.id, actor=w.programme)
    fire_session_trigger(session, "prepare", actor=w.programme)
    fire_session_trigger(session, "hold", actor=w.programme)
    for n in range(lessons):
        record_lesson(
            session,
            actor=w.coordinator,
            title=f"Eén vast gezicht {n}",
            description="Het gezin hield contact met één vaste regisseur.",
            effect="worked",
        )
    if publish:
        fire_session_trigger(session, "publish", actor=w.programme)


@pytest.fixture
def reviewed(db_session) -> World:
    w = World()
    plans = populate(w, [(w.v1, 12, dt.date.today().year)])
    for plan in plans:
        give_consent(
            plan.household,
            organisation=w.municipality,
            purpose=ConsentPurpose.LEARNING,
            given_by=plan.household.members[0],
            actor=w.coordinator,
        )
    _run_session(w, "Sessie A", plans[:10], [w.coordinator, w.member, w.expert], 2, True)
    _run_session(w, "Sessie B", plans[10:], [w.expert], 0, False)
    db_session.commit()
    return w


def _dashboard_row(html: str, key: str) -> list[str]:
    """The figures of one indicator's first row on the dashboard: this year, last year,
    households."""
    goal = re.search(r'<article class="m-goal panel" id="goal-OD-17">(.*?)</article>', html, re.S)
    assert goal is not None
    row = re.search(rf"<tr>\s*<th[^>]*>(?:(?!</tr>).)*?/indicatoren/{key}\b.*?</tr>", goal[1], re.S)
    assert row is not None, key
    return [cell.strip() for cell in re.findall(r'<td class="num[^"]*">([^<]*)</td>', row[0])]


def test_case_reviews_reach_the_dashboard_and_the_api(app, reviewed):
    w, year = reviewed, dt.date.today().year
    client = login(app, w.programme)
    before = client.get(f"/monitoring?year={year}").get_data(as_text=True)
    assert _dashboard_row(before, "case_reviews_held")[0] == "&lt; 10"  # no figures yet
    refreshed = client.post("/monitoring/vernieuwen")
    assert refreshed.status_code == 302
    html = client.get(f"/monitoring?year={year}").get_data(as_text=True)
    for key, (value, households) in EXPECTED.items():
        current, _previous, counted = _dashboard_row(html, key)
        # Shown with one decimal (an area's share of a session can be a fraction), in Dutch.
        assert (current, counted) == (f"{value},0", str(households)), key

    api = app.test_client()
    body = api.get(
        f"/api/v1/monitoring/indicators?year={year}", headers=bearer(api, w.programme)
    ).get_json()
    od17 = next(g for g in body["goals"] if g["code"] == "OD-17")
    figures = {i["key"]: i["series"][0]["current"] for i in od17["indicators"]}
    for key, (value, households) in EXPECTED.items():
        assert not figures[key]["suppressed"], key
        assert figures[key]["value"] == pytest.approx(value), key
        assert figures[key]["households"] == households, key
