"""The case review pages: sessions, their participants, cases and lessons, the handout, and
the knowledge base. Packs, their review and the projector view are in pack_views."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, g, request
from flask_babel import gettext as _
from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.casereview import operations as ops
from maatwerk.casereview.models import LessonEffect
from maatwerk.casereview.pdf import build_handout
from maatwerk.casereview.reading import (
    NOT_YET_HELD,
    PARTICIPANT_ROLES,
    PARTNER_ROLES,
    get_session,
    is_programme,
    list_sessions,
    presented_packs,
    shown_packs,
)
from maatwerk.casereview.search import LessonFilters, search_lessons
from maatwerk.casereview.web import (
    back_to_session,
    bp,
    form_int,
    form_ints,
    refused,
    require_version,
    signed_in,
)
from maatwerk.catalogue.models import Intervention, OperationalGoal
from maatwerk.catalogue.reading import offered
from maatwerk.core.db import db
from maatwerk.core.enums import Domain
from maatwerk.core.errors import DomainError, ValidationFailed
from maatwerk.web.common import page
from maatwerk.workflow import available_triggers

ID = "int(max=2147483647)"


def _date(value: str | None, field: str) -> dt.date | None:
    """A date from the form; a date that does not exist is refused (never silently dropped)."""
    try:
        return dt.date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        raise ValidationFailed("Not a valid date.", fields={field: ["Not a valid date."]}) from None


def _catalogue(*, offered_only: bool = False) -> dict:
    """The catalogues of the lesson form (offered_only: no retired entries for a new lesson)
    and of the knowledge base's filters (every entry: old lessons name retired ones)."""
    interventions = select(Intervention).order_by(Intervention.name)
    goals = select(OperationalGoal).order_by(OperationalGoal.code)
    if offered_only:
        interventions = interventions.where(offered(Intervention))
        goals = goals.where(offered(OperationalGoal))
    return {
        "interventions": list(db.session.scalars(interventions)),
        "operational_goals": list(db.session.scalars(goals)),
        "organisations": list(db.session.scalars(select(Organisation).order_by(Organisation.name))),
        "domains": list(Domain),
        "effects": list(LessonEffect),
    }


@bp.get("/casusbesprekingen")
@signed_in
def sessions():
    """The sessions I run or was invited to."""
    if not (is_programme(g.actor) or g.actor.role in PARTICIPANT_ROLES):
        abort(404)
    return page("casereview/sessions.html", sessions=list_sessions(g.actor), errors={})


@bp.post("/casusbesprekingen")
@signed_in
def create():
    """Plan a session (programme)."""
    try:
        session = ops.create_session(
            title=request.form.get("title", ""),
            description=request.form.get("description", ""),
            planned_on=_date(request.form.get("planned_on"), "planned_on"),
            actor=g.actor,
        )
    except DomainError as error:
        if not is_programme(g.actor):
            abort(404)
        db.session.rollback()
        found = list_sessions(g.actor)
        return page(
            "casereview/sessions.html", 400, sessions=found, errors=error.fields, form=request.form
        )
    return back_to_session(session.id, _("The session is planned."))


@bp.get(f"/casusbesprekingen/<{ID}:session_id>")
@signed_in
def session(session_id: int):
    """One session: for the programme its preparation, for participants the approved cases
    and the lessons."""
    return page("casereview/session.html", **_session_context(get_session(session_id, g.actor)))


def _session_context(found) -> dict:
    """What the session page shows this user."""
    context: dict = {
        "session": found,
        "packs": shown_packs(found, g.actor),
        **_catalogue(offered_only=True),
    }
    if is_programme(g.actor):
        context["triggers"] = available_triggers(found, g.actor)
        if found.status in NOT_YET_HELD:
            context["candidates"] = ops.candidate_plans(found, actor=g.actor)
        invited = {p.user_id for p in found.participants}
        context["accounts"] = [
            u
            for u in db.session.scalars(
                select(User)
                .where(User.role.in_(PARTICIPANT_ROLES), User.active)
                .order_by(User.display_name)
                .limit(500)
            )
            if u.id not in invited
        ]
    return context


@bp.post(f"/casusbesprekingen/<{ID}:session_id>/overgang")
@signed_in
def transition(session_id: int):
    """Prepare, hold or publish the session (programme)."""
    found = get_session(session_id, g.actor)
    trigger = request.form.get("trigger", "")
    if form_int("version") != found.version and ops.last_trigger(found) == trigger:
        # A second click on the same step: it was taken, by this user or by someone else.
        return back_to_session(session_id, _("This has already been done."))
    try:
        require_version(found)
        ops.fire_session_trigger(found, trigger, actor=g.actor)
    except DomainError as error:
        return refused(error, session_id)
    return back_to_session(session_id, _("Done."))


