"""Wiring of the case review pages: the blueprint, access, units of work and template helpers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Flask, flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db
from maatwerk.core.errors import Conflict, DomainError, NotFound

bp = Blueprint("casereview", __name__)


def signed_in(view: Callable) -> Callable:
    """Logged in; what the user may see is decided in the domain (404 otherwise)."""

    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any):
        g.actor = current_user._get_current_object()
        return view(*args, **kwargs)

    return wrapper


def back_to_session(session_id: int, message: str | None = None, category: str = "success"):
    """Commit and return to the session page with a message."""
    db.session.commit()
    if message:
        flash(message, category)
    return redirect(url_for("casereview.session", session_id=session_id))


def refused(error: DomainError, session_id: int):
    """A refused form: undo, keep the audit of a denied attempt, say why on the session page.
    A 404 stays a 404."""
    if isinstance(error, NotFound):
        raise error
    from maatwerk.web.labels import translate

    db.session.rollback()
    if error.audit is not None:
        record_audit(outcome="denied", **error.audit)
    return back_to_session(session_id, translate(error.detail), "error")


def form_int(name: str) -> int | None:
    """A whole number from the form (None when missing or malformed)."""
    value = (request.form.get(name) or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def form_ints(name: str) -> list[int]:
    """Whole numbers from a multi-valued form field."""
    return [int(v) for v in request.form.getlist(name) if v.isdigit() and len(v) < 10]


CHANGED = "This was changed in the meantime. Look at the page as it is now and try again."


def require_version(obj: Any) -> None:
    """The object changed since the form was built: refuse instead of overwriting. Worded
    neutrally: the newer version is often the user's own (a double click)."""
    if form_int("version") != obj.version:
        raise Conflict(CHANGED)


def init_casereview(app: Flask) -> None:
    """Register the case review and knowledge base pages and their template helpers."""
    from maatwerk.casereview import pack_views, views  # noqa: F401  (routes)
    from maatwerk.casereview.labels import cr_label, event_value, replaced_summary

    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        cr_label=cr_label, event_value=event_value, replaced_summary=replaced_summary
    )
