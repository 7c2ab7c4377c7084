"""Two app processes, one system: two gunicorn servers (one worker each, production
configuration, same SECRET_KEY) on two loopback ports share one PostgreSQL database, and
nothing a user does on one is unknown to the other (DESIGN §10: shared state lives in the
database, never in process memory)."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import pytest

from tests.scale.conftest import (
    Bearer,
    Browser,
    Server,
    api_token,
    maatwerk_command,
)

COORDINATOR = "regisseur.stadskanaal"
PROGRAMME = "programma"


@pytest.fixture(scope="module")
def servers(start_servers) -> tuple[Server, Server]:
    a, b = start_servers(1, 1)
    return a, b


@pytest.fixture(scope="module")
def coordinator(servers) -> Bearer:
    return Bearer(api_token(servers[0], COORDINATOR))


@pytest.fixture(scope="module")
def plan_id(servers, coordinator) -> int:
    """A plan of the coordinator's that takes new goals (the demo's plan in prioritising)."""
    listed = coordinator(servers[0], "GET", "/api/v1/plans", params={"status": "prioritising"})
    assert listed.status_code == 200, listed.text[:300]
    return listed.json()["items"][0]["id"]


def new_goal(server: Server, client: Bearer, plan_id: int) -> tuple[str, str]:
    """A goal proposed by the coordinator (so the coordinator may edit it): path and ETag."""
    created = client(
        server,
        "POST",
        f"/api/v1/plans/{plan_id}/goals",
        json={"domain": "economic", "title": f"Werk zoeken {uuid.uuid4().hex[:6]}"},
    )
    assert created.status_code == 201, created.text[:300]
    return f"/api/v1/goals/{created.json()['id']}", created.headers["ETag"]


def test_servers_are_separate_processes(servers):
    a, b = servers
    assert a.process.pid != b.process.pid
    assert a.port != b.port
    assert set(a.worker_pids()).isdisjoint(b.worker_pids())


def test_a_session_cookie_from_a_works_on_b_and_logging_out_on_b_ends_it_on_a(servers):
    a, b = servers
    browser = Browser()
    assert browser.log_in(a, COORDINATOR) == 302
    login_cookie = browser.cookie
    me = browser(b, "GET", "/api/v1/me")
    assert me.status_code == 200, me.text[:300]
    assert me.json()["login"] == COORDINATOR
    assert browser(b, "GET", "/werk").status_code == 200

    token = browser.page_token(b, "/werk")
    assert browser(b, "POST", "/logout", data={"csrf_token": token}).status_code == 302
    # The cookie as it was right after the login (copied before the logout): dead on A too.
    for server in (a, b):
        after = browser(server, "GET", "/api/v1/me", cookie=login_cookie)
        assert after.status_code == 401, (server.name, after.status_code)
        assert browser(server, "GET", "/werk", cookie=login_cookie).status_code == 302


def test_a_session_api_write_through_b_passes_with_the_csrf_token_from_a(servers, plan_id):
    a, b = servers
    browser = Browser()
    assert browser.log_in(a, COORDINATOR) == 302
    url = f"/api/v1/plans/{plan_id}/comments"
    assert browser(b, "POST", url, json={"body": "Zonder token"}).status_code == 400
    accepted = browser(
        b, "POST", url, json={"body": "Met token van A"}, headers={"X-CSRFToken": browser.csrf}
    )
    assert accepted.status_code == 201, accepted.text[:300]
    bodies = [c["body"] for c in browser(a, "GET", url).json()]
    assert "Met token van A" in bodies


def test_failed_logins_spread_over_both_servers_hit_one_limit(servers):
    """5 failures per account and window (config.py); the 6th attempt is refused with 429,
    whichever server and whichever entry point (form or API) it reaches."""
    a, b = servers
    login = f"niemand.{uuid.uuid4().hex[:8]}"  # unknown accounts are counted like known ones
    statuses = []
    for attempt in range(5):
        server = (a, b)[attempt % 2]
        if attempt % 3 == 2:
            statuses.append(Browser().log_in(server, login, "verkeerd wachtwoord"))
        else:
            answer = Bearer("-")(
                server, "POST", "/api/v1/auth/tokens", json={"login": login, "password": "fout"}
            )
            statuses.append(answer.status_code)
    assert statuses == [401] * 5
    for server in (b, a):
        over = Bearer("-")(
            server, "POST", "/api/v1/auth/tokens", json={"login": login, "password": "fout"}
        )
        assert over.status_code == 429, (server.name, over.status_code)
        assert int(over.headers["Retry-After"]) > 0
    assert Browser().log_in(a, login, "fout") == 429


def test_a_bearer_token_from_a_works_on_b_and_its_revocation_on_a_holds_on_b(servers):
    a, b = servers
    client = Bearer(api_token(a, COORDINATOR))
    assert client(b, "GET", "/api/v1/me").status_code == 200
    assert client(a, "DELETE", "/api/v1/auth/tokens/current").status_code == 204
    for server in (b, a):
        assert client(server, "GET", "/api/v1/me").status_code == 401, server.name


def test_a_stale_etag_is_refused_across_servers(servers, coordinator, plan_id):
    a, b = servers
    url, _created = new_goal(a, coordinator, plan_id)
    read = coordinator(b, "GET", url)
    stale = read.headers["ETag"]
    first = coordinator(a, "PATCH", url, etag=stale, json={"title": "Versie van A"})
    assert first.status_code == 200, first.text[:300]
    second = coordinator(b, "PATCH", url, etag=stale, json={"title": "Versie van B"})
    assert second.status_code == 412
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.json()["current"]["title"] == "Versie van A"
    # Nothing was written by B, seen from both.
    for server in (a, b):
        assert coordinator(server, "GET", url).json()["title"] == "Versie van A"
    # With the current ETag B's change goes through.
    third = coordinator(
        b, "PATCH", url, etag=second.headers["ETag"], json={"title": "Versie van B"}
    )
    assert third.status_code == 200


def test_no_server_serves_stale_household_data(servers, coordinator, plan_id):
    """Every read goes to the database: a plan warmed up on B shows A's change at once."""
    a, b = servers
    plan_url = f"/api/v1/plans/{plan_id}"
    url, etag = new_goal(a, coordinator, plan_id)
    warm = {
        path: coordinator(b, "GET", path)
        for path in (plan_url, url, f"{plan_url}/history", f"{plan_url}/comments")
    }
    assert all(r.status_code == 200 for r in warm.values())
    assert all(r.headers["Cache-Control"] == "no-store" for r in warm.values())
    target = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    changed = coordinator(
        a, "PATCH", url, etag=etag, json={"title": "Nieuwe titel", "targetDate": target}
    )
    assert changed.status_code == 200
    body = f"Bericht {uuid.uuid4().hex[:8]}"
    assert coordinator(a, "POST", f"{plan_url}/comments", json={"body": body}).status_code == 201

    goal = coordinator(b, "GET", url)
    assert goal.headers["ETag"] == changed.headers["ETag"]
    assert (goal.json()["title"], goal.json()["targetDate"]) == ("Nieuwe titel", target)
    plan = coordinator(b, "GET", plan_url)
    assert plan.headers["ETag"] != warm[plan_url].headers["ETag"]
    titles = {g["id"]: g["title"] for g in plan.json()["goals"]}
    assert titles[goal.json()["id"]] == "Nieuwe titel"
    newest = coordinator(b, "GET", f"{plan_url}/history").json()[0]
    assert {c["path"]: c["after"] for c in newest["changes"]}[
        f"goals.{goal.json()['id']}.title"
    ] == "Nieuwe titel"
    assert body in [c["body"] for c in coordinator(b, "GET", f"{plan_url}/comments").json()]


