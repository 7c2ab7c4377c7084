"""Error pages for the HTML side; API requests keep their problem+json answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from api.core import is_api_request, own_headers
from maatwerk.core.db import db
from maatwerk.core.errors import DomainError, NotFound
from maatwerk.plans.revisions import StaleVersion
from maatwerk.web.labels import translate
from workflows import TransitionRefused

PAGES = {400: "errors/400.html", 403: "errors/403.html", 404: "errors/404.html"}


def error_page(status: int, message: str | None = None):
    """Render the page of an HTTP status (an HTML answer, never JSON)."""
    template = PAGES.get(status, "errors/error.html")
    return render_template(template, status=status, message=message), status


def rollback_and_audit(error: DomainError) -> None:
    """Undo the request's changes; keep an audit event of a denied attempt."""
    db.session.rollback()
    if error.audit is not None:
        from maatwerk.audit.operations import record_audit

        record_audit(outcome="denied", **error.audit)
        db.session.commit()


def same_site_referrer() -> str | None:
    """The page the request came from, when it is one of ours."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def init_error_pages(app: Flask) -> None:
    """Web handlers that take over from the API's handlers outside /api."""
    spec = app.error_handler_spec.setdefault(None, {})
    by_class = spec.get(None, {})
    api_domain = by_class.get(DomainError)
    api_refused = by_class.get(TransitionRefused)
    api_stale = by_class.get(StaleVersion)
    api_http = by_class.get(HTTPException)

    def delegate(handler: Callable | None, error: Exception) -> Any:
        if handler is None:
            raise error
        return handler(error)

    def http_error(error: HTTPException):
        if is_api_request():
            return delegate(api_http, error)
        status = error.code or 500
        if isinstance(error, CSRFError):
            if g.get("session_ended"):  # the login's session ended: log in again
                from maatwerk import LOGIN_REQUIRED

                flash(str(LOGIN_REQUIRED), "info")
                return redirect(url_for("accounts.login", next=same_site_referrer()))
            return error_page(
                400, _("This form has expired. Go back, reload the page and try again.")
            )
        if status >= 500:
            db.session.rollback()
        if status == 413:
            return error_page(400, _("This is more text than can be sent at once. Shorten it."))
        return (*error_page(status), own_headers(error))

    def domain_error(error: DomainError):
        if is_api_request():
            return delegate(api_domain, error)
        rollback_and_audit(error)
        if isinstance(error, NotFound):
            return error_page(404)
        return error_page(error.status, translate(error.detail))

    def transition_refused(error: TransitionRefused):
        if is_api_request():
            return delegate(api_refused, error)
        db.session.rollback()
        flash(translate(error.message), "error")
        back = same_site_referrer()
        return redirect(back) if back else error_page(409, translate(error.message))

    def stale(error: Exception):
        if is_api_request():
            return delegate(api_stale, error)
        db.session.rollback()
        return error_page(
            409, _("Someone else changed this at the same moment. Reload the page and try again.")
        )

    for status in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(status, http_error)
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(TransitionRefused, transition_refused)
    app.register_error_handler(StaleVersion, stale)
    app.register_error_handler(StaleDataError, stale)
