"""'Ons plan': who sees it, answering proposals, priorities, own goals, confirming, comments."""

from __future__ import annotations

import re

import pytest

from maatwerk.core.db import db
from maatwerk.core.enums import ProposedBy
from maatwerk.goals.models import Goal
from maatwerk.goals.operations import update_action
from maatwerk.workflow import fire_transition
from tests.plans.flow import make_setting
from tests.portal.conftest import refresh


def page_of(response) -> str:
    return response.get_data(as_text=True)


def ranks(story) -> dict[str, int | None]:
    refresh(story.own, story.second)
    return {"own": story.own.priority_rank, "second": story.second.priority_rank}


def order(client, story, goal_ids, **extra):
    refresh(story.s.plan)
    data = {"version": story.s.plan.version, "goal_ids": [str(i) for i in goal_ids], **extra}
    return client.post(f"/ons-plan/{story.s.plan.id}/volgorde", data=data)


def answer(client, story, kind, item, yes: bool, version=None):
    refresh(story.s.plan)
    return client.post(
        f"/ons-plan/{story.s.plan.id}/antwoord",
        data={
            "version": version if version is not None else story.s.plan.version,
            "kind": kind,
            "item_id": item.id,
            "answer": "yes" if yes else "no",
        },
    )


def test_the_family_sees_its_priorities_first_with_domains_and_steps(story, as_user):
    response = as_user(story.s.family).get("/ons-plan")
    assert response.status_code == 200
    page = page_of(response)
    # Its own goals come before the team's proposals.
    assert page.index(story.own.title) < page.index(story.proposed.title)
    assert page.index("What we want to achieve") < page.index("Proposals from the team")
    # A pictogram with a text label for every domain; who does what by when.
    assert "Money and work" in page and "Children and raising them" in page
    assert 'class="icon domain-icon"' in page
    assert "<bdi>Regisseur</bdi> from <bdi>Gemeente" in page
    assert "by November 15, 2030" in page
    assert "Yes, we want this" in page and "No, rather not" in page
    assert 'name="csrf_token"' in page
    assert f"/ons-plan/{story.s.plan.id}" in page


def test_the_newest_open_plan_is_shown_with_links_to_the_others(story, as_user):
    from tests.plans.flow import start_next_plan

    start_next_plan(story.s.household, story.s.coordinator)
    db.session.commit()
    page = page_of(as_user(story.s.family).get("/ons-plan"))
    assert "You have no goals in your plan yet." in page
    assert "Other plans" in page
    assert f'href="/ons-plan/{story.s.plan.id}"' in page


@pytest.mark.parametrize("who", ["coordinator", "member", "outsider"])
def test_professionals_get_a_404(story, as_user, who):
    client = as_user(getattr(story.s, who))
    assert client.get("/ons-plan").status_code == 404
    assert client.get(f"/ons-plan/{story.s.plan.id}").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(story, client):
    response = client.get("/ons-plan")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_another_family_cannot_reach_this_plan(story, as_user):
    other = make_setting()
    db.session.commit()
    client = as_user(other.family)
    assert client.get(f"/ons-plan/{story.s.plan.id}").status_code == 404
    assert story.own.title not in page_of(client.get("/ons-plan"))
    refused = answer(client, story, "goal", story.proposed, True)
    assert refused.status_code == 404
    refresh(story.proposed)
    assert story.proposed.status == "proposed"


def test_one_tap_accepts_a_goal_and_rejects_a_step(story, as_user):
    client = as_user(story.s.family)
    response = answer(client, story, "goal", story.proposed, True)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#doel-{story.proposed.id}")
    assert answer(client, story, "action", story.step, False).status_code == 302
    refresh(story.proposed, story.step)
    assert story.proposed.status == "accepted"
    assert story.step.status == "rejected"


def test_an_answer_on_an_old_version_shows_what_changed_and_changes_nothing(story, as_user):
    client = as_user(story.s.family)
    refresh(story.s.plan)
    seen = story.s.plan.version
    update_action(
        story.step,
        {"description": "Schulden op een rij, met de budgetcoach"},
        actor=story.s.coordinator,
    )
    db.session.commit()
    response = answer(client, story, "action", story.step, True, version=seen)
    assert response.status_code == 409
    page = page_of(response)
    assert "The plan changed while you were looking" in page
    assert "A step changed: Schulden op een rij, met de budgetcoach" in page
    assert "Regisseur (Gemeente" in page
    refresh(story.step)
    assert story.step.status == "proposed"
    # Redone on the current version, it works.
    assert answer(client, story, "action", story.step, True).status_code == 302


