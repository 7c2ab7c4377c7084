"""Account activation: the coordinator makes a one-time code, the family member uses it."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from flask import abort, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from maatwerk.accounts.forms import refusal_of
from maatwerk.accounts.sessions import start_session
from maatwerk.accounts.throttle import LoginGuard, Throttled
from maatwerk.accounts.views import _throttled
from maatwerk.core.db import db, utcnow
from maatwerk.core.errors import Conflict, ValidationFailed
from maatwerk.households.models import Member
from maatwerk.plans.access import plan_roles
from maatwerk.plans.reading import get_plan
from maatwerk.portal.activation import (
    InvalidActivationCode,
    activate_account,
    create_activation_code,
    get_member_for_activation,
    lifetime,
    members_with_account,
    old_enough_for_account,
    open_activation_codes,
)
from maatwerk.portal.blueprint import bp
from maatwerk.portal.forms import ActivationCodeForm, ActivationForm, ResetPasswordForm
from maatwerk.portal.reset import (
    InvalidResetCode,
    create_reset_code,
    open_reset_codes,
    use_reset_code,
)
from maatwerk.portal.shown import keep_for_display, take_for_display
from maatwerk.portal.web import professional_required
from maatwerk.web.labels import translate


class MemberRow(NamedTuple):
    """A member on the coordinator's code page."""

    member: Member
    has_account: bool
    old_enough: bool
    open_until: dt.datetime | None  # an unused code (activation, or reset) works until


def _show_errors(form: ActivationForm, error: ValidationFailed) -> None:
    """Put a domain refusal on the form field it concerns, in plain words."""
    if isinstance(error, InvalidActivationCode):
        form.code.errors = [_("This code does not work. Ask your coordinator for a new code.")]
    elif "password" in error.fields:
        form.password.errors = [refusal_of(error)]
    elif "login" in error.fields:
        form.login.errors = [_("Someone already uses this login name. Choose another one.")]
    else:
        form.code.errors = [_("This did not work. Please try again.")]


@bp.route("/activeren", methods=["GET", "POST"])
def activate():
    """Make a family account with the code from the coordinator, and log in."""
    if current_user.is_authenticated:
        flash(_("You are already logged in."))
        return redirect(url_for("main.home"))
    form = ActivationForm()
    status = 200
    if form.validate_on_submit():
        # Counted like a login, per code and client address and per address (a code must
        # not be guessed); a success takes its attempt back.
        guard = LoginGuard(form.code.data, scope="activation")
        try:
            guard.admit()
        except Throttled as throttled:
            return _throttled("portal/activate.html", throttled.retry_after, form=form)
        attempt = db.session.begin_nested()  # a refusal undoes only its own changes
        try:
            user = activate_account(
                form.code.data, login=form.login.data, password=form.password.data
            )
            attempt.commit()
        except ValidationFailed as error:
            attempt.rollback()
            db.session.commit()  # the counted attempt
            _show_errors(form, error)
            status = 422
        else:
            guard.succeeded()
            user.last_login_at = utcnow()
            start_session(user, mfa_verified=False)
            db.session.commit()
            flash(_("Welcome! Your account is ready. This is your plan."))
            return redirect(url_for("portal.index"))
    elif form.is_submitted():
        status = 422
    return render_template("portal/activate.html", form=form), status


@bp.get("/portaal/activatiecode/<int:plan_id>")
@professional_required
def activation_members(plan_id: int):
    """For the coordinator: the household's members, each with a button to make an
    activation code (or, for a member with an account, a reset code), and until when a
    code made earlier still works."""
    plan = get_plan(plan_id, g.actor)
    if "coordinator" not in plan_roles(plan, g.actor):
        abort(404)
    household_members = plan.household.members
    with_account = members_with_account(household_members)
    activation_open = open_activation_codes(household_members)
    reset_open = open_reset_codes(household_members)
    members = [
        MemberRow(
            m,
            m.id in with_account,
            old_enough_for_account(m),
            reset_open.get(m.id) if m.id in with_account else activation_open.get(m.id),
        )
        for m in household_members
    ]
    db.session.commit()
    return render_template(
        "portal/activation_members.html", plan=plan, members=members, form=ActivationCodeForm()
    )


def _refused(member, refused: Conflict, kind: str):
    db.session.rollback()
    return render_template(
        "portal/activation_code.html",
        member=member,
        kind=kind,
        code=None,
        refusal=translate(refused.detail),
        plan=None,
    ), 409


