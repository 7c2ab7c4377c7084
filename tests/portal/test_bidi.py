"""Right-to-left names and words are isolated from the Dutch text around them (<bdi>,
dir="auto"): "(فاطمة, 7 december 2026, 22:29)" stays in that order."""

from __future__ import annotations

from maatwerk.core.db import db
from maatwerk.plans.operations import add_comment
from tests.portal.conftest import refresh

NAME = "فاطمة"


def test_names_goals_and_messages_are_isolated_on_the_family_page(story, as_user):
    s = story.s
    s.member.display_name = NAME
    story.second.title = "راحة البال"
    add_comment(s.plan, "مرحبا، كيف حالكم؟", actor=s.member)
    db.session.commit()
    page = as_user(s.family).get("/ons-plan").get_data(as_text=True)
    assert f"<bdi>{NAME}</bdi>" in page  # team and message author
    assert "<bdi>راحة البال</bdi>" in page
    assert '<p class="body" dir="auto">مرحبا، كيف حالكم؟</p>' in page
    # A name inside a translated sentence: the step's contact person and organisation.
    assert f"<bdi>Regisseur</bdi> from <bdi>{s.municipality.name}</bdi>" in page


def test_the_conflict_notice_isolates_who_changed_the_plan(story, as_user):
    s = story.s
    other = s.family
    refresh(s.plan)
    old = s.plan.version
    s.coordinator.display_name = NAME
    add_comment(s.plan, "x", actor=s.coordinator)  # no version change; change a goal instead
    from maatwerk.goals.operations import update_goal

    update_goal(story.proposed, {"title": "Vaste tijden, ook in het weekend"}, actor=s.coordinator)
    db.session.commit()
    response = as_user(other).post(
        f"/ons-plan/{s.plan.id}/antwoord",
        data={"version": old, "kind": "goal", "item_id": story.proposed.id, "answer": "yes"},
    )
    assert response.status_code == 409
    assert f"(<bdi>{NAME} ({s.municipality.name})</bdi>, " in response.get_data(as_text=True)


def test_the_professional_plan_page_isolates_names_and_texts(story, as_user):
    s = story.s
    s.member.display_name = NAME
    add_comment(s.plan, "مرحبا", actor=s.member)
    db.session.commit()
    page = as_user(s.coordinator).get(f"/werk/plannen/{s.plan.id}").get_data(as_text=True)
    assert f"<strong><bdi>{NAME}</bdi></strong>" in page
    assert '<p class="comment-body" dir="auto">مرحبا</p>' in page
    assert f"Make <bdi>{NAME}</bdi> the coordinator" in page
