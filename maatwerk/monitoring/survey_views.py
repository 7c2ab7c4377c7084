"""The experience survey as a page: the family (in its portal) or a team member answers
the statements with five big faces each; plain HTML, works without JavaScript. Both return
to their plan page, where the survey is offered while it is due."""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db
from maatwerk.core.enums import Role, ScoredBy
from maatwerk.core.errors import Conflict, DomainError, ValidationFailed
from maatwerk.extensions import login_manager
from maatwerk.monitoring.statements import SCALE, statements_for
from maatwerk.monitoring.surveys import answered, due_moment, record_survey
from maatwerk.monitoring.web import bp
from maatwerk.plans.access import plan_roles
from maatwerk.plans.reading import get_plan
from maatwerk.web.common import page


def _load(plan_id: int, action: str):
    """The plan and who answers: the family, or a professional of the team; else 404."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    g.actor = current_user._get_current_object()
    if g.actor.role not in (Role.FAMILY, Role.PROFESSIONAL):
        abort(404)
    try:
        plan = get_plan(plan_id, g.actor, action=action)
    except DomainError as error:
        db.session.rollback()
        if error.audit is not None:  # keep the trail of the denied attempt
            record_audit(outcome="denied", **error.audit)
            db.session.commit()
        abort(404)
    roles = plan_roles(plan, g.actor)
    respondent = ScoredBy.FAMILY if "family" in roles else ScoredBy.PROFESSIONAL
    if respondent is ScoredBy.PROFESSIONAL and "team" not in roles:
        abort(404)
    return plan, respondent


def _back(plan, respondent) -> str:
    """The plan page the respondent came from: the family's portal or the team's page."""
    if respondent is ScoredBy.FAMILY:
        return url_for("portal.plan", plan_id=plan.id)
    return url_for("web.plan", plan_id=plan.id)


def _render(plan, respondent, *, status: int = 200, chosen=None, errors=None):
    moment = due_moment(plan)
    family = respondent is ScoredBy.FAMILY
    return page(
        "portal/survey.html" if family else "monitoring/survey.html",
        status,
        plan=plan,
        respondent=respondent,
        moment=moment,
        statements=statements_for(respondent),
        scale=SCALE,
        chosen=chosen or {},
        errors=errors or {},
        already=answered(plan, respondent, moment, g.actor.id),
        back=_back(plan, respondent),
    )


@bp.get("/vragenlijst/<int(max=2147483647):plan_id>")
def survey(plan_id: int):
    """The survey that is due now (at intake, or at evaluation)."""
    loaded = _load(plan_id, "read")
    if not isinstance(loaded, tuple):
        return loaded
    plan, respondent = loaded
    return _render(plan, respondent)


@bp.post("/vragenlijst/<int(max=2147483647):plan_id>")
def answer_survey(plan_id: int):
    """Record the answers; the statements left open are simply not answered."""
    loaded = _load(plan_id, "create")
    if not isinstance(loaded, tuple):
        return loaded
    plan, respondent = loaded
    answers = {}
    for statement in statements_for(respondent):
        value = request.form.get(statement.key, "")
        if value in {"1", "2", "3", "4", "5"}:
            answers[statement.key] = int(value)
    savepoint = db.session.begin_nested()  # a refusal undoes only the survey, not the audit
    try:
        record_survey(
            plan,
            respondent=respondent,
            moment=due_moment(plan),
            answers=answers,
            actor=g.actor,
        )
    except (ValidationFailed, Conflict) as error:
        savepoint.rollback()
        status = 409 if isinstance(error, Conflict) else 400
        return _render(plan, respondent, status=status, chosen=answers, errors=error.fields)
    savepoint.commit()
    db.session.commit()
    flash(_("Thank you! Your answers help us to do better."))
    return redirect(_back(plan, respondent))
