"""A form built on an old version never overwrites: the conflict page shows what changed in
between and keeps the user's input, to redo the edit on the current version."""

from __future__ import annotations

import datetime as dt

from maatwerk.core.db import db
from maatwerk.goals.models import Action, Goal
from maatwerk.goals.operations import add_action, add_goal, update_action, update_goal
from maatwerk.plans.models import Plan
from tests.web.helpers import hidden, text


def test_plan_transition_on_an_old_version_shows_the_changes_and_redoes_it(
    setting, login, db_session
):
    client = login(setting.coordinator)
    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    version = int(hidden(page, "plan_version"))
    # Meanwhile the family adds a goal: the plan moves on a version.
    add_goal(setting.plan, domain="social", title="Vaker naar de sportclub", actor=setting.family)
    db_session.commit()

    response = client.post(
        f"/werk/plannen/{setting.plan.id}/overgang",
        data={"trigger": "start_exploration", "plan_version": version},
    )
    assert response.status_code == 409
    conflict = text(response)
    assert "Iemand heeft dit intussen veranderd" in conflict
    assert "Er is een doel toegevoegd" in conflict
    assert "Vaker naar de sportclub" in conflict
    assert db.session.get(Plan, setting.plan.id).status == "intake"  # nothing was fired

    # The page offers the same step on the current version.
    assert int(hidden(conflict, "plan_version")) == setting.plan.version
    redo = client.post(
        f"/werk/plannen/{setting.plan.id}/overgang",
        data={"trigger": "start_exploration", "plan_version": hidden(conflict, "plan_version")},
        follow_redirects=True,
    )
    assert "Gedaan: Verkenning starten." in text(redo)
    assert db.session.get(Plan, setting.plan.id).status == "exploring"


def test_goal_edit_conflict_keeps_my_words_and_shows_the_familys(setting, login, db_session):
    goal = add_goal(
        setting.plan,
        domain="economic",
        title="Rekeningen op tijd betalen",
        actor=setting.coordinator,
    )
    db_session.commit()
    client = login(setting.coordinator)
    form = text(client.get(f"/werk/doelen/{goal.id}/bewerken"))
    built_on = {
        "goal-plan_version": hidden(form, "goal-plan_version"),
        "goal-version": hidden(form, "goal-version"),
    }
    # Meanwhile the family rewrites the proposal in its own words.
    update_goal(goal, {"title": "Geen aanmaningen meer krijgen"}, actor=setting.family)
    db_session.commit()

    mine = {
        **built_on,
        "goal-domain": "economic",
        "goal-title": "Elke maand een overzicht van de rekeningen",
    }
    response = client.post(f"/werk/doelen/{goal.id}/bewerken", data=mine)
    assert response.status_code == 409
    page = text(response)
    assert "Geen aanmaningen meer krijgen" in page  # what changed in between
    assert "Woorden: Rekeningen op tijd betalen → Geen aanmaningen meer krijgen" in page
    assert 'class="highlight"' in page
    assert "Elke maand een overzicht van de rekeningen" in page  # my input, kept
    assert db.session.get(Goal, goal.id).title == "Geen aanmaningen meer krijgen"  # not overwritten

    # Saving again from the conflict page applies my edit on the current version.
    again = {
        "goal-plan_version": hidden(page, "goal-plan_version"),
        "goal-version": hidden(page, "goal-version"),
        "goal-domain": "economic",
        "goal-title": "Elke maand een overzicht van de rekeningen",
    }
    assert int(again["goal-version"]) == db.session.get(Goal, goal.id).version
    saved = client.post(f"/werk/doelen/{goal.id}/bewerken", data=again, follow_redirects=True)
    assert "Het doel is opgeslagen." in text(saved)
    assert db.session.get(Goal, goal.id).title == "Elke maand een overzicht van de rekeningen"


def test_action_edit_conflict(setting, login, db_session):
    action = add_action(
        setting.plan,
        description="Aanvraag bijzondere bijstand",
        carrier="professional",
        lead_organisation=setting.municipality,
        due_date=dt.date(2031, 1, 1),
        actor=setting.coordinator,
    )
    db_session.commit()
    client = login(setting.coordinator)
    form = text(client.get(f"/werk/acties/{action.id}/bewerken"))
    data = {
        "action-plan_version": hidden(form, "action-plan_version"),
        "action-version": hidden(form, "action-version"),
        "action-description": "Aanvraag bijzondere bijstand voor een wasmachine",
        "action-carrier": "professional",
        "action-lead_organisation_id": setting.municipality.id,
        "action-due_date": "2031-01-01",
    }
    # Meanwhile a team member moves the due date.
    update_action(action, {"due_date": dt.date(2031, 2, 1)}, actor=setting.member)
    db_session.commit()

    response = client.post(f"/werk/acties/{action.id}/bewerken", data=data)
    assert response.status_code == 409
    page = text(response)
    assert "Klaar op:" in page and "2031" in page
    assert "Aanvraag bijzondere bijstand voor een wasmachine" in page
    assert db.session.get(Action, action.id).description == "Aanvraag bijzondere bijstand"
    assert db.session.get(Action, action.id).due_date == dt.date(2031, 2, 1)


