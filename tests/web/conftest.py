"""Fixtures of the web tests: compiled catalogues, a plan setting and logged-in clients."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.plans.flow import Setting, make_setting

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PASSWORD = "correct horse battery"


def compile_catalogues() -> None:
    """Compile translations/*/LC_MESSAGES/messages.po when its .mo is missing or older."""
    stale = False
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale = True
    if stale:
        pybabel = Path(sys.executable).with_name("pybabel")
        subprocess.run([str(pybabel), "-q", "compile", "-d", str(TRANSLATIONS)], check=True)


# At collection, before any app loads (and caches) a catalogue: the whole run sees it.
compile_catalogues()


@pytest.fixture(scope="session", autouse=True)
def _catalogues_compiled() -> None:
    compile_catalogues()


@pytest.fixture
def setting(db_session) -> Setting:
    """A plan in intake: coordinator (municipality), team member (GGZ), family, outsider."""
    s = make_setting()
    db_session.commit()
    return s


@pytest.fixture
def login(app, db_session):
    """login(user, lang="nl") -> a test client logged in as that user."""

    def _login(user, *, lang: str | None = None):
        client = app.test_client()
        response = client.post("/login", data={"login": user.login, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        if lang is not None:
            with client.session_transaction() as session:
                session["lang"] = lang
        return client

    return _login
