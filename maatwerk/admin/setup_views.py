"""The public page where a staff member chooses a password with their setup code."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from maatwerk.accounts.forms import refusal_of
from maatwerk.accounts.throttle import LoginGuard, Throttled
from maatwerk.accounts.views import _throttled
from maatwerk.admin.forms import SetupForm
from maatwerk.admin.setup import InvalidSetupCode, use_setup_code
from maatwerk.core.db import db
from maatwerk.core.errors import ValidationFailed

bp = Blueprint("account_setup", __name__)
TEMPLATE = "admin/setup.html"


def _refused(form: SetupForm, refused: ValidationFailed) -> None:
    if isinstance(refused, InvalidSetupCode):
        form.code.errors = [
            _("This code does not work with this username. Ask your administrator for a new one.")
        ]
    else:
        form.password.errors = [refusal_of(refused)]


@bp.route("/account-instellen", methods=["GET", "POST"])
def setup():
    """Choose a password with the login and the setup code from the administrator."""
    if current_user.is_authenticated:
        flash(_("You are already logged in."))
        return redirect(url_for("main.home"))
    form = SetupForm()
    status = 200
    if form.validate_on_submit():
        # Counted per login and per client address, like the login (a code must not be
        # guessed); a success takes its attempt back.
        guard = LoginGuard(form.login.data, scope="setup")
        try:
            guard.admit()
        except Throttled as throttled:
            return _throttled(TEMPLATE, throttled.retry_after, form=form)
        attempt = db.session.begin_nested()  # a refusal undoes only its own changes
        try:
            use_setup_code(form.code.data, login=form.login.data, password=form.password.data)
            attempt.commit()
        except ValidationFailed as refused:
            attempt.rollback()
            db.session.commit()  # the counted attempt
            _refused(form, refused)
            status = 422
        else:
            guard.succeeded()
            db.session.commit()
            flash(_("Your password is set. Log in with it."), "success")
            return redirect(url_for("accounts.login"))
    elif request.method == "POST":
        status = 400
    return render_template(TEMPLATE, form=form), status
