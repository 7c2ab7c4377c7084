"""What the API answered in the tests against what its OpenAPI document declares: every
status an operation returns is one of its declared responses, and a 2xx carries an ETag
exactly when the document says it does (tests/api/conftest.py checks every API test)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from flask import Flask, Response, request, request_finished

# Answers before an operation is reached (no route, another method, a body the API does not
# take) or that no operation can promise (a server error, which a test fails on anyway).
NOT_PER_OPERATION = {405, 413, 415, 500}


def openapi_path(rule: str) -> str:
    """/api/v1/plans/<int(max=2147483647):plan_id> -> /api/v1/plans/{plan_id}"""
    return re.sub(r"<(?:[^>]*:)?(\w+)>", r"{\1}", rule)


@cache
def _spec(app: Flask) -> dict[str, Any]:
    return app.test_client().get("/api/v1/openapi.json").get_json()


def findings(app: Flask, seen: list[tuple[str, str, int, bool]]) -> list[str]:
    """The answers that break the document: an undeclared status, an ETag sent but not
    declared, or declared but not sent."""
    spec = _spec(app)
    out = []
    for path, method, status, etag in seen:
        operation = spec["paths"].get(path, {}).get(method)
        if operation is None or status in NOT_PER_OPERATION:
            continue
        response = operation["responses"].get(str(status))
        if response is None:
            out.append(f"{method.upper()} {path}: {status} not declared")
            continue
        declared = "ETag" in response.get("headers", {})
        if 200 <= status < 300 and declared != etag:
            out.append(f"{method.upper()} {path} {status}: ETag declared {declared}, sent {etag}")
    return sorted(set(out))


def record(app: Flask, seen: list[tuple[str, str, int, bool]]):
    """Connect a recorder of the app's API answers; returns the function to disconnect."""

    def recorder(sender: Flask, response: Response, **extra: Any) -> None:
        if request.url_rule is None or not request.path.startswith("/api/v1/"):
            return
        path = openapi_path(request.url_rule.rule)
        etag = "ETag" in response.headers
        seen.append((path, request.method.lower(), response.status_code, etag))

    request_finished.connect(recorder, app)
    return lambda: request_finished.disconnect(recorder, app)
