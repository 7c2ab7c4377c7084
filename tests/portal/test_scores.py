"""'How are things going': the family gives its own 1-5 score per life domain of its goals in
the portal (the professionals cannot give it for them), beside the professional's; at the
start and again while the plan is evaluated, which the coordinator needs to close it."""

from __future__ import annotations

from maatwerk.core.db import db
from maatwerk.core.enums import Moment, ScoredBy
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.operations import set_priorities
from maatwerk.workflow import fire_transition
from tests.portal.conftest import refresh


def page_of(response) -> str:
    return response.get_data(as_text=True)


def score(client, story, domain: str, value: object):
    return client.post(
        f"/ons-plan/{story.s.plan.id}/hoe-gaat-het", data={"domain": domain, "score": value}
    )


def family_scores(story) -> dict[tuple[str, str], int]:
    refresh(story.s.plan)
    return {
        (s.domain.value, s.moment.value): s.score
        for s in story.s.plan.scores
        if s.scored_by is ScoredBy.FAMILY
    }


def test_the_family_scores_each_domain_of_its_goals_in_plain_words(story, as_user):
    client = as_user(story.s.family)
    page = page_of(client.get("/ons-plan"))
    assert "How are things going now?" in page
    assert "2 questions about how things are going." in page  # in "To do for you"
    # One question per domain of an accepted goal; not for the proposal (pedagogical).
    assert 'id="hoe-gaat-het-economic"' in page and 'id="hoe-gaat-het-mental"' in page
    assert 'id="hoe-gaat-het-pedagogical"' not in page
    assert "Very bad: there are big problems" in page
    assert "Very good: we manage completely on our own" in page

    response = score(client, story, "economic", 2)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#hoe-gaat-het")
    assert family_scores(story) == {("economic", "intake"): 2}
    page = page_of(client.get("/ons-plan"))
    assert "Thank you. Your answer has been saved." in page
    assert "Your answer:" in page and "Bad: it often goes wrong" in page
    assert "1 question about how things are going." in page

    # A second answer for the same domain and moment is not stored.
    assert score(client, story, "economic", 5).status_code == 302
    assert "You already answered this question." in page_of(client.get("/ons-plan"))
    assert family_scores(story) == {("economic", "intake"): 2}


def test_no_answer_chosen_or_a_domain_without_goals_is_refused(story, as_user):
    client = as_user(story.s.family)
    empty = score(client, story, "mental", "")
    assert empty.status_code == 422
    assert "Choose one of the answers." in page_of(empty)
    assert score(client, story, "mental", 6).status_code == 422
    assert score(client, story, "social", 3).status_code == 400  # no goal in that domain
    assert family_scores(story) == {}


def test_the_professional_sees_the_familys_score_beside_their_own(story, as_user):
    record_score(
        story.s.plan,
        domain="economic",
        score=5,
        scored_by=ScoredBy.PROFESSIONAL,
        moment=Moment.INTAKE,
        actor=story.s.coordinator,
    )
    db.session.commit()
    score(as_user(story.s.family), story, "economic", 2)
    page = page_of(as_user(story.s.coordinator).get(f"/werk/plannen/{story.s.plan.id}"))
    scores = page.split('id="scores"', 1)[1]
    assert "⚠ Differs by 3" in scores


def test_while_evaluating_the_family_scores_again_and_the_plan_can_close(story, as_user):
    plan, coordinator = story.s.plan, story.s.coordinator
    family = as_user(story.s.family)
    score(family, story, "economic", 2)
    score(family, story, "mental", 3)
    set_priorities(plan, [story.own, story.second], actor=story.s.family)
    fire_transition(story.step, "agree", actor=story.s.family)
    fire_transition(plan, "confirm_plan", actor=story.s.family)
    fire_transition(plan, "start_evaluation", actor=coordinator)
    for domain in ("economic", "mental"):
        record_score(
            plan,
            domain=domain,
            score=4,
            scored_by=ScoredBy.PROFESSIONAL,
            moment=Moment.EVALUATION,
            actor=coordinator,
        )
    db.session.commit()

    page = page_of(family.get("/ons-plan"))
    assert "Looking back: how are things going now?" in page
    assert "2 questions about how things are going." in page
    assert score(family, story, "economic", 4).status_code == 302
    assert score(family, story, "mental", 4).status_code == 302
    assert family_scores(story) == {
        ("economic", "intake"): 2,
        ("mental", "intake"): 3,
        ("economic", "evaluation"): 4,
        ("mental", "evaluation"): 4,
    }
    # With both scores for every domain, closing is no longer refused for missing scores.
    fire_transition(plan, "close", actor=coordinator, reason="Doelen gehaald")
    db.session.commit()
    refresh(plan)
    assert plan.status == "closed"
    # An ended plan asks nothing more.
    assert "How are things going" not in page_of(family.get(f"/ons-plan/{plan.id}"))
    assert score(family, story, "economic", 3).status_code == 302
    assert db.session.query(OutcomeScore).filter_by(plan_id=plan.id).count() == 6
