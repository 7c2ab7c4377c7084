"""Operations and reads of reflection sessions (programme only); they flush, never commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.core.errors import Conflict, NotFound, ValidationFailed
from maatwerk.reflection.models import (
    GoalDecision,
    LemniscateSide,
    ReflectionDecision,
    ReflectionFinding,
    ReflectionGroup,
    ReflectionSession,
)

MAX_TEXT = 5000


def is_programme(user: Any) -> bool:
    return getattr(user, "role", None) is Role.PROGRAMME


def _require_programme(user: Any) -> None:
    # Others learn nothing: the reflections answer 404 outside the programme.
    if not is_programme(user):
        raise NotFound("Not found.")


def _text(value: str | None, field: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"{field} is required.", fields={field: ["Required."]})
    if len(value) > MAX_TEXT:
        raise ValidationFailed(
            f"{field} is too long.", fields={field: [f"At most {MAX_TEXT} characters."]}
        )
    return value


def _enum(kind: type, value: Any, field: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise ValidationFailed(f"Unknown {field}.", fields={field: ["Unknown value."]}) from None


def _touch(session: ReflectionSession) -> None:
    session.updated_at = dt.datetime.now(dt.UTC)  # bumps the version too


def list_sessions(user: Any, year: int | None = None) -> list[ReflectionSession]:
    """Reflection sessions, newest year first (programme only)."""
    _require_programme(user)
    query = select(ReflectionSession).options(
        selectinload(ReflectionSession.findings),
        selectinload(ReflectionSession.decisions).selectinload(ReflectionDecision.operational_goal),
    )
    if year is not None:
        query = query.where(ReflectionSession.year == year)
    order = (ReflectionSession.year.desc(), ReflectionSession.group, ReflectionSession.id)
    return list(db.session.scalars(query.order_by(*order)))


def get_session(session_id: int, user: Any) -> ReflectionSession:
    """One session with its findings and decisions (programme only; others 404)."""
    _require_programme(user)
    session = db.session.scalar(
        select(ReflectionSession)
        .where(ReflectionSession.id == session_id)
        .options(
            selectinload(ReflectionSession.findings),
            selectinload(ReflectionSession.decisions).selectinload(
                ReflectionDecision.operational_goal
            ),
        )
    )
    if session is None:
        raise NotFound("Not found.")
    return session


def _held_on(held_on: dt.date | None, year: int) -> dt.date | None:
    """The day a reflection on a year was held: not ahead of today (it was held), and in
    that year or the next (the reflection on a year often takes place early the next)."""
    if held_on is None:
        return None
    if held_on > dt.date.today():
        raise ValidationFailed(
            "A session is recorded once it was held.",
            fields={"held_on": ["This day has not come yet."]},
        )
    if held_on.year not in (year, year + 1):
        raise ValidationFailed(
            "A reflection on a year is held in that year or the next.",
            fields={"held_on": ["Not in the year of the reflection or the next."]},
        )
    return held_on


def create_session(
    *,
    year: int,
    group: ReflectionGroup | str,
    actor: Any,
    held_on: dt.date | None = None,
    summary: str = "",
) -> ReflectionSession:
    """Open the reflection of one group for one year."""
    _require_programme(actor)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationFailed("Unknown year.", fields={"year": ["Between 2000 and 2100."]})
    session = ReflectionSession(
        year=year,
        group=_enum(ReflectionGroup, group, "group"),
        held_on=_held_on(held_on, year),
        summary=_text(summary, "summary"),
        created_by_user_id=actor.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(session)
    except IntegrityError:
        raise Conflict(
            "This group already has a reflection for this year.",
            fields={"group": ["Already recorded for this year."]},
        ) from None
    return session


def update_session(
    session: ReflectionSession, *, actor: Any, held_on: dt.date | None, summary: str
) -> None:
    """Change the date and the summary of a session."""
    _require_programme(actor)
    session.held_on = _held_on(held_on, session.year)
    session.summary = _text(summary, "summary")
    _touch(session)
    db.session.flush()


def add_finding(
    session: ReflectionSession, *, side: LemniscateSide | str, text: str, actor: Any
) -> ReflectionFinding:
    """Record what the group found on one side of the lemniscate."""
    _require_programme(actor)
    finding = ReflectionFinding(
        side=_enum(LemniscateSide, side, "side"), text=_text(text, "text", required=True)
    )
    session.findings.append(finding)
    _touch(session)
    db.session.flush()
    return finding


def remove_finding(finding: ReflectionFinding, *, actor: Any) -> None:
    """Take a finding out of its session."""
    _require_programme(actor)
    session = finding.session
    session.findings.remove(finding)
    _touch(session)
    db.session.flush()


def record_decision(
    session: ReflectionSession,
    goal: OperationalGoal,
    *,
    decision: GoalDecision | str,
    actor: Any,
    phase_plan: int | None = None,
    note: str = "",
) -> ReflectionDecision:
    """Decide on one operational goal: keep it, add it to phase plan N, or drop it."""
    _require_programme(actor)
    decision = _enum(GoalDecision, decision, "decision")
    if decision is GoalDecision.ADD_TO_PHASE_PLAN:
        if not isinstance(phase_plan, int) or isinstance(phase_plan, bool) or phase_plan < 1:
            raise ValidationFailed(
                "Name the phase plan.", fields={"phasePlan": ["A phase plan number from 1."]}
            )
    else:
        phase_plan = None
    entry = next((d for d in session.decisions if d.operational_goal_id == goal.id), None)
    if entry is None:
        entry = ReflectionDecision(operational_goal=goal, decision=decision)
        session.decisions.append(entry)
    entry.decision, entry.phase_plan, entry.note = decision, phase_plan, _text(note, "note")
    _touch(session)
    db.session.flush()
    return entry


def clear_decision(session: ReflectionSession, goal: OperationalGoal, *, actor: Any) -> None:
    """Remove the decision on a goal (no decision taken); NotFound when there is none."""
    _require_programme(actor)
    entry = next((d for d in session.decisions if d.operational_goal_id == goal.id), None)
    if entry is None:
        raise NotFound("No decision on this operational goal.")
    session.decisions.remove(entry)
    _touch(session)
    db.session.flush()


def get_goal(goal_id: int) -> OperationalGoal:
    """An operational goal by id (404 when unknown)."""
    goal = db.session.get(OperationalGoal, goal_id)
    if goal is None:
        raise NotFound("Unknown operational goal.")
    return goal


def year_decisions(year: int) -> list[ReflectionDecision]:
    """Every decision taken in the year's sessions (the annual report), by goal code."""
    return list(
        db.session.scalars(
            select(ReflectionDecision)
            .join(ReflectionSession)
            .join(OperationalGoal)
            .where(ReflectionSession.year == year)
            .options(selectinload(ReflectionDecision.session))
            .order_by(OperationalGoal.code, ReflectionSession.group)
        )
    )


GROUP_ORDER = list(ReflectionGroup)


def list_sessions_of_year(year: int) -> list[ReflectionSession]:
    """The year's sessions with findings and decisions, steering group first (report)."""
    found = db.session.scalars(
        select(ReflectionSession)
        .where(ReflectionSession.year == year)
        .options(
            selectinload(ReflectionSession.findings),
            selectinload(ReflectionSession.decisions).selectinload(
                ReflectionDecision.operational_goal
            ),
        )
    )
    return sorted(found, key=lambda s: GROUP_ORDER.index(s.group))
