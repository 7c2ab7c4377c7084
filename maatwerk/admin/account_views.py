"""The administrator's account pages (/beheerder/accounts): staff accounts only."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from maatwerk.accounts.models import Organisation
from maatwerk.accounts.reading import get_organisations
from maatwerk.admin import accounts as ops
from maatwerk.admin.access import STAFF_ROLES
from maatwerk.admin.forms import AccountCreateForm, AccountEditForm, VersionForm
from maatwerk.admin.setup import lifetime
from maatwerk.admin.web import PAGE_SIZE, actor, admin_required, bp, page_number, show_refusal
from maatwerk.core import inputs
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.core.errors import Conflict, ValidationFailed
from maatwerk.web import shown
from maatwerk.web.common import page
from maatwerk.web.labels import label, translate

ACCOUNT = "/accounts/<int(max=2147483647):account_id>"
# The steps of an account's page: the operation and what the page says when it is done.
STEPS = {
    "deactivate": (ops.deactivate_account, _l("The account was deactivated. It is logged out.")),
    "reactivate": (ops.reactivate_account, _l("The account is active again.")),
    "reset_two_step": (
        ops.reset_two_step,
        _l("Two-step verification was switched off. The user sets it up again."),
    ),
}


def _organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


@bp.get("/accounts")
@admin_required
def accounts():
    """Staff accounts: search by login or name, filter by role, organisation and status."""
    args = request.args
    role = args.get("role", "")
    role = role if role in {r.value for r in STAFF_ROLES} else ""
    organisation_id = inputs.query_int("organisation")
    active = {"1": True, "0": False}.get(args.get("active", ""))
    number = page_number()
    users, total = ops.list_accounts(
        actor(),
        ops.AccountFilters(
            query=args.get("q", "")[:200],
            role=Role(role) if role else None,
            organisation_id=organisation_id,
            active=active,
        ),
        page=number,
        page_size=PAGE_SIZE,
    )
    return page(
        "admin/accounts.html",
        users=users,
        total=total,
        filters={
            "q": args.get("q", "")[:200],
            "role": role,
            "organisation": organisation_id or "",
            "active": args.get("active", "") if active is not None else "",
        },
        roles=STAFF_ROLES,
        organisations=_organisations(),
        page_number=number,
        pages=max(1, -(-total // PAGE_SIZE)),
    )


def _choices(form: AccountCreateForm) -> AccountCreateForm:
    form.role.choices = [("", _("Choose a role"))] + [
        (r.value, label("role", r)) for r in STAFF_ROLES
    ]
    form.organisation.choices = [("", _("No organisation"))] + [
        (str(o.id), o.name) for o in _organisations()
    ]
    return form


def _setup_code_page(user: Any, code: str, expires_at: Any, status: int = 200):
    return page(
        "admin/setup_code.html",
        status,
        user=user,
        code=code,
        expires_at=expires_at,
        hours=int(lifetime().total_seconds() // 3600),
    )


@bp.route("/accounts/nieuw", methods=["GET", "POST"])
@admin_required
def new_account():
    """Add a staff account; the page then shows its setup code once."""
    form = _choices(AccountCreateForm())
    status = 200
    if form.validate_on_submit():
        try:
            chosen = form.organisation.data
            organisation = get_organisations([int(chosen)], "organisation")[0] if chosen else None
            user, code, expires_at = ops.add_account(
                login=form.login.data,
                display_name=form.display_name.data,
                role=form.role.data,
                organisation=organisation,
                email=form.email.data,
                phone=form.phone.data,
                actor=actor(),
            )
        except (ValidationFailed, ValueError) as refused:
            db.session.rollback()
            if isinstance(refused, ValidationFailed):
                show_refusal(form, refused)
            status = 422
        else:
            return _setup_code_page(user, code, expires_at, 201)
    elif form.is_submitted():
        status = 400
    return page("admin/account_new.html", status, form=form)


def _account_values(user: Any) -> dict[str, Any]:
    return {"display_name": user.display_name, "email": user.email or "", "phone": user.phone or ""}


def _detail(user: Any, status: int = 200, *, form: Any = None, conflict: Any = None):
    if form is None:
        form = AccountEditForm(data={**_account_values(user), "version": user.version})
        shown.show(form, _account_values(user))
    return page("admin/account.html", status, user=user, form=form, conflict=conflict)


def _differences(user: Any, form: AccountEditForm) -> list[tuple[str, str, str]]:
    """The fields the user changed that someone else changed too: (label, now, yours)."""
    return [
        (field.label.text, getattr(user, name) or "", field.data or "")
        for name, field in (
            ("display_name", form.display_name),
            ("email", form.email),
            ("phone", form.phone),
        )
        if (field.data or "") != (getattr(user, name) or "")
    ]


@bp.route(ACCOUNT, methods=["GET", "POST"])
@admin_required
def account(account_id: int):
    """One staff account: change its contact details; deactivate, reset, reactivate."""
    user = ops.get_account(account_id, actor())
    if request.method == "GET":
        return _detail(user)
    form = AccountEditForm()
    if not form.validate_on_submit():
        return _detail(user, 400, form=form)
    if form.version.data != user.version:
        # Merged three ways first (web/shown.py): what remains different is the user's own.
        shown.merge(form, _account_values(user), user.version)
        return _detail(user, 409, form=form, conflict=_differences(user, form))
    try:
        ops.update_account(
            user,
            display_name=form.display_name.data,
            email=form.email.data,
            phone=form.phone.data,
            actor=actor(),
            version=form.version.data,
        )
    except ValidationFailed as refused:
        db.session.rollback()
        show_refusal(form, refused)
        return _detail(user, 422, form=form)
    db.session.commit()
    flash(_("The account was saved."), "success")
    return redirect(url_for("admin.account", account_id=user.id))


def _step_refused(user: Any, message: str):
    flash(message, "error")
    return redirect(url_for("admin.account", account_id=user.id))


# Ending access is urgent and does not depend on what else changed (a new phone number):
# deactivation checks the account's state only (the operation refuses an inactive one).
STATE_ONLY = ("deactivate",)


def _account_step(account_id: int, step: str):
    """Deactivate, reactivate or reset two-step verification, on the version shown."""
    user = ops.get_account(account_id, actor())
    form = VersionForm(prefix="step")
    state_only = step in STATE_ONLY
    if not form.validate_on_submit() or (not state_only and form.version.data != user.version):
        return _step_refused(user, _("Someone else changed this account. Look again."))
    operation, done = STEPS[step]
    try:
        operation(user, actor=actor(), version=None if state_only else form.version.data)
    except Conflict as refused:
        db.session.rollback()
        return _step_refused(user, translate(refused.detail))
    db.session.commit()
    flash(str(done), "success")
    return redirect(url_for("admin.account", account_id=user.id))


@bp.post(f"{ACCOUNT}/deactiveren")
@admin_required
def deactivate(account_id: int):
    """Deactivate the account: it is logged out everywhere at once."""
    return _account_step(account_id, "deactivate")


@bp.post(f"{ACCOUNT}/heractiveren")
@admin_required
def reactivate(account_id: int):
    """Open a deactivated account again."""
    return _account_step(account_id, "reactivate")


@bp.post(f"{ACCOUNT}/tweestapsverificatie-herstellen")
@admin_required
def reset_two_step(account_id: int):
    """Switch two-step verification off, so that the user sets it up again."""
    return _account_step(account_id, "reset_two_step")


@bp.post(f"{ACCOUNT}/wachtwoord-herstellen")
@admin_required
def reset_password(account_id: int):
    """Clear the password, end every session and token, and show a new setup code once."""
    user = ops.get_account(account_id, actor())
    form = VersionForm(prefix="step")
    if not form.validate_on_submit() or form.version.data != user.version:
        return _step_refused(user, _("Someone else changed this account. Look again."))
    try:
        code, expires_at = ops.reset_password(user, actor=actor(), version=form.version.data)
    except Conflict as refused:
        db.session.rollback()
        return _step_refused(user, translate(refused.detail))
    return _setup_code_page(user, code, expires_at)
