"""Browser tests: a live app on its own database with the demo data, driven by Debian's
Chromium through Playwright. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from config import TestConfig
from maatwerk import create_app
from maatwerk.core.db import db
from tests.conftest import IN_CI, build_schema

CHROMIUM = os.environ.get("MAATWERK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app with demo data, served on a free loopback port for the whole session."""
    path = tmp_path_factory.mktemp("browser") / "browser.sqlite"
    app = create_app(
        TestConfig,
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "WTF_CSRF_ENABLED": True,
            "DEMO_DATA": True,
        },
    )
    with app.app_context():
        build_schema()
        from maatwerk.demo.loader import load_demo

        load_demo()
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (make test installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def new_page(browser, live_server):
    """new_page(device="laptop"|"phone") -> a Page in a fresh browser context."""
    contexts = []

    def _new(device: str = "laptop"):
        context = browser.new_context(
            base_url=live_server, locale="nl-NL", **(PHONE if device == "phone" else LAPTOP)
        )
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


def login(page, login_name: str, password: str = "maatwerk-demo") -> None:
    """Log in through the login form."""
    page.goto("/login")
    page.fill("input[name=login]", login_name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def screenshot(page, name: str) -> None:
    """Keep a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[dict]:
    """axe-core violations of WCAG 2.1 A/AA on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    return results.response["violations"]
