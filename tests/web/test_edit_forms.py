"""The professionals' edit and report forms: opening one is audited as reading (the family's
access log shows no change that was never made), and a target date that has passed since it
was set does not block saving the rest of a goal."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db
from maatwerk.goals.models import Goal
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

    # ... the date as it was is kept, with the new words.
    same = {**data, "goal-target_date": passed.isoformat()}
    response = client.post(f"/werk/doelen/{goal.id}/bewerken", data=same, follow_redirects=True)
    assert "Het doel is opgeslagen." in text(response)
    saved = db.session.get(Goal, goal.id)
    assert (saved.title, saved.target_date) == ("Elke week naar de club", passed)
