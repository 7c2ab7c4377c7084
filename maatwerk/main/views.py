"""Home page and /healthz."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from maatwerk.core.db import db

bp = Blueprint("main", __name__)


@bp.route("/")
def home():
    """Who is logged in and what the app is for."""
    return render_template("main/home.html")


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
