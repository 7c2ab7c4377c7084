"""REST API v1 (flask-smorest): thin handlers over the domain operations."""

from __future__ import annotations

from flask import Flask, render_template, request, send_from_directory

from api.core import API_PREFIX, ConventionsPlugin, MaatwerkApi, init_errors, is_api_request

api = MaatwerkApi(spec_kwargs={"extra_plugins": [ConventionsPlugin()]})

SPEC_OPTIONS = {
    "info": {
        "description": (
            "Case collaboration on family maatwerk plans for the Alliantie van Kracht. "
            "Follows the NLGov API Design Rules: errors as application/problem+json, "
            "an API-Version header on every response, ETag/If-Match on every change."
        ),
        "contact": {
            "name": "Maatwerk programme team",
            "url": "https://alliantievankracht.example.org/maatwerk",
            "email": "maatwerk@alliantievankracht.example.org",
        },
    },
    "servers": [{"url": "/", "description": "This server"}],
    "components": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer"},
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "session"},
        },
        "headers": {
            "API_VERSION": {
                "description": "Semantic version of the API that answered.",
                "schema": {"type": "string", "example": "1.0.0"},
            }
        },
    },
    "security": [{"bearerAuth": []}, {"cookieAuth": []}],
}


def init_api(app: Flask) -> None:
    """Attach the API to the app."""
    from api import (
        admin,
        auth,
        barriers,
        casereview,
        catalogue,
        catalogue_edit,
        exports,
        goals,
        households,
        monitoring,
        outcomes,
        pdf,
        plans,
        workflows,
    )

    app.config.setdefault("OPENAPI_URL_PREFIX", API_PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", SPEC_OPTIONS)
    api.init_app(app)
    # flask-smorest's own pagination schema (snake_case) is unused: lists carry an envelope.
    api.spec.components.schemas.pop("PaginationMetadata", None)
    init_errors(app)
    for module in (
        *(auth, households, plans, goals, barriers, outcomes, pdf, catalogue, catalogue_edit),
        workflows,
        monitoring,
        *(casereview, exports),
        admin,
    ):
        api.register_blueprint(module.blp)

    from maatwerk.accounts.tokens import find_token, token_from_header
    from maatwerk.extensions import csrf, login_manager

    @login_manager.request_loader
    def _load_from_bearer(req):
        raw = token_from_header(req.headers.get("Authorization"))
        token = find_token(raw) if raw else None
        return token.user if token is not None else None

    @app.before_request
    def _csrf_unless_bearer():
        # Session-authenticated calls need the CSRF token; bearer calls carry no cookie
        # authority and the token exchange itself has no session yet.
        if request.method in ("GET", "HEAD", "OPTIONS") or not app.config.get(
            "WTF_CSRF_ENABLED", True
        ):
            return
        if is_api_request() and (
            request.headers.get("Authorization", "").lower().startswith("bearer ")
            or request.path == f"{API_PREFIX}/auth/tokens"
        ):
            return
        csrf.protect()

    from swagger_ui_bundle import swagger_ui_path

    @app.route(f"{API_PREFIX}/docs")
    def api_docs():
        """Interactive API documentation, served from this app (no CDN)."""
        return render_template("api_docs.html")

    @app.route(f"{API_PREFIX}/docs/assets/<path:filename>")
    def api_docs_assets(filename: str):
        return send_from_directory(swagger_ui_path, filename)
