"""The programme adds an intervention to the service directory in the browser, without
JavaScript help, and a professional finds it there."""

from __future__ import annotations

from tests.browser.conftest import click_through, login, logout, page_problems, screenshot

NAME = "Samen aan tafel (browsertest)"


def test_programme_adds_an_intervention_a_professional_finds(new_page):
    page = new_page("phone")
    login(page, "programma")
    click_through(page, page.locator("nav.main-nav a[href='/catalogi']"))
    click_through(page, page.locator("main a[href='/catalogi/interventies']").first)
    click_through(page, page.locator("main a[href='/catalogi/interventies/nieuw']"))
    assert page.locator("h1").inner_text() == "Een interventie toevoegen"
    form = page.locator("main form.panel")
    form.locator("input[name=name]").fill(NAME)
    form.locator("textarea[name=description]").fill("Koken en eten met het hele gezin.")
    form.locator("input[name=domains][value=social]").check()
    form.locator("input[name=domains][value=pedagogical]").check()
    form.locator("input[name=organisation_ids]").first.check()
    assert page_problems(page, "nl") == []
    click_through(page, form.locator("button[type=submit]"))
    assert page.url.endswith("/catalogi/interventies")
    assert f"{NAME} is toegevoegd." in page.locator("main").inner_text()
    screenshot(page, "catalogue-interventions-phone-programma")
    logout(page)

    login(page, "regisseur.stadskanaal")
    page.goto("/sociale-kaart")
    page.locator("input[name=q]").fill("samen aan tafel")
    click_through(page, page.locator("form.search-form button[type=submit]"))
    card = page.locator(".directory-list .card", has_text=NAME)
    assert card.count() == 1
    assert "Koken en eten" in card.inner_text()
