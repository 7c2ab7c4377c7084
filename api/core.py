"""The API's conventions in one place: problem+json errors, API-Version, ETags, auth."""

from __future__ import annotations

import http
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from apispec import BasePlugin
from flask import Flask, Response, current_app, g, jsonify, request, url_for
from flask_login import current_user
from flask_smorest import Api
from flask_smorest.arguments import ArgumentsMixin
from flask_smorest.utils import prepare_response
from sqlalchemy.orm.exc import StaleDataError
from webargs.flaskparser import FlaskParser, abort
from werkzeug.exceptions import HTTPException

from api.schemas import TYPED_INPUT, ProblemSchema, camelcase
from maatwerk.core.db import db
from maatwerk.core.errors import DomainError
from maatwerk.plans.revisions import StaleVersion
from workflows import TransitionRefused

API_PREFIX = "/api/v1"
PROBLEM_JSON = "application/problem+json"


def is_api_request() -> bool:
    """True for requests under the API base path."""
    return request.path.startswith(API_PREFIX)


def problem(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    invalid_params: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """An RFC 9457 problem response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or http.HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if invalid_params:
        body["invalidParams"] = invalid_params
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


LOCATIONS = ("json", "query", "headers", "form", "path", "files", "cookies")


def _flatten(messages: Any, prefix: str = "", *, top: bool = True) -> list[dict[str, str]]:
    """webargs/marshmallow error messages -> [{name, reason}]; webargs nests them under the
    location (json, query …) at the top level only."""
    out: list[dict[str, str]] = []
    if isinstance(messages, dict):
        if top and messages and all(key in LOCATIONS for key in messages):
            for value in messages.values():
                out.extend(_flatten(value, "", top=False))
            return out
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, name, top=False))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out.append({"name": prefix or "body", "reason": " ".join(messages)})
    elif isinstance(messages, list):
        for index, value in enumerate(messages):
            out.extend(_flatten(value, f"{prefix}[{index}]", top=False))
    else:
        out.append({"name": prefix or "body", "reason": str(messages)})
    return out


class PreconditionFailed(Exception):
    """If-Match did not match: carries the current representation and its ETag."""

    def __init__(self, current: dict[str, Any], etag: str) -> None:
        super().__init__("precondition failed")
        self.current = current
        self.etag = etag


# Text never holds NUL nor a lone surrogate (maatwerk/core/inputs.py refuses them with a
# 400; the database cannot store them): the spec says so on every free-text string, so a
# client (or schemathesis) knows such a request is not a valid one.
# The pattern names NUL only. Surrogates cannot be named portably: ECMA-262 reads a string
# as UTF-16 code units, but Rust's and most other engines (jsonschema-rs, which schemathesis
# validates with) read code points, have no surrogates and refuse a pattern that names
# them, so a validator would drop the whole pattern and let NUL through as valid data. Text
# in UTF-8 JSON cannot hold a lone surrogate anyway; only a "\ud800" escape spells one, and
# the 400 for it is described on the problem answer.
NO_NUL_PATTERN = r"^[^\u0000]*$"


def no_nul_pattern(converter: Any, field: Any, ret: dict[str, Any], **kwargs: Any) -> dict:
    """The pattern that excludes NUL, on string properties without a format,
    enum or pattern of their own."""
    kind = ret.get("type")
    is_string = kind == "string" or (isinstance(kind, list) and "string" in kind)
    if not is_string or any(key in ret for key in ("format", "enum", "pattern")):
        return {}
    return {"pattern": NO_NUL_PATTERN}


def named_keys_only(converter: Any, field: Any, ret: dict[str, Any], **kwargs: Any) -> dict:
    """A dict field whose metadata names its keys (`properties`) takes no other key: apispec
    would otherwise describe its values as `additionalProperties`."""
    if "properties" in field.metadata and "additionalProperties" in ret:
        return {"additionalProperties": False}
    return {}


class MaatwerkApi(Api):
    """flask-smorest Api with problem+json errors and the API-Version header documented."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        # Called once per spec, right after its converter is made and before any schema
        # (the problem schema below included) is turned into JSON Schema.
        self.ma_plugin.converter.add_attribute_function(no_nul_pattern)
        self.ma_plugin.converter.add_attribute_function(named_keys_only)
        for status in http.HTTPStatus:
            response: dict[str, Any] = {
                "description": status.phrase,
                "headers": {"API-Version": {"$ref": "#/components/headers/API_VERSION"}},
            }
            if status >= 400:
                response["content"] = {PROBLEM_JSON: {"schema": self.ERROR_SCHEMA}}
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {
            "description": "Default error response",
            "content": {PROBLEM_JSON: {"schema": self.ERROR_SCHEMA}},
            "headers": {"API-Version": {"$ref": "#/components/headers/API_VERSION"}},
        }
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def handle_http_exception(self, error: HTTPException):
        if not is_api_request():
            return error
        data = getattr(error, "data", None) or {}
        messages = data.get("errors") or data.get("messages")
        code = error.code or 500
        # A schema's field errors come without a message of their own: say what they are
        # rather than werkzeug's generic text about a request the server could not parse.
        detail = data.get("message") or (
            "The input is invalid: see invalidParams." if messages else error.description
        )
        if code >= 500:
            detail = "An unexpected error occurred."
        return problem(
            code,
            detail,
            invalid_params=_flatten(messages) if messages else None,
            headers={**own_headers(error), **(data.get("headers") or {})},
        )


def own_headers(error: HTTPException) -> dict[str, str]:
    """The headers werkzeug's exception carries besides its HTML body's Content-Type: the
    Allow of a 405 (RFC 9110), the WWW-Authenticate of a 401, the Retry-After of a 429."""
    return {key: value for key, value in error.get_headers() if key.lower() != "content-type"}


def request_name(name: str) -> str:
    """The request's own (lowerCamelCase) name of a field a domain error names: the domain
    names what it checks ("user", "coordinator", "held_on"), the request sent it as "userId",
    "coordinatorId", "heldOn"."""
    camel = camelcase(name)
    body = request.get_json(silent=True) if request.is_json else None
    sent = set(request.args) | (set(body) if isinstance(body, dict) else set())
    for candidate in (camel, f"{camel}Id", f"{camel}Ids"):
        if candidate in sent:
            return candidate
    return camel


def _handle_domain_error(error: DomainError):
    db.session.rollback()
    audit = getattr(error, "audit", None)
    if audit is not None:
        from maatwerk.audit.operations import record_audit

        record_audit(outcome="denied", **audit)
        db.session.commit()
    if not is_api_request():
        raise error
    params = [{"name": request_name(k), "reason": " ".join(v)} for k, v in error.fields.items()]
    return problem(error.status, error.detail, title=error.title, invalid_params=params or None)


def _handle_transition_refused(error: TransitionRefused):
    # Nothing happened: the request's audit events stay, its change as a refused attempt
    # (denied by role, else failed on the state or a guard), never as a success.
    from maatwerk.audit.operations import record_again_as_attempts, written_in_transaction

    written = written_in_transaction()
    db.session.rollback()
    if written:
        record_again_as_attempts(written, outcome="denied" if error.kind == "role" else "error")
        db.session.commit()
    if not is_api_request():
        raise error
    status = 409 if error.kind in ("wrong_state", "guard") else 403
    if error.kind in ("reason_required", "unknown_trigger"):
        status = 400
    return problem(
        status,
        error.message,
        title="Transition refused",
        refusal=error.kind,
        trigger=error.trigger,
        guard=error.guard,
    )


def _handle_precondition_failed(error: PreconditionFailed):
    # The body discloses the current version, so the request's audit events must outlive
    # its rollback (as in _handle_domain_error): reads stay as they were; a change that did
    # not happen stays as a failed attempt (outcome "error") plus the read the body shows.
    from maatwerk.audit.operations import (
        CHANGE_ACTIONS,
        record_again_as_attempts,
        record_audit,
        written_in_transaction,
    )

    written = written_in_transaction()
    db.session.rollback()
    record_again_as_attempts(written)
    for event in written:
        if event["action"] in CHANGE_ACTIONS and event["outcome"] == "success":
            record_audit(**{**event, "action": "read"})
    if written:
        db.session.commit()
    return problem(
        412,
        "The resource changed since you read it. Here is the current version.",
        current=error.current,
        headers={"ETag": error.etag},
    )


def _handle_stale(error: Exception):
    db.session.rollback()
    if not is_api_request():
        raise error
    return problem(412, "The resource was changed by someone else at the same moment. Reload it.")


def init_errors(app: Flask) -> None:
    """Register the API's error handlers and headers."""
    app.register_error_handler(DomainError, _handle_domain_error)
    app.register_error_handler(TransitionRefused, _handle_transition_refused)
    app.register_error_handler(PreconditionFailed, _handle_precondition_failed)
    app.register_error_handler(StaleVersion, _handle_stale)
    app.register_error_handler(StaleDataError, _handle_stale)

    @app.after_request
    def _api_version(response: Response) -> Response:
        if is_api_request():
            response.headers["API-Version"] = current_app.config["API_VERSION"]
        return response


# --- ETags and If-Match --------------------------------------------------------------------


def etag_of(kind: str, obj: Any) -> str:
    """A strong ETag: the object's kind, id and version."""
    return f'"{kind}-{obj.id}-{obj.version}"'


def require_if_match(etag: str, current: Callable[[], dict[str, Any]]) -> None:
    """Refuse a change without If-Match (428) or based on another version (412)."""
    header = request.headers.get("If-Match")
    if not header:
        from flask_smorest import abort

        abort(428, message="Send the ETag you read in an If-Match header.")
    candidates = [part.strip() for part in header.split(",")]
    if etag not in candidates and "*" not in candidates:
        raise PreconditionFailed(current(), etag)


def with_etag(obj: Any, etag: str, status: int = 200) -> tuple[Any, int, dict[str, str]]:
    """An object for @blp.response to serialise, with its ETag header."""
    return obj, status, {"ETag": etag}


def created(result: Any, endpoint: str, **values: Any) -> tuple[Any, int, dict[str, str]]:
    """A 201 for @blp.response: the created object (or an (object, status, headers) answer)
    with the Location of the resource's own URL (RFC 9110). A resource without a URL of its
    own (a comment, a score) answers 201 without one: the list it joined identifies it."""
    body, status, headers = result if isinstance(result, tuple) else (result, 201, {})
    return body, status, {**headers, "Location": url_for(endpoint, **values)}


# --- authentication ---------------------------------------------------------------------


def login_required_api(view: Callable) -> Callable:
    """401 problem for anonymous API calls."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        if not current_user.is_authenticated:
            from flask_smorest import abort

            abort(
                401,
                message="Log in or send a bearer token.",
                headers={"WWW-Authenticate": 'Bearer realm="maatwerk"'},
            )
        g.actor = current_user._get_current_object()
        return view(*args, **kwargs)

    return wrapper


def commit() -> None:
    """The one commit of a request, at the boundary."""
    db.session.commit()


# JSON answers without an ETag: nothing about them can be changed with If-Match (a comment,
# a score, a token, a team membership, a computed report …). Every other single resource in
# a 200/201 carries one; a list or a page of them does not; a document (PDF, SVG) carries the
# digest of its bytes.
UNVERSIONED = frozenset(
    {
        "Agenda",
        "Comment",
        "Detail",
        "Finding",
        "Lesson",
        "OutcomeExport",
        "Overview",
        "SessionParticipant",
        "SetupCode",
        "Survey",
        "TeamMember",
        "Token",
    }
)


def _sends_etag(status: Any, response: dict[str, Any]) -> bool:
    """True when a 200/201 carries an ETag (tests/api/contract.py checks the document
    against every answer in the tests)."""
    content = response.get("content", {})
    if str(status) not in ("200", "201") or not content:
        return False
    if "application/json" not in content:
        return True  # a document: the digest of its bytes
    schema = content["application/json"].get("schema", {})
    name = str(schema.get("$ref", "")).rpartition("/")[2]
    return bool(name) and not name.endswith("Page") and name not in UNVERSIONED


def _declare(responses: dict[Any, Any], status: int, name: str) -> None:
    if str(status) not in responses and status not in responses:
        responses[str(status)] = name


# The paths of what belongs to a plan: a change there answers 409 once the plan is closed.
PLAN_PARTS = ("/plans/{", "/goals/{", "/actions/{", "/barriers/{")


def _on_a_plan(path: str) -> bool:
    return any(part in path for part in PLAN_PARTS)


class ConventionsPlugin(BasePlugin):
    """Completes every operation per the NLGov API Design Rules: the API-Version header on
    every response, problem+json on every error, If-Match where a change is conditional,
    and the statuses any operation of its kind can answer: 401 (not signed in), 400 where
    input is taken (a body can always be refused: maatwerk/core/inputs.py), 404 where the
    path names a resource, 403 where something is changed (the domain refuses what this user
    may not do), 409 where a transition is fired or a plan's part is changed (a closed plan
    is read-only)."""

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            takes_input = method in ("post", "put", "patch") or any(
                isinstance(p, dict) and p.get("in") == "query"
                for p in operation.get("parameters", [])
            )
            if takes_input:
                _declare(responses, 400, "BAD_REQUEST")
            if operation.get("security") != []:
                _declare(responses, 401, "UNAUTHORIZED")
            if "{" in (path or ""):
                _declare(responses, 404, "NOT_FOUND")
            if method in ("post", "put", "patch", "delete") and operation.get("security") != []:
                _declare(responses, 403, "FORBIDDEN")
            if method == "post" and (path or "").endswith("/transitions"):
                _declare(responses, 409, "CONFLICT")
            if method in ("post", "put", "patch", "delete") and _on_a_plan(path or ""):
                # Anything on a plan may meet a closed plan (read-only: plans.access)
                _declare(responses, 409, "CONFLICT")
            if "428" in responses or 428 in responses:
                operation.setdefault("parameters", []).append(
                    {
                        "in": "header",
                        "name": "If-Match",
                        "required": True,
                        "description": "The ETag of the version this change is based on.",
                        "schema": {"type": "string"},
                    }
                )
            for status, response in list(responses.items()):
                if not isinstance(response, dict):
                    continue
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API_VERSION"
                }
                if str(status).isdigit() and int(status) >= 400 and "content" not in response:
                    response["content"] = {
                        PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}
                    }
                if _sends_etag(status, response):
                    response["headers"]["ETag"] = {
                        "description": "Strong entity tag of a single resource.",
                        "schema": {"type": "string"},
                    }


class MaatwerkParser(FlaskParser):
    """webargs' parser with the API's input rules: validation errors are 400 Bad Request
    (NLGov ADR), not webargs' 422; a JSON body Python cannot read (nested too deep, an
    integer of thousands of digits) is a 400 like any invalid JSON; a JSON body is typed
    input (TYPED_INPUT: 16, not "16"), a query string is text."""

    DEFAULT_VALIDATION_STATUS = 400

    def _raw_load_json(self, req: Any) -> Any:
        try:
            return super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise
        except (ValueError, RecursionError):
            abort(400, messages={"json": ["Invalid JSON body."]})

    def _process_location_data(self, location_data, schema, req, location, *args, **kwargs):
        token = TYPED_INPUT.set(location == "json")
        try:
            return super()._process_location_data(
                location_data, schema, req, location, *args, **kwargs
            )
        finally:
            TYPED_INPUT.reset(token)


ArgumentsMixin.ARGUMENTS_PARSER = MaatwerkParser()
