"""The case review indicators (OD-17) against a hand-computed set of sessions on top of the
scenario of conftest.py.

| session | cases (household, area) | held | published | lessons | taking part |
|---|---|---|---|---|---|
| S1 | P1 (H1, V1), P2 (H2, V2) | 2024-04-01 | 2024-05-01 | 2 | gemeente (2), GGZ, expert: 3 |
| S2 | P3 (H3, M2) | 2024-11-01 (and again 2024-11-02) | - | 0 | expert: 1 |
| S3 | P4 (H4, M1) | 2023-06-01 | 2024-01-15 | 1 | GGZ: 1 |

2024: held 2 (V1 0.5, V2 0.5, M1 1, M2 1; 3 households); lessons 3 (S1's 2 and S3's 1,
published in 2024; M1 3); taking part 4 (S1 3, S2 1). 2023: held 1 (M1), taking part 1.
"""

from __future__ import annotations

import pytest

from maatwerk.casereview.models import CasePack, CaseReviewSession, Lesson, SessionParticipant
from maatwerk.core.db import db
from maatwerk.monitoring.models import AreaScope
from maatwerk.plans.models import TransitionEvent
from tests.monitoring.conftest import Scenario
from tests.monitoring.test_indicators import Cube
from tests.monitoring.world import at


def _session(w, title: str, plans, *, held: list[str], published: str | None, people, lessons):
    session = CaseReviewSession(
        title=title, status="published" if published else "held", created_by=w.programme
    )
    session.published_at = at(published) if published else None
    db.session.add(session)
    db.session.flush()
    for position, plan in enumerate(plans, start=1):
        db.session.add(CasePack(session=session, plan_id=plan.id, position=position, content={}))
    for person in people:
        db.session.add(SessionParticipant(session=session, user_id=person.id))
    for n in range(lessons):
        db.session.add(
            Lesson(session=session, title=f"Les {n}", description="Wat werkte", effect="worked")
        )
    steps = [
        ("planned", "prepared", "prepare", None),
        *[("prepared", "held", "hold", h) for h in held],
    ]
    if published:
        steps.append(("held", "published", "publish", published))
    for source, target, trigger, day in steps:
        db.session.add(
            TransitionEvent(
                workflow_name="case_review",
                workflow_version=1,
                subject_type=CaseReviewSession.WORKFLOW,
                subject_id=session.id,
                from_state=source,
                to_state=target,
                trigger=trigger,
                actor_user_id=w.programme.id,
                actor_role="programme",
                occurred_at=at(day or held[0]),
            )
        )
    db.session.flush()
    return session


@pytest.fixture
def sessions(scenario: Scenario, db_session) -> Scenario:
    w = scenario.world
    _session(
        w,
        "S1",
        [scenario.p1, scenario.p2],
        held=["2024-04-01"],
        published="2024-05-01",
        people=[w.coordinator, w.second, w.member, w.expert],
        lessons=2,
    )
    _session(
        w,
        "S2",
        [scenario.p3],
        held=["2024-11-01", "2024-11-02"],
        published=None,
        people=[w.expert],
        lessons=0,
    )
    _session(
        w,
        "S3",
        [scenario.p4],
        held=["2023-06-01"],
        published="2024-01-15",
        people=[w.member],
        lessons=1,
    )
    db_session.commit()
    return scenario


def test_case_reviews_held_spread_over_the_areas_of_their_cases(sessions):
    w = sessions.world
    cube = Cube("case_reviews_held", 2024)
    assert cube.value() == pytest.approx(2.0)
    assert cube.households() == 3
    assert cube.value(node=(AreaScope.PLACE, w.v1.id)) == pytest.approx(0.5)
    assert cube.value(node=(AreaScope.PLACE, w.v2.id)) == pytest.approx(0.5)
    assert cube.value(node=(AreaScope.MUNICIPALITY, w.m1.id)) == pytest.approx(1.0)
    assert cube.value(node=(AreaScope.MUNICIPALITY, w.m2.id)) == pytest.approx(1.0)
    assert Cube("case_reviews_held", 2023).value() == pytest.approx(1.0)


def test_lessons_count_in_the_year_their_session_was_published(sessions):
    w = sessions.world
    cube = Cube("lessons_published", 2024)
    assert cube.value() == pytest.approx(3.0)
    assert cube.value(node=(AreaScope.MUNICIPALITY, w.m1.id)) == pytest.approx(3.0)
    assert cube.value(node=(AreaScope.MUNICIPALITY, w.m2.id)) is None
    assert Cube("lessons_published", 2023).value() is None


def test_organisations_and_experience_experts_taking_part(sessions):
    cube = Cube("case_review_participants", 2024)
    assert cube.value() == pytest.approx(4.0)
    assert Cube("case_review_participants", 2023).value() == pytest.approx(1.0)


def test_no_case_reviews_no_figures(scenario):
    for key in ("case_reviews_held", "lessons_published", "case_review_participants"):
        assert Cube(key, 2024).value() is None
