"""Browser tests: a live app on its own database with the demo data, driven by Debian's
Chromium through Playwright. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import IN_CI, demo_app_on_sqlite, served

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
    with served(demo_app_on_sqlite(path, WTF_CSRF_ENABLED=True)) as url:
        yield url


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
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


def login(page, login_name: str, password: str = "maatwerk-demo") -> None:
    """Log in through the login form (its own button: the header has other buttons)."""
    page.goto("/login")
    form = page.locator("main form:has(input[name=password])")
    form.locator("input[name=login]").fill(login_name)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if urlsplit(page.url).path == "/login":
        shown = " ".join(page.locator("main [role=alert], main .field-error").all_inner_texts())
        raise AssertionError(f"login as {login_name} failed: {shown or page.url}")


def logout(page) -> None:
    """Log out with the header's button."""
    with page.expect_navigation():
        page.locator("header form[action$='/logout'] button").click()


def switch_language(page, code: str) -> None:
    """Choose the interface language with the header's language switch."""
    with page.expect_navigation():
        page.locator(f".lang-switch button[value={code}]").click()
    assert page.locator("html").get_attribute("lang") == code


def click_through(page, element) -> None:
    """Click a link or a form's button, and wait for the page that comes back."""
    with page.expect_navigation():
        element.click()


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Move the focus with the Tab key alone until it is on the element `selector`."""
    target = page.locator(selector)
    target.wait_for(state="attached")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def screenshot(page, name: str) -> None:
    """Keep a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_AXE = None


def axe_violations(page) -> list[dict]:
    """axe-core violations of WCAG 2.0/2.1 A and AA on the current page."""
    global _AXE
    if _AXE is None:
        from axe_playwright_python.sync_playwright import Axe

        _AXE = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = _AXE.run(page, options=options)
    return results.response["violations"]


def page_problems(page, lang: str, where: str = "") -> list[str]:
    """What is wrong with the current page: axe violations, a wrong <html lang>, not exactly
    one <h1>, or a horizontal scroll bar at the page's width. One readable line each."""
    where = where or urlsplit(page.url).path
    problems = []
    for violation in axe_violations(page):
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        problems.append(f"{where}: {violation['id']} ({violation['impact']}) at {targets}")
    found = page.evaluate(
        """() => ({
            lang: document.documentElement.getAttribute("lang"),
            h1: document.querySelectorAll("h1").length,
            scroll: document.scrollingElement.scrollWidth,
        })"""
    )
    # The viewport's width, not window.innerWidth: a mobile browser zooms out to fit a page
    # that is too wide, and innerWidth grows with it.
    found["width"] = page.viewport_size["width"]
    if found["lang"] != lang:
        problems.append(f"{where}: <html lang> is {found['lang']!r}, expected {lang!r}")
    if found["h1"] != 1:
        problems.append(f"{where}: {found['h1']} <h1> elements, expected 1")
    if found["scroll"] > found["width"]:
        problems.append(
            f"{where}: scrolls sideways ({found['scroll']}px wide at {found['width']}px)"
        )
    return problems
