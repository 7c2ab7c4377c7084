"""Checks on every request's input before a handler sees it.

- Text with the NUL character (U+0000) is refused: PostgreSQL cannot store it (the write
  would fail as a server error), and no name, goal or message holds it legitimately.
- A body sent to the API is JSON: another media type is a 415, not a list of "missing"
  fields.
The size of a body is capped by Flask's MAX_CONTENT_LENGTH (config.py): 413.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from werkzeug.exceptions import UnsupportedMediaType

from maatwerk.core.errors import ValidationFailed

NUL = "\x00"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
NUL_MESSAGE = "Text may not contain the NUL character."


def holds_nul(value: Any) -> bool:
    """True when a string anywhere in a JSON-like value (keys included) holds NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(holds_nul(k) or holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False


def _nul_fields() -> list[str]:
    """The names of the request's inputs (path, query, form, JSON body) that hold NUL."""
    found = []
    if NUL in request.path:
        found.append("path")
    found += [name for name, value in request.args.items(multi=True) if holds_nul([name, value])]
    if request.method in BODY_METHODS:
        if request.is_json:
            body = request.get_json(silent=True)
            if isinstance(body, dict):
                found += [name for name, value in body.items() if holds_nul([name, value])]
            elif holds_nul(body):
                found.append("body")
        else:
            found += [
                name for name, value in request.form.items(multi=True) if holds_nul([name, value])
            ]
    return found


def check_request_input() -> None:
    """Refuse NUL in any input, and a non-JSON body to the API (before the handler)."""
    from api.core import is_api_request

    has_body = request.content_length or "chunked" in request.headers.get("Transfer-Encoding", "")
    if is_api_request() and request.method in BODY_METHODS and has_body and not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON (Content-Type: application/json).")
    fields = _nul_fields()
    if fields:
        raise ValidationFailed(
            NUL_MESSAGE, fields={name[:100].replace(NUL, ""): [NUL_MESSAGE] for name in fields}
        )


def init_input_checks(app: Flask) -> None:
    app.before_request(check_request_input)
