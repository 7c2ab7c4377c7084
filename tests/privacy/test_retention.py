"""`maatwerk retention run`: closed plans are erased after the period, audit trail kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.accounts.models import User
from maatwerk.audit.models import AuditEvent
from maatwerk.audit.operations import verify_chain
from maatwerk.cli import main
from maatwerk.core.db import utcnow
from maatwerk.core.enums import Domain
from maatwerk.goals.operations import add_goal
from maatwerk.households.models import Household, Member
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import create_plan
from maatwerk.privacy.retention import erase_expired_plans
from maatwerk.workflow import fire_transition
from tests.plans.flow import make_setting


def closed_light_setting():
    s = make_setting("plan_light")
    add_goal(s.plan, domain=Domain.SOCIAL, title="Vrienden maken", actor=s.family)
    fire_transition(s.plan, "activate", actor=s.coordinator)
    fire_transition(s.plan, "close", actor=s.coordinator, reason="Klaar")
    return s


def test_expired_plans_and_lonely_households_are_erased(db_session):
    gone, kept = closed_light_setting(), make_setting()
    ids = (gone.plan.id, gone.household.id, gone.family.id)
    audit_before = db_session.scalar(select(func.count(AuditEvent.id)))
    later = utcnow() + dt.timedelta(days=31)
    assert erase_expired_plans(40, now=later).plan_ids == []
    report = erase_expired_plans(30, now=later)
    assert report.plan_ids == [ids[0]] and report.household_ids == [ids[1]]
    assert db_session.get(Plan, ids[0]) is None
    assert db_session.get(Household, ids[1]) is None
    assert db_session.get(User, ids[2]) is None  # the family's account goes with it
    assert db_session.scalar(select(Member.id).where(Member.household_id == ids[1])) is None
    assert db_session.get(Plan, kept.plan.id) is not None
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.id > 0).order_by(AuditEvent.id.desc()).limit(2)
    ).all()
    assert {(e.action, e.object_type, e.purpose) for e in events} == {
        ("delete", "plan", "retention"),
        ("delete", "household", "retention"),
    }
    assert db_session.scalar(select(func.count(AuditEvent.id))) == audit_before + 2
    assert verify_chain(db_session).ok


def test_household_with_another_plan_stays(db_session):
    s = closed_light_setting()
    other = create_plan(s.household, coordinator=s.coordinator, actor=s.coordinator)
    report = erase_expired_plans(1, now=utcnow() + dt.timedelta(days=2))
    assert report.plan_ids == [s.plan.id] and report.household_ids == []
    assert db_session.get(Plan, other.id) is not None


def test_dry_run_and_cli(app, db_session):
    s = closed_light_setting()
    db_session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(main, args=["retention", "run", "--days", "1", "--dry-run"])
    assert result.exit_code == 0 and "Would erase 0 plan(s)" in result.output
    assert db_session.get(Plan, s.plan.id) is not None
