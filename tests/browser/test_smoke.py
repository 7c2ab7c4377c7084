"""The browser can reach the live app and log in."""

from tests.browser.conftest import axe_violations, login, screenshot


def test_login_page_and_home(new_page):
    page = new_page("phone")
    page.goto("/login")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert axe_violations(page) == []
    login(page, "regisseur.stadskanaal")
    assert "Stadskanaal" in page.content() or page.url.endswith("/")
    screenshot(page, "home-phone-regisseur")
    assert axe_violations(page) == []
