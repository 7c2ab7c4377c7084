"""Login and logout pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from sqlalchemy import func, select

from maatwerk.accounts.forms import LoginForm
from maatwerk.accounts.models import User
from maatwerk.accounts.passwords import verify_password
from maatwerk.core.db import db, utcnow

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow relative redirects within this site."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form and log the user in."""
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        login_name = form.login.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.login) == login_name))
        if verify_password(user, form.password.data) and user is not None and user.active:
            # "What changed since my last visit" starts where the previous session started.
            previous = user.last_login_at
            user.last_login_at = utcnow()
            login_user(user)
            if previous is not None:
                session["previous_login_at"] = previous.isoformat()
            else:
                session.pop("previous_login_at", None)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        # One answer for an unknown account and a wrong password.
        flash(_("The username or password is not correct."), "error")
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out (POST only: no state change on GET)."""
    logout_user()
    session.pop("previous_login_at", None)
    flash(_("You have been logged out."), "info")
    return redirect(url_for("accounts.login"))
