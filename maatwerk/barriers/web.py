"""The barrier pages' blueprint and what they share: access, units of work, template helpers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, abort
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required

from maatwerk.accounts.models import User
from maatwerk.barriers.budget import NotEnoughBudget, format_euros
from maatwerk.barriers.labels import label
from maatwerk.core.enums import Role
from maatwerk.core.errors import DomainError
from workflows import TransitionRefused

bp = Blueprint("barrier_pages", __name__)

# Who uses these pages; the family sees its plan's barriers in its own portal.
PAGE_ROLES = (Role.PROFESSIONAL, Role.MANAGER, Role.PROGRAMME)
T = TypeVar("T")


def actor() -> User:
    """The logged-in user as a domain object."""
    return current_user._get_current_object()


def roles_required(*roles: Role) -> Callable:
    """Logged in, with one of these roles (403 otherwise)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(*args: Any, **kwargs: Any):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate


pages_required = roles_required(*PAGE_ROLES)


def refusal_text(error: Exception) -> str:
    """What went wrong, in the user's language."""
    if isinstance(error, DomainError):
        # The field messages are the API's (English); what a page adds to the message it
        # says in the user's language.
        parts = [_(error.detail)]
        if isinstance(error, NotEnoughBudget):
            parts.append(
                _("More than remains (%(amount)s).", amount=format_euros(error.remaining_cents))
            )
        return " ".join(parts)
    if isinstance(error, TransitionRefused):
        return _(error.message)
    return _("Someone else changed this at the same moment. Reload the page and try again.")


def fmt_date(value: Any) -> str:
    return format_date(value, "medium") if value is not None else ""


def fmt_when(value: Any) -> str:
    return format_datetime(value, "short") if value is not None else ""


@bp.context_processor
def _helpers() -> dict[str, Any]:
    return {
        "blabel": label,
        "euros": format_euros,
        "fmt_date": fmt_date,
        "fmt_when": fmt_when,
    }
