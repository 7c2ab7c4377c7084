"""Request plumbing of the portal: who may enter, refusals as 404, the version a form saw."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn

from flask import abort, g, request
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from maatwerk.audit.operations import (
    CHANGE_ACTIONS,
    record_audit,
    written_in_transaction,
)
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.core.errors import DomainError
from maatwerk.extensions import login_manager
from maatwerk.plans.revisions import StaleVersion
from maatwerk.web.common import not_done

STALE = (StaleVersion, StaleDataError)


def _require(role: Role) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role is not role:
                abort(404)  # no one learns what the portal holds
            g.actor = current_user._get_current_object()
            try:
                return view(*args, **kwargs)
            except DomainError as error:
                if error.status in (403, 404):
                    refuse(error)
                raise
            except HTTPException as error:
                # A malformed form (400, an unknown item's 404): the change did not happen.
                if request.method == "POST" and 400 <= (error.code or 500) < 500:
                    not_done()
                    db.session.commit()
                raise

        return wrapper

    return decorator


family_required = _require(Role.FAMILY)
professional_required = _require(Role.PROFESSIONAL)


def refuse(error: DomainError) -> NoReturn:
    """Roll back, keep the audit trail of the denied attempt, answer 404."""
    db.session.rollback()
    if error.audit is not None:
        record_audit(outcome="denied", **error.audit)
        db.session.commit()
    abort(404)


def only_looked() -> None:
    """The request only showed what a change would mean (the 'are you sure' step): its
    change is recorded as a look ("read"), never as a change that did not happen yet."""
    written = written_in_transaction()
    db.session.rollback()
    for event in written:
        if event["action"] in CHANGE_ACTIONS and event["outcome"] == "success":
            event = {**event, "action": "read"}
        record_audit(**event)


def form_int(name: str) -> int | None:
    """An integer form field, or None when missing or malformed."""
    value = request.form.get(name, "")
    return int(value) if value.strip().isdigit() else None


def form_version() -> int:
    """The plan version the form was built on; a missing one counts as outdated."""
    return form_int("version") or 0
