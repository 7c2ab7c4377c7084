"""What a professional types survives the end of their login (static/drafts.js): an idle
timeout or a logout elsewhere sends the form's POST to the login page; back on the form as
the same user, the text is there again. Another user never gets it."""

from __future__ import annotations

from tests.browser.conftest import click_through, login, logout

TEXT = "Afspraak met de schuldhulp verzet naar dinsdag; de moeder belt zelf"
COORDINATOR = "regisseur.stadskanaal"


def _first_plan(page) -> str:
    page.goto("/werk")
    link = page.locator("main a[href^='/werk/plannen/']").first
    href = link.get_attribute("href")
    assert href
    return href.split("#", 1)[0]


def _type_a_comment(page, plan: str):
    page.goto(plan)
    box = page.locator("form.comment-form textarea[name=comment-body]")
    box.fill(TEXT)
    box.blur()
    page.wait_for_timeout(600)  # the draft is kept shortly after typing stops
    return box


def _end_every_session_elsewhere(new_page, login_name: str) -> None:
    elsewhere = new_page()
    login(elsewhere, login_name)
    logout(elsewhere)  # logging out ends every session of the account


def test_text_typed_when_the_login_ended_comes_back_after_logging_in_again(new_page):
    page = new_page()
    login(page, COORDINATOR)
    plan = _first_plan(page)
    _type_a_comment(page, plan)
    _end_every_session_elsewhere(new_page, COORDINATOR)

    click_through(page, page.locator("form.comment-form button[type=submit]"))
    assert page.url.split("?", 1)[0].endswith("/login")
    login(page, COORDINATOR)
    page.goto(plan)
    box = page.locator("form.comment-form textarea[name=comment-body]")
    assert box.input_value() == TEXT
    note = page.locator("form.comment-form .draft-note")
    assert "teruggezet" in note.inner_text()
    # Nothing was saved on the server: the comment is not in the conversation.
    assert TEXT not in page.locator("#comments ol.comments").all_inner_texts().__str__()

    note.locator("button").click()
    assert box.input_value() == ""
    page.reload()
    assert page.locator("form.comment-form textarea[name=comment-body]").input_value() == ""


def test_another_user_in_the_same_tab_does_not_get_the_text(new_page):
    page = new_page()
    login(page, COORDINATOR)
    plan = _first_plan(page)
    _type_a_comment(page, plan)
    _end_every_session_elsewhere(new_page, COORDINATOR)
    click_through(page, page.locator("form.comment-form button[type=submit]"))

    login(page, "professional.ggz")  # someone else at the same computer
    assert (
        page.evaluate(
            "() => Object.keys(sessionStorage).filter(k => k.startsWith('maatwerk-draft:'))"
        )
        == []
    )
    logout(page)
    login(page, COORDINATOR)
    page.goto(plan)
    assert page.locator("form.comment-form textarea[name=comment-body]").input_value() == ""


def test_logging_out_drops_every_draft(new_page):
    page = new_page()
    login(page, COORDINATOR)
    plan = _first_plan(page)
    _type_a_comment(page, plan)
    assert page.evaluate("() => Object.keys(sessionStorage).length") >= 1
    logout(page)
    assert (
        page.evaluate(
            "() => Object.keys(sessionStorage).filter(k => k.startsWith('maatwerk-draft:'))"
        )
        == []
    )
