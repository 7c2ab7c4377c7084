"""A form sent from a professional page that changed nothing (mistakes in it, a version that
moved on, a closed plan, an incomplete step) is audited as an attempt, never as a change:
the family's "who looked at our file" must not say their plan was changed when it was not."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.audit.models import AuditEvent
from maatwerk.barriers.models import Barrier
from maatwerk.core.db import db
from maatwerk.goals.models import Goal
from maatwerk.goals.operations import add_goal
from maatwerk.plans.models import Plan
from tests.api.conftest import ApiClient
from tests.barriers.conftest import escalated, make_doorbraak
from tests.web.helpers import hidden, text


def _sent(client, url: str, **kwargs):
    """POST; the response and the (action, outcome) of each audit event it recorded."""
    last = db.session.scalar(select(func.max(AuditEvent.id))) or 0
    response = client.post(url, **kwargs)
    db.session.expire_all()
    events = db.session.execute(
        select(AuditEvent.action, AuditEvent.outcome)
        .where(AuditEvent.id > last)
        .order_by(AuditEvent.id)
    )
    return response, [(str(a), o.value) for a, o in events]


def _changes(events: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(a, o) for a, o in events if a in ("create", "update", "delete", "execute")]


def _goal_form(client, goal: Goal, **changes: str) -> dict[str, str]:
    page = text(client.get(f"/werk/doelen/{goal.id}/bewerken"))
    return {
        "goal-plan_version": hidden(page, "goal-plan_version"),
        "goal-version": hidden(page, "goal-version"),
        "goal-domain": "economic",
        "goal-title": "Alle rekeningen op tijd betalen",
        **changes,
    }


def test_a_form_with_mistakes_is_an_attempt(setting, login, db_session):
    goal = add_goal(setting.plan, domain="economic", title="Rekeningen", actor=setting.coordinator)
    db_session.commit()
    client = login(setting.coordinator)
    far = (dt.date.today() + dt.timedelta(days=365 * 20)).isoformat()
    data = _goal_form(client, goal, **{"goal-target_date": far})
    response, events = _sent(client, f"/werk/doelen/{goal.id}/bewerken", data=data)
    assert response.status_code == 422
    assert "10 jaar vooruit" in text(response)  # the page still says what is wrong
    assert _changes(events) == [("update", "error")]
    assert db.session.get(Goal, goal.id).title == "Rekeningen"

    # The same form, put right, is the change.
    response, events = _sent(
        client, f"/werk/doelen/{goal.id}/bewerken", data=_goal_form(client, goal)
    )
    assert response.status_code == 302
    assert _changes(events) == [("update", "success")]


def test_an_edit_on_a_version_that_moved_on_is_an_attempt(setting, login, db_session):
    goal = add_goal(setting.plan, domain="economic", title="Rekeningen", actor=setting.coordinator)
    db_session.commit()
    client = login(setting.coordinator)
    data = _goal_form(client, goal)
    stale = {**data, "goal-version": str(int(data["goal-version"]) - 1)}
    response, events = _sent(client, f"/werk/doelen/{goal.id}/bewerken", data=stale)
    assert response.status_code == 409  # the conflict page, with the text typed
    assert "Alle rekeningen op tijd betalen" in text(response)
    assert _changes(events) == [("update", "error")]


def test_an_incomplete_step_is_an_attempt(setting, login, db_session):
    client = login(setting.coordinator)
    plan_id = setting.plan.id
    response, events = _sent(
        client, f"/werk/plannen/{plan_id}/overgang", data={"trigger": "start_exploration"}
    )
    assert response.status_code == 302
    assert _changes(events) == [("execute", "error")]
    assert db.session.get(Plan, plan_id).status == "intake"
    log = text(login(setting.family).get("/ons-plan/wie-keek-er"))
    assert "ging niet door" in log and "Zette een stap verder" not in log


def test_an_edit_sent_to_a_closed_plan_is_an_attempt(setting, login, db_session):
    goal = add_goal(setting.plan, domain="economic", title="Rekeningen", actor=setting.coordinator)
    db_session.commit()
    client = login(setting.coordinator)
    data = _goal_form(client, goal)
    setting.plan.closed_at = dt.datetime.now(dt.UTC)
    db_session.commit()
    response, events = _sent(client, f"/werk/doelen/{goal.id}/bewerken", data=data)
    assert response.status_code == 409
    assert _changes(events) == [("update", "error")]


def test_a_barrier_decision_on_a_version_that_moved_on_is_an_attempt(client, login, db_session):
    d = make_doorbraak()
    db_session.commit()
    barrier_id = escalated(ApiClient(client, d.s.coordinator.login), d)
    manager = login(d.manager)
    version = db.session.get(Barrier, barrier_id).version
    response, events = _sent(
        manager,
        f"/knelpunten/{barrier_id}/besluit",
        data={
            "decision-version": str(version - 1),
            "decision-decision": "Akkoord, de gezinswerker blijft.",
        },
    )
    assert response.status_code == 409
    assert _changes(events) and all(o == "error" for _a, o in _changes(events))
    assert db.session.get(Barrier, barrier_id).status == "escalated"


def test_a_form_answered_403_is_a_denied_attempt(app, setting, db_session):
    """page() with 403 on a sent form: the change the request was loaded for is recorded as
    denied (a refusal for the role), not as a change nor as a mere error."""
    from maatwerk.audit.operations import record_audit
    from maatwerk.plans.reading import purpose_of
    from maatwerk.web.common import page

    last = db.session.scalar(select(func.max(AuditEvent.id))) or 0
    with app.test_request_context("/werk", method="POST"):
        record_audit(
            actor=setting.member,
            action="update",
            object_type="plan",
            object_id=str(setting.plan.id),
            household_ids=[setting.household.id],
            purpose=purpose_of(setting.member),
        )
        _body, status = page("errors/403.html", 403, message="")
    assert status == 403
    db.session.expire_all()
    events = db.session.execute(
        select(AuditEvent.action, AuditEvent.outcome).where(AuditEvent.id > last)
    ).all()
    assert [(str(a), o.value) for a, o in events] == [("update", "denied")]
