"""POST /auth/tokens (log in for a bearer token) and DELETE /auth/tokens/current."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import fields
from sqlalchemy import func, select

from api.core import login_required_api
from api.schemas import CamelSchema, text
from maatwerk.accounts.models import User
from maatwerk.accounts.passwords import verify_password
from maatwerk.accounts.tokens import find_token, issue_token, revoke_token, token_from_header
from maatwerk.core.db import db

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Authentication")


class CredentialsSchema(CamelSchema):
    login = text(80, required=True)
    password = text(1024, required=True)


class TokenSchema(CamelSchema):
    token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_at = fields.AwareDateTime(required=True)


@blp.route("/tokens")
class Tokens(MethodView):
    @blp.arguments(CredentialsSchema)
    @blp.response(201, TokenSchema)
    @blp.alt_response(401, description="Wrong login or password")
    def post(self, credentials):
        """Exchange login and password for a bearer token."""
        user = db.session.scalar(
            select(User).where(func.lower(User.login) == credentials["login"].strip().lower())
        )
        if not verify_password(user, credentials["password"]) or user is None or not user.active:
            abort(401, message="Wrong login or password.")
        raw, token = issue_token(user)
        db.session.commit()
        return {"token": raw, "token_type": "Bearer", "expires_at": token.expires_at}


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
