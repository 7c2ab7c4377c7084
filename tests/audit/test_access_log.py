"""The family's access log and the `audit verify` command."""

from __future__ import annotations

from sqlalchemy import func, select, text

from maatwerk.audit.cli import audit
from maatwerk.audit.models import AuditAction, AuditEvent, AuditOutcome
from maatwerk.audit.operations import record_audit
from maatwerk.audit.queries import access_log
from maatwerk.core.actors import SYSTEM
from tests.audit.helpers import record_many, triggers_off
from tests.plans.flow import make_setting


def expected_ids(session, household_id: int) -> list[int]:
    events = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).all()
    return [e.id for e in events if household_id in e.household_ids]


def test_access_log_is_readable_newest_first_and_only_that_household(db_session, count_queries):
    s, other = make_setting(), make_setting()
    record_audit(
        actor=s.coordinator,
        action="read",
        object_type="plan",
        object_id=s.plan.id,
        household_ids=[s.household.id],
        purpose="care",
    )
    elsewhere = record_audit(
        actor=other.coordinator,
        action="read",
        object_type="plan",
        household_ids=[other.household.id],
        purpose="care",
    )
    record_audit(
        actor=s.family,
        action="export",
        object_type="household",
        household_ids=[s.household.id],
        purpose="family_access",
    )
    record_audit(
        actor=SYSTEM,
        action="update",
        object_type="consent",
        household_ids=[s.household.id, other.household.id],
        purpose="monitoring",
    )
    record_audit(
        actor=s.outsider,
        action="read",
        object_type="plan",
        household_ids=[s.household.id],
        purpose="care",
        outcome="denied",
    )
    db_session.commit()
    household_id = s.household.id  # loaded outside the counted block

    with count_queries() as q:
        log = access_log(db_session, household_id)

    assert q.count == 1, q.statements
    assert [e.id for e in log] == expected_ids(db_session, household_id)
    newest = log[:4]
    assert [(e.organisation, e.role, e.action, e.outcome) for e in newest] == [
        (s.outsider.organisation.name, "professional", AuditAction.READ, AuditOutcome.DENIED),
        ("Systeem", "system", AuditAction.UPDATE, AuditOutcome.SUCCESS),
        ("Gezin", "family", AuditAction.EXPORT, AuditOutcome.SUCCESS),
        (s.municipality.name, "professional", AuditAction.READ, AuditOutcome.SUCCESS),
    ]
    assert newest[0].occurred_at >= newest[-1].occurred_at
    assert newest[0].occurred_at.tzinfo is not None
    assert elsewhere.id not in {e.id for e in log}
    assert newest[1].id in {e.id for e in access_log(db_session, other.household.id)}


def test_access_log_pages_with_before_id(db_session):
    s = make_setting()
    record_many(s, 20)
    db_session.commit()
    everything = expected_ids(db_session, s.household.id)

    first = access_log(db_session, s.household.id, limit=5)
    second = access_log(db_session, s.household.id, limit=5, before_id=first[-1].id)

    assert [e.id for e in first + second] == everything[:10]


def test_cli_verify_reports_intact_chain(app, db_session):
    record_many(make_setting(), 5)
    db_session.commit()
    count = db_session.scalar(select(func.count()).select_from(AuditEvent))

    result = app.test_cli_runner().invoke(audit, ["verify"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Audit chain intact: {count} events"


def test_cli_verify_names_the_broken_event(app, db_session, backend):
    events = record_many(make_setting(), 5)
    with triggers_off(db_session, backend):
        db_session.execute(
            text("UPDATE audit_events SET purpose = 'x' WHERE id = :id"), {"id": events[2].id}
        )
    db_session.commit()

    result = app.test_cli_runner().invoke(audit, ["verify"])

    assert result.exit_code == 1
    assert f"Audit chain broken at event {events[2].id}: " in result.output