def test_reorder_with_up_and_down_buttons(story, as_user):
    client = as_user(story.s.family)
    first = order(client, story, [story.own.id, story.second.id])
    assert first.status_code == 302
    assert ranks(story) == {"own": 1, "second": 2}
    moved = order(client, story, [story.own.id, story.second.id], move=f"{story.second.id}:up")
    assert moved.status_code == 302
    # The focus comes back to a button that still exists: 'down' once at the top.
    assert moved.headers["Location"].endswith(f"#down-{story.second.id}")
    assert ranks(story) == {"own": 2, "second": 1}
    order(client, story, [story.second.id, story.own.id], move=f"{story.second.id}:down")
    assert ranks(story) == {"own": 1, "second": 2}


def test_reorder_the_way_drag_and_drop_posts_it(story, as_user):
    client = as_user(story.s.family)
    dragged = order(client, story, [story.second.id, story.own.id], moved=story.second.id)
    assert dragged.status_code == 302
    assert dragged.headers["Location"].endswith(f"#doel-{story.second.id}")
    assert ranks(story) == {"own": 2, "second": 1}
    page = page_of(client.get("/ons-plan"))
    assert page.index(story.second.title) < page.index(story.own.title)
    assert 'data-sortable="volgorde"' in page and "portal.js" in page


def test_reorder_on_an_old_version_is_not_saved(story, as_user):
    client = as_user(story.s.family)
    refresh(story.s.plan)
    seen = story.s.plan.version
    fire_transition(story.proposed, "accept", actor=story.s.family)
    db.session.commit()
    response = client.post(
        f"/ons-plan/{story.s.plan.id}/volgorde",
        data={"version": seen, "goal_ids": [story.second.id, story.own.id]},
    )
    assert response.status_code == 409
    assert "Goal added to your plan: Vaste tijden voor de kinderen" in page_of(response)
    assert ranks(story) == {"own": None, "second": None}


def test_a_goal_of_our_own_starts_accepted(story, as_user):
    client = as_user(story.s.family)
    assert client.get(f"/ons-plan/{story.s.plan.id}/eigen-doel").status_code == 200
    response = client.post(
        f"/ons-plan/{story.s.plan.id}/eigen-doel",
        data={
            "domain": "social",
            "title": "Vaker met de buren praten",
            "why_it_matters": "We zijn vaak alleen.",
            "strengths": "We zijn gastvrij.",
        },
    )
    assert response.status_code == 302
    goal = db.session.query(Goal).filter_by(title="Vaker met de buren praten").one()
    assert goal.status == "accepted"
    assert goal.proposed_by is ProposedBy.FAMILY
    assert goal.strengths == "We zijn gastvrij."
    missing = client.post(f"/ons-plan/{story.s.plan.id}/eigen-doel", data={"title": "Iets"})
    assert missing.status_code == 422
    assert "Choose a picture." in page_of(missing)


def test_confirm_is_refused_in_plain_words_then_allowed(story, as_user):
    client = as_user(story.s.family)

    def confirm():
        refresh(story.s.plan)
        return client.post(
            f"/ons-plan/{story.s.plan.id}/bevestigen", data={"version": story.s.plan.version}
        )

    # The to-do list says what stands in the way, not "is everything right?".
    todo = page_of(client.get(f"/ons-plan/{story.s.plan.id}"))
    assert "Before you can confirm your plan: First put all your goals in order." in todo
    assert "Is everything right? Then confirm your plan." not in todo
    refused = confirm()
    assert refused.status_code == 409
    assert "First put all your goals in order." in page_of(refused)
    answer(client, story, "goal", story.proposed, False)
    order(client, story, [story.own.id, story.second.id])
    no_step = confirm()
    assert "Your most important goal has no step you agreed to yet." in page_of(no_step)
    answer(client, story, "action", story.step, True)
    done = confirm()
    assert done.status_code == 302
    refresh(story.s.plan)
    assert story.s.plan.status == "active"
    assert story.s.plan.confirmed_version == story.s.plan.version
    assert "You confirmed this plan on" in page_of(client.get("/ons-plan"))


