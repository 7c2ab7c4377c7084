"""The programme's agenda of structural barriers (page, CSV, PDF) and the flexible budget
page (programme: every organisation; manager: their own)."""

from __future__ import annotations

import datetime as dt

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from maatwerk.accounts.models import Organisation
from maatwerk.barriers import budget as budgets
from maatwerk.barriers.agenda import agenda_csv, build_agenda, record_export
from maatwerk.barriers.agenda_pdf import agenda_pdf
from maatwerk.barriers.forms import BudgetForm
from maatwerk.barriers.labels import label
from maatwerk.barriers.models import FlexibleBudget
from maatwerk.barriers.web import actor, bp, refusal_text, roles_required
from maatwerk.core import inputs
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.core.errors import DomainError
from maatwerk.web.common import attempt, page

programme_required = roles_required(Role.PROGRAMME)
budget_roles_required = roles_required(Role.PROGRAMME, Role.MANAGER)


def _include_resolved() -> bool:
    return request.args.get("resolved") == "1"


@bp.get("/knelpunten/agenda")
@programme_required
def agenda():
    """Structural barriers by category and by rule or law, with counts and ages."""
    built = build_agenda(actor(), include_resolved=_include_resolved())
    return page("barriers/agenda.html", agenda=built, include_resolved=_include_resolved())


def _download(body: bytes | str, mimetype: str, extension: str) -> Response:
    name = f"knelpunten-agenda-{dt.date.today().isoformat()}.{extension}"
    # content_type, not mimetype: Werkzeug adds "; charset=utf-8" to a text mimetype.
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/knelpunten/agenda.csv")
@programme_required
def agenda_as_csv():
    """The agenda as CSV: one row per category and rule (no personal data)."""
    user = actor()
    built = build_agenda(user, include_resolved=_include_resolved())
    record_export(user, "export")
    body = agenda_csv(built, lambda code: label("category", code))
    db.session.commit()
    # A byte order mark lets spreadsheet programs read the text as UTF-8.
    return _download("\ufeff" + body, "text/csv; charset=utf-8", "csv")


@bp.get("/knelpunten/agenda.pdf")
@programme_required
def agenda_as_pdf():
    """The agenda as a PDF for the steering group."""
    user = actor()
    built = build_agenda(user, include_resolved=_include_resolved())
    record_export(user, "print")
    body = agenda_pdf(built)
    db.session.commit()
    return _download(body, "application/pdf", "pdf")


class BudgetChanged(Exception):
    """The budget the form would set was set or changed since the page showed it."""

    def __init__(self, budget: FlexibleBudget) -> None:
        super().__init__("budget changed")
        self.budget = budget


def _budget_form(user) -> BudgetForm:
    form = BudgetForm(prefix="budget")
    if user.role is Role.PROGRAMME:
        organisations = db.session.scalars(select(Organisation).order_by(Organisation.name))
        form.organisation_id.choices = [(o.id, o.name) for o in organisations]
    else:
        form.organisation_id.choices = [(user.organisation.id, user.organisation.name)]
    if not form.is_submitted():
        form.year.data = budgets.this_year()
        form.organisation_id.data = user.organisation_id
    return form


@bp.route("/maatwerkbudget", methods=["GET", "POST"])
@budget_roles_required
def budget_page():
    """Flexible budgets: available, granted, remaining; set the yearly amount; the ledger."""
    user = actor()
    form = _budget_form(user)
    status = 200
    if form.validate_on_submit():
        organisation = db.session.get(Organisation, form.organisation_id.data)
        existing = budgets.budget_for(form.organisation_id.data, form.year.data)
        shown_amount = form.seen_amount(form.organisation_id.data, form.year.data)
        try:
            if existing is not None and existing.available_cents != shown_amount:
                # Set or changed by someone else since the page was shown: say what it is
                # now and keep the amount typed, to save again on purpose.
                raise BudgetChanged(existing)
            if existing is None:
                attempt(
                    budgets.set_budget, organisation, form.year.data, form.amount.data, actor=user
                )
            else:
                attempt(budgets.change_budget, existing, form.amount.data, actor=user)
        except BudgetChanged as changed:
            form.form_errors.append(
                _(
                    "Someone else set this budget meanwhile: it is %(amount)s now. Check the "
                    "amount and save again.",
                    amount=budgets.format_euros(changed.budget.available_cents),
                )
            )
            status = 409
        except DomainError as error:
            form.form_errors.append(refusal_text(error))
            status = 409
        else:
            db.session.commit()
            flash(_("The flexible budget was saved."), "success")
            return redirect(url_for("barrier_pages.budget_page"))
    elif form.is_submitted():
        status = 400
    shown, _total = budgets.list_budgets(
        user, year=None, organisation_id=None, page=1, page_size=100
    )
    seen = {(b.organisation_id, b.year): b.available_cents for b in shown}
    if status == 409 and form.organisation_id.data is not None:
        # The budget the form is about, as it is now (also when it is beyond the list).
        current = budgets.budget_for(form.organisation_id.data, form.year.data)
        if current is not None:
            seen[(current.organisation_id, current.year)] = current.available_cents
    form.seen.data = ",".join(f"{org}-{year}-{cents}" for (org, year), cents in seen.items())
    selected = inputs.query_int("budget")
    ledger = None
    if selected is not None:
        chosen = budgets.get_budget(selected, user)
        ledger = (chosen, budgets.budget_grants(chosen, user))
    return page("barriers/budgets.html", status, form=form, budgets=shown, ledger=ledger)
