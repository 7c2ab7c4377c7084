"""The professionals' edit and report forms: opening one is audited as reading (the family's
access log shows no change that was never made), and a target date that has passed since it
was set does not block saving the rest of a goal."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db
from maatwerk.goals.models import Action, Goal
from maatwerk.goals.operations import add_action, add_goal
from tests.web.helpers import hidden, text


def _audited(client, method: str, url: str, **kwargs) -> tuple[int, set[str]]:
    """The response's status and the audit actions the request recorded."""
    last = db.session.scalar(select(func.max(AuditEvent.id))) or 0
    response = getattr(client, method)(url, **kwargs)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.id > last))
    return response.status_code, {str(a) for a in actions}


def test_opening_a_form_is_reading(setting, login, db_session):
    s = setting
    goal = add_goal(s.plan, domain="economic", title="Rekeningen betalen", actor=s.coordinator)
    action = add_action(
        s.plan,
        description="Aanmelden bij schuldhulp",
        carrier="professional",
        lead_organisation=s.municipality,
        goals=[goal],
        actor=s.coordinator,
    )
    db_session.commit()
    client = login(s.coordinator)
    for url in (
        f"/werk/doelen/{goal.id}/bewerken",
        f"/werk/acties/{action.id}/bewerken",
        f"/werk/acties/{action.id}/knelpunt",
        f"/knelpunten/melden/{s.plan.id}",
    ):
        assert _audited(client, "get", url) == (200, {"read"}), url

    # Sending the form is the change.
    page = text(client.get(f"/werk/doelen/{goal.id}/bewerken"))
    data = {
        "goal-plan_version": hidden(page, "goal-plan_version"),
        "goal-version": hidden(page, "goal-version"),
        "goal-domain": "economic",
        "goal-title": "Alle rekeningen op tijd betalen",
    }
    status, actions = _audited(client, "post", f"/werk/doelen/{goal.id}/bewerken", data=data)
    assert status == 302 and "update" in actions


def test_a_passed_target_date_does_not_block_editing(setting, login, db_session):
    s = setting
    goal = add_goal(s.plan, domain="social", title="Vaker naar de club", actor=s.coordinator)
    passed = dt.date.today() - dt.timedelta(days=10)
    goal.target_date = passed  # set when it lay ahead; time went by
    db_session.commit()
    client = login(s.coordinator)
    page = text(client.get(f"/werk/doelen/{goal.id}/bewerken"))
    data = {
        "goal-plan_version": hidden(page, "goal-plan_version"),
        "goal-version": hidden(page, "goal-version"),
        "goal-domain": "social",
        "goal-title": "Elke week naar de club",
    }

    # Another date in the past is refused ...
    earlier = {**data, "goal-target_date": (passed - dt.timedelta(days=1)).isoformat()}
    response = client.post(f"/werk/doelen/{goal.id}/bewerken", data=earlier)
    assert response.status_code == 422
    assert "Deze datum ligt in het verleden." in text(response)

    # ... and so is a year typed wrong, far ahead ...
    far = {**data, "goal-target_date": "9999-12-31"}
    response = client.post(f"/werk/doelen/{goal.id}/bewerken", data=far)
    assert response.status_code == 422
    assert "Deze datum ligt meer dan 10 jaar vooruit: kijk het jaartal na." in text(response)

    # ... the date as it was is kept, with the new words.
    same = {**data, "goal-target_date": passed.isoformat()}
    response = client.post(f"/werk/doelen/{goal.id}/bewerken", data=same, follow_redirects=True)
    assert "Het doel is opgeslagen." in text(response)
    saved = db.session.get(Goal, goal.id)
    assert (saved.title, saved.target_date) == ("Elke week naar de club", passed)


def _family_action_form(page: str, goal, description: str) -> dict[str, str]:
    """The action form of `page` (new or edit), carried by the family, for one goal."""
    return {
        "action-plan_version": hidden(page, "action-plan_version"),
        "action-version": hidden(page, "action-version"),
        "action-description": description,
        "action-carrier": "family",
        "action-goal_ids": str(goal.id),
    }


def test_an_action_due_date_in_the_past_is_refused_in_dutch(setting, login, db_session):
    s = setting
    goal = add_goal(s.plan, domain="social", title="Vaker naar de club", actor=s.coordinator)
    db_session.commit()
    client = login(s.coordinator)
    page = text(client.get(f"/werk/plannen/{s.plan.id}"))
    data = _family_action_form(page, goal, "Samen naar de sportclub")
    data["action-due_date"] = "1900-01-01"
    response = client.post(f"/werk/plannen/{s.plan.id}/acties", data=data)
    assert response.status_code == 422
    assert "Deze datum ligt in het verleden." in text(response)
    assert db.session.scalar(select(func.count(Action.id))) == 0

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        f"/werk/plannen/{s.plan.id}/acties", data={**data, "action-due_date": tomorrow}
    )
    assert response.status_code == 302


def test_a_passed_due_date_does_not_block_editing_an_action(setting, login, db_session):
    s = setting
    goal = add_goal(s.plan, domain="social", title="Vaker naar de club", actor=s.coordinator)
    action = add_action(
        s.plan, description="Lid worden", carrier="family", goals=[goal], actor=s.coordinator
    )
    passed = dt.date.today() - dt.timedelta(days=10)
    action.due_date = passed  # set when it lay ahead; time went by
    db_session.commit()
    client = login(s.coordinator)
    page = text(client.get(f"/werk/acties/{action.id}/bewerken"))
    data = _family_action_form(page, goal, "Lid worden van de sportclub")
    earlier = {**data, "action-due_date": (passed - dt.timedelta(days=1)).isoformat()}
    response = client.post(f"/werk/acties/{action.id}/bewerken", data=earlier)
    assert response.status_code == 422
    assert "Deze datum ligt in het verleden." in text(response)

    same = {**data, "action-due_date": passed.isoformat()}
    response = client.post(f"/werk/acties/{action.id}/bewerken", data=same)
    assert response.status_code == 302
    saved = db.session.get(Action, action.id)
    assert (saved.description, saved.due_date) == ("Lid worden van de sportclub", passed)
