"""Every read and change of household data through the API writes its audit event."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.audit.operations import verify_chain


def new_events(db_session, after_id):
    return db_session.scalars(
        select(AuditEvent).where(AuditEvent.id > after_id).order_by(AuditEvent.id)
    ).all()


def last_id(db_session):
    return db_session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) or 0


def test_each_household_access_is_audited(setting, as_user, db_session):
    member = as_user(setting.member)
    plan_url = f"/api/v1/plans/{setting.plan.id}"
    goal = member.post(f"{plan_url}/goals", json={"domain": "social", "title": "Vrienden"})
    goal_url = goal.headers["Location"]
    calls = [
        ("get", plan_url, {}, "read", "plan"),
        ("get", f"{plan_url}/goals", {}, "read", "plan"),
        ("get", f"{plan_url}/actions", {}, "read", "plan"),
        ("get", f"{plan_url}/history", {}, "read", "plan"),
        ("get", f"{plan_url}/comments", {}, "read", "plan"),
        ("get", f"{plan_url}/team-members", {}, "read", "plan"),
        ("get", f"{plan_url}/transitions", {}, "read", "plan"),
        ("get", goal_url, {}, "read", "goal"),
        ("get", f"{goal_url}/transitions", {}, "read", "goal"),
        ("post", f"{plan_url}/comments", {"json": {"body": "Hallo"}}, "create", "plan"),
        (
            "post",
            f"{plan_url}/goals",
            {"json": {"domain": "mental", "title": "Rust"}},
            "create",
            "plan",
        ),
        (
            "patch",
            goal_url,
            {"json": {"title": "Nieuwe vrienden"}, "etag": goal.headers["ETag"]},
            "update",
            "goal",
        ),
        ("get", "/api/v1/plans", {}, "search", "plan"),
    ]
    for method, url, kwargs, action, object_type in calls:
        before = last_id(db_session)
        response = getattr(member, method)(url, **kwargs)
        assert response.status_code < 300, (url, response.get_json())
        events = new_events(db_session, before)
        assert [(e.action, e.object_type) for e in events] == [(action, object_type)], url
        event = events[0]
        assert event.user_id == setting.member.id
        assert event.organisation_id == setting.ggz.id
        assert event.outcome == "success"
        assert event.household_ids == [setting.household.id]
        assert event.request_id
    assert verify_chain(db_session).ok


def test_denied_attempts_are_audited_and_change_nothing(setting, as_user, db_session):
    outsider = as_user(setting.outsider)
    before = last_id(db_session)
    response = outsider.post(
        f"/api/v1/plans/{setting.plan.id}/goals", json={"domain": "social", "title": "Inbraak"}
    )
    assert response.status_code == 404
    events = new_events(db_session, before)
    assert [(e.action, e.outcome, e.user_id) for e in events] == [
        ("create", "denied", setting.outsider.id)
    ]
    assert setting.plan.goals == []


def test_a_412_with_the_current_version_keeps_the_audit_of_that_read(setting, as_user, db_session):
    """The 412 body shows the current version: its read survives the request's rollback."""
    member = as_user(setting.member)
    goal = member.post(
        f"/api/v1/plans/{setting.plan.id}/goals", json={"domain": "social", "title": "Vrienden"}
    )
    goal_id = goal.get_json()["id"]
    before = last_id(db_session)
    stale = member.patch(goal.headers["Location"], json={"title": "Anders"}, etag='"goal-0-0"')
    assert stale.status_code == 412 and stale.get_json()["current"]["title"] == "Vrienden"
    events = new_events(db_session, before)
    assert [(e.action, e.object_type, e.outcome) for e in events] == [
        ("update", "goal", "error"),  # attempted, nothing changed
        ("read", "goal", "success"),  # what the body disclosed
    ]
    assert {e.object_id for e in events} == {str(goal_id)}
    assert all(e.household_ids == [setting.household.id] for e in events)
    assert all(e.user_id == setting.member.id for e in events)
    assert verify_chain(db_session).ok


def test_a_412_on_a_member_correction_leaves_the_read_of_the_member(client, db_session):
    from tests.api.conftest import ApiClient
    from tests.plans.flow import make_setting

    s = make_setting()
    db_session.commit()
    family = ApiClient(client, s.family.login)
    member_id = s.household.members[0].id
    before = last_id(db_session)
    stale = family.patch(
        f"/api/v1/households/{s.household.id}/members/{member_id}",
        json={"givenName": "Annie"},
        etag='"member-stale"',
    )
    assert stale.status_code == 412 and stale.get_json()["current"]["givenName"] == "Anna"
    reads = [
        (e.object_type, e.object_id, e.household_ids)
        for e in new_events(db_session, before)
        if e.action == "read" and e.outcome == "success"
    ]
    assert ("member", str(member_id), [s.household.id]) in reads
    assert verify_chain(db_session).ok
