"""The hand-computed scenario of the indicator tests and fixtures around it.

Four households in 2023-2024 (see the table in test_indicators.py for every expected
figure): H1 in village V1, H2 in village V2, H3 in municipality M2, H4 in municipality M1
without a village.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from maatwerk.barriers.models import Barrier
from maatwerk.barriers.operations import report_barrier
from maatwerk.core.db import db
from maatwerk.core.enums import BarrierCategory, Carrier, Domain, Moment, ReferralSource, ScoredBy
from maatwerk.monitoring.surveys import record_survey
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.models import Plan, TeamMembership
from maatwerk.plans.operations import change_coordinator
from tests.monitoring.world import World, at, d

TODAY = dt.date(2025, 6, 1)  # the scenario is looked at from here: 2024 is complete


@dataclass
class Scenario:
    world: World
    p1: Plan
    p2: Plan
    p3: Plan
    p4: Plan
    b1: Barrier
    b2: Barrier
    b3: Barrier


def _score(w: World, plan, domain, by, moment, score, day):
    actor = w.family(plan) if by is ScoredBy.FAMILY else w.coordinator
    if moment is Moment.EVALUATION and plan.status != "evaluating":
        # A scenario's evaluation score dated within an active period: written as a row
        # (record_score takes evaluation scores only while the plan is being evaluated).
        db.session.add(
            OutcomeScore(
                plan=plan,
                cycle=plan.cycle,
                domain=domain,
                score=score,
                scored_by=by,
                scored_by_user_id=actor.id,
                moment=moment,
                scored_on=d(day),
            )
        )
        db.session.flush()
        return
    record_score(
        plan,
        domain=domain,
        score=score,
        scored_by=by,
        moment=moment,
        actor=actor,
        scored_on=d(day),
    )


def build_scenario() -> Scenario:
    w = World()
    fam, pro = ScoredBy.FAMILY, ScoredBy.PROFESSIONAL
    intake, evaluation = Moment.INTAKE, Moment.EVALUATION
    h1 = w.household(w.v1, referred_on="2024-01-10", source=ReferralSource.EARLY_SIGNALLING)
    h2 = w.household(w.v2, referred_on="2024-03-01", source=ReferralSource.PARTNER)
    h3 = w.household(w.m2, referred_on="2023-11-20", source=ReferralSource.EARLY_SIGNALLING)
    h4 = w.household(w.m1, referred_on="2024-05-01", source=ReferralSource.SELF)

    # P3 (H3, M2): two cycles, economic scores, closed on 2024-10-01.
    p3 = w.plan(h3, "2023-12-01")
    w.explore(p3, "2023-12-02")
    g5 = w.goal(p3, Domain.ECONOMIC)
    w.prioritise(p3, [g5], "2023-12-05")
    w.action(p3, g5, "2023-12-06")
    w.fire(p3, "confirm_plan", w.family(p3), "2023-12-15")
    _score(w, p3, Domain.ECONOMIC, fam, intake, 2, "2023-12-01")
    _score(w, p3, Domain.ECONOMIC, pro, intake, 2, "2023-12-01")
    w.fire(p3, "start_evaluation", w.coordinator, "2024-02-20")
    _score(w, p3, Domain.ECONOMIC, fam, evaluation, 3, "2024-03-01")
    _score(w, p3, Domain.ECONOMIC, pro, evaluation, 4, "2024-03-01")
    w.fire(p3, "new_cycle", w.coordinator, "2024-03-15")
    w.fire(p3, "confirm_plan", w.family(p3), "2024-03-20")
    _score(w, p3, Domain.ECONOMIC, fam, intake, 3, "2024-04-01")
    _score(w, p3, Domain.ECONOMIC, pro, intake, 3, "2024-04-01")
    w.fire(p3, "start_evaluation", w.coordinator, "2024-09-01")
    _score(w, p3, Domain.ECONOMIC, fam, evaluation, 5, "2024-09-15")
    _score(w, p3, Domain.ECONOMIC, pro, evaluation, 4, "2024-09-15")
    record_survey(
        p3,
        respondent=fam,
        moment=evaluation,
        answers={"own_priorities": 5},
        actor=w.family(p3),
        answered_on=d("2024-09-20"),
    )
    # B3 on P3: reported in 2023, structural from 2024-01-15, still open (reported while
    # P3 was open: a closed plan takes no new barrier).
    b3 = report_barrier(
        p3,
        category=BarrierCategory.RULES,
        description="Regel",
        actor=w.coordinator,
        escalate_to=[w.ggz],
    )
    b3.reported_at = at("2023-12-20")
    w.fire(b3, "escalate", w.coordinator, "2023-12-21")
    w.fire(b3, "make_structural", w.manager, "2024-01-15", reason="Structureel")
    w.fire(p3, "close", w.coordinator, "2024-10-01", reason="Doelen bereikt")

    # P1 (H1, V1): started 2024-02-09; two domains; reprioritised by the family.
    p1 = w.plan(h1, "2024-02-09")
    w.explore(p1, "2024-02-10")
    g1, g2 = w.goal(p1, Domain.ECONOMIC), w.goal(p1, Domain.SOCIAL)
    w.prioritise(p1, [g1, g2], "2024-02-12")
    a1 = w.action(p1, g1, "2024-02-15", participating=(w.ggz,), intervention=w.i1)
    w.action(p1, g2, "2024-02-20", carrier=Carrier.NETWORK, lead=None, by_family=True)
    w.fire(p1, "confirm_plan", w.family(p1), "2024-03-01")
    _score(w, p1, Domain.SOCIAL, fam, intake, 1, "2024-02-10")
    _score(w, p1, Domain.SOCIAL, pro, intake, 2, "2024-02-10")
    _score(w, p1, Domain.SOCIAL, fam, evaluation, 3, "2024-12-01")
    _score(w, p1, Domain.SOCIAL, pro, evaluation, 2, "2024-12-01")
    w.fire(p1, "reprioritise", w.family(p1), "2024-06-01")
    w.fire(p1, "confirm_plan", w.family(p1), "2024-06-10")
    record_survey(
        p1,
        respondent=fam,
        moment=intake,
        answers={"own_priorities": 4, "coherence": 3},
        actor=w.family(p1),
        answered_on=d("2024-02-15"),
    )
    record_survey(
        p1,
        respondent=pro,
        moment=intake,
        answers={"pro_family_decides": 3},
        actor=w.coordinator,
        answered_on=d("2024-02-15"),
    )
    change_coordinator(p1, w.second, actor=w.coordinator)
    for membership in p1.team:
        if membership.started_at.year > 2024:
            membership.started_at = at("2024-08-01")
        if membership.ended_at is not None and membership.ended_at.year > 2024:
            membership.ended_at = at("2024-08-01")
    b1 = report_barrier(
        p1,
        category=BarrierCategory.BUDGET,
        description="Geen budget",
        actor=w.second,
        action=a1,
    )
    b1.reported_at = at("2024-03-10")
    w.fire(b1, "resolve", w.second, "2024-03-20", reason="Opgelost in het team")
    b1.resolved_at = at("2024-03-20")

    # P2 (H2, V2): started 2024-03-21; one mental domain; reprioritised by the coordinator.
    p2 = w.plan(h2, "2024-03-21")
    w.explore(p2, "2024-03-22")
    g3, g4 = w.goal(p2, Domain.MENTAL), w.goal(p2, Domain.MENTAL, "Slapen")
    w.prioritise(p2, [g3, g4], "2024-03-23")
    a3 = w.action(p2, g3, "2024-03-25", lead="ggz", intervention=w.i2)
    w.action(p2, g3, "2024-03-26", participating=(w.ggz,), intervention=w.i1, agree=False)
    w.fire(p2, "confirm_plan", w.family(p2), "2024-04-01")
    w.fire(p2, "reprioritise", w.coordinator, "2024-07-01")
    w.fire(p2, "confirm_plan", w.family(p2), "2024-07-05")
    record_survey(
        p2,
        respondent=fam,
        moment=intake,
        answers={"own_priorities": 2},
        actor=w.family(p2),
        answered_on=d("2024-03-25"),
    )
    b2 = report_barrier(
        p2,
        category=BarrierCategory.CAPACITY,
        description="Wachtlijst",
        actor=w.coordinator,
        action=a3,
        escalate_to=[w.ggz],
    )
    b2.reported_at = at("2024-04-05")
    w.fire(b2, "escalate", w.coordinator, "2024-04-06")
    w.fire(b2, "make_structural", w.manager, "2024-05-01", reason="Landelijke regel")
    w.fire(b2, "resolve_structural", w.programme, "2024-07-04", reason="Regel aangepast")
    b2.resolved_at = at("2024-07-04")

    # P4 (H4, M1 without village): light plan, activated by the coordinator.
    p4 = w.plan(h4, "2024-05-11", workflow="plan_light")
    g6 = w.goal(p4, Domain.ECONOMIC)
    w.action(
        p4, g6, "2024-05-12", carrier=Carrier.FAMILY, lead=None, by_family=True, intervention=w.i1
    )
    w.fire(p4, "activate", w.coordinator, "2024-05-20")
    w.fire(p4, "close", w.coordinator, "2024-11-30", reason="Klaar")
    return Scenario(w, p1, p2, p3, p4, b1, b2, b3)


@pytest.fixture
def scenario(db_session) -> Scenario:
    built = build_scenario()
    db_session.commit()
    return built


__all__ = ["TeamMembership"]


@dataclass
class Crowd:
    """Enough households for figures to show: 29 in municipality M1 (V1 14, V2 3, no
    village 12) and 11 in M2 in 2024; 10 in M2 in 2023."""

    world: World
    plans: list[Plan]


def build_crowd() -> Crowd:
    from tests.monitoring.world import populate

    w = World()
    plans = populate(
        w, [(w.v1, 14, 2024), (w.v2, 3, 2024), (w.m1, 12, 2024), (w.m2, 11, 2024), (w.m2, 10, 2023)]
    )
    return Crowd(w, plans)


@pytest.fixture
def crowd(db_session) -> Crowd:
    from maatwerk.monitoring.rollup import refresh

    built = build_crowd()
    refresh([2023, 2024], today=TODAY)
    db_session.commit()
    return built


def login(app, user):
    """A test client logged in as the user (the browser session)."""
    from tests.monitoring.world import PASSWORD

    client = app.test_client()
    response = client.post("/login", data={"login": user.login, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def bearer(client, user) -> dict[str, str]:
    """Authorization header of a fresh API token of the user."""
    from tests.monitoring.world import PASSWORD

    response = client.post("/api/v1/auth/tokens", json={"login": user.login, "password": PASSWORD})
    assert response.status_code == 201, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}
