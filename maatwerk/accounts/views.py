"""Login (password, then a code when two-step verification applies), logout and the account
pages: change the password, set up two-step verification, new recovery codes."""

from __future__ import annotations

import logging
import math
import time
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from maatwerk.accounts.forms import ChangePasswordForm, CodeForm, ConfirmForm, LoginForm
from maatwerk.accounts.mfa import (
    confirm_enrolment,
    mfa_enabled,
    mfa_required,
    needs_second_step,
    new_recovery_codes,
    provisioning_uri,
    remaining_recovery_codes,
    start_enrolment,
    verify_second_step,
    verify_totp,
)
from maatwerk.accounts.models import User
from maatwerk.accounts.operations import change_password
from maatwerk.accounts.passwords import verify_password
from maatwerk.accounts.qr import qr_svg
from maatwerk.accounts.sessions import (
    clear_cookie_session,
    current_session,
    end_all_sessions,
    log_out_here,
    start_session,
)
from maatwerk.accounts.throttle import LoginGuard, Throttled, mfa_guard
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.notifications.family import unread_family_notices

bp = Blueprint("accounts", __name__)
log = logging.getLogger("maatwerk.security")

# The password step is remembered this long while the user types the code.
PENDING = "mfa_pending"
PENDING_SECONDS = 5 * 60


def _safe_next(target: str | None) -> str:
    """Only follow relative redirects within this site."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("main.home")


def _throttled(template: str, retry_after: int, **context):
    """429 Too Many Requests, with the page and a Retry-After header."""
    db.session.commit()  # keep the counted attempt
    log.warning("attempt throttled: %s", request.endpoint)
    minutes = max(1, math.ceil(retry_after / 60))
    flash(
        _("Too many attempts. Wait %(minutes)d minutes and try again.", minutes=minutes),
        "error",
    )
    response = make_response(render_template(template, **context), 429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def _finish_login(user: User, *, mfa_verified: bool, next_url: str | None):
    """A new session for the user, then on to where they were going."""
    user.last_login_at = utcnow()
    start_session(user, mfa_verified=mfa_verified)
    if user.role is Role.FAMILY and unread_family_notices(user):
        flash(_('There is news about your family\'s accounts. Look at "Who looked".'))
    db.session.commit()
    log.info("login: user %s", user.id)
    return redirect(_safe_next(next_url))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form and check the password (then the code, when it applies)."""
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        login_name = form.login.data.strip().lower()
        guard = LoginGuard(login_name)
        try:
            guard.admit()
        except Throttled as throttled:
            return _throttled("accounts/login.html", throttled.retry_after, form=form)
        user = db.session.scalar(select(User).where(func.lower(User.login) == login_name))
        if verify_password(user, form.password.data) and user is not None and user.active:
            guard.succeeded()
            next_url = request.args.get("next")
            if needs_second_step(user):
                return _begin_second_step(user, next_url)
            return _finish_login(user, mfa_verified=False, next_url=next_url)
        db.session.commit()  # the counted attempt
        log.info("login refused")
        # One answer for an unknown account and a wrong password.
        flash(_("The username or password is not correct."), "error")
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("accounts/login.html", form=form), status


def _begin_second_step(user: User, next_url: str | None):
    """Remember the password step in the cookie (nobody is logged in yet) and ask for a code;
    a required but missing set-up starts here with a new secret."""
    clear_cookie_session()
    if not mfa_enabled(user):
        start_enrolment(user)
    session[PENDING] = {
        "user": user.id,
        "until": int(time.time()) + PENDING_SECONDS,
        "next": _safe_next(next_url),
    }
    db.session.commit()
    return redirect(url_for("accounts.second_step"))


def _pending_user() -> User | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or int(pending.get("until", 0)) < time.time():
        return None
    user = db.session.get(User, int(pending.get("user", 0)))
    return user if user is not None and user.active else None


def _enrolment(user: User) -> dict:
    """What a page shows to set up an authenticator app: the secret, as text and as QR."""
    uri = provisioning_uri(user)
    return {"secret": user.mfa_secret, "uri": uri, "qr": qr_svg(uri, label=_("QR code"))}


