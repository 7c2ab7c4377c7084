"""POST /auth/tokens (log in for a bearer token) and DELETE /auth/tokens/current."""

from __future__ import annotations

import logging

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import fields
from sqlalchemy import func, select

from api.core import login_required_api
from api.schemas import CamelSchema, text
from maatwerk.accounts.mfa import mfa_enabled, needs_second_step, verify_totp
from maatwerk.accounts.models import User
from maatwerk.accounts.passwords import verify_password
from maatwerk.accounts.throttle import LoginGuard, Throttled, mfa_guard
from maatwerk.accounts.tokens import find_token, issue_token, revoke_token, token_from_header
from maatwerk.core.db import db, utcnow

log = logging.getLogger("maatwerk.security")
REFUSED = "Wrong login, password or code."
TOKEN_TYPE = "Bearer"  # noqa: S105  # the RFC 6750 token type, not a secret  # nosec B105

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Authentication")


class CredentialsSchema(CamelSchema):
    login = text(80, required=True)
    password = text(1024, required=True)
    totp = text(
        12,
        metadata={
            "description": "The current code of the authenticator app; required for accounts "
            "with two-step verification (on, or required for the role).",
            "example": "123456",
        },
    )


class TokenSchema(CamelSchema):
    token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_at = fields.AwareDateTime(required=True)


@blp.route("/tokens")
class Tokens(MethodView):
    @blp.arguments(CredentialsSchema)
    @blp.response(201, TokenSchema)
    @blp.alt_response(401, description="Wrong login, password or code")
    @blp.alt_response(429, description="Too many attempts; see Retry-After")
    @blp.doc(security=[])  # the exchange itself needs no sign-in
    def post(self, credentials):
        """Exchange login, password and (with two-step verification) a code for a bearer
        token. Every refusal has the same answer; attempts are throttled per account and per
        client address."""
        login_name = credentials["login"].strip().lower()
        guard = LoginGuard(login_name)
        try:
            guard.admit()
        except Throttled as throttled:
            _too_many(throttled)
        user = db.session.scalar(select(User).where(func.lower(User.login) == login_name))
        if not verify_password(user, credentials["password"]) or user is None or not user.active:
            _refuse()
        guard.succeeded()
        if needs_second_step(user):
            second = mfa_guard(user.id)
            try:
                second.admit()
            except Throttled as throttled:
                _too_many(throttled)
            if not mfa_enabled(user) or not verify_totp(user, credentials.get("totp") or ""):
                _refuse()
            second.succeeded()
        raw, token = issue_token(user)
        user.last_login_at = utcnow()
        db.session.commit()
        return {"token": raw, "token_type": TOKEN_TYPE, "expires_at": token.expires_at}


def _refuse() -> None:
    db.session.commit()  # the counted attempt
    log.info("token refused")
    abort(401, message=REFUSED)


def _too_many(throttled: Throttled) -> None:
    db.session.commit()  # the counted attempt
    log.warning("token request throttled")
    abort(
        429,
        message="Too many attempts. Try again later.",
        headers={"Retry-After": str(throttled.retry_after)},
    )


@blp.route("/tokens/current")
class CurrentToken(MethodView):
    decorators = [login_required_api]

    @blp.response(204)
    @blp.alt_response(400, description="Not authenticated by a bearer token")
    def delete(self):
        """Revoke the bearer token this request carries."""
        raw = token_from_header(request.headers.get("Authorization"))
        token = find_token(raw) if raw else None
        if token is None:
            abort(400, message="This request carries no bearer token.")
        revoke_token(token)
        db.session.commit()
