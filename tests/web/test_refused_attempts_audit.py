"""A refused change is audited as an attempt that did not happen, never as a success: the
family's "who looked at our file" must not say a step was taken when it was refused."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db
from tests.api.conftest import ApiClient
from tests.web.helpers import text


def _plan_events(plan_id: int, action: str) -> list[str]:
    db.session.expire_all()
    return [
        event.outcome.value
        for event in db.session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.object_type == "plan",
                AuditEvent.object_id == str(plan_id),
                AuditEvent.action == action,
            )
            .order_by(AuditEvent.id)
        )
    ]


def test_a_step_the_page_refuses_is_an_attempt_in_the_trail(setting, login, db_session):
    client = login(setting.coordinator)
    plan = setting.plan
    response = client.post(
        f"/werk/plannen/{plan.id}/overgang",
        data={"trigger": "close", "plan_version": plan.version},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert db.session.get(type(plan), plan.id).status == "intake"
    assert _plan_events(plan.id, "execute") == ["error"]


def test_a_step_the_page_takes_is_a_success(setting, login, db_session):
    client = login(setting.coordinator)
    client.post(
        f"/werk/plannen/{setting.plan.id}/overgang",
        data={"trigger": "start_exploration", "plan_version": setting.plan.version},
    )
    assert _plan_events(setting.plan.id, "execute") == ["success"]


def test_the_api_audits_a_refused_transition_too(setting, client, db_session):
    coordinator = ApiClient(client, setting.coordinator.login)
    url = f"/api/v1/plans/{setting.plan.id}/transitions"
    refused = coordinator.post(url, json={"trigger": "close"}, etag="*")
    assert refused.status_code == 409
    assert _plan_events(setting.plan.id, "execute") == ["error"]
    family = ApiClient(client, setting.family.login)
    by_role = family.post(url, json={"trigger": "start_exploration"}, etag="*")
    assert by_role.status_code == 403
    assert _plan_events(setting.plan.id, "execute") == ["error", "denied"]


def test_the_family_reads_a_refused_step_as_one_that_did_not_go_through(setting, login, db_session):
    login(setting.coordinator).post(
        f"/werk/plannen/{setting.plan.id}/overgang",
        data={"trigger": "close", "plan_version": setting.plan.version},
    )
    log = text(login(setting.family).get("/ons-plan/wie-keek-er"))
    assert "Probeerde een stap verder te zetten: jullie plan — ging niet door" in log
    assert "Zette een stap verder" not in log
