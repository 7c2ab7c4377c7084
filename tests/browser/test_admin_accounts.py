"""The administrator `beheer` adds a professional, hands over the setup code, and the new
colleague chooses a password on the public setup page and logs in (JavaScript off: these
pages work without it)."""

from __future__ import annotations

from tests.browser.conftest import LAPTOP, PHONE, click_through, login, logout, screenshot

PASSWORD = "een zin die niemand raadt"


def test_admin_creates_an_account_and_the_user_sets_a_password(browser, live_server):
    admin = browser.new_context(
        base_url=live_server, locale="nl-NL", java_script_enabled=False, **LAPTOP
    )
    admin.set_default_timeout(10_000)
    page = admin.new_page()
    try:
        login(page, "beheer")
        assert page.url.endswith("/beheerder")
        click_through(page, page.locator("main a[href$='/beheerder/accounts/nieuw']").first)
        page.fill("#login", "nieuwe.regisseur")
        page.fill("#display_name", "Nieuwe Regisseur")
        page.select_option("#role", "professional")
        page.select_option("#organisation", label="Gemeente Stadskanaal")
        click_through(page, page.locator("main form button[type=submit]"))
        code = page.locator("main p.code").inner_text().strip()
        assert len(code) == 14
        screenshot(page, "70-admin-setup-code")
        logout(page)
    finally:
        admin.close()

    user = browser.new_context(base_url=live_server, locale="nl-NL", **PHONE)
    user.set_default_timeout(10_000)
    page = user.new_page()
    try:
        page.goto("/account-instellen")
        page.fill("#login", "nieuwe.regisseur")
        page.fill("#code", code.lower().replace("-", " "))  # typed loosely: still the code
        page.fill("#password", PASSWORD)
        page.fill("#repeat_password", PASSWORD)
        click_through(page, page.locator("main form button[type=submit]"))
        assert page.url.endswith("/login")
        login(page, "nieuwe.regisseur", PASSWORD)
        assert page.locator("header .who-name").inner_text() == "Nieuwe Regisseur"
        screenshot(page, "71-admin-new-user-logged-in")
    finally:
        user.close()
