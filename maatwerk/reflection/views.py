"""The reflection pages (programme only): sessions per year and group, findings per side of
the lemniscate, a decision per operational goal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.errors import DomainError, NotFound, ValidationFailed
from maatwerk.monitoring.web import programme_required
from maatwerk.reflection import operations as ops
from maatwerk.reflection.labels import DECISIONS, GROUPS, SIDES
from maatwerk.reflection.models import GoalDecision, ReflectionFinding, ReflectionGroup
from maatwerk.web.common import page

bp = Blueprint("reflection", __name__)


def _date(value: str | None) -> dt.date | None:
    """A date from the form; a date that does not exist is refused (never silently dropped)."""
    try:
        return dt.date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        raise ValidationFailed(
            "Not a valid date.", fields={"held_on": ["Not a valid date."]}
        ) from None


def _int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 6 else None


def _goals() -> list[OperationalGoal]:
    return list(db.session.scalars(select(OperationalGoal).order_by(OperationalGoal.code)))


def _session_page(session, status: int = 200, **extra: Any):
    decided = {d.operational_goal_id: d for d in session.decisions}
    return page(
        "reflection/session.html",
        status,
        session=session,
        goals=_goals(),
        decided=decided,
        sides=SIDES,
        decisions=DECISIONS,
        groups=GROUPS,
        **extra,
    )


def _stale(session) -> bool:
    return _int(request.form.get("version")) != session.version


@bp.get("/reflectie")
@programme_required
def sessions():
    """Every reflection session, newest year first, and a form to open one."""
    year = _int(request.args.get("year"))
    found = ops.list_sessions(g.actor, year)
    return page(
        "reflection/sessions.html",
        sessions=found,
        groups=GROUPS,
        this_year=dt.date.today().year,
        errors={},
    )


@bp.post("/reflectie")
@programme_required
def create():
    """Open a session for a year and group."""
    try:
        session = ops.create_session(
            year=_int(request.form.get("year")) or 0,
            group=request.form.get("group", ""),
            held_on=_date(request.form.get("held_on")),
            summary=request.form.get("summary", ""),
            actor=g.actor,
        )
    except DomainError as error:
        db.session.rollback()
        return page(
            "reflection/sessions.html",
            error.status,
            sessions=ops.list_sessions(g.actor),
            groups=GROUPS,
            this_year=dt.date.today().year,
            errors=error.fields,
            form=request.form,
        )
    db.session.commit()
    return redirect(url_for("reflection.session", session_id=session.id))


@bp.get("/reflectie/<int(max=2147483647):session_id>")
@programme_required
def session(session_id: int):
    """One session: the lemniscate's findings and the decisions per operational goal."""
    return _session_page(ops.get_session(session_id, g.actor))


@bp.post("/reflectie/<int(max=2147483647):session_id>")
@programme_required
def update(session_id: int):
    """Change the date and summary."""
    found = ops.get_session(session_id, g.actor)
    if _stale(found):
        return _session_page(found, 409, conflict=True)
    try:
        ops.update_session(
            found,
            held_on=_date(request.form.get("held_on")),
            summary=request.form.get("summary", ""),
            actor=g.actor,
        )
    except DomainError as error:
        db.session.rollback()
        found = ops.get_session(session_id, g.actor)
        return _session_page(found, 400, session_errors=error.fields, session_form=request.form)
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(url_for("reflection.session", session_id=found.id))


@bp.post("/reflectie/<int(max=2147483647):session_id>/bevindingen")
@programme_required
def add_finding(session_id: int):
    """Add a finding on one side of the lemniscate."""
    found = ops.get_session(session_id, g.actor)
    try:
        ops.add_finding(
            found,
            side=request.form.get("side", ""),
            text=request.form.get("text", ""),
            actor=g.actor,
        )
    except DomainError as error:
        db.session.rollback()
        found = ops.get_session(session_id, g.actor)
        return _session_page(found, error.status, finding_errors=error.fields)
    db.session.commit()
    return redirect(url_for("reflection.session", session_id=found.id) + "#bevindingen")


@bp.post(
    "/reflectie/<int(max=2147483647):session_id>/bevindingen/"
    "<int(max=2147483647):finding_id>/verwijderen"
)
@programme_required
def remove_finding(session_id: int, finding_id: int):
    """Remove a finding."""
    found = ops.get_session(session_id, g.actor)
    finding = db.session.get(ReflectionFinding, finding_id)
    if finding is None or finding.session_id != found.id:
        raise NotFound("Not found.")
    ops.remove_finding(finding, actor=g.actor)
    db.session.commit()
    return redirect(url_for("reflection.session", session_id=found.id) + "#bevindingen")


def _already_decided(session) -> bool:
    """The form asks for exactly the decisions the session has now (a second click)."""
    decided = {d.operational_goal_id: d for d in session.decisions}
    valid = {d.value for d in GoalDecision}
    for goal in _goals():
        choice = request.form.get(f"decision_{goal.id}", "")
        current = decided.get(goal.id)
        if choice not in valid:
            if current is not None:
                return False
            continue
        phase = (
            _int(request.form.get(f"phase_{goal.id}")) if choice == "add_to_phase_plan" else None
        )
        note = request.form.get(f"note_{goal.id}", "").strip()
        if current is None or (current.decision.value, current.phase_plan, current.note) != (
            choice,
            phase,
            note,
        ):
            return False
    return True


@bp.post("/reflectie/<int(max=2147483647):session_id>/besluiten")
@programme_required
def decide(session_id: int):
    """Save the decision on every operational goal at once."""
    found = ops.get_session(session_id, g.actor)
    if _stale(found):
        # A second click carries the version the first one saved on.
        if _int(request.form.get("version")) is not None and _already_decided(found):
            flash(_("This has already been done: these decisions are saved."), "success")
            return redirect(url_for("reflection.session", session_id=found.id) + "#besluiten")
        return _session_page(found, 409, conflict=True)
    errors: dict[int, list[str]] = {}
    savepoint = db.session.begin_nested()
    for goal in _goals():
        choice = request.form.get(f"decision_{goal.id}", "")
        if choice not in {d.value for d in GoalDecision}:
            if any(d.operational_goal_id == goal.id for d in found.decisions):
                ops.clear_decision(found, goal, actor=g.actor)
            continue
        try:
            ops.record_decision(
                found,
                goal,
                decision=choice,
                phase_plan=_int(request.form.get(f"phase_{goal.id}")),
                note=request.form.get(f"note_{goal.id}", ""),
                actor=g.actor,
            )
        except DomainError as error:
            errors[goal.id] = [m for ms in error.fields.values() for m in ms] or [error.detail]
    if errors:
        savepoint.rollback()
        found = ops.get_session(session_id, g.actor)
        return _session_page(found, 400, decision_errors=errors, submitted=request.form)
    savepoint.commit()
    db.session.commit()
    flash(_("The decisions are saved."), "success")
    return redirect(url_for("reflection.session", session_id=found.id) + "#besluiten")


__all__ = ["ReflectionGroup", "bp"]
