"""Scaling out: real gunicorn servers (deploy/gunicorn.conf.py) on loopback ports against one
throwaway PostgreSQL database filled by the `maatwerk` command (db upgrade, demo).

The demo database is built once per test run and copied (CREATE DATABASE … TEMPLATE) for
each module, so every module starts from the same demo data. The servers run the production
configuration: throttling, Secure cookies, argon2id at full strength. Only two-step
verification is switched off (MAATWERK_MFA_REQUIRED_ROLES=""), since demo accounts have no
authenticator app. Without PostgreSQL these tests are skipped, under CI=true they fail.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests

from tests.conftest import IN_CI, PG_ADMIN_URL, _pg_url

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
DEMO_PASSWORD = "maatwerk-demo"
HOST = "127.0.0.1"  # every server and every request stays on loopback
REQUEST_TIMEOUT = (3, 30)  # connect, read (seconds)


def _admin() -> psycopg.Connection:
    try:
        return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"PostgreSQL unreachable at {PG_ADMIN_URL}: {error}"
        if IN_CI:
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(message)


def _drop(name: str) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def base_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a server or command: this one, pointed at the test database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MAATWERK_", "GUNICORN_", "WEB_CONCURRENCY", "FLASK_"))
    }
    env.update({"DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", **extra})
    return env


def maatwerk_command(
    args: list[str], env: dict[str, str], timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run the `maatwerk` command (the console script's entry point) with this interpreter."""
    return subprocess.run(
        [sys.executable, "-c", "from maatwerk.cli import main; main()", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def demo_template() -> Iterator[str]:
    """A database with the schema and the demo data, built by the command line once."""
    admin = _admin()
    name = f"maatwerk_scale_tpl_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = base_env(_pg_url(name), MAATWERK_ENV="development", MAATWERK_DEMO_DATA="1")
        for args in (["db", "upgrade"], ["demo"]):
            done = maatwerk_command(args, env)
            assert done.returncode == 0, f"maatwerk {' '.join(args)}:\n{done.stderr[-3000:]}"
        yield name
    finally:
        _drop(name)


@pytest.fixture(scope="module")
def scale_database(demo_template: str) -> Iterator[str]:
    """A copy of the demo database for one test module; its URL."""
    name = f"maatwerk_scale_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{demo_template}"')
    try:
        yield _pg_url(name)
    finally:
        _drop(name)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(database_url: str, secret_key: str) -> dict[str, str]:
    """What every server of one deployment shares: the database and the signing key."""
    return base_env(
        database_url,
        MAATWERK_ENV="production",
        SECRET_KEY=secret_key,
        MAATWERK_MFA_REQUIRED_ROLES="",
        MAATWERK_GRACEFUL_TIMEOUT="5",
    )


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL it when the test process dies (Linux), so a crashed
    test run leaves no server behind (its workers follow their master within seconds)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@dataclass
class Server:
    """One gunicorn master (its own process group) with its workers, on a loopback port."""

    name: str
    env: dict[str, str]
    workers: int
    log_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.log_dir / f"gunicorn-{self.name}.log"

    def start(self, timeout: float = 60) -> None:
        """Launch and wait until ready."""
        self.launch()
        self.wait_ready(timeout)

    def launch(self) -> None:
        """Start the master (it imports the app once, then forks the workers)."""
        assert self.process is None or self.process.poll() is not None
        env = dict(
            self.env, MAATWERK_BIND=f"{HOST}:{self.port}", MAATWERK_WORKERS=str(self.workers)
        )
        env["MAATWERK_PROC_NAME"] = f"maatwerk-test-{self.name}"
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a process group of its own: killed as one
                preexec_fn=_die_with_parent,
            )
        self.starts += 1

    def wait_ready(self, timeout: float = 60) -> None:
        """Until the server answers and all its workers are up (bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log_tail()}")
            try:
                answer = requests.get(f"{self.url}/api/v1/openapi.json", timeout=2)
                if answer.status_code == 200 and len(self.worker_pids()) >= self.workers:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.name} not ready in {timeout} s:\n{self.log_tail()}")

    def worker_pids(self) -> list[int]:
        """The master's children (gunicorn workers), from /proc."""
        if self.process is None:
            return []
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # field 4 of stat: the parent's pid
                children.append(int(stat.parent.name))
        return sorted(children)

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as when a host or container dies."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def begin_stop(self) -> None:
        """SIGINT: gunicorn's quick shutdown (a few seconds; several servers in parallel)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)

    def stop(self) -> None:
        """Quick shutdown, then SIGKILL whatever of the group is left after 10 s."""
        if self.process is None:
            return
        self.begin_stop()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self.kill()

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


@pytest.fixture(scope="module")
def start_servers(scale_database: str, tmp_path_factory) -> Iterator[Callable[..., list[Server]]]:
    """start_servers(workers, workers, …) -> started servers of one deployment (same key)."""
    log_dir = tmp_path_factory.mktemp("gunicorn")
    secret_key = secrets.token_urlsafe(48)
    started: list[Server] = []

    def start(*workers: int) -> list[Server]:
        env = production_env(scale_database, secret_key)
        servers = [
            Server(name=chr(ord("a") + len(started) + i), env=env, workers=n, log_dir=log_dir)
            for i, n in enumerate(workers)
        ]
        for server in servers:  # in parallel: each master imports the app for seconds
            started.append(server)
            server.launch()
        for server in servers:
            server.wait_ready()
        return servers

    try:
        yield start
    finally:
        # SIGKILL: the database is dropped right after, and gunicorn's own shutdown takes
        # seconds per server (the graceful path is not what these tests are about).
        for server in started:
            server.kill()


# --- HTTP clients --------------------------------------------------------------------------


def api_token(server: Server, login: str, password: str = DEMO_PASSWORD) -> str:
    """Log in on a server for a bearer token."""
    answer = requests.post(
        f"{server.url}/api/v1/auth/tokens",
        json={"login": login, "password": password},
        timeout=REQUEST_TIMEOUT,
    )
    assert answer.status_code == 201, (answer.status_code, answer.text[:500])
    return answer.json()["token"]


class Bearer:
    """JSON calls with one bearer token, to any server."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.http = requests.Session()

    def __call__(
        self, server: Server, method: str, path: str, *, etag: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        if etag is not None:
            headers["If-Match"] = etag
        return self.http.request(
            method, server.url + path, headers=headers, timeout=REQUEST_TIMEOUT, **kwargs
        )


class Browser:
    """A browser's cookie session against any server of the deployment.

    Production cookies are Secure, and requests (rightly) never sends a Secure cookie over
    plain HTTP; behind the TLS proxy the browser would. So the session cookie is carried by
    hand: taken from every Set-Cookie and sent as a Cookie header.
    """

    COOKIE = "session"

    def __init__(self) -> None:
        self.cookie: str | None = None
        self.csrf: str | None = None

    def __call__(
        self, server: Server, method: str, path: str, *, cookie: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        sent = cookie if cookie is not None else self.cookie
        if sent:
            headers["Cookie"] = f"{self.COOKIE}={sent}"
        answer = requests.request(
            method,
            server.url + path,
            headers=headers,
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
            **kwargs,
        )
        if cookie is None:
            for header in answer.raw.headers.getlist("Set-Cookie"):
                jar = SimpleCookie()
                jar.load(header)
                if self.COOKIE in jar:
                    self.cookie = jar[self.COOKIE].value or None
        return answer

    def page_token(self, server: Server, path: str) -> str:
        """The CSRF token of a page's form (reading it may set the cookie's token)."""
        import re

        page = self(server, "GET", path)
        assert page.status_code == 200, (path, page.status_code)
        match = re.search(r'name="(?:[a-z]+-)?csrf_token"[^>]*value="([^"]+)"', page.text)
        assert match is not None, f"no CSRF token on {path}"
        return match.group(1)

    def log_in(self, server: Server, login: str, password: str = DEMO_PASSWORD) -> int:
        """Post the login form (with its CSRF token); returns the status."""
        token = self.page_token(server, "/login")
        answer = self(
            server,
            "POST",
            "/login",
            data={"login": login, "password": password, "csrf_token": token},
        )
        if answer.status_code == 302:
            # A login starts a fresh session with a fresh CSRF token: read it from a page.
            self.csrf = self.page_token(server, "/account/wachtwoord")
        return answer.status_code
