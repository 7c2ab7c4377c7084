"""How the family portal looks and behaves in a real browser: disabled buttons look
disabled, errors on a form are summarised at its top and get the focus."""

from __future__ import annotations

import re

from tests.browser.conftest import login, screenshot

FAMILY = "gezin.jansen"  # read only here: its plan is not changed by these tests

STYLE = """el => {
    const s = getComputedStyle(el);
    return {border: s.borderTopStyle, borderColor: s.borderTopColor,
            background: s.backgroundColor, color: s.color, cursor: s.cursor};
}"""


def _rgb(value: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", value)[:3])


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_disabled_higher_and_lower_buttons_look_disabled(new_page):
    page = new_page("phone")
    login(page, FAMILY)
    page.goto("/ons-plan")
    disabled = page.locator("#prioriteiten .move button[disabled]").first
    enabled = page.locator("#prioriteiten .move button:not([disabled])").first
    assert disabled.count() == 1 and enabled.count() == 1, "the demo plan needs two goals"
    off, on = disabled.evaluate(STYLE), enabled.evaluate(STYLE)
    assert off["border"] == "dashed" and on["border"] == "solid"
    assert off["background"] != on["background"]
    assert off["color"] != on["color"]
    assert off["cursor"] == "not-allowed"
    # Still readable: the outline 3:1 against the page, the words AA against the button.
    assert _contrast(off["borderColor"], "rgb(255, 255, 255)") >= 3
    assert _contrast(off["color"], off["background"]) >= 4.5
    screenshot(page, "60-family-disabled-move-button")


def test_an_own_goal_with_mistakes_puts_the_focus_on_the_summary(new_page):
    page = new_page("phone")
    login(page, FAMILY)
    page.goto("/ons-plan")
    with page.expect_navigation():
        page.locator("a[href$='/eigen-doel']").first.click()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    focused = page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert focused, "the focus is on the error summary at the top of the form"
    page.locator("[data-error-summary] a[href='#title']").click()
    assert page.evaluate("() => document.activeElement.id") == "title"
    screenshot(page, "61-family-own-goal-errors")
