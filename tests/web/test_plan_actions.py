"""What a professional does on the plan page: transitions, proposals, comments, scores, team,
barriers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from maatwerk.core.db import db
from maatwerk.core.enums import Moment, ScoredBy
from maatwerk.goals.models import Action, Goal
from maatwerk.goals.operations import add_goal
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.models import Comment
from maatwerk.workflow import fire_transition
from tests.web.helpers import text


def fire(client, plan, trigger: str, reason: str | None = None, version: int | None = None):
    data = {"trigger": trigger, "plan_version": version or plan.version}
    if reason is not None:
        data["reason"] = reason
    return client.post(f"/werk/plannen/{plan.id}/overgang", data=data, follow_redirects=True)


def test_coordinator_fires_an_allowed_transition(setting, login):
    client = login(setting.coordinator)
    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert "Verkenning starten" in page
    response = fire(client, setting.plan, "start_exploration")
    assert response.status_code == 200
    assert "Gedaan: Verkenning starten." in text(response)
    assert db.session.get(type(setting.plan), setting.plan.id).status == "exploring"


def test_refused_transition_is_a_disabled_button_with_the_reason(setting, login, db_session):
    fire_transition(setting.plan, "start_exploration", actor=setting.coordinator)
    db_session.commit()
    client = login(setting.coordinator)
    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    # start_prioritising needs an accepted goal: disabled, with the guard's words next to it.
    assert 'disabled aria-describedby="plan-start_prioritising-why"' in page
    assert "Het gezin heeft nog geen doel geaccepteerd." in page
    # Posting it anyway is refused with the same message, and nothing changes.
    response = fire(client, setting.plan, "start_prioritising")
    assert "Het gezin heeft nog geen doel geaccepteerd." in text(response)
    assert setting.plan.status == "exploring"


def test_refused_for_the_role_says_who_may(setting, login, db_session):
    fire_transition(setting.plan, "start_exploration", actor=setting.coordinator)
    db_session.commit()
    page = text(login(setting.member).get(f"/werk/plannen/{setting.plan.id}"))
    assert "Alleen de regisseur kan dit doen." in page


def test_transition_with_a_reason(setting, login, db_session):
    add_goal(setting.plan, domain="economic", title="Doel", actor=setting.family)
    setting.plan.status = "active"  # straight to active: pause needs a reason
    db_session.commit()
    client = login(setting.coordinator)
    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert 'id="plan-pause-reason"' in page
    refused = fire(client, setting.plan, "pause", reason="")
    assert "Geef een reden." in text(refused)
    assert setting.plan.status == "active"
    done = fire(client, setting.plan, "pause", reason="Gezin op vakantie")
    assert "Gedaan: Pauzeren." in text(done)


def test_propose_a_goal(setting, login):
    client = login(setting.coordinator)
    response = client.post(
        f"/werk/plannen/{setting.plan.id}/doelen",
        data={
            "goal-plan_version": setting.plan.version,
            "goal-domain": "social",
            "goal-title": "Vaker samen met de buren eten",
            "goal-why_it_matters": "Minder alleen",
        },
        follow_redirects=True,
    )
    page = text(response)
    assert "Je voorstel voor een doel is toegevoegd." in page
    goal = db.session.scalar(select(Goal).where(Goal.title == "Vaker samen met de buren eten"))
    assert goal.status == "proposed" and goal.domain.value == "social"


def test_bad_goal_proposal_shows_the_form_again_with_the_input(setting, login):
    response = login(setting.coordinator).post(
        f"/werk/plannen/{setting.plan.id}/doelen",
        data={"goal-plan_version": setting.plan.version, "goal-domain": "social", "goal-title": ""},
    )
    assert response.status_code == 422
    page = text(response)
    assert "Vul dit in." in page
    assert '<details class="form-panel" id="propose-goal" open>' in page


def test_propose_an_action_with_organisations_intervention_due_date_and_carrier(
    setting, login, db_session
):
    goal = add_goal(setting.plan, domain="economic", title="Schuldenvrij", actor=setting.family)
    db_session.commit()
    response = login(setting.coordinator).post(
        f"/werk/plannen/{setting.plan.id}/acties",
        data={
            "action-plan_version": setting.plan.version,
            "action-description": "Budgetcoaching twee keer per maand",
            "action-goal_ids": [goal.id],
            "action-carrier": "professional",
            "action-lead_organisation_id": setting.municipality.id,
            "action-participating_ids": [setting.ggz.id],
            "action-assigned_user_id": setting.member.id,
            "action-due_date": "2031-03-01",
        },
        follow_redirects=True,
    )
    assert "Je voorstel voor een actie is toegevoegd." in text(response)
    action = db.session.scalar(
        select(Action).where(Action.description == "Budgetcoaching twee keer per maand")
    )
    assert action.status == "proposed"
    assert action.lead_organisation_id == setting.municipality.id
    assert [o.id for o in action.participating_organisations] == [setting.ggz.id]
    assert action.due_date == dt.date(2031, 3, 1)
    assert action.goals == [goal]
    assert action.assigned_user_id == setting.member.id


def test_action_by_a_professional_needs_a_lead(setting, login):
    response = login(setting.coordinator).post(
        f"/werk/plannen/{setting.plan.id}/acties",
        data={
            "action-plan_version": setting.plan.version,
            "action-description": "Iets doen",
            "action-carrier": "professional",
            "action-lead_organisation_id": "",
        },
    )
    assert response.status_code == 422
    page = text(response)
    assert "trekkende organisatie nodig" in page
    assert "Iets doen" in page  # the input is kept


def test_comment(setting, login):
    client = login(setting.member)
    response = client.post(
        f"/werk/plannen/{setting.plan.id}/reacties",
        data={"comment-plan_version": setting.plan.version, "comment-body": "Ik bel morgen."},
        follow_redirects=True,
    )
    page = text(response)
    assert "Je bericht is geplaatst." in page
    assert "Ik bel morgen." in page
    assert db.session.scalar(select(Comment.body).where(Comment.plan_id == setting.plan.id))


def test_score_divergence_is_marked(setting, login, db_session):
    record_score(
        setting.plan,
        domain="economic",
        score=4,
        scored_by=ScoredBy.FAMILY,
        moment=Moment.INTAKE,
        actor=setting.family,
    )
    db_session.commit()
    client = login(setting.coordinator)
    response = client.post(
        f"/werk/plannen/{setting.plan.id}/scores",
        data={
            "score-plan_version": setting.plan.version,
            "score-domain": "economic",
            "score-moment": "intake",
            "score-score": "2",
        },
        follow_redirects=True,
    )
    page = text(response)
    assert "Je score is vastgelegd." in page
    assert 'class="diverges"' in page
    assert "Verschil van 2" in page
    # A second score for the same moment is refused with the domain's message.
    again = client.post(
        f"/werk/plannen/{setting.plan.id}/scores",
        data={
            "score-plan_version": setting.plan.version,
            "score-domain": "economic",
            "score-moment": "intake",
            "score-score": "3",
        },
    )
    assert again.status_code == 422
    assert "Deze score is voor dit moment al vastgelegd." in text(again)


def test_close_scores_are_not_marked(setting, login, db_session):
    for by, actor, score in (
        (ScoredBy.FAMILY, setting.family, 3),
        (ScoredBy.PROFESSIONAL, setting.coordinator, 4),
    ):
        record_score(
            setting.plan,
            domain="social",
            score=score,
            scored_by=by,
            moment=Moment.INTAKE,
            actor=actor,
        )
    db_session.commit()
    page = text(login(setting.coordinator).get(f"/werk/plannen/{setting.plan.id}"))
    assert 'class="diverges"' not in page
    assert "dicht bij elkaar" in page