def _show_once(member, kind: str, code: str, expires_at: dt.datetime):
    """Post/redirect/get: keep the code for one display, then show it at /portaal/code."""
    plans = [p for p in member.household.plans if "coordinator" in plan_roles(p, g.actor)]
    kept = keep_for_display(
        {
            "kind": kind,
            "member_id": member.id,
            "plan_id": plans[0].id if plans else None,
            "code": code,
            "expires_at": expires_at.isoformat(),
        }
    )
    db.session.commit()
    if not kept:  # no browser session (cannot happen on a page): show it right here
        return _code_page(member, kind, code, expires_at, plans[0] if plans else None)
    return redirect(url_for("portal.shown_code"), 303)


def _code_page(member, kind, code, expires_at, plan):
    return render_template(
        "portal/activation_code.html",
        member=member,
        kind=kind,
        code=code,
        expires_on=expires_at,
        plan=plan,
    )


@bp.post("/portaal/activatiecode")
@professional_required
def activation_code():
    """Make a one-time activation code for a member; shown once, after a redirect."""
    form = ActivationCodeForm()
    if not form.validate_on_submit():
        abort(400)
    member = get_member_for_activation(form.member_id.data, g.actor)
    try:
        code = create_activation_code(member, actor=g.actor)
    except Conflict as refused:
        return _refused(member, refused, "activation")
    return _show_once(member, "activation", code, utcnow() + lifetime())


@bp.post("/portaal/herstelcode")
@professional_required
def reset_code():
    """Make a one-time reset code for a member who has an account and lost the password;
    shown once, after a redirect."""
    form = ActivationCodeForm()
    if not form.validate_on_submit():
        abort(400)
    member = get_member_for_activation(form.member_id.data, g.actor)
    try:
        code, expires_at = create_reset_code(member, actor=g.actor)
    except Conflict as refused:
        return _refused(member, refused, "reset")
    return _show_once(member, "reset", code, expires_at)


@bp.get("/portaal/code")
@professional_required
def shown_code():
    """The code just made, exactly once: a reload no longer shows it (and makes no new one)."""
    payload = take_for_display()
    if payload is None:
        db.session.commit()
        return render_template("portal/activation_code.html", member=None, code=None, plan=None)
    member = get_member_for_activation(int(payload["member_id"]), g.actor)
    plan_id = payload.get("plan_id")
    plan = next((p for p in member.household.plans if p.id == plan_id), None)
    db.session.commit()
    response = make_response(
        _code_page(
            member,
            payload["kind"],
            payload["code"],
            dt.datetime.fromisoformat(payload["expires_at"]),
            plan,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _reset_refused(form: ResetPasswordForm, error: ValidationFailed) -> None:
    if isinstance(error, InvalidResetCode):
        form.code.errors = [
            _("This code does not work with this login name. Ask your coordinator for a new one.")
        ]
    else:
        form.password.errors = [refusal_of(error)]


@bp.route("/wachtwoord-herstellen", methods=["GET", "POST"])
def reset_password():
    """Choose a new password with the reset code from the coordinator and the login name."""
    if current_user.is_authenticated:
        flash(_("You are already logged in."))
        return redirect(url_for("main.home"))
    form = ResetPasswordForm()
    status = 200
    if form.validate_on_submit():
        # Counted like a login and like /activeren, per code and client address and per
        # address; a success takes its attempt back.
        guard = LoginGuard(form.code.data, scope="family_reset")
        try:
            guard.admit()
        except Throttled as throttled:
            return _throttled("portal/reset_password.html", throttled.retry_after, form=form)
        attempt = db.session.begin_nested()  # a refusal undoes only its own changes
        try:
            _user, mfa_cleared = use_reset_code(
                form.code.data, login=form.login.data, password=form.password.data
            )
            attempt.commit()
        except ValidationFailed as error:
            attempt.rollback()
            db.session.commit()  # the counted attempt
            _reset_refused(form, error)
            status = 422
        else:
            guard.succeeded()
            db.session.commit()
            flash(_("Your new password works. Log in with it."), "success")
            if mfa_cleared:
                flash(
                    _(
                        "Two-step verification is switched off. You can switch it on again "
                        "on your account page."
                    )
                )
            return redirect(url_for("accounts.login"))
    elif form.is_submitted():
        status = 422
    return render_template("portal/reset_password.html", form=form), status