@bp.route("/login/code", methods=["GET", "POST"])
def second_step():
    """The second step of a login: the code from the app, or a recovery code."""
    user = _pending_user()
    if user is None:
        session.pop(PENDING, None)
        flash(_("Log in again, please."), "info")
        return redirect(url_for("accounts.login"))
    enrolling = not mfa_enabled(user)
    form = CodeForm()
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context.update(_enrolment(user))
    status = 200
    if form.validate_on_submit():
        guard = mfa_guard(user.id)
        try:
            guard.admit()
        except Throttled as throttled:
            return _throttled("accounts/second_step.html", throttled.retry_after, **context)
        next_url = session[PENDING].get("next")
        if enrolling:
            codes = confirm_enrolment(user, form.code.data)
            if codes is not None:
                guard.succeeded()
                log.info("two-step verification switched on: user %s", user.id)
                _finish_login(user, mfa_verified=True, next_url=next_url)
                return render_template(
                    "accounts/recovery_codes.html", codes=codes, next_url=_safe_next(next_url)
                )
        elif verify_second_step(user, form.code.data):
            guard.succeeded()
            return _finish_login(user, mfa_verified=True, next_url=next_url)
        db.session.commit()  # the counted attempt
        log.info("second step refused: user %s", user.id)
        form.code.errors = [_("This code is not correct. Try again.")]
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("accounts/second_step.html", **context), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out (POST only: no state change on GET); every session of the account ends."""
    end_all_sessions(current_user.id, "logout")
    log_out_here()
    db.session.commit()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("accounts.login"))


# --- the account pages -------------------------------------------------------------------


@bp.get("/account")
@login_required
def account():
    """The user's own account: password and two-step verification."""
    user = current_user._get_current_object()
    return render_template(
        "accounts/account.html",
        enabled=mfa_enabled(user),
        required=mfa_required(user),
        remaining=remaining_recovery_codes(user) if mfa_enabled(user) else 0,
    )


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required
def password():
    """Change the password: every other session and every API token end."""
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        guard = LoginGuard(user.login)  # guessing the current password is throttled too
        try:
            guard.admit()
        except Throttled as throttled:
            return _throttled("accounts/password.html", throttled.retry_after, form=form)
        if verify_password(user, form.current_password.data):
            guard.succeeded()
            here = current_session()
            change_password(user, form.new_password.data)
            start_session(user, mfa_verified=bool(here and here.mfa_verified))
            db.session.commit()
            log.info("password changed: user %s", user.id)
            flash(_("Your password is changed. You are logged out everywhere else."), "info")
            return redirect(url_for("accounts.account"))
        db.session.commit()  # the counted attempt
        form.current_password.errors = [_("This is not your current password.")]
        status = 400
    elif request.method == "POST":
        status = 400
    return render_template("accounts/password.html", form=form), status


def _mfa_page(status: int = 200, **forms):
    user = current_user._get_current_object()
    pending = bool(user.mfa_secret) and not mfa_enabled(user)
    context = {
        "enabled": mfa_enabled(user),
        "required": mfa_required(user),
        "pending": pending,
        "remaining": remaining_recovery_codes(user) if mfa_enabled(user) else 0,
        "start_form": forms.get("start_form") or ConfirmForm(prefix="start"),
        "confirm_form": forms.get("confirm_form") or CodeForm(prefix="confirm"),
        "codes_form": forms.get("codes_form") or CodeForm(prefix="codes"),
    }
    if pending:
        context.update(_enrolment(user))
    return render_template("accounts/mfa.html", **context), status


def _mfa_throttled(throttled: Throttled, **forms):
    db.session.commit()  # keep the counted attempt
    minutes = max(1, math.ceil(throttled.retry_after / 60))
    flash(
        _("Too many attempts. Wait %(minutes)d minutes and try again.", minutes=minutes),
        "error",
    )
    page, status = _mfa_page(429, **forms)
    return page, status, {"Retry-After": str(throttled.retry_after)}


@bp.get("/account/tweestapsverificatie")
@login_required
def mfa():
    """Two-step verification: set it up, or make new recovery codes."""
    return _mfa_page()


@bp.post("/account/tweestapsverificatie/starten")
@login_required
def mfa_start():
    """Make a new secret to set up an authenticator app."""
    form = ConfirmForm(prefix="start")
    user = current_user._get_current_object()
    if form.validate_on_submit() and not mfa_enabled(user):
        start_enrolment(user)
        db.session.commit()
    return redirect(url_for("accounts.mfa"))


@bp.post("/account/tweestapsverificatie/bevestigen")
@login_required
def mfa_confirm():
    """Switch two-step verification on with the first code from the app."""
    user = current_user._get_current_object()
    form = CodeForm(prefix="confirm")
    if not form.validate_on_submit():
        return _mfa_page(400, confirm_form=form)
    guard = mfa_guard(user.id)
    try:
        guard.admit()
    except Throttled as throttled:
        return _mfa_throttled(throttled, confirm_form=form)
    codes = confirm_enrolment(user, form.code.data)
    if codes is None:
        db.session.commit()
        form.code.errors = [_("This code is not correct. Try again.")]
        return _mfa_page(400, confirm_form=form)
    guard.succeeded()
    here = current_session()
    if here is not None:
        here.mfa_verified = True
    db.session.commit()
    log.info("two-step verification switched on: user %s", user.id)
    return render_template(
        "accounts/recovery_codes.html", codes=codes, next_url=url_for("accounts.account")
    )


@bp.post("/account/tweestapsverificatie/herstelcodes")
@login_required
def mfa_new_codes():
    """New recovery codes (the old ones stop working), with a code from the app."""
    user = current_user._get_current_object()
    form = CodeForm(prefix="codes")
    if not mfa_enabled(user) or not form.validate_on_submit():
        return _mfa_page(400, codes_form=form)
    guard = mfa_guard(user.id)
    try:
        guard.admit()
    except Throttled as throttled:
        return _mfa_throttled(throttled, codes_form=form)
    if not verify_totp(user, form.code.data):
        db.session.commit()
        form.code.errors = [_("This code is not correct. Try again.")]
        return _mfa_page(400, codes_form=form)
    guard.succeeded()
    codes = new_recovery_codes(user)
    db.session.commit()
    log.info("new recovery codes: user %s", user.id)
    return render_template(
        "accounts/recovery_codes.html", codes=codes, next_url=url_for("accounts.account")
    )
