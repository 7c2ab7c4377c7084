"""The catalogue pages of the programme team (Catalogi): an overview, and the areas; the
interventions and operational goals are in edit_views. Everyone else gets a 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from maatwerk.audit.operations import record_audit
from maatwerk.catalogue import operations as ops
from maatwerk.catalogue.forms import KINDS, AreaForm, RenameAreaForm, show_errors
from maatwerk.catalogue.models import Area, Intervention, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import AreaKind
from maatwerk.core.errors import DomainError, NotFound
from maatwerk.monitoring.web import audit_refusals, programme_required
from maatwerk.web import shown
from maatwerk.web.common import attempt, page

bp = Blueprint("catalogue_pages", __name__, url_prefix="/catalogi")
# The object type of a refused request, by the path's first part after /catalogi.
OBJECT_TYPES = {"interventies": "intervention", "doelen": "operational_goal", "gebieden": "area"}


def audit_refused(user: Any) -> None:
    """Record a request of another role to the catalogue pages as a denied attempt (the
    API's 403 is audited the same way: ops.require_catalogue_editor)."""
    part = request.path.removeprefix(bp.url_prefix or "").strip("/").split("/")[0]
    object_id = next((v for v in (request.view_args or {}).values() if isinstance(v, int)), None)
    if request.method in ("GET", "HEAD"):
        action = "read"
    else:
        action = "update" if object_id is not None else "create"
    record_audit(
        actor=user,
        action=action,
        object_type=OBJECT_TYPES.get(part, "catalogue"),
        object_id=object_id,
        purpose=ops.PURPOSE,
        outcome="denied",
    )


audit_refusals(bp.name, audit_refused)


def entry(model: type, object_id: int, *options: Any) -> Any:
    """A catalogue entry by id, or a 404."""
    found = db.session.scalar(select(model).where(model.id == object_id).options(*options))
    if found is None:
        raise NotFound("Not found.")
    return found


def saved(message: str, endpoint: str, **values: Any):
    """The one commit of the request, a message, and the list to go back to."""
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(endpoint, **values))


@bp.get("")
@programme_required
def overview():
    """What the programme maintains: interventions, operational goals and areas."""

    def count(model: type, *where: Any) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    counts = {
        "interventions": count(Intervention, Intervention.retired_at.is_(None)),
        "goals": count(OperationalGoal, OperationalGoal.retired_at.is_(None)),
        "areas": count(Area),
    }
    return page("catalogue/overview.html", counts=counts)


# --- areas ----------------------------------------------------------------------------------


def _parents() -> list[Area]:
    """Municipalities with their places, by name (every place a new one may lie in)."""
    return list(
        db.session.scalars(
            select(Area)
            .where(Area.kind == AreaKind.MUNICIPALITY)
            .options(selectinload(Area.children).selectinload(Area.children))
            .order_by(Area.name)
        )
    )


def _with_parents(form: AreaForm) -> list[Area]:
    """Give the form its places to lie in; the municipalities for the page."""
    municipalities = _parents()
    form.parent_id.choices = [
        (area.id, area.name if area.parent_id is None else f"{area.name} ({m.name})")
        for m in municipalities
        for area in (m, *sorted(m.children, key=lambda a: a.name))
    ]
    return municipalities


def _areas_page(form: AreaForm, municipalities: list[Area], status: int = 200):
    return page(
        "catalogue/areas.html", status, municipalities=municipalities, form=form, kinds=KINDS
    )


@bp.get("/gebieden")
@programme_required
def areas():
    """Municipalities with their villages, districts and neighbourhoods; add a place."""
    form = AreaForm(formdata=None)
    return _areas_page(form, _with_parents(form))


@bp.post("/gebieden")
@programme_required
def add_area():
    """Add a village or district within a municipality (or a neighbourhood)."""
    ops.require_catalogue_editor(g.actor, "area")
    form = AreaForm()
    municipalities = _with_parents(form)
    if not form.validate_on_submit():
        return _areas_page(form, municipalities, 400)
    parent = db.session.get(Area, form.parent_id.data)
    if parent is None:
        form.parent_id.errors = [_("Choose where it lies.")]
        return _areas_page(form, municipalities, 400)
    try:
        area = attempt(
            ops.create_area, parent, name=form.name.data, kind=form.kind.data, actor=g.actor
        )
    except DomainError as error:
        show_errors(form, error.fields, error.detail)
        return _areas_page(form, _with_parents(form), error.status)
    return saved(_("%(name)s was added.", name=area.name), "catalogue_pages.areas")


def _rename_page(area: Area, form: RenameAreaForm, status: int = 200, **extra: Any):
    return page("catalogue/area_form.html", status, area=area, form=form, kinds=KINDS, **extra)


@bp.get("/gebieden/<int(max=2147483647):area_id>")
@programme_required
def area(area_id: int):
    """Rename an area."""
    found = entry(Area, area_id, selectinload(Area.parent))
    form = RenameAreaForm(formdata=None, data={"name": found.name, "version": found.version})
    shown.show(form, {"name": found.name})
    return _rename_page(found, form)


@bp.post("/gebieden/<int(max=2147483647):area_id>")
@programme_required
def rename_area(area_id: int):
    """Save an area's new name; a form built on an older version is shown again."""
    found = entry(Area, area_id, selectinload(Area.parent))
    ops.require_catalogue_editor(g.actor, "area", found.id)
    form = RenameAreaForm()
    if not form.validate_on_submit():
        return _rename_page(found, form, 400)
    if form.built_on != found.version:
        both = shown.merge(form, {"name": found.name}, found.version)
        return _rename_page(found, form, 409, conflict=True, both=both)
    try:
        attempt(ops.rename_area, found, name=form.name.data, actor=g.actor)
    except DomainError as error:
        show_errors(form, error.fields, error.detail)
        return _rename_page(found, form, error.status)
    return saved(_("Saved."), "catalogue_pages.areas")


def init_catalogue_pages(app: Any) -> None:
    """Register the catalogue pages."""
    from maatwerk.catalogue import edit_views  # noqa: F401  (routes)

    app.register_blueprint(bp)
