"""Without JavaScript the family still sets its priorities with the Higher/Lower buttons,
agrees to a step and confirms its plan (the drag handle, which needs JavaScript, stays hidden).
axe-core itself needs JavaScript: the sweep checks these pages with JavaScript on."""

from __future__ import annotations

from tests.browser.conftest import PHONE, click_through, login, screenshot

# A demo household whose plan waits for the family: three goals without an order yet, each
# with a step the team proposed. No other test uses it.
FAMILY = "gezin.nijhof"


def order(page) -> list[str]:
    return page.locator("#prioriteiten ol.goals > li").evaluate_all(
        "els => els.map(e => e.dataset.goalId)"
    )


def test_priorities_and_confirm_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server, locale="nl-NL", java_script_enabled=False, **PHONE
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        login(page, FAMILY)
        page.goto("/ons-plan")
        # The page's own script would have shown the drag handle.
        assert not page.locator(".drag-handle").first.is_visible()
        before = order(page)
        assert len(before) == 3, "the demo household should have three goals to order"
        first, second, last = before

        # The last goal to the top: "Higher" twice, each a plain form post.
        click_through(page, page.locator(f"#up-{last}"))
        assert order(page) == [first, last, second]
        click_through(page, page.locator(f"#up-{last}"))
        assert order(page) == [last, first, second]
        assert page.locator(f"#up-{last}").is_disabled()
        ranked = order(page)
        screenshot(page, "40-nojs-priorities")

        # Yes to the step for the goal that now comes first, then "This is our plan".
        top = page.locator(f"#doel-{last}")
        click_through(page, top.locator("li.step button[name=answer][value=yes]").first)
        assert page.locator(f"#doel-{last} li.step.step-agreed").count() >= 1
        click_through(page, page.locator("#bevestigen button[type=submit]"))
        assert page.locator("#bevestigen").count() == 0
        assert page.locator("main .notice-ok").count() == 1
        assert order(page) == ranked
        screenshot(page, "41-nojs-confirmed")
    finally:
        context.close()
