"""Security tests: shared helpers, and the application log of the whole test session.

Logging: from the moment this conftest is loaded (at collection, before any test runs) every
record of the application's loggers (maatwerk, api, workflows, werkzeug, flask) is written to
a log file of this pytest process alone (session_log(): a new temporary directory per run,
so that runs at the same time do not share or truncate one file), removed when the run ends.
`test_log_scan.py` runs last (see pytest_collection_modifyitems) and scans that file for
seeded personal data.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.plans.flow import make_setting

ROOT = Path(__file__).resolve().parents[2]
APP_LOGGERS = ("maatwerk", "api", "workflows", "werkzeug", "flask", "py.warnings")
PASSWORD = "correct horse battery"
LOG_SCAN_MODULE = "test_log_scan.py"

_handler: logging.Handler | None = None
_log_dir: Path | None = None


def session_log() -> Path | None:
    """The file this run's application log goes to (None before pytest_configure)."""
    return _log_dir / "test-session.log" if _log_dir is not None else None


def pytest_configure(config: pytest.Config) -> None:
    """Write the application's log records to a file for the whole session."""
    global _handler, _log_dir
    if _handler is not None:
        return
    _log_dir = Path(tempfile.mkdtemp(prefix=f"maatwerk-test-log-{os.getpid()}-"))
    # Append mode: Alembic's fileConfig() closes every handler when migrations run; a handler
    # in append mode reopens its file on the next record (one in "w" mode would stay closed).
    _handler = logging.FileHandler(_log_dir / "test-session.log", mode="a", encoding="utf-8")
    _handler.setLevel(logging.DEBUG)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    for name in APP_LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(_handler)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)


def pytest_unconfigure(config: pytest.Config) -> None:
    global _handler, _log_dir
    if _handler is None:
        return
    for name in APP_LOGGERS:
        logging.getLogger(name).removeHandler(_handler)
    _handler.close()
    _handler = None
    if _log_dir is not None:
        shutil.rmtree(_log_dir, ignore_errors=True)
        _log_dir = None


def pytest_collection_modifyitems(session, config, items) -> None:
    """The log scan runs after every other test of the session."""
    last = [item for item in items if item.path.name == LOG_SCAN_MODULE]
    if last:
        items[:] = [item for item in items if item.path.name != LOG_SCAN_MODULE] + last


@pytest.fixture
def setting(db_session):
    """A plan in intake: coordinator, team member, family and an outsider (committed)."""
    s = make_setting()
    db_session.commit()
    return s


def login(client, login_name: str, password: str = PASSWORD, **kwargs):
    """POST the login form."""
    return client.post("/login", data={"login": login_name, "password": password}, **kwargs)


def logged_in_client(app, user, password: str = PASSWORD):
    """A new test client logged in as user (no second step)."""
    client = app.test_client()
    response = login(client, user.login, password)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def whoami(client) -> int | None:
    """The id of the user /api/v1/me answers for, or None when anonymous."""
    response = client.get("/api/v1/me")
    if response.status_code == 401:
        return None
    assert response.status_code == 200, response.get_json()
    return response.get_json()["id"]
