"""The programme's pages for interventions (the service directory) and operational goals:
list, add, change, retire or offer again. A form built on an older version saves nothing
and comes back with the user's input on the current version (409)."""

from __future__ import annotations

from typing import Any

from flask import g, request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from maatwerk.accounts.models import Organisation
from maatwerk.catalogue import goal_operations as goal_ops
from maatwerk.catalogue import operations as ops
from maatwerk.catalogue.forms import InterventionForm, OperationalGoalForm, RetireForm, show_errors
from maatwerk.catalogue.models import Area, Intervention, OperationalGoal
from maatwerk.catalogue.views import bp, entry, saved
from maatwerk.core.db import db
from maatwerk.core.enums import AreaKind
from maatwerk.core.errors import DomainError
from maatwerk.monitoring.labels import LINES
from maatwerk.monitoring.registry import indicators_of
from maatwerk.monitoring.web import programme_required
from maatwerk.web import shown
from maatwerk.web.common import attempt, page
from maatwerk.web.labels import translate

INTERVENTION_OPTIONS = (
    selectinload(Intervention.organisations),
    selectinload(Intervention.areas),
    selectinload(Intervention.domain_links),
)


# --- interventions ----------------------------------------------------------------------------


@bp.get("/interventies")
@programme_required
def interventions():
    """Every intervention, offered ones first; retired ones below."""
    found = db.session.scalars(
        select(Intervention).options(*INTERVENTION_OPTIONS).order_by(Intervention.name)
    ).all()
    return page("catalogue/interventions.html", interventions=found)


def _intervention_choices(form: InterventionForm) -> None:
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name))
    form.organisation_ids.choices = [(o.id, o.name) for o in organisations]
    areas = db.session.scalars(
        select(Area)
        .where(Area.kind == AreaKind.MUNICIPALITY)
        .options(selectinload(Area.children))
        .order_by(Area.name)
    )
    form.area_ids.choices = [
        (a.id, a.name if a.parent_id is None else f"{a.name} ({m.name})")
        for m in areas
        for a in (m, *sorted(m.children, key=lambda a: a.name))
    ]


def _intervention_page(
    form: InterventionForm, obj: Intervention | None, status: int = 200, **extra
):
    _intervention_choices(form)
    return page("catalogue/intervention_form.html", status, form=form, intervention=obj, **extra)


def _intervention_changes(form: InterventionForm) -> dict[str, Any]:
    wanted = {
        "organisations": form.organisation_ids.data or [],
        "areas": form.area_ids.data or [],
    }
    found = {
        key: list(db.session.scalars(select(model).where(model.id.in_(wanted[key]))))
        for key, model in (("organisations", Organisation), ("areas", Area))
    }
    return {
        "name": form.name.data,
        "description": form.description.data,
        "domains": form.domains.data or [],
        **found,
    }


@bp.route("/interventies/nieuw", methods=["GET", "POST"])
@programme_required
def new_intervention():
    """Add an intervention to the service directory."""
    form = InterventionForm()
    if not form.validate_on_submit():
        return _intervention_page(form, None, 400 if form.is_submitted() else 200)
    ops.require_catalogue_editor(g.actor, "intervention")
    try:
        made = attempt(ops.create_intervention, **_intervention_changes(form), actor=g.actor)
    except DomainError as error:
        show_errors(form, error.fields, error.detail)
        return _intervention_page(form, None, error.status)
    return saved(_("%(name)s was added.", name=made.name), "catalogue_pages.interventions")


@bp.route("/interventies/<int(max=2147483647):intervention_id>", methods=["GET", "POST"])
@programme_required
def edit_intervention(intervention_id: int):
    """Change an intervention; a form built on an older version saves nothing."""
    found = entry(Intervention, intervention_id, *INTERVENTION_OPTIONS)
    if request.method == "GET":
        values = _intervention_values(found)
        form = InterventionForm(formdata=None, data={"version": found.version, **values})
        shown.show(form, values)
        return _intervention_page(form, found)
    ops.require_catalogue_editor(g.actor, "intervention", found.id)
    form = InterventionForm()
    if not form.validate():
        return _intervention_page(form, found, 400)
    if form.built_on != found.version:
        both = shown.merge(form, _intervention_values(found), found.version)
        return _intervention_page(form, found, 409, conflict=True, both=both)
    try:
        attempt(ops.update_intervention, found, _intervention_changes(form), actor=g.actor)
    except DomainError as error:
        show_errors(form, error.fields, error.detail)
        return _intervention_page(form, found, error.status)
    return saved(_("Saved."), "catalogue_pages.interventions")


def _intervention_values(found: Intervention) -> dict[str, Any]:
    """The intervention's fields as its form shows them."""
    return {
        "name": found.name,
        "description": found.description,
        "domains": [d.value for d in found.domains],
        "organisation_ids": [o.id for o in found.organisations],
        "area_ids": [a.id for a in found.areas],
    }


