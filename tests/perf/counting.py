"""Counting the SQL statements of one GET request per (route, role), for every GET route of
`app.url_map`, its path filled from the fixture world like the authorisation matrix does
(tests/security/matrix.py)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy.orm import scoped_session, sessionmaker

from maatwerk.core.db import db
from tests.security.matrix import Route, client_for, fill, routes, same_cookie
from tests.security.world import PASSWORD, World


@dataclass(frozen=True)
class Probe:
    """One request: the route, the role it is made as and the URL."""

    key: str
    role: str
    url: str


@dataclass
class Measured:
    status: int
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


def get_routes(app: Flask) -> list[Route]:
    return [route for route in routes(app) if route.method == "GET"]


def probes(
    app: Flask, world: World, table: dict[str, dict[str, int]], queries: dict[str, str]
) -> list[Probe]:
    """A probe per (route, role) of the table, in route order."""
    found = []
    for route in get_routes(app):
        for role in table.get(route.key, {}):
            found.append(Probe(route.key, role, fill(route, world) + queries.get(route.key, "")))
    return found


@contextmanager
def request_sessions() -> Iterator[scoped_session]:
    """While counting, requests use a session of their own on the test's connection, as in
    production, where every request starts with an empty session. (The test's session holds
    the world's objects with their attributes loaded: a request sharing it would find them
    in its identity map and skip the statements a real request makes.)"""
    test_session = db.session
    test_session.commit()
    own = scoped_session(
        sessionmaker(
            bind=test_session.get_bind(),
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
        )
    )
    db.session = own
    try:
        yield own
    finally:
        own.remove()
        db.session = test_session
        test_session.expire_all()


def measure(
    app: Flask, world: World, wanted: Iterable[Probe], count_queries: Callable
) -> dict[tuple[str, str], Measured]:
    """Each probe's statements, as a freshly logged-in user of its role, each request in an
    empty session (`request_sessions`).

    Each URL is requested once before it is counted, so that what a process does once
    (compiling a template, loading a workflow definition) is not counted.
    """
    wanted = list(wanted)
    results = {}
    with request_sessions() as session:
        roles = {p.role for p in wanted}
        clients = {role: client_for(app, world, role, PASSWORD) for role in roles}
        for probe in wanted:
            client = clients[probe.role]
            with same_cookie(client):
                session.remove()
                client.get(probe.url)
                session.remove()
                with count_queries() as counter:
                    response = client.get(probe.url)
            results[(probe.key, probe.role)] = Measured(response.status_code, counter.statements)
    return results


_PARAM = r"\s*(?:\?|%\(\w+\)s|%s|\$\d+|:\w+)\s*"
_LISTS = re.compile(rf"\((?:{_PARAM},)*{_PARAM}\)")
_SPACE = re.compile(r"\s+")
_COLUMNS = re.compile(r"SELECT (?:(?!SELECT ).)*? FROM ")


def shape(statement: str) -> str:
    """A statement with whitespace, column lists and expanded IN lists collapsed (diffs)."""
    text = _LISTS.sub("(…)", _SPACE.sub(" ", statement.strip()))
    return _COLUMNS.sub("SELECT … FROM ", text)


def difference(before: Measured, after: Measured) -> str:
    """The statements one measurement has more (+) or fewer (-) of than the other."""
    a, b = Counter(map(shape, before.statements)), Counter(map(shape, after.statements))
    lines = [f"      +{n}x {s[:300]}" for s, n in (b - a).items()]
    lines += [f"      -{n}x {s[:300]}" for s, n in (a - b).items()]
    return "\n".join(lines) or "      (the same statements in another order)"
