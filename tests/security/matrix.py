"""The machinery of the authorisation matrix: every route of `app.url_map`, its path filled
from the fixture world, called as one role, and the answer reduced to a letter.

Letters:
    O  allowed: 2xx, or a redirect that is not to the login page (reads)
    C  a state-changing call answered 2xx/3xx and changed the database
    N  a state-changing call answered 2xx/3xx and changed nothing (a page that refuses
       with a message and a redirect)
    V  allowed, but the (empty) input or the state is refused: 400, 409, 412, 415, 422, 428
    P  (expectation only) allowed: C, N or V
    H  hidden: 404 (a household that exists must not be revealed)
    F  forbidden: 403 (the page exists for everyone, this role may not use it)
    L  log in first: 401, or a redirect to /login
    M  method not allowed: 405
    E  server error: never expected
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from sqlalchemy import select

from maatwerk.core.db import db
from tests.security.world import ROLES, World

WRITES = ("POST", "PUT", "PATCH", "DELETE")
PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>:]+)>")
# Tables a read may legitimately write: the audit trail (every read of household data is
# recorded), the session rows (last seen), the login throttle and the professional's last
# look at the dashboard (where "changed since your last visit" starts), and the family's
# notices marked seen by the page that shows them ("Wie keek er in ons dossier").
READ_MAY_WRITE = {
    "family_notices",
    "audit_events",
    "audit_event_households",
    "audit_chain_head",
    "user_sessions",
    "throttle_counters",
    "dashboard_visits",
}


@dataclass(frozen=True)
class Route:
    method: str
    pattern: str  # the rule with converters stripped: /api/v1/plans/<plan_id>

    @property
    def key(self) -> str:
        return f"{self.method} {self.pattern}"

    @property
    def api(self) -> bool:
        return self.pattern.startswith("/api/")


def routes(app: Flask) -> list[Route]:
    """Every (method, route) of the app, HEAD and OPTIONS aside."""
    found = {
        Route(method, PARAM.sub(r"<\1>", rule.rule))
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    return sorted(found, key=lambda r: (r.pattern, r.method))


def _id_name(pattern: str, param: str) -> str:
    """Which world id a path parameter of this route takes."""
    if param == "session_id":
        return "reflection_id" if "reflect" in pattern else "case_review_id"
    if param == "goal_id" and "operational-goals" in pattern:
        return "operational_goal_id"
    if param == "user_id":
        return "participant_id"
    if param == "filename" and "/docs/" in pattern:
        return "docs_asset"
    return param


def fill(route: Route, world: World) -> str:
    """The route's URL with every path parameter taken from the world."""

    def value(match: re.Match) -> str:
        name = _id_name(route.pattern, match.group(1))
        if name not in world.ids:
            raise KeyError(f"the world has no value for <{match.group(1)}> of {route.key}")
        return str(world.ids[name])

    return PARAM.sub(value, route.pattern)


def letter(response) -> str:
    """The answer reduced to one letter (see the module docstring)."""
    status = response.status_code
    if status == 401:
        return "L"
    if 300 <= status < 400:
        target = urlsplit(response.headers.get("Location", "")).path
        return "L" if target == "/login" else "O"
    if 200 <= status < 300:
        return "O"
    if status in (403, 404, 405):
        return {403: "F", 404: "H", 405: "M"}[status]
    if status >= 500:
        return "E"
    return "V"


def matches(expected: str, got: str) -> bool:
    return got == expected or (expected == "P" and got in "CNV")


def expand(template: Any, world: World, *, as_text: bool) -> Any:
    """A body template with "<name>" strings replaced by the world's ids."""
    if isinstance(template, dict):
        return {k: expand(v, world, as_text=as_text) for k, v in template.items()}
    if isinstance(template, list):
        return [expand(v, world, as_text=as_text) for v in template]
    if isinstance(template, str) and template.startswith("<") and template.endswith(">"):
        value = world.ids[template[1:-1]]
        return str(value) if as_text else value
    return template


def call(client, route: Route, url: str, body: dict | None = None):
    """One request as the client's user; state-changing calls carry the body of the route
    (see BODIES of the matrix test) or an empty one, and API calls `If-Match: *`."""
    if route.method == "GET":
        return client.get(url)
    if route.api:
        # If-Match: * passes the precondition, so that access decides (not a missing ETag).
        return client.open(url, method=route.method, json=body or {}, headers={"If-Match": "*"})
    return client.open(url, method=route.method, data=body or {})


@contextmanager
def undone(session) -> Iterator[None]:
    """Whatever the request writes is rolled back afterwards (a savepoint on the test's
    connection around the request's own savepoints)."""
    session.commit()  # the session's own savepoint must not enclose ours
    connection = session.get_bind()
    savepoint = connection.begin_nested()
    try:
        yield
    finally:
        session.rollback()
        if savepoint.is_active:
            savepoint.rollback()
        session.expire_all()


@contextmanager
def same_cookie(client) -> Iterator[None]:
    """Keep the client's session cookie (a logout or language switch must not stick)."""
    cookie = client.get_cookie("session")
    try:
        yield
    finally:
        if cookie is not None:
            client.set_cookie("session", cookie.value)
        else:
            client.delete_cookie("session")


def snapshot(session) -> dict[str, str]:
    """A digest of every table's rows, except the tables reads may write."""
    digests = {}
    for table in db.metadata.sorted_tables:
        if table.name in READ_MAY_WRITE:
            continue
        rows = session.execute(select(table)).all()
        rows = sorted(repr(tuple(row)) for row in rows)
        digests[table.name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def client_for(app: Flask, world: World, role: str, password: str):
    """A test client logged in as the role's user (anonymous: not logged in)."""
    client = app.test_client()
    user = world.users[role]
    if user is not None:
        response = client.post("/login", data={"login": user.login, "password": password})
        assert response.status_code == 302, (role, response.status_code)
    return client


def parse_table(table: dict[str, str]) -> dict[str, dict[str, str]]:
    """{"GET /x": "OH OHHH HH HHH L"} -> {"GET /x": {"family": "O", ...}}."""
    parsed = {}
    for key, codes in table.items():
        letters = codes.replace(" ", "")
        assert len(letters) == len(ROLES), f"{key}: {len(letters)} letters for {len(ROLES)} roles"
        assert set(letters) <= set("OCNVPHFLM"), f"{key}: unknown letter in {codes!r}"
        parsed[key] = dict(zip(ROLES, letters, strict=True))
    return parsed


def format_row(key: str, letters: dict[str, str]) -> str:
    """A table row in the layout of the expectation table."""
    s = "".join(letters[r] for r in ROLES)
    return f'    "{key}": "{s[0:2]} {s[2:6]} {s[6:8]} {s[8:11]} {s[11]}",'