def _set_retired(model: type, object_id: int, operation: Any, endpoint: str):
    """Retire an entry or offer it again (a button with the version it was shown on)."""
    found = entry(model, object_id)
    form = RetireForm()
    if not form.validate_on_submit():
        return saved(_("Nothing was changed."), endpoint)
    if form.built_on != found.version:
        db.session.rollback()
        return saved(
            _("Someone else changed this in the meantime. Look again before you go on."),
            endpoint,
        )
    retired = form.retired.data == "1"
    try:
        attempt(operation, found, actor=g.actor, retired=retired)
    except DomainError as error:
        return saved(translate(error.detail), endpoint)
    name = getattr(found, "name", None) or found.code
    if retired:
        return saved(_("%(name)s is retired.", name=name), endpoint)
    return saved(_("%(name)s is offered again.", name=name), endpoint)


@bp.post("/interventies/<int(max=2147483647):intervention_id>/status")
@programme_required
def intervention_status(intervention_id: int):
    """Retire an intervention or offer it again."""
    ops.require_catalogue_editor(g.actor, "intervention", intervention_id)
    return _set_retired(
        Intervention, intervention_id, ops.retire_intervention, "catalogue_pages.interventions"
    )


# --- operational goals ------------------------------------------------------------------------


@bp.get("/doelen")
@programme_required
def goals():
    """The operational goals by code, with whether monitoring measures them yet."""
    found = db.session.scalars(select(OperationalGoal).order_by(OperationalGoal.code)).all()
    measured = {goal.id: bool(indicators_of(goal.code)) for goal in found}
    return page("catalogue/goals.html", goals=found, measured=measured, lines=LINES)


def _goal_page(form: OperationalGoalForm, obj: OperationalGoal | None, status: int = 200, **extra):
    return page("catalogue/goal_form.html", status, form=form, goal=obj, lines=LINES, **extra)


def _goal_fields(form: OperationalGoalForm) -> dict[str, Any]:
    return {
        "text": form.text.data,
        "programme_line": form.programme_line.data,
        "phase_plan": form.phase_plan.data,
        "measurement": form.measurement.data,
    }


@bp.route("/doelen/nieuw", methods=["GET", "POST"])
@programme_required
def new_goal():
    """Add an operational goal (monitoring shows it without an indicator until one is made)."""
    form = OperationalGoalForm()
    if not form.validate_on_submit():
        return _goal_page(form, None, 400 if form.is_submitted() else 200)
    ops.require_catalogue_editor(g.actor, "operational_goal")
    try:
        made = attempt(
            goal_ops.create_operational_goal,
            **_goal_fields(form),
            code=form.code.data,
            actor=g.actor,
        )
    except DomainError as error:
        show_errors(form, error.fields, error.detail)
        return _goal_page(form, None, error.status)
    return saved(_("%(name)s was added.", name=made.code), "catalogue_pages.goals")


@bp.route("/doelen/<int(max=2147483647):operational_goal_id>", methods=["GET", "POST"])
@programme_required
def edit_goal(operational_goal_id: int):
    """Change an operational goal's text, line, phase plan or measurement; the code stays."""
    found = entry(OperationalGoal, operational_goal_id)
    if request.method == "GET":
        data = {"version": found.version, "code": found.code, **_goal_values(found)}
        form = OperationalGoalForm(formdata=None, data=data)
        shown.show(form, _goal_values(found))
        return _goal_page(form, found)
    ops.require_catalogue_editor(g.actor, "operational_goal", found.id)
    form = OperationalGoalForm()
    form.code.data = found.code  # shown, never changed
    if not form.validate():
        return _goal_page(form, found, 400)
    if form.built_on != found.version:
        both = shown.merge(form, _goal_values(found), found.version)
        return _goal_page(form, found, 409, conflict=True, both=both)
    try:
        attempt(goal_ops.update_operational_goal, found, _goal_fields(form), actor=g.actor)
    except DomainError as error:
        show_errors(form, error.fields, error.detail)
        return _goal_page(form, found, error.status)
    return saved(_("Saved."), "catalogue_pages.goals")


def _goal_values(goal: OperationalGoal) -> dict[str, Any]:
    return {
        "text": goal.text,
        "programme_line": goal.programme_line.value,
        "phase_plan": goal.phase_plan,
        "measurement": goal.measurement,
    }


@bp.post("/doelen/<int(max=2147483647):operational_goal_id>/status")
@programme_required
def goal_status(operational_goal_id: int):
    """Retire an operational goal or take it up again."""
    ops.require_catalogue_editor(g.actor, "operational_goal", operational_goal_id)
    return _set_retired(
        OperationalGoal,
        operational_goal_id,
        goal_ops.retire_operational_goal,
        "catalogue_pages.goals",
    )
