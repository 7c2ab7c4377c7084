"""The family reorders its priorities by dragging a goal on a phone (static/portal.js): the
goal dragged to the top stays there after a reload, and the plan (through the API) has the
new order. Keyboard-only reordering is in test_flow.py, without JavaScript in
test_no_javascript.py."""

from __future__ import annotations

from tests.browser.conftest import login, screenshot

# A demo household whose plan waits for the family: three goals without an order yet, each
# card taller than a phone's screen with its steps. No other test uses it.
FAMILY = "gezin.yilmaz"
ORDER = "() => [...document.querySelectorAll('#prioriteiten ol.goals > li')].map(e => e.id)"


def order(page) -> list[str]:
    """The goal ids in the order the page lists them."""
    return [item.removeprefix("doel-") for item in page.evaluate(ORDER)]


def test_drag_a_goal_to_the_top(new_page):
    page = new_page("phone")
    login(page, FAMILY)
    page.goto("/ons-plan")
    before = order(page)
    assert len(before) == 3, "the demo household should have three goals to order"
    first, second, last = before
    plan_id = page.locator("form#volgorde").get_attribute("action").split("/")[-2]

    # Press the last goal's handle, move the finger up to the screen's top edge and hold it
    # there: the page scrolls by itself and the goal passes the cards above it.
    handle = page.locator(f"#doel-{last} .drag-handle")
    assert handle.is_visible()
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, 8, steps=8)
    page.wait_for_function(f"() => ({ORDER})()[0] === 'doel-{last}'", timeout=8_000)
    # Nothing is saved while dragging: the order is posted when the finger lets go.
    assert page.locator(f"#doel-{last}.dragging").count() == 1
    with page.expect_navigation():
        page.mouse.up()

    # Back at the dragged goal, saved, numbered 1, 2, 3 in the new order.
    assert page.url.endswith(f"/ons-plan/{plan_id}#doel-{last}")
    assert order(page) == [last, first, second]
    assert page.locator(".flash[role=status]").inner_text() == "Jullie volgorde is bewaard."
    ranks = page.locator("#prioriteiten ol.goals > li .rank").all_inner_texts()
    assert [r.strip() for r in ranks] == ["1", "2", "3"]
    screenshot(page, "42-family-dragged")
    page.reload()
    assert order(page) == [last, first, second]

    # The plan itself has the family's order (the API reads the same session).
    response = page.request.get(f"/api/v1/plans/{plan_id}")
    assert response.ok, response.status
    ranked = sorted(
        (g for g in response.json()["goals"] if g["priorityRank"] is not None),
        key=lambda g: g["priorityRank"],
    )
    assert [str(g["id"]) for g in ranked] == [last, first, second]
    assert [g["priorityRank"] for g in ranked] == [1, 2, 3]