def test_a_message_to_the_team(story, as_user):
    client = as_user(story.s.family)
    response = client.post(f"/ons-plan/{story.s.plan.id}/bericht", data={"body": "Dank jullie!"})
    assert response.status_code == 302
    refresh(story.s.plan)
    assert [c.body for c in story.s.plan.comments] == ["Dank jullie!"]
    assert "Dank jullie!" in page_of(client.get("/ons-plan"))
    empty = client.post(f"/ons-plan/{story.s.plan.id}/bericht", data={"body": "  "})
    assert empty.status_code == 422
    assert "Write a message first." in page_of(empty)


def test_a_closed_plan_can_be_read_but_not_changed(story, as_user):
    from maatwerk.core.actors import SYSTEM

    fire_transition(story.s.plan, "withdraw", actor=SYSTEM, reason="test")
    db.session.commit()
    client = as_user(story.s.family)
    page = page_of(client.get(f"/ons-plan/{story.s.plan.id}"))
    assert "This plan has ended." in page
    assert "Yes, we want this" not in page
    assert answer(client, story, "goal", story.proposed, True).status_code == 302
    refresh(story.proposed)
    assert story.proposed.status == "proposed"


def test_the_plan_page_is_dutch_by_default(story, as_user):
    page = page_of(as_user(story.s.family, lang="nl").get("/ons-plan"))
    assert '<html lang="nl">' in page
    assert "Ja, dit willen we" in page and "Nee, liever niet" in page
    assert "Dit is ons plan" in page
    assert "Geld en werk" in page
    assert "15 november 2030" in page


def test_forms_are_refused_without_the_csrf_token(story, as_user, app):
    client = as_user(story.s.family)
    url = f"/ons-plan/{story.s.plan.id}/bericht"
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post(url, data={"body": "Zonder token"}).status_code == 400
        page = page_of(client.get("/ons-plan"))
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        sent = client.post(url, data={"body": "Met token", "csrf_token": token})
        assert sent.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    refresh(story.s.plan)
    assert [c.body for c in story.s.plan.comments] == ["Met token"]


def test_saying_no_to_a_goal_takes_its_own_proposed_steps_with_it(story, as_user):
    from maatwerk.goals.operations import add_action
    from maatwerk.plans.history import plan_history

    s = story.s
    only = add_action(
        s.plan,
        description="Een weekschema op de koelkast",
        carrier="family",
        goals=[story.proposed],
        actor=s.coordinator,
    )
    shared = add_action(
        s.plan,
        description="Samen een rustig avondritueel kiezen",
        carrier="family",
        goals=[story.proposed, story.second],
        actor=s.coordinator,
    )
    db.session.commit()
    client = as_user(s.family)
    assert answer(client, story, "goal", story.proposed, yes=False).status_code == 302
    refresh(only, shared)
    assert only.status == "rejected"  # served only the goal the family turned down
    assert shared.status == "proposed"  # still serves "Rust in mijn hoofd"
    # The history says the system did it, after the family's no.
    entries = [e for e in plan_history(s.plan) if e.actor is None]
    assert entries, "the step's rejection is in the plan's history"
    page = page_of(client.get("/ons-plan"))
    assert "Other steps" not in page
    assert only.description not in page.split("Done, stopped or not chosen")[0]
    # Two open questions: the original step and the shared one; the link goes to the first.
    assert "2 proposals are waiting for your answer." in page
    first = re.search(r'<a href="#([^"]+)">2 proposals', page).group(1)
    assert first == f"stap-{story.own.id}-{story.step.id}"
    assert f'id="{first}"' in page


def test_the_waiting_link_goes_to_the_first_proposed_goal(story, as_user):
    page = page_of(as_user(story.s.family).get("/ons-plan"))
    link = re.search(r'<a href="#([^"]+)">\d proposals? (is|are) waiting', page).group(1)
    assert link == f"doel-{story.proposed.id}"


def test_an_own_goal_with_mistakes_gets_a_summary_and_says_the_limit(story, as_user):
    from maatwerk.goals.operations import MAX_TEXT, MAX_TITLE

    client = as_user(story.s.family)
    url = f"/ons-plan/{story.s.plan.id}/eigen-doel"
    form = page_of(client.get(url))
    assert f'maxlength="{MAX_TEXT}"' in form and f'maxlength="{MAX_TITLE}"' in form
    response = client.post(url, data={"title": "x" * (MAX_TITLE + 1), "why_it_matters": "y"})
    assert response.status_code == 422
    page = page_of(response)
    summary = page[page.index("data-error-summary") : page.index('id="title"')]
    assert 'href="#domain-0"' in summary and 'href="#title"' in summary
    assert f"Make it shorter: at most {MAX_TITLE} characters." in page
