"""The development server (`make run`: SQLite, threaded) under concurrent requests: reads
wait for each other instead of failing, and concurrent edits of one goal with the same
ETag give one 200 and 412s, never a 500 ("database is locked")."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from maatwerk.core.db import db
from tests.conftest import demo_app_on_sqlite, served

COORDINATOR, PASSWORD = "regisseur.stadskanaal", "maatwerk-demo"
CLIENTS = 8
TIMEOUT = 30  # seconds: a request that hangs fails the test instead of the run


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = demo_app_on_sqlite(tmp_path_factory.mktemp("concurrency") / "dev.sqlite")
    with served(app) as url:
        yield url
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def bearer(server) -> dict[str, str]:
    answer = requests.post(
        f"{server}/api/v1/auth/tokens",
        json={"login": COORDINATOR, "password": PASSWORD},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 201, answer.text
    return {"Authorization": "Bearer " + answer.json()["token"]}


def _together(call, n: int = CLIENTS) -> list[requests.Response]:
    """Run `call` n times at once (released by one barrier)."""
    start = threading.Barrier(n)

    def run(_):
        start.wait()
        return call()

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def test_concurrent_reads_all_succeed(server, bearer):
    plan = requests.get(f"{server}/api/v1/plans", headers=bearer, timeout=TIMEOUT).json()["items"][
        0
    ]
    for _ in range(3):
        answers = _together(
            lambda: requests.get(
                f"{server}/api/v1/plans/{plan['id']}", headers=bearer, timeout=TIMEOUT
            )
        )
        assert [a.status_code for a in answers] == [200] * CLIENTS


def test_concurrent_edits_with_one_etag_give_one_winner_and_412s(server, bearer):
    plans = requests.get(
        f"{server}/api/v1/plans", headers=bearer, params={"status": "prioritising"}, timeout=TIMEOUT
    ).json()["items"]
    created = requests.post(
        f"{server}/api/v1/plans/{plans[0]['id']}/goals",
        headers=bearer,
        json={"domain": "economic", "title": "Werk zoeken"},
        timeout=TIMEOUT,
    )
    assert created.status_code == 201, created.text
    url, etag = f"{server}/api/v1/goals/{created.json()['id']}", created.headers["ETag"]
    counter = iter(range(CLIENTS))

    def edit():
        return requests.patch(
            url,
            headers=bearer | {"If-Match": etag},
            json={"strengths": f"Doorzetten {next(counter)}"},
            timeout=TIMEOUT,
        )

    statuses = sorted(a.status_code for a in _together(edit))
    assert statuses == [200] + [412] * (CLIENTS - 1), statuses
    history = requests.get(
        f"{server}/api/v1/goals/{created.json()['id']}", headers=bearer, timeout=TIMEOUT
    )
    assert history.json()["version"] == created.json()["version"] + 1
