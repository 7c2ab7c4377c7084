"""The administrator's pages: blueprint, access, and what the views share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint
from flask_babel import format_datetime
from flask_login import current_user, login_required
from wtforms import Form

from maatwerk.admin.access import require_admin
from maatwerk.core import inputs
from maatwerk.core.errors import DomainError
from maatwerk.web.labels import translate

bp = Blueprint("admin", __name__, url_prefix="/beheerder")
PAGE_SIZE = 25

# Domain field names -> the form field that shows the message.
FIELD_OF = {"displayName": "display_name", "organisationId": "organisation"}


def admin_required(view: Callable) -> Callable:
    """Logged in as an administrator; others get 403 (the check is the domain's)."""

    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any):
        require_admin(actor())
        return view(*args, **kwargs)

    return wrapper


def actor() -> Any:
    """The logged-in user as a domain object."""
    return current_user._get_current_object()


def page_number() -> int:
    """The ?page= of a list, at least 1 (maatwerk/core/inputs.py)."""
    return inputs.page_number()


def show_refusal(form: Form, error: DomainError) -> None:
    """Put a domain refusal on the fields it names, in the user's language; the rest on
    the form as a whole."""
    placed = False
    for name, messages in error.fields.items():
        field = getattr(form, FIELD_OF.get(name, name), None)
        if field is not None:
            field.errors = [translate(message) for message in messages]
            placed = True
    if not placed or not error.fields:
        form.form_errors.append(translate(error.detail))


@bp.app_template_filter("admin_when")
def admin_when(value: Any) -> str:
    """A time as the administrator's pages show it."""
    return format_datetime(value, "short") if value is not None else "—"
