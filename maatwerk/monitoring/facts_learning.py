"""Facts of learning from each other (OD-17): case review sessions, their lessons and who
took part. Same columns as the fact queries in facts.py.

A session is not one household's: it discusses a few cases (case packs), each from one
plan. So that cells still count households and add up along the area tree, a session's
figure is spread evenly over its cases: each case row carries 1/n of the session (n = the
session's cases). The region's total is then exactly the number of sessions (lessons,
participants); an area's figure is its share. Sessions without cases count nowhere (a
session cannot be prepared without cases)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import aliased

from maatwerk.accounts.models import User
from maatwerk.casereview.models import CasePack, CaseReviewSession, Lesson, SessionParticipant
from maatwerk.core.enums import Role
from maatwerk.monitoring.facts import ONE, as_float, plan_facts, within
from maatwerk.monitoring.periods import Period
from maatwerk.plans.models import Plan, TransitionEvent


def _held_in(period: Period) -> Select:
    """Sessions first held in the year, by the engine's 'held' transition."""
    return (
        select(TransitionEvent.subject_id.label("session_id"))
        .where(
            TransitionEvent.subject_type == CaseReviewSession.WORKFLOW,
            TransitionEvent.to_state == "held",
        )
        .group_by(TransitionEvent.subject_id)
        .having(within(func.min(TransitionEvent.occurred_at), period))
    )


def _cases_per_session() -> Select:
    return select(
        CasePack.session_id.label("session_id"), func.count(CasePack.id).label("cases")
    ).group_by(CasePack.session_id)


def _spread(sessions: Any, weight: Any) -> Select:
    """One row per case of the given sessions, carrying weight / (the session's cases)."""
    cases = _cases_per_session().subquery("cases")
    return (
        plan_facts(
            (as_float(weight) / as_float(cases.c.cases)).label("num"),
            ONE.label("den"),
            unit=CasePack.id,
        )
        .join(CasePack, CasePack.plan_id == Plan.id)
        .join(sessions, sessions.c.session_id == CasePack.session_id)
        .join(cases, cases.c.session_id == CasePack.session_id)
    )


def case_reviews_held(period: Period) -> Select:
    """Case review sessions held in the year."""
    held = _held_in(period).subquery("held")
    return _spread(held, ONE)


def lessons_published(period: Period) -> Select:
    """Lessons of the sessions published in the year."""
    published = (
        select(Lesson.session_id.label("session_id"), func.count(Lesson.id).label("lessons"))
        .join(CaseReviewSession, CaseReviewSession.id == Lesson.session_id)
        .where(
            CaseReviewSession.status == "published",
            within(CaseReviewSession.published_at, period),
        )
        .group_by(Lesson.session_id)
        .subquery("published")
    )
    return _spread(published, published.c.lessons)


def case_review_participants(period: Period) -> Select:
    """Per session held in the year: the distinct organisations of its invited
    professionals plus its invited experience experts (summed over sessions)."""
    held = _held_in(period).subquery("held_p")
    person = aliased(User)
    experts = func.count(distinct(person.id)).filter(person.role == Role.EXPERIENCE_EXPERT)
    organisations = func.count(distinct(person.organisation_id)).filter(
        person.role != Role.EXPERIENCE_EXPERT
    )
    taking_part = (
        select(
            SessionParticipant.session_id.label("session_id"),
            (organisations + experts).label("taking_part"),
        )
        .join(person, person.id == SessionParticipant.user_id)
        .join(held, held.c.session_id == SessionParticipant.session_id)
        .group_by(SessionParticipant.session_id)
        .subquery("taking_part")
    )
    return _spread(taking_part, taking_part.c.taking_part)