def refreshed_at(server: Server, client: Bearer, year: int) -> str:
    answer = client(server, "GET", "/api/v1/monitoring/indicators", params={"year": year})
    assert answer.status_code == 200, answer.text[:300]
    return answer.json()["refreshedAt"]


def refreshed_after(
    server: Server, client: Bearer, year: int, before: str | None, seconds: float = 90
) -> str | None:
    """The refresh stamp once it is newer than `before` (bounded wait), else the last seen."""
    deadline = time.monotonic() + seconds
    while True:
        stamp = refreshed_at(server, client, year)
        newer = stamp is not None and (
            before is None or dt.datetime.fromisoformat(stamp) > dt.datetime.fromisoformat(before)
        )
        if newer or time.monotonic() > deadline:
            assert newer, f"no refresh after {before} within {seconds} s"
            return stamp
        time.sleep(0.25)


def test_monitoring_refreshed_through_one_server_is_seen_by_the_other(servers):
    a, b = servers
    year = dt.date.today().year
    programme = Bearer(api_token(b, PROGRAMME))
    before = refreshed_at(b, programme, year)  # None: not refreshed since the demo load
    # The programme's "refresh now" button, through A.
    browser = Browser()
    assert browser.log_in(a, PROGRAMME) == 302
    token = browser.page_token(a, "/monitoring")
    refreshed = browser(a, "POST", "/monitoring/vernieuwen", data={"csrf_token": token})
    assert refreshed.status_code == 302, refreshed.text[:300]
    # On PostgreSQL the button's refresh runs in a thread of A's worker after the answer.
    dashboard = browser(a, "GET", "/monitoring")
    assert "De cijfers worden bijgewerkt" in dashboard.text, dashboard.text[:300]
    through_a = refreshed_after(b, programme, year, before)
    assert through_a is not None
    assert refreshed_at(a, programme, year) == through_a
    # The nightly command, from a third process: both servers see it.
    done = maatwerk_command(["monitoring", "refresh", "--year", str(year)], a.env)
    assert done.returncode == 0, done.stderr[-2000:]
    nightly = {refreshed_at(server, programme, year) for server in (a, b)}
    assert len(nightly) == 1
    assert dt.datetime.fromisoformat(nightly.pop()) > dt.datetime.fromisoformat(through_a)


