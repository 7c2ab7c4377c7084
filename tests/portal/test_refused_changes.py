"""A change the family asked for that did not happen is audited as an attempt ("did not go
through"), never shown as a change in 'Who looked'; a confirmation or answer that is
already the plan's state is no conflict."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db
from maatwerk.goals.operations import add_action
from maatwerk.workflow import fire_transition
from tests.portal.conftest import refresh


def _events(user, **where) -> list[AuditEvent]:
    db.session.expire_all()
    query = select(AuditEvent).where(AuditEvent.user_id == user.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEvent, name) == value)
    return list(db.session.scalars(query.order_by(AuditEvent.id)))


def _log(client) -> str:
    return client.get("/ons-plan/wie-keek-er?alles=1").get_data(as_text=True)


def test_a_refused_own_goal_is_an_attempt_not_a_change(story, as_user):
    client = as_user(story.s.family)
    plan_id = story.s.plan.id
    response = client.post(f"/ons-plan/{plan_id}/eigen-doel", data={"domain": "social"})
    assert response.status_code == 422
    created = _events(story.s.family, action="create", object_type="plan")
    assert [e.outcome.value for e in created] == ["error"]
    log = _log(client)
    assert "Added: your plan" not in log
    assert "Tried to add" in log and "did not go through" in log


def test_a_refused_comment_and_a_bad_score_are_attempts(story, as_user):
    client = as_user(story.s.family)
    plan_id = story.s.plan.id
    assert client.post(f"/ons-plan/{plan_id}/bericht", data={"body": ""}).status_code == 422
    assert client.post(f"/ons-plan/{plan_id}/hoe-gaat-het", data={}).status_code in (400, 422)
    created = _events(story.s.family, action="create", object_type="plan")
    assert created and all(e.outcome.value == "error" for e in created)


def test_a_conflict_is_an_attempt(story, as_user):
    client = as_user(story.s.family)
    refresh(story.s.plan)
    old = story.s.plan.version - 1
    response = client.post(
        f"/ons-plan/{story.s.plan.id}/antwoord",
        data={"version": old, "kind": "goal", "item_id": story.proposed.id, "answer": "yes"},
    )
    assert response.status_code == 409
    updates = _events(story.s.family, action="update", object_type="plan")
    assert [e.outcome.value for e in updates] == ["error"]


def _ready_to_confirm(story) -> None:
    s = story.s
    fire_transition(story.step, "agree", actor=s.family)
    fire_transition(story.proposed, "reject", actor=s.family)
    from maatwerk.plans.operations import set_priorities

    set_priorities(s.plan, [story.own, story.second], actor=s.family)
    add_action(
        s.plan,
        description="Elke avond om acht uur naar bed",
        carrier="family",
        goals=[story.second],
        actor=s.coordinator,
    )
    db.session.commit()


def test_confirming_twice_says_already_confirmed(story, as_user):
    _ready_to_confirm(story)
    refresh(story.s.plan)
    version = story.s.plan.version
    first, second = as_user(story.s.family), as_user(story.s.family)
    url = f"/ons-plan/{story.s.plan.id}/bevestigen"
    assert first.post(url, data={"version": version}).status_code == 302
    response = second.post(url, data={"version": version}, follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Your plan is already confirmed." in page
    assert "The plan changed while you were looking" not in page
    refresh(story.s.plan)
    assert story.s.plan.status == "active"


def test_confirming_an_older_version_after_a_later_change_is_still_a_conflict(story, as_user):
    _ready_to_confirm(story)
    refresh(story.s.plan)
    version = story.s.plan.version
    add_action(
        story.s.plan,
        description="Nog een stap",
        carrier="family",
        goals=[story.own],
        actor=story.s.coordinator,
    )
    db.session.commit()
    response = as_user(story.s.family).post(
        f"/ons-plan/{story.s.plan.id}/bevestigen", data={"version": version}
    )
    assert response.status_code == 409


def test_the_same_answer_twice_is_no_conflict(story, as_user):
    refresh(story.s.plan)
    version = story.s.plan.version
    data = {"version": version, "kind": "goal", "item_id": story.proposed.id, "answer": "no"}
    url = f"/ons-plan/{story.s.plan.id}/antwoord"
    assert as_user(story.s.family).post(url, data=data).status_code == 302
    response = as_user(story.s.family).post(url, data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "This answer was already given." in response.get_data(as_text=True)
    # The opposite answer on the old page is a conflict: the family sees what changed.
    other = {**data, "answer": "yes"}
    assert as_user(story.s.family).post(url, data=other).status_code == 409
