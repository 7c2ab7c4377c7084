"""The administrator's start page and the organisation pages (/beheerder/organisaties)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from maatwerk.admin import organisations as orgs
from maatwerk.admin.accounts import AccountFilters, list_accounts
from maatwerk.admin.forms import OrganisationForm, VersionForm
from maatwerk.admin.web import PAGE_SIZE, actor, admin_required, bp, page_number, show_refusal
from maatwerk.core.db import db
from maatwerk.core.enums import Sector
from maatwerk.core.errors import Conflict, ValidationFailed
from maatwerk.web import shown
from maatwerk.web.common import page
from maatwerk.web.labels import label, translate


@bp.get("")
@admin_required
def dashboard():
    """What the administrator does: organisations and staff accounts, with their numbers."""
    _, organisations = orgs.list_organisations(actor(), orgs.OrganisationFilters(), page_size=1)
    _, accounts = list_accounts(actor(), AccountFilters(), page_size=1)
    _, inactive = list_accounts(actor(), AccountFilters(active=False), page_size=1)
    return page(
        "admin/dashboard.html", organisations=organisations, accounts=accounts, inactive=inactive
    )


def _sector_choices(form: OrganisationForm) -> OrganisationForm:
    form.sector.choices = [("", _("Choose a sector"))] + [
        (sector.value, label("sector", sector)) for sector in Sector
    ]
    return form


@bp.get("/organisaties")
@admin_required
def organisations():
    """Organisations by name: search by name, filter by sector."""
    query = request.args.get("q", "")[:200]
    sector = request.args.get("sector", "")
    sector = sector if sector in {s.value for s in Sector} else ""
    number = page_number()
    rows, total = orgs.list_organisations(
        actor(),
        orgs.OrganisationFilters(query=query, sector=Sector(sector) if sector else None),
        page=number,
        page_size=PAGE_SIZE,
    )
    return page(
        "admin/organisations.html",
        rows=rows,
        total=total,
        q=query,
        sector=sector,
        sectors=list(Sector),
        page_number=number,
        pages=max(1, -(-total // PAGE_SIZE)),
    )


@bp.route("/organisaties/nieuw", methods=["GET", "POST"])
@admin_required
def new_organisation():
    """Add a partner organisation."""
    form = _sector_choices(OrganisationForm())
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        made, status = _save(form, _("The organisation was added."), orgs.add_organisation)
        if made is not None:
            return redirect(url_for("admin.organisation", organisation_id=made.id))
    return page("admin/organisation_form.html", status, form=form, organisation=None)


def _save(form: OrganisationForm, done: str, operation: Any, *args: Any, **kwargs: Any):
    """Run the organisation's operation with the form's name and sector: (the organisation,
    200) once committed, else (None, 422) with the refusal on the form."""
    try:
        saved = operation(
            *args, name=form.name.data, sector=form.sector.data, actor=actor(), **kwargs
        )
    except ValidationFailed as refused:
        db.session.rollback()
        show_refusal(form, refused)
        return None, 422
    db.session.commit()
    flash(done, "success")
    return saved, 200


def _organisation_values(organisation: Any) -> dict[str, Any]:
    return {"name": organisation.name, "sector": organisation.sector.value}


def _conflict(organisation: Any, form: OrganisationForm):
    """The edit form again on the current version, merged three ways (web/shown.py); the
    fields where the user's input differs from what is there now are named."""
    shown.merge(form, _organisation_values(organisation), organisation.version)
    changed = [
        (form.name.label.text, organisation.name, form.name.data)
        if form.name.data != organisation.name
        else None,
        (
            form.sector.label.text,
            label("sector", organisation.sector),
            label("sector", form.sector.data),
        )
        if form.sector.data != organisation.sector.value
        else None,
    ]
    return page(
        "admin/organisation_form.html",
        409,
        form=form,
        organisation=organisation,
        conflict=[c for c in changed if c is not None],
        delete_form=VersionForm(prefix="delete", data={"version": organisation.version}),
    )


@bp.route("/organisaties/<int(max=2147483647):organisation_id>", methods=["GET", "POST"])
@admin_required
def organisation(organisation_id: int):
    """Change an organisation's name or sector; delete one created by mistake."""
    found = orgs.get_organisation(organisation_id, actor())
    form = _sector_choices(
        OrganisationForm(
            data={"name": found.name, "sector": found.sector.value, "version": found.version}
        )
    )
    if request.method == "GET":
        shown.show(form, _organisation_values(found))
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        if form.version.data != found.version:
            return _conflict(found, form)
        saved, status = _save(
            form,
            _("The organisation was saved."),
            orgs.update_organisation,
            found,
            version=form.version.data,
        )
        if saved is not None:
            return redirect(url_for("admin.organisation", organisation_id=found.id))
    return page(
        "admin/organisation_form.html",
        status,
        form=form,
        organisation=found,
        delete_form=VersionForm(prefix="delete", data={"version": found.version}),
    )


@bp.post("/organisaties/<int(max=2147483647):organisation_id>/verwijderen")
@admin_required
def delete_organisation(organisation_id: int):
    """Delete an organisation without accounts that nothing refers to."""
    found = orgs.get_organisation(organisation_id, actor())
    form = VersionForm(prefix="delete")
    if not form.validate_on_submit() or form.version.data != found.version:
        flash(_("Someone else changed this organisation. Look again."), "error")
        return redirect(url_for("admin.organisation", organisation_id=found.id))
    try:
        orgs.delete_organisation(found, actor=actor(), version=form.version.data)
    except Conflict as refused:
        db.session.rollback()
        flash(translate(refused.detail), "error")
        return redirect(url_for("admin.organisation", organisation_id=organisation_id))
    db.session.commit()
    flash(_("The organisation was deleted."), "success")
    return redirect(url_for("admin.organisations"))
