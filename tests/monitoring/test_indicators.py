"""Every indicator against the hand-computed scenario of conftest.py (before protection:
the raw cells of the cube, computed by GROUP BY in the database).

| indicator | 2024 | how |
|---|---|---|
| plans_started | 3 | P1, P2, P4 (2023: P3) |
| referral_days | 20 | (30 + 20 + 10) / 3 (2023: 11) |
| early_signalling_share | 33.3% | H1 of H1, H2, H4 (2023: H3, 100%) |
| plans_confirmed_by_family | 75% | P1, P2, P3 of P1-P4 (P4: light, the coordinator) |
| priority_changes_by_family | 50% | P1 by the family, P2 by the coordinator |
| domains_per_plan | 1.33 | P1 2, P2 1, P4 1 |
| barriers_reported / resolved | 2 / 2 | B1, B2 (2023: B3 reported) |
| barrier_days_to_resolve | 50 | B1 10, B2 90 |
| actions_multi_organisation | 25% | a1 of a1, a2, a3, a5 (a4 rejected) |
| actions_by_network | 25% | a2 |
| capacity_barriers | 1 | B2 |
| coordinator_changes_per_plan_year | 1 / 2.98 | one hand-over; 327 + 286 + 274 + 203 plan-days |
| coordinator_continuity | 75% | P1 changed |
| plan_duration_days | 254 | P3 305, P4 203 |
| plan_cycles | 1.5 | P3 2, P4 1 |
| structural_barriers | 2 | B2, B3 |
| structural_barrier_days_open | 233.7 | B2 90, B3 377.46 (open to year end) |
| score_change family / professional | 1.67 / 1.0 | P3 +1 +2, P1 +2 / P3 +2 +1, P1 0 |
| survey.own_priorities intake / evaluation | 3.0 / 5.0 | 4 and 2 / 5 |
"""

from __future__ import annotations

import datetime as dt

import pytest

from maatwerk.monitoring.areas import TOTAL, AreaTree
from maatwerk.monitoring.indicators import INDICATORS, Kind
from maatwerk.monitoring.models import AreaScope
from maatwerk.monitoring.periods import Period
from maatwerk.monitoring.rollup import compute_cube
from tests.monitoring.conftest import TODAY


class Cube:
    """The raw cube of one indicator and year, with the figure of a cell."""

    def __init__(self, key: str, year: int) -> None:
        self.indicator = INDICATORS[key]
        self.cells = compute_cube(self.indicator, Period.of(year, TODAY), AreaTree.load())

    def cell(self, series: str = "", node=TOTAL, intervention: int = 0, domain: str = ""):
        return self.cells.get((series, node, intervention, domain))

    def value(self, series: str = "", node=TOTAL, intervention: int = 0, domain: str = ""):
        cell = self.cell(series, node, intervention, domain)
        if cell is None:
            return None
        if self.indicator.kind is Kind.COUNT:
            return cell.num
        factor = 100.0 if self.indicator.kind is Kind.SHARE else 1.0
        return cell.num / cell.den * factor

    def households(self, series: str = "", node=TOTAL, intervention: int = 0, domain: str = ""):
        cell = self.cell(series, node, intervention, domain)
        return cell.households if cell else 0


