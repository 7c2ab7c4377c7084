"""Home page, language choice and /healthz."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from maatwerk.core.db import db
from maatwerk.core.enums import Role

bp = Blueprint("main", __name__)


@bp.route("/")
def home():
    """The start page of the logged-in user; otherwise what the app is for."""
    if current_user.is_authenticated:
        if current_user.role in (Role.PROFESSIONAL, Role.MANAGER):
            from maatwerk.web.dashboard import dashboard

            return dashboard()
        if current_user.role is Role.FAMILY and "portal.index" in current_app.view_functions:
            return redirect(url_for("portal.index"))
        if current_user.role is Role.ADMIN and "admin.dashboard" in current_app.view_functions:
            return redirect(url_for("admin.dashboard"))
    return render_template("main/home.html")


def _local(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, no //)."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and "\\" not in target:
            return target
    return "/"


@bp.post("/taal")
def set_language():
    """Remember the chosen language in the session (POST: no state change on GET)."""
    chosen = request.form.get("lang", "")
    if chosen in current_app.config["LANGUAGES"]:
        session["lang"] = chosen
    return redirect(_local(request.form.get("next")))


@bp.route("/healthz")
def healthz():
    """Liveness and database check, as JSON."""
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        database = "unavailable"
    healthy = database == "ok"
    response = jsonify(status="ok" if healthy else "error", database=database)
    response.status_code = 200 if healthy else 503
    return response
