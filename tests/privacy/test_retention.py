"""`maatwerk retention run`: closed plans are erased after the period, audit trail kept.

The rule is in maatwerk/privacy/retention.py: an open barrier or a case pack in an
unpublished session postpones a plan (and so keeps its household); once done, they are
erased with the plan, each with an audit event; budget grants and lessons stay.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.accounts.models import User
from maatwerk.audit.models import AuditEvent
from maatwerk.audit.operations import verify_chain
from maatwerk.barriers.models import Barrier, BudgetGrant, FlexibleBudget
from maatwerk.barriers.operations import report_barrier
from maatwerk.casereview.models import CasePack, CasePackText, CaseReviewSession, Lesson
from maatwerk.casereview.operations import (
    add_case,
    approve_pack,
    create_session,
    fire_session_trigger,
    record_lesson,
)
from maatwerk.cli import main
from maatwerk.core.db import utcnow
from maatwerk.core.enums import Domain
from maatwerk.goals.operations import add_goal
from maatwerk.households.models import Household, Member
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import create_plan
from maatwerk.privacy.retention import erase_expired_plans
from maatwerk.workflow import fire_transition
from tests.casereview.conftest import make_review
from tests.plans.flow import make_setting

LATER = dt.timedelta(days=31)


def closed_light_setting(*, with_barrier: bool = False):
    """A light plan, closed; `with_barrier`: reported before closing and left open (a closed
    plan takes no new barrier, its open ones can still be resolved)."""
    s = make_setting("plan_light")
    add_goal(s.plan, domain=Domain.SOCIAL, title="Vrienden maken", actor=s.family)
    if with_barrier:
        report_barrier(s.plan, category="rules", description="Regel", actor=s.coordinator)
    fire_transition(s.plan, "activate", actor=s.coordinator)
    fire_transition(s.plan, "close", actor=s.coordinator, reason="Klaar")
    return s


def retention_events(db_session, since: int) -> set[tuple[str, str, tuple[int, ...]]]:
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.id > since, AuditEvent.purpose == "retention")
    )
    return {(e.object_type, e.object_id, tuple(e.household_ids)) for e in events}


def last_event_id(db_session) -> int:
    return db_session.scalar(select(func.max(AuditEvent.id))) or 0


def test_expired_plans_and_lonely_households_are_erased(db_session):
    gone, kept = closed_light_setting(), make_setting()
    ids = (gone.plan.id, gone.household.id, gone.family.id)
    audit_before = db_session.scalar(select(func.count(AuditEvent.id)))
    later = utcnow() + LATER
    assert erase_expired_plans(40, now=later).plan_ids == []
    report = erase_expired_plans(30, now=later)
    assert report.plan_ids == [ids[0]] and report.household_ids == [ids[1]]
    assert report.postponed == {}
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


def test_household_with_another_open_plan_stays(db_session):
    s = closed_light_setting()
    other = create_plan(s.household, coordinator=s.coordinator, actor=s.coordinator)
    since = last_event_id(db_session)
    report = erase_expired_plans(1, now=utcnow() + dt.timedelta(days=2))
    assert report.plan_ids == [s.plan.id] and report.household_ids == []
    assert db_session.get(Plan, other.id) is not None
    assert db_session.get(Household, s.household.id) is not None
    assert retention_events(db_session, since) == {("plan", str(s.plan.id), (s.household.id,))}


def test_an_open_barrier_postpones_the_plan_until_it_is_resolved(db_session):
    s = closed_light_setting(with_barrier=True)
    barrier = s.plan.barriers[0]
    grant_budget = FlexibleBudget(
        organisation=s.municipality, year=2024, available_cents=50_000, granted_cents=20_000
    )
    db_session.add(grant_budget)
    db_session.flush()
    db_session.add(
        BudgetGrant(budget=grant_budget, barrier=barrier, plan_id=s.plan.id, amount_cents=20_000)
    )
    db_session.flush()
    ids = (s.plan.id, s.household.id, barrier.id)
    since = last_event_id(db_session)

    report = erase_expired_plans(30, now=utcnow() + LATER)
    assert report.plan_ids == [] and report.household_ids == []
    assert report.postponed == {ids[0]: [f"open barrier K-{ids[2]:04d}"]}
    assert db_session.get(Barrier, ids[2]) is not None
    assert db_session.get(Household, ids[1]) is not None
    assert retention_events(db_session, since) == set()

    barrier = db_session.get(Barrier, ids[2])
    fire_transition(barrier, "resolve", actor=s.coordinator, reason="Opgelost")
    report = erase_expired_plans(30, now=utcnow() + LATER)
    assert (report.plan_ids, report.barrier_ids, report.household_ids) == (
        [ids[0]],
        [ids[2]],
        [ids[1]],
    )
    assert db_session.get(Barrier, ids[2]) is None
    assert db_session.get(Household, ids[1]) is None
    assert retention_events(db_session, since) == {
        ("barrier", str(ids[2]), (ids[1],)),
        ("plan", str(ids[0]), (ids[1],)),
        ("household", str(ids[1]), (ids[1],)),
    }
    # The money stays spent: the ledger entry survives without its barrier and plan.
    grant = db_session.scalar(select(BudgetGrant).where(BudgetGrant.budget_id == grant_budget.id))
    assert (grant.amount_cents, grant.barrier_id, grant.plan_id) == (20_000, None, None)
    assert verify_chain(db_session).ok


def test_a_case_pack_postpones_the_plan_until_its_session_is_published(db_session):
    r = make_review()
    s = r.s
    for barrier in s.plan.barriers:  # enrich() reported one: resolve it first
        fire_transition(barrier, "resolve", actor=s.coordinator, reason="Opgelost")
    session = create_session(title="Casusbespreking", actor=r.programme)
    pack = add_case(session, s.plan.id, actor=r.programme)
    approve_pack(pack, actor=r.programme)
    fire_session_trigger(session, "prepare", actor=r.programme)
    fire_session_trigger(session, "hold", actor=r.programme)
    lesson = record_lesson(
        session, actor=r.programme, title="Samen werkt", description="Eén plan", effect="worked"
    )
    s.plan.status, s.plan.closed_at = "closed", utcnow() - dt.timedelta(days=40)
    db_session.flush()
    ids = (s.plan.id, s.household.id, pack.id, session.id, lesson.id)
    since = last_event_id(db_session)

    report = erase_expired_plans(30)
    assert report.postponed == {ids[0]: [f"case review session {ids[3]} not published"]}
    assert report.plan_ids == [] and db_session.get(CasePack, ids[2]) is not None

    fire_session_trigger(db_session.get(CaseReviewSession, ids[3]), "publish", actor=r.programme)
    report = erase_expired_plans(30)
    assert (report.plan_ids, report.case_pack_ids, report.household_ids) == (
        [ids[0]],
        [ids[2]],
        [ids[1]],
    )
    assert db_session.get(CasePack, ids[2]) is None
    assert db_session.scalar(select(CasePackText.id).where(CasePackText.pack_id == ids[2])) is None
    assert db_session.get(Household, ids[1]) is None
    # What the session learned names no household: it stays.
    assert db_session.get(CaseReviewSession, ids[3]) is not None
    assert db_session.get(Lesson, ids[4]) is not None
    events = retention_events(db_session, since)
    assert ("case_pack", str(ids[2]), (ids[1],)) in events
    assert {e[0] for e in events} == {"barrier", "case_pack", "plan", "household"}
    assert verify_chain(db_session).ok


def test_dry_run_changes_nothing(app, db_session):
    s = closed_light_setting()
    s.plan.closed_at = utcnow() - dt.timedelta(days=3)
    db_session.commit()
    since = last_event_id(db_session)
    runner = app.test_cli_runner()
    result = runner.invoke(main, args=["retention", "run", "--days", "1", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would erase 1 plan(s) and 1 household(s)" in result.output
    assert db_session.get(Plan, s.plan.id) is not None
    assert last_event_id(db_session) == since


def test_the_command_erases_and_the_chain_still_verifies(app, db_session):
    gone, postponed = closed_light_setting(), closed_light_setting(with_barrier=True)
    kept = make_setting()
    barrier = postponed.plan.barriers[0]
    for s in (gone, postponed):
        s.plan.closed_at = utcnow() - dt.timedelta(days=3)
    db_session.commit()
    ids = (gone.plan.id, gone.household.id, gone.family.id)
    since = last_event_id(db_session)
    runner = app.test_cli_runner()

    result = runner.invoke(main, args=["retention", "run", "--days", "1"])
    assert result.exit_code == 0, result.output
    assert "Erased 1 plan(s) and 1 household(s)." in result.output
    assert f"plan {postponed.plan.id}: open barrier {barrier.reference}" in result.output
    assert "Anna" not in result.output  # ids and references only

    assert db_session.get(Plan, ids[0]) is None
    assert db_session.get(Household, ids[1]) is None
    assert db_session.get(User, ids[2]) is None
    for s in (postponed, kept):
        assert db_session.get(Plan, s.plan.id) is not None
    assert retention_events(db_session, since) == {
        ("plan", str(ids[0]), (ids[1],)),
        ("household", str(ids[1]), (ids[1],)),
    }
    verified = runner.invoke(main, args=["audit", "verify"])
    assert verified.exit_code == 0 and "Audit chain intact" in verified.output
