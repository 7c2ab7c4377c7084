"""What every professional page shares: the blueprint, access, units of work, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from maatwerk.accounts.models import User
from maatwerk.audit.operations import (
    CHANGE_ACTIONS,
    forget_written_after,
    record_again_as_attempts,
    written_in_transaction,
)
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.core.errors import DomainError, Forbidden
from maatwerk.plans.revisions import StaleVersion
from workflows import TransitionRefused

bp = Blueprint("web", __name__)

STAFF_ROLES = (Role.PROFESSIONAL, Role.MANAGER)
T = TypeVar("T")


def actor() -> User:
    """The logged-in user as a domain object."""
    return current_user._get_current_object()


def staff_required(view: Callable) -> Callable:
    """Logged in as a professional or manager (the family has its own portal)."""

    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any):
        if current_user.role not in STAFF_ROLES:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def professional_required(view: Callable) -> Callable:
    """Logged in as a professional."""

    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any):
        if current_user.role is not Role.PROFESSIONAL:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


class Stale(Exception):
    """The object changed since the form was built (raised by the web layer)."""


def attempt(operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a domain operation in a savepoint: when it refuses, its changes are undone and
    the request's audit events stay, the change as an attempt that did not happen (the
    page is shown again with the message)."""
    # The events written before the operation (its objects' loads) outlive a refusal; the
    # operation's own, rolled back with it, never happened (their ids may not even exist).
    written_before = written_in_transaction()
    savepoint = db.session.begin_nested()
    try:
        result = operation(*args, **kwargs)
        db.session.flush()
    except (DomainError, TransitionRefused, StaleVersion, StaleDataError) as error:
        if savepoint.is_active:
            savepoint.rollback()
        forget_written_after(len(written_before))
        if any(e["action"] in CHANGE_ACTIONS and e["outcome"] == "success" for e in written_before):
            denied = isinstance(error, Forbidden) or (
                isinstance(error, TransitionRefused) and error.kind == "role"
            )
            not_done("denied" if denied else "error")
        raise
    savepoint.commit()
    return result


def not_done(outcome: str = "error") -> None:
    """The change the request was loaded for did not happen (a form with mistakes, a version
    that moved on, a closed plan, a refused step): roll back everything the request did, and
    record its audit events again, the change as an attempt with this outcome ("niet
    gelukt" in the family's access log), the reads as they were. Commit later."""
    written = written_in_transaction()
    db.session.rollback()
    record_again_as_attempts(written, outcome=outcome)


def commit() -> None:
    """The one commit of a request, at the boundary."""
    db.session.commit()


def page(template: str, status: int = 200, **context: Any):
    """Render a page, then the request's one commit. A form sent and answered with an error
    (a POST answered 4xx: mistakes, a conflict, a refusal) changed nothing: its change is
    recorded as an attempt (not_done). Every blueprint's pages answer through this."""
    body = render_template(template, **context)
    if request.method == "POST" and 400 <= status < 500:
        not_done("denied" if status == 403 else "error")
    commit()
    return body, status