def test_item_transition_on_an_old_version_is_a_conflict(setting, login, db_session):
    goal = add_goal(setting.plan, domain="economic", title="Sparen", actor=setting.family)
    db_session.commit()
    client = login(setting.member)
    old_version = goal.version
    update_goal(goal, {"title": "Elke week tien euro sparen"}, actor=setting.family)
    db_session.commit()
    response = client.post(
        f"/werk/doelen/{goal.id}/overgang",
        data={"trigger": "achieve", "plan_version": 1, "version": old_version},
    )
    assert response.status_code == 409
    page = text(response)
    assert "Elke week tien euro sparen" in page
    assert "Markeren als gelukt" in page
    assert db.session.get(Goal, goal.id).status == "accepted"


def test_redoing_an_action_edit_keeps_what_someone_else_changed_in_between(
    setting, login, db_session
):
    """The conflict form takes the current value of every field the user left alone: saving
    it again applies the user's edit and does not undo the other person's."""
    action = add_action(
        setting.plan,
        description="Aanvraag bijzondere bijstand",
        carrier="professional",
        lead_organisation=setting.municipality,
        due_date=dt.date(2031, 1, 1),
        actor=setting.coordinator,
    )
    db_session.commit()
    client = login(setting.coordinator)
    form = text(client.get(f"/werk/acties/{action.id}/bewerken"))
    # The form as the page showed it, with my one change: a later due date.
    mine = {
        "action-plan_version": hidden(form, "action-plan_version"),
        "action-version": hidden(form, "action-version"),
        "action-description": "Aanvraag bijzondere bijstand",
        "action-carrier": "professional",
        "action-lead_organisation_id": setting.municipality.id,
        "action-due_date": "2031-03-01",
    }
    # Meanwhile a team member rewrites the description.
    update_action(action, {"description": "Bijzondere bijstand voor een bed"}, actor=setting.member)
    db_session.commit()

    response = client.post(f"/werk/acties/{action.id}/bewerken", data=mine)
    assert response.status_code == 409
    page = text(response)
    # The form now holds the other's description and my date, and says so.
    assert '<textarea id="action-description"' in page
    field = page.split('<textarea id="action-description"', 1)[1].split("</textarea>", 1)[0]
    assert field.endswith("Bijzondere bijstand voor een bed")
    assert 'value="2031-03-01"' in page
    assert "Deze velden veranderde jij niet" in page and "Wat er gaat gebeuren" in page
    assert "allebei" not in page

    again = {
        **mine,
        "action-plan_version": hidden(page, "action-plan_version"),
        "action-version": hidden(page, "action-version"),
        "action-description": "Bijzondere bijstand voor een bed",  # as the form now shows
    }
    saved = client.post(f"/werk/acties/{action.id}/bewerken", data=again, follow_redirects=True)
    assert "De actie is opgeslagen." in text(saved)
    stored = db.session.get(Action, action.id)
    assert stored.description == "Bijzondere bijstand voor een bed"  # theirs, kept
    assert stored.due_date == dt.date(2031, 3, 1)  # mine


def test_a_goal_field_both_changed_keeps_my_input_and_is_named(setting, login, db_session):
    goal = add_goal(
        setting.plan,
        domain="economic",
        title="Rekeningen op tijd betalen",
        actor=setting.coordinator,
    )
    db_session.commit()
    client = login(setting.coordinator)
    form = text(client.get(f"/werk/doelen/{goal.id}/bewerken"))
    mine = {
        "goal-plan_version": hidden(form, "goal-plan_version"),
        "goal-version": hidden(form, "goal-version"),
        "goal-domain": "economic",
        "goal-title": "Elke maand een overzicht van de rekeningen",
        "goal-why_it_matters": "",
    }
    update_goal(
        goal,
        {"title": "Geen aanmaningen meer", "why_it_matters": "Dan slapen we beter."},
        actor=setting.family,
    )
    db_session.commit()

    page = text(client.post(f"/werk/doelen/{goal.id}/bewerken", data=mine))
    assert "Jij en iemand anders veranderden allebei: Doel, in de woorden van het gezin." in page
    assert 'value="Elke maand een overzicht van de rekeningen"' in page  # my words, kept
    why = page.split('<textarea id="goal-why_it_matters"', 1)[1].split("</textarea>", 1)[0]
    assert why.endswith("Dan slapen we beter.")  # theirs: I left the field alone