@bp.post(f"/casusbesprekingen/<{ID}:session_id>/deelnemers")
@signed_in
def invite(session_id: int):
    """Invite a participant (programme)."""
    found = get_session(session_id, g.actor)
    try:
        ops.invite_participant(found, form_int("user_id") or 0, actor=g.actor)
    except DomainError as error:
        return refused(error, session_id)
    return back_to_session(session_id, _("Invited."))


@bp.post(f"/casusbesprekingen/<{ID}:session_id>/deelnemers/<{ID}:user_id>/verwijderen")
@signed_in
def uninvite(session_id: int, user_id: int):
    """Take an invitation back (programme)."""
    found = get_session(session_id, g.actor)
    try:
        ops.require_programme(g.actor)
        require_version(found)
        ops.remove_participant(found, user_id, actor=g.actor)
    except DomainError as error:
        return refused(error, session_id)
    return back_to_session(session_id, _("The invitation was taken back."))


@bp.post(f"/casusbesprekingen/<{ID}:session_id>/casussen")
@signed_in
def add_case(session_id: int):
    """Select a plan as a case (programme): its pack is generated for review."""
    found = get_session(session_id, g.actor)
    try:
        ops.add_case(found, form_int("plan_id") or 0, actor=g.actor)
    except DomainError as error:
        return refused(error, session_id)
    return back_to_session(session_id, _("The case was added. Review it before approving."))


@bp.post(f"/casusbesprekingen/<{ID}:session_id>/lessen")
@signed_in
def add_lesson(session_id: int):
    """Record a lesson while the session is held (participants and programme)."""
    found = get_session(session_id, g.actor)
    try:
        ops.record_lesson(
            found,
            actor=g.actor,
            title=request.form.get("title", ""),
            description=request.form.get("description", ""),
            effect=request.form.get("effect", ""),
            domains=request.form.getlist("domains"),
            intervention_ids=form_ints("intervention_ids"),
            operational_goal_ids=form_ints("operational_goal_ids"),
            organisation_ids=form_ints("organisation_ids"),
        )
    except ValidationFailed as error:
        # The form comes back as typed, the message next to the field.
        db.session.rollback()
        found = get_session(session_id, g.actor)
        return page(
            "casereview/session.html",
            422,
            lesson_form=request.form,
            lesson_errors=error.fields,
            **_session_context(found),
        )
    except DomainError as error:
        if error.detail == ops.LESSON_RECORDED:
            # A double click: the first one counted, the second changes nothing.
            db.session.rollback()
            return back_to_session(session_id, _("The lesson was already recorded."))
        return refused(error, session_id)
    return back_to_session(session_id, _("The lesson was recorded."))


@bp.post(f"/casusbesprekingen/<{ID}:session_id>/lessen/<{ID}:lesson_id>/verwijderen")
@signed_in
def remove_lesson(session_id: int, lesson_id: int):
    """Remove a lesson before publication (its author or the programme)."""
    found = get_session(session_id, g.actor)
    lesson = next((item for item in found.lessons if item.id == lesson_id), None)
    if lesson is None:
        abort(404)
    try:
        ops.require_lesson_author(lesson, g.actor)
        require_version(found)
        ops.delete_lesson(lesson, actor=g.actor)
    except DomainError as error:
        return refused(error, session_id)
    return back_to_session(session_id, _("The lesson was removed."))


@bp.get(f"/casusbesprekingen/<{ID}:session_id>/hand-out.pdf")
@signed_in
def handout(session_id: int):
    """The handout: approved cases and lessons, without personal data."""
    found = get_session(session_id, g.actor)
    packs = presented_packs(found, g.actor, action="print")
    body = build_handout(found, packs)
    db.session.commit()
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="case-review-{found.id}.pdf"'
    return response


@bp.get("/kennisbank")
@signed_in
def knowledge_base():
    """Published lessons, searched by words, domain, intervention and operational goal."""
    if g.actor.role not in PARTNER_ROLES:
        abort(404)
    args = request.args
    domain = args.get("domain") if args.get("domain") in {d.value for d in Domain} else None
    filters = LessonFilters(
        domain=Domain(domain) if domain else None,
        intervention_id=_arg_int("intervention_id"),
        operational_goal_id=_arg_int("operational_goal_id"),
    )
    q = (args.get("q") or "").strip()[:200]
    lessons, total = search_lessons(q, filters, page=1, page_size=50)
    return page(
        "casereview/knowledge.html",
        lessons=lessons,
        total=total,
        q=q,
        filters=filters,
        **_catalogue(),
    )


def _arg_int(name: str) -> int | None:
    value = (request.args.get(name) or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None
