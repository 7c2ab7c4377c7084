"""The dashboard's filters (issue 8 item 5): year, area, intervention and domain change the
figures the page shows, programme line and phase plan choose the goals, and a filtered
figure under 10 households reads "< 10" like every other small cell."""

from __future__ import annotations

import re

import pytest

from maatwerk.core.db import db
from maatwerk.core.enums import Domain
from maatwerk.monitoring.rollup import refresh
from tests.monitoring.conftest import TODAY, login

ROW = re.compile(
    r'href="/monitoring/indicatoren/plans_started[^"]*">.*?</th>\s*'
    r'<td class="num(?P<hidden> m-suppressed)?">(?P<current>[^<]*)</td>',
    re.S,
)
GOAL = re.compile(r'<span class="m-code">(OD-\d+)</span>')


@pytest.fixture
def with_interventions(crowd):
    """2024: 12 of the 14 plans of village V1 get a social goal with a step of intervention
    I1; the 12 plans of municipality M1 without a village an economic goal with a step of I2.
    (With I2 at zero households I1 would be hidden too: one hidden entry next to the total.)"""
    w = crowd.world
    v1_plans, m1_plans = crowd.plans[:12], crowd.plans[17:29]
    for plans, area, domain, intervention in (
        (v1_plans, w.v1, Domain.SOCIAL, w.i1),
        (m1_plans, w.m1, Domain.ECONOMIC, w.i2),
    ):
        for plan in plans:
            assert plan.household.area_id == area.id
            goal = w.goal(plan, domain)
            w.action(plan, goal, "2024-02-10", intervention=intervention)
    refresh([2024], today=TODAY)
    db.session.commit()
    return crowd


def plans_started(client, query: str) -> str:
    """The 2024 (or chosen year's) figure of "plans started" on the dashboard."""
    response = client.get(f"/monitoring?{query}")
    assert response.status_code == 200, query
    match = ROW.search(response.get_data(as_text=True))
    assert match is not None, query
    shown = match.group("current").replace("&lt;", "<").strip()
    assert (match.group("hidden") is not None) == (shown == "< 10"), query
    return shown


def goals_shown(client, query: str) -> set[str]:
    response = client.get(f"/monitoring?{query}")
    assert response.status_code == 200, query
    return set(GOAL.findall(response.get_data(as_text=True)))


def test_year_and_area_filters(app, with_interventions):
    w = with_interventions.world
    client = login(app, w.programme)
    assert plans_started(client, "year=2024") == "40"
    assert plans_started(client, "year=2023") == "10"
    assert plans_started(client, f"year=2024&areaId={w.m1.id}") == "29"
    assert plans_started(client, f"year=2024&areaId={w.v1.id}") == "14"
    assert plans_started(client, f"year=2024&areaId={w.v2.id}") == "< 10"  # 3 households
    assert plans_started(client, f"year=2024&areaId={w.m2.id}") == "11"


def test_intervention_and_domain_filters(app, with_interventions):
    w = with_interventions.world
    client = login(app, w.programme)
    assert plans_started(client, f"year=2024&interventionId={w.i1.id}") == "12"
    assert plans_started(client, f"year=2024&interventionId={w.i2.id}") == "12"
    assert plans_started(client, "year=2024&domain=social") == "12"
    assert plans_started(client, "year=2024&domain=economic") == "12"
    assert plans_started(client, "year=2024&domain=mental") == "< 10"  # no plan at all
    # Filters combine: the intervention in a year, a village or a domain without it.
    assert plans_started(client, f"year=2023&interventionId={w.i1.id}") == "< 10"
    village = f"year=2024&areaId={w.v2.id}&interventionId={w.i1.id}"
    assert plans_started(client, village) == "< 10"
    other_domain = f"year=2024&interventionId={w.i1.id}&domain=economic"
    assert plans_started(client, other_domain) == "< 10"


def test_programme_line_and_phase_plan_choose_the_goals(app, with_interventions):
    w = with_interventions.world
    client = login(app, w.programme)
    every = goals_shown(client, "year=2024")
    assert {f"OD-{n:02d}" for n in range(1, 18)} <= every
    field = goals_shown(client, "year=2024&programmeLine=field")
    wanted = {g.code for g in w.goals.values() if g.programme_line.value == "field"}
    assert field == wanted and "OD-01" not in field
    third = goals_shown(client, "year=2024&phasePlan=3")
    assert third == {g.code for g in w.goals.values() if g.phase_plan == 3}
    assert third and third < every
