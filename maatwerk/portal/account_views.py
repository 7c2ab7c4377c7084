"""Account activation: the coordinator makes a one-time code, the family member uses it."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from maatwerk.accounts.forms import refusal_of
from maatwerk.accounts.sessions import start_session
from maatwerk.accounts.throttle import LoginGuard, Throttled
from maatwerk.accounts.views import _throttled
from maatwerk.core.db import db, utcnow
from maatwerk.core.errors import Conflict, ValidationFailed
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
)
from maatwerk.portal.blueprint import bp
from maatwerk.portal.forms import ActivationCodeForm, ActivationForm
from maatwerk.portal.web import professional_required
from maatwerk.web.labels import translate


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
    """For the coordinator: the household's members, each with a button to make a code."""
    plan = get_plan(plan_id, g.actor)
    if "coordinator" not in plan_roles(plan, g.actor):
        abort(404)
    with_account = members_with_account(plan.household.members)
    members = [(m, m.id in with_account, old_enough_for_account(m)) for m in plan.household.members]
    db.session.commit()
    return render_template(
        "portal/activation_members.html", plan=plan, members=members, form=ActivationCodeForm()
    )


@bp.post("/portaal/activatiecode")
@professional_required
def activation_code():
    """Make a one-time code for a member and show it once."""
    form = ActivationCodeForm()
    if not form.validate_on_submit():
        abort(400)
    member = get_member_for_activation(form.member_id.data, g.actor)
    try:
        code = create_activation_code(member, actor=g.actor)
    except Conflict as refused:
        db.session.rollback()
        return render_template(
            "portal/activation_code.html",
            member=member,
            code=None,
            refusal=translate(refused.detail),
        ), 409
    expires_on = (utcnow() + lifetime()).date()
    plans = [p for p in member.household.plans if "coordinator" in plan_roles(p, g.actor)]
    db.session.commit()
    return render_template(
        "portal/activation_code.html",
        member=member,
        code=code,
        expires_on=expires_on,
        plan=plans[0] if plans else None,
    )
