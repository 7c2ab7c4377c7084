"""Intake: a new household, its members and consents, and its plan with me as coordinator."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from maatwerk.accounts.models import Organisation
from maatwerk.core.db import db
from maatwerk.core.enums import ConsentPurpose, ReferralSource
from maatwerk.core.errors import DomainError
from maatwerk.households.intake import intake_household
from maatwerk.web.common import actor, attempt, bp, commit, page, professional_required
from maatwerk.web.forms import MAX_MEMBER_ROWS, IntakeForm
from maatwerk.web.labels import translate
from maatwerk.web.queries import area_groups


def _fill_choices(form: IntakeForm, organisations: list[Organisation]) -> None:
    groups: dict[str, list[tuple[Any, str]]] = {}
    for group in area_groups():
        municipality = group.municipality
        options = [(municipality.id, _("%(name)s (whole municipality)", name=municipality.name))]
        options += [(place.id, label) for place, label in group.places]
        groups[municipality.name] = options
    form.area_id.choices = groups
    form.plan_sharing.choices = [(o.id, o.name) for o in organisations]
    form.learning.choices = [(o.id, o.name) for o in organisations]
    form.consent_given_by.choices = [
        (i, _("Member %(number)s", number=i + 1)) for i in range(len(form.members))
    ]


def _show(form: IntakeForm, organisations: list[Organisation], status: int = 200):
    _fill_choices(form, organisations)
    return page(
        "pro/intake.html",
        status,
        form=form,
        can_add_row=len(form.members) < MAX_MEMBER_ROWS,
        own_organisation_id=actor().organisation_id,
    )


def _apply_error(form: IntakeForm, error: DomainError) -> None:
    targets = {
        "reference": form.reference,
        "areaId": form.area_id,
        "consents": form.plan_sharing,
    }
    if "reference" in error.detail and not error.fields:
        form.reference.errors = [*form.reference.errors, translate(error.detail)]
        return
    placed = False
    for name, messages in error.fields.items():
        field = targets.get(name)
        if name.startswith("consents.") and name.endswith(".givenByMemberIndex"):
            field = form.consent_given_by
        if field is not None:
            field.errors = [*field.errors, *(translate(m) for m in messages)]
            placed = True
    if not placed or error.detail:
        form.form_errors.append(translate(error.detail))


def _register(form: IntakeForm):
    members = form.filled_members()
    index_of = {row_index: n for n, (row_index, _row) in enumerate(members)}
    given_by = index_of.get(form.consent_given_by.data, 0)
    consents = [
        {"organisation_id": org_id, "purpose": purpose, "given_by_member_index": given_by}
        for purpose, ids in (
            (ConsentPurpose.PLAN_SHARING, form.plan_sharing.data or []),
            (ConsentPurpose.LEARNING, form.learning.data or []),
        )
        for org_id in dict.fromkeys(ids)
    ]
    return intake_household(
        actor=actor(),
        reference=form.reference.data.strip(),
        area_id=form.area_id.data,
        members=[
            {
                "given_name": row.given_name.data.strip(),
                "family_name": (row.family_name.data or "").strip(),
                "date_of_birth": row.date_of_birth.data,
                "position": row.position.data,
            }
            for _index, row in members
        ],
        consents=consents,
        workflow=form.workflow.data,
        referral_source=form.referral_source.data,
        referred_on=form.referred_on.data,
    )


@bp.route("/werk/intake", methods=["GET", "POST"])
@professional_required
def intake():
    """Register a household; validation errors show the form again with every input kept."""
    organisations = list(db.session.scalars(select(Organisation).order_by(Organisation.name)))
    if request.method == "GET":
        form = IntakeForm(
            formdata=None,
            data={
                "referral_source": ReferralSource.PARTNER.value,
                "workflow": "plan_standard",
                "plan_sharing": [actor().organisation_id],
                "consent_given_by": 0,
            },
        )
        return _show(form, organisations)
    form = IntakeForm()
    if "add_row" in request.form:
        if len(form.members) < MAX_MEMBER_ROWS:
            form.members.append_entry()
        return _show(form, organisations)
    _fill_choices(form, organisations)
    if form.validate_on_submit():
        try:
            _household, plan = attempt(_register, form)
        except DomainError as error:
            _apply_error(form, error)
        else:
            commit()
            flash(_("The household was registered and its plan started."), "success")
            return redirect(url_for("web.plan", plan_id=plan.id))
    return _show(form, organisations, 422)
