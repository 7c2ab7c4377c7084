"""Maatwerk: case-collaboration workflow engine for family maatwerk plans."""

from __future__ import annotations

import logging
import os
import re
import uuid
from pathlib import Path
from typing import Any

from flask import Flask, g, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

from config import Config, config_from_env, default_sqlite_uri

ROOT = Path(__file__).resolve().parent.parent
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Shown on the login page when a page needs a login (also after the session ended).
LOGIN_REQUIRED = _l("Log in to see this page. If you were logged in, your session ended.")
# No inline scripts or styles anywhere; nothing may frame the app (docs/SECURITY.md).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class BoundedIntConverter(IntegerConverter):
    """The int URL converter, capped at the largest id the database can hold."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def select_locale() -> str:
    """The language chosen in the session; Dutch by default."""
    from flask import current_app

    chosen = session.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def create_app(config: type[Config] | None = None, overrides: dict[str, Any] | None = None):
    """Build the Flask application."""
    config = config or config_from_env()
    app = Flask(
        __name__,
        instance_path=os.environ.get("MAATWERK_INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    # Ids are 32-bit in the database: a larger id in a URL is simply not found (not a 500).
    app.url_map.converters["int"] = BoundedIntConverter
    app.config.from_object(config)
    if overrides:
        app.config.update(overrides)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        if config.ENV_NAME != "production":
            app.config["SQLALCHEMY_DATABASE_URI"] = default_sqlite_uri(app.instance_path)
    config.check(app.config)
    _normalise_database_url(app)
    from maatwerk.core.pdf_fonts import configure as configure_pdf_fonts

    configure_pdf_fonts(app.config.get("PDF_FONT_DIR"))  # a directory without fonts stops here

    from maatwerk import (
        models,  # noqa: F401  (complete metadata)
        workflow,  # noqa: F401  (validates the workflow definitions)
    )
    from maatwerk.core.db import ping_idle_connections
    from maatwerk.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    idle = app.config["DATABASE_PING_AFTER_IDLE_SECONDS"]
    with app.app_context():
        if db.engine.dialect.name == "postgresql" and idle:
            ping_idle_connections(db.engine, idle)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    # Flashed in the user's language (Flask-Login's own text is English only).
    login_manager.login_message = LOGIN_REQUIRED
    login_manager.localize_callback = str  # the lazy message, in the request's language

    # --- sessions: a server-side row per login, checked first on every request ---
    from maatwerk.accounts.sessions import init_sessions

    init_sessions(app)
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    # --- end sessions ---

    from maatwerk.accounts.views import bp as accounts_bp
    from maatwerk.main.views import bp as main_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(accounts_bp)

    # --- family portal ("Ons plan") and account activation: maatwerk/portal ---
    from maatwerk.portal.views import bp as portal_bp

    app.register_blueprint(portal_bp)
    # --- end family portal ---

    from api import init_api

    init_api(app)
    from maatwerk.core.inputs import init_input_checks

    init_input_checks(app)

    # --- professionals' pages, web error pages and i18n helpers: maatwerk/web ---
    from maatwerk.web import init_web

    init_web(app)
    # --- end professionals' pages ---

    # --- programme monitoring, experience surveys and reflection: maatwerk/monitoring ---
    from maatwerk.monitoring.web import init_monitoring

    init_monitoring(app)
    # --- end programme monitoring ---

    # --- barriers, flexible budget, notifications: maatwerk/barriers, maatwerk/notifications ---
    from maatwerk.barriers.views import bp as barrier_pages_bp
    from maatwerk.notifications.views import bp as notification_pages_bp

    app.register_blueprint(barrier_pages_bp)
    app.register_blueprint(notification_pages_bp)
    # --- end barriers and notifications ---

    # --- the administrator: organisations and staff accounts, account setup: maatwerk/admin ---
    from maatwerk.admin import account_views, views  # noqa: F401  (routes of admin.bp)
    from maatwerk.admin.setup_views import bp as account_setup_bp
    from maatwerk.admin.web import bp as admin_bp

    app.register_blueprint(admin_bp)
    app.register_blueprint(account_setup_bp)
    # --- end administrator ---

    # --- case review sessions, case packs and the knowledge base: maatwerk/casereview ---
    from maatwerk.casereview.web import init_casereview

    init_casereview(app)
    # --- end case review ---

    # --- the programme's catalogue pages (Catalogi): maatwerk/catalogue ---
    from maatwerk.catalogue.views import init_catalogue_pages

    init_catalogue_pages(app)
    # --- end catalogue pages ---

    @app.before_request
    def _fresh_request_state():
        # g normally dies with the request; a test that holds an app context open across
        # requests must not see the previous request's user.
        g.pop("_login_user", None)
        g.pop("actor", None)
        supplied = request.headers.get("X-Request-ID", "")
        g.request_id = supplied if REQUEST_ID.fullmatch(supplied) else uuid.uuid4().hex

    @app.after_request
    def _security_headers(response):
        # docs/SECURITY.md: on every response, errors included.
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), usb=()")
        if app.config.get("HSTS_SECONDS"):
            response.headers.setdefault(
                "Strict-Transport-Security", f"max-age={int(app.config['HSTS_SECONDS'])}"
            )
        response.headers.setdefault("X-Request-ID", g.get("request_id", ""))
        if request.endpoint != "static":
            # Pages and API answers may hold household data: never stored by a cache.
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response

    logging.getLogger("maatwerk").setLevel(logging.INFO)
    return app


def _normalise_database_url(app: Flask) -> None:
    """Use psycopg 3 for plain postgresql:// URLs."""
    uri: str = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):
        uri = "postgresql://" + uri[len("postgres://") :]
    if uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri[len("postgresql://") :]
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        # A ping on every checkout only when configured so (0); otherwise after idling
        # (core.db.ping_idle_connections, wired up in create_app).
        options.setdefault("pool_pre_ping", not app.config["DATABASE_PING_AFTER_IDLE_SECONDS"])
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
