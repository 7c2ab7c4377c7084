"""A new order for a confirmed plan: where the workflow offers `reprioritise` from the
plan's state (plan_standard: active), the plan goes back to prioritising and the family
confirms again, so confirm_plan's guard (an agreed action for the top goal) holds for the
order the team works to. The same order again changes nothing; plan_light has no such
step and takes the order as it is."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from maatwerk.core.enums import Domain
from maatwerk.core.errors import Conflict
from maatwerk.goals.operations import add_goal
from maatwerk.plans.models import TransitionEvent
from maatwerk.plans.operations import priorities_on_hold, set_priorities
from maatwerk.workflow import fire_transition
from tests.api.conftest import ApiClient
from tests.conftest import browser_login
from tests.plans.flow import make_setting
from tests.plans.test_plan_workflow import prepare_for_confirmation


def _triggers(session, plan) -> list[str]:
    return list(
        session.scalars(
            select(TransitionEvent.trigger)
            .where(TransitionEvent.plan_id == plan.id)
            .order_by(TransitionEvent.id)
        )
    )


def _active_with_two_goals(db_session):
    s = make_setting()
    first, _action = prepare_for_confirmation(s)
    second = add_goal(s.plan, domain=Domain.SOCIAL, title="Vaker de deur uit", actor=s.family)
    set_priorities(s.plan, [first, second], actor=s.family)
    fire_transition(s.plan, "confirm_plan", actor=s.family)
    db_session.commit()
    assert s.plan.status == "active"
    return s, first, second


def test_a_new_order_sends_an_active_plan_back_to_prioritising(db_session):
    s, first, second = _active_with_two_goals(db_session)
    set_priorities(s.plan, [second, first], actor=s.family)
    assert s.plan.status == "prioritising"
    assert (second.priority_rank, first.priority_rank) == (1, 2)
    assert _triggers(db_session, s.plan)[-1] == "reprioritise"


def test_the_same_order_again_keeps_the_plan_active(db_session):
    s, first, second = _active_with_two_goals(db_session)
    set_priorities(s.plan, [first, second], actor=s.family)
    assert s.plan.status == "active"
    assert "reprioritise" not in _triggers(db_session, s.plan)


def test_plan_light_takes_a_new_order_as_it_is(db_session):
    s = make_setting("plan_light")
    a = add_goal(s.plan, domain=Domain.SOCIAL, title="Vaker de deur uit", actor=s.family)
    b = add_goal(s.plan, domain=Domain.ECONOMIC, title="Schulden aflossen", actor=s.family)
    set_priorities(s.plan, [a, b], actor=s.family)
    fire_transition(s.plan, "activate", actor=s.coordinator)
    assert s.plan.status == "active"
    set_priorities(s.plan, [b, a], actor=s.family)
    assert s.plan.status == "active"
    assert (b.priority_rank, a.priority_rank) == (1, 2)


def test_the_portal_says_the_plan_must_be_confirmed_again(app, db_session):
    s, first, second = _active_with_two_goals(db_session)
    client = browser_login(app, s.family)
    answer = client.post(
        f"/ons-plan/{s.plan.id}/volgorde",
        data={"goal_ids": [second.id, first.id], "version": s.plan.version},
        follow_redirects=True,
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    db_session.expire_all()
    assert s.plan.status == "prioritising", page[:2000]


def _paused(db_session):
    s, first, second = _active_with_two_goals(db_session)
    fire_transition(s.plan, "pause", actor=s.coordinator, reason="Gezin in crisis")
    db_session.commit()
    assert s.plan.status == "paused"
    return s, first, second


def test_a_paused_plan_keeps_its_confirmed_order_until_it_continues(db_session):
    s, first, second = _paused(db_session)
    with pytest.raises(Conflict):
        set_priorities(s.plan, [second, first], actor=s.family)
    db_session.rollback()
    set_priorities(s.plan, [first, second], actor=s.family)  # the same order: nothing changes
    fire_transition(s.plan, "resume", actor=s.coordinator, reason="Weer rust")
    assert s.plan.status == "active"
    assert (first.priority_rank, second.priority_rank) == (1, 2)
    set_priorities(s.plan, [second, first], actor=s.family)
    assert s.plan.status == "prioritising"  # and the family confirms the new order again


def test_only_a_state_that_returns_to_work_unconfirmed_holds_the_order(db_session):
    s, first, second = _paused(db_session)
    assert priorities_on_hold(s.plan)
    fire_transition(s.plan, "resume", actor=s.coordinator, reason="Weer rust")
    assert not priorities_on_hold(s.plan)  # active: reprioritise
    set_priorities(s.plan, [second, first], actor=s.family)
    assert not priorities_on_hold(s.plan)  # prioritising: confirm_plan confirms


def test_the_api_answers_409_and_keeps_the_order(client, db_session):
    s, first, second = _paused(db_session)
    family = ApiClient(client, s.family.login)
    url = f"/api/v1/plans/{s.plan.id}/priorities"
    refused = family.put(url, json={"goalIds": [second.id, first.id]}, etag="*")
    assert refused.status_code == 409
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert "paused" in refused.get_json()["detail"]
    db_session.expire_all()
    assert (first.priority_rank, second.priority_rank) == (1, 2)


def test_the_portal_shows_why_the_order_waits_and_no_move_buttons(app, db_session):
    s, first, second = _paused(db_session)
    client = browser_login(app, s.family)
    page = client.get(f"/ons-plan/{s.plan.id}").get_data(as_text=True)
    assert "Je plan staat even stil." in page
    assert f'id="up-{second.id}"' not in page and "data-sortable" not in page
    answer = client.post(
        f"/ons-plan/{s.plan.id}/volgorde",
        data={"goal_ids": [second.id, first.id], "version": s.plan.version},
        follow_redirects=True,
    )
    assert answer.status_code == 200
    assert "Je plan staat even stil." in answer.get_data(as_text=True)
    db_session.expire_all()
    assert (first.priority_rank, second.priority_rank) == (1, 2)