def test_refreshes_at_the_same_moment_on_both_servers_both_succeed(servers):
    """The nightly job on one host and the programme's button on another may overlap: the
    rollups of a year are rebuilt one refresh at a time, never doubled, never a 500."""
    a, b = servers
    year = dt.date.today().year
    programme = Bearer(api_token(a, PROGRAMME))
    before = refreshed_at(a, programme, year)
    browsers = []
    for server in (a, b):
        browser = Browser()
        assert browser.log_in(server, PROGRAMME) == 302
        browsers.append((server, browser, browser.page_token(server, "/monitoring")))
    gate = threading.Barrier(len(browsers))
    statuses: dict[str, int] = {}

    def press(server: Server, browser: Browser, token: str) -> None:
        gate.wait(timeout=30)
        answer = browser(server, "POST", "/monitoring/vernieuwen", data={"csrf_token": token})
        statuses[server.name] = answer.status_code

    threads = [threading.Thread(target=press, args=item) for item in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == {"a": 302, "b": 302}, statuses
    # Both refreshes run in the background, one after the other (advisory lock): wait for
    # the second, whose stamp is newer than the first's.
    first_stamp = refreshed_after(a, programme, year, before)
    refreshed_after(a, programme, year, first_stamp)
    first = programme(a, "GET", "/api/v1/monitoring/indicators", params={"year": year}).json()
    done = maatwerk_command(["monitoring", "refresh", "--year", str(year)], a.env)
    assert done.returncode == 0, done.stderr[-2000:]
    again = programme(b, "GET", "/api/v1/monitoring/indicators", params={"year": year}).json()
    assert first["goals"] == again["goals"]  # same figures: nothing doubled by the overlap