def days(later: str, earlier: str) -> int:
    return (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days


EXPECTED_2024 = {
    ("plans_started", ""): (3, 3),
    ("referral_days", ""): (20.0, 3),
    ("early_signalling_share", ""): (100 / 3, 3),
    ("plans_confirmed_by_family", ""): (75.0, 4),
    ("priority_changes_by_family", ""): (50.0, 2),
    ("domains_per_plan", ""): (4 / 3, 3),
    ("barriers_reported", ""): (2, 2),
    ("barriers_resolved", ""): (2, 2),
    ("barrier_days_to_resolve", ""): (50.0, 2),
    ("actions_multi_organisation", ""): (25.0, 3),
    ("actions_by_network", ""): (25.0, 3),
    ("capacity_barriers", ""): (1, 1),
    ("coordinator_continuity", ""): (75.0, 4),
    ("plan_duration_days", ""): ((305 + 203) / 2, 2),
    ("plan_cycles", ""): (1.5, 2),
    ("structural_barriers", ""): (2, 2),
    ("score_change", "family"): (5 / 3, 2),
    ("score_change", "professional"): (1.0, 2),
    ("survey.own_priorities", "intake"): (3.0, 2),
    ("survey.own_priorities", "evaluation"): (5.0, 1),
    ("survey.coherence", "intake"): (3.0, 1),
    ("survey.pro_family_decides", "intake"): (3.0, 1),
}

EXPECTED_2023 = {
    ("plans_started", ""): 1,
    ("referral_days", ""): 11.0,
    ("early_signalling_share", ""): 100.0,
    ("plans_confirmed_by_family", ""): 100.0,
    ("barriers_reported", ""): 1,
    ("actions_multi_organisation", ""): 0.0,
}


def test_every_indicator_in_2024_and_2023(scenario):
    # One scenario, every figure: the mismatches are reported together.
    wrong = []
    for (key, series), (value, households) in sorted(EXPECTED_2024.items()):
        cube = Cube(key, 2024)
        got = (cube.value(series), cube.households(series))
        if got[0] != pytest.approx(value) or got[1] != households:
            wrong.append(f"2024 {key} {series}: {got} != {(value, households)}")
    for (key, series), value in sorted(EXPECTED_2023.items()):
        got = Cube(key, 2023).value(series)
        if got != pytest.approx(value):
            wrong.append(f"2023 {key} {series}: {got} != {value}")
    assert not wrong, "\n".join(wrong)


def test_coordinator_changes_per_plan_year(scenario):
    exposure = (
        days("2025-01-01", "2024-02-09")  # P1, open all year
        + days("2025-01-01", "2024-03-21")  # P2
        + days("2024-10-01", "2024-01-01")  # P3, closed 1 October
        + days("2024-11-30", "2024-05-11")  # P4, closed 30 November
    )
    assert exposure == 327 + 286 + 274 + 203
    cube = Cube("coordinator_changes_per_plan_year", 2024)
    assert cube.value() == pytest.approx(1 / (exposure / 365.25))
    assert cube.households() == 4


def test_structural_days_open_counts_open_barriers_to_the_end_of_the_year(scenario):
    year_end = dt.datetime(2024, 12, 31, 23, tzinfo=dt.UTC)  # 1 January, Dutch time
    b3 = (year_end - dt.datetime(2023, 12, 20, 12, tzinfo=dt.UTC)).total_seconds() / 86400
    cube = Cube("structural_barrier_days_open", 2024)
    assert cube.value() == pytest.approx((90 + b3) / 2)


def test_breakdown_by_area(scenario):
    w = scenario.world
    cube = Cube("plans_started", 2024)
    assert cube.value(node=(AreaScope.PLACE, w.v1.id)) == 1
    assert cube.value(node=(AreaScope.PLACE, w.v2.id)) == 1
    assert cube.value(node=(AreaScope.DIRECT, w.m1.id)) == 1  # P4: no village recorded
    assert cube.value(node=(AreaScope.MUNICIPALITY, w.m1.id)) == 3
    assert cube.cell(node=(AreaScope.MUNICIPALITY, w.m2.id)) is None
    assert Cube("plans_started", 2023).value(node=(AreaScope.MUNICIPALITY, w.m2.id)) == 1


def test_breakdown_by_intervention_and_domain(scenario):
    w = scenario.world
    started = Cube("plans_started", 2024)
    assert started.value(intervention=w.i1.id) == 2  # P1 and P4; P2's I1 action was rejected
    assert started.value(intervention=w.i2.id) == 1
    assert started.value(domain="economic") == 2
    assert started.value(domain="mental") == 1
    multi = Cube("actions_multi_organisation", 2024)
    assert multi.value(intervention=w.i1.id) == pytest.approx(50.0)
    assert multi.value(intervention=w.i2.id) == pytest.approx(0.0)
    assert multi.value(domain="economic") == pytest.approx(50.0)
    assert multi.value(domain="social") == pytest.approx(0.0)
    barriers = Cube("barriers_reported", 2024)
    assert barriers.value(intervention=w.i1.id) == 1
    assert barriers.value(intervention=w.i2.id) == 1


def test_score_change_per_domain_and_intervention_family_and_professional_apart(scenario):
    w = scenario.world
    cube = Cube("score_change", 2024)
    assert cube.value("family", domain="economic") == pytest.approx(1.5)
    assert cube.value("professional", domain="economic") == pytest.approx(1.5)
    assert cube.value("family", domain="social") == pytest.approx(2.0)
    assert cube.value("professional", domain="social") == pytest.approx(0.0)
    assert cube.value("family", intervention=w.i1.id) == pytest.approx(2.0)  # P1 only
    assert cube.households("family", intervention=w.i1.id) == 1
    assert cube.value("family", intervention=w.i1.id, domain="social") == pytest.approx(2.0)
