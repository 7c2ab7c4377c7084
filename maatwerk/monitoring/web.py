"""Wiring of the monitoring and reflection pages: blueprints, access, helpers, the CLI."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Flask, abort, g, request
from flask_login import current_user

from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.extensions import login_manager

bp = Blueprint("monitoring", __name__)
# Blueprints whose refused requests are audited as denied attempts, with the function that
# records one (the catalogue pages register theirs: maatwerk/catalogue/views.py).
REFUSALS_AUDITED: dict[str, Callable[[Any], None]] = {}


def audit_refusals(blueprint: str, record: Callable[[Any], None]) -> None:
    """Have programme_required audit every refused request to a blueprint's pages:
    `record(user)` adds the denied event (the answer stays a 404)."""
    REFUSALS_AUDITED[blueprint] = record


def programme_required(view: Callable) -> Callable:
    """Logged in with the programme role; everyone else gets a 404 (nothing to learn),
    audited as a denied attempt on the blueprints registered with audit_refusals."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role is not Role.PROGRAMME:
            record = REFUSALS_AUDITED.get(request.blueprint or "")
            if record is not None:
                record(current_user._get_current_object())
                db.session.commit()
            abort(404)
        g.actor = current_user._get_current_object()
        return view(*args, **kwargs)

    return wrapper


def init_monitoring(app: Flask) -> None:
    """Register the monitoring, survey and reflection pages and `maatwerk monitoring`."""
    from maatwerk.monitoring import survey_views, views  # noqa: F401  (routes)
    from maatwerk.monitoring.cli import monitoring
    from maatwerk.monitoring.labels import template_helpers
    from maatwerk.reflection.views import bp as reflection_bp

    app.register_blueprint(bp)
    app.register_blueprint(reflection_bp)
    app.cli.add_command(monitoring)
    app.jinja_env.globals.update(template_helpers())
