"""End to end, as the issue describes it: a coordinator takes in a new household and proposes
goals and an action; the family activates its account on a phone, answers the proposals, adds
its own goal, sets its priorities with the keyboard alone and confirms the plan; a professional
of another organisation with consent sees the family's order; one without consent gets a 404."""

from __future__ import annotations

import datetime as dt
import secrets

from tests.browser.conftest import (
    click_through,
    login,
    logout,
    page_problems,
    screenshot,
    tab_to,
)

GGZ = "GGZ Veenkoloniën"
MUNICIPALITY = "Gemeente Stadskanaal"
GGZ_PROFESSIONAL = "Sander Wubbels"  # professional.ggz in the demo data
DEBTS = "We willen onze rekeningen op tijd betalen"
CALM = "Ik wil weer rust in mijn hoofd"
OWN = "Onze zoon gaat elke dag naar school"
STEP = "Samen met de GGZ een plan maken voor meer rust, twee gesprekken per maand."


def trigger_button(page, trigger: str):
    """The submit button of the transition form for `trigger` (independent of the language)."""
    return page.locator(f"form:has(input[name=trigger][value={trigger}]) button[type=submit]")


def open_details(page, details_id: str) -> None:
    details = page.locator(f"details#{details_id}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def family_order(page) -> list[str]:
    """The titles of the family's goals, in the family's order (the portal's priority list)."""
    return [t.strip() for t in page.locator("#prioriteiten ol.goals > li h3").all_inner_texts()]


def goal_id(page, title: str) -> str:
    """The id of the goal with this title in the family's priority list."""
    goal = page.locator("#prioriteiten ol.goals > li").filter(
        has=page.locator("h3", has_text=title)
    )
    return goal.get_attribute("data-goal-id")


def title_of(text: str) -> str:
    """A priority heading reads "Number 1: <title>" for screen readers; keep the title."""
    return text.split(":", 1)[1].strip() if ":" in text else text


def intake(page, reference: str) -> int:
    """The coordinator registers the household; returns the new plan's id."""
    page.goto("/werk/intake")
    screenshot(page, "01-pro-intake")
    page.fill("#reference", reference)
    village = page.locator("#area_id optgroup[label=Stadskanaal] option").nth(1)
    page.select_option("#area_id", village.get_attribute("value"))
    members = [
        ("Sanne", "Bosma", "1990-04-12", "parent"),
        ("Daan", "Bosma", "2014-09-01", "child"),
    ]
    for row, (given, family, born, position) in enumerate(members):
        page.fill(f"#members-{row}-given_name", given)
        page.fill(f"#members-{row}-family_name", family)
        page.fill(f"#members-{row}-date_of_birth", born)
        page.select_option(f"#members-{row}-position", position)
    page.select_option("#consent_given_by", "0")
    for organisation in (MUNICIPALITY, GGZ):
        page.locator(
            f"label.choice:has(input[name=plan_sharing]):has-text('{organisation}') input"
        ).check()
    page.locator("input[name=workflow][value=plan_standard]").check()
    click_through(page, page.locator("main form button.button-large"))
    assert "/werk/plannen/" in page.url, page.locator("main").inner_text()[:500]
    return int(page.url.split("/werk/plannen/")[1].split("#")[0].split("?")[0])


def propose_goal(page, domain: str, title: str, why: str) -> None:
    open_details(page, "propose-goal")
    page.select_option("#goal-domain", domain)
    page.fill("#goal-title", title)
    page.fill("#goal-why_it_matters", why)
    click_through(page, page.locator("#propose-goal button[type=submit]"))
    assert page.locator("#goals li.card", has_text=title).count() == 1


def propose_action(page, goal_title: str, description: str) -> None:
    open_details(page, "propose-action")
    page.fill("#action-description", description)
    page.locator(
        f"label.choice:has(input[name=action-goal_ids]):has-text('{goal_title}') input"
    ).check()
    page.locator("input[name=action-carrier][value=professional]").check()
    page.select_option("#action-lead_organisation_id", label=GGZ)
    page.fill("#action-due_date", (dt.date.today() + dt.timedelta(days=30)).isoformat())
    click_through(page, page.locator("#propose-action button[type=submit]"))
    assert page.locator("#actions li.card", has_text=description).count() == 1


def make_activation_code(page, plan_id: int) -> str:
    """The coordinator's activation page: a one-time code for the parent."""
    page.goto(f"/werk/plannen/{plan_id}")
    click_through(page, page.locator(f"a[href$='/portaal/activatiecode/{plan_id}']"))
    screenshot(page, "05-pro-activation-members")
    card = page.locator("li.card", has_text="Sanne Bosma")
    click_through(page, card.locator("button[type=submit]"))
    code = page.locator("p.code").inner_text().strip()
    assert code
    return code


def press_move(page, button_id: str, key: str) -> None:
    """Reach a Higher/Lower button with the Tab key (from wherever the focus is) and press
    `key` on it: Enter or Space."""
    tab_to(page, f"#{button_id}")
    with page.expect_navigation():
        page.keyboard.press(key)


def test_intake_to_confirmed_plan(new_page):
    reference = f"HH-E2E-{secrets.token_hex(3).upper()}"
    pro = new_page("laptop")
    login(pro, "regisseur.stadskanaal")
    screenshot(pro, "00-pro-dashboard")

    # The coordinator: intake, team, exploration, two goals and one action.
    plan_id = intake(pro, reference)
    plan_url = f"/werk/plannen/{plan_id}"
    open_details(pro, "add-member")
    pro.select_option("#team-user_id", label=f"{GGZ_PROFESSIONAL} ({GGZ})")
    click_through(pro, pro.locator("#add-member button[type=submit]"))
    assert pro.locator("#team").get_by_text(GGZ_PROFESSIONAL).count() >= 1
    click_through(pro, trigger_button(pro, "start_exploration"))
    assert pro.locator("header.plan-header h1 .state-exploring").count() == 1
    propose_goal(pro, "economic", DEBTS, "Dan hebben we minder stress.")
    propose_goal(pro, "mental", CALM, "Dan kan ik weer voor de kinderen zorgen.")
    propose_action(pro, CALM, STEP)
    screenshot(pro, "02-pro-plan-exploring")
    code = make_activation_code(pro, plan_id)
    screenshot(pro, "06-pro-activation-code")
    problems = page_problems(pro, "nl", "activation code")

    # The family, on a phone: activate, log out, log in again.
    family = new_page("phone")
    family.goto("/activeren")
    screenshot(family, "10-family-activate")
    family_login = f"sanne.{secrets.token_hex(3)}"
    family_password = "Klavertje-vier-op-de-stoep"
    family.fill("#code", code)
    family.fill("#login", family_login)
    family.fill("#password", family_password)
    click_through(family, family.locator("main form button[type=submit]"))
    assert family.url.endswith("/ons-plan"), family.locator("main").inner_text()[:500]
    logout(family)
    login(family, family_login, family_password)
    assert "/ons-plan" in family.url
    screenshot(family, "11-family-plan-proposals")

    # Yes to both proposed goals (one tap each), then a goal in their own words.
    for title in (DEBTS, CALM):
        goal = family.locator("#voorstellen li.card", has_text=title)
        click_through(family, goal.locator("button[name=answer][value=yes]"))
    assert [title_of(t) for t in family_order(family)] == [DEBTS, CALM]
    click_through(family, family.locator(f"a[href$='/ons-plan/{plan_id}/eigen-doel']"))
    screenshot(family, "12-family-own-goal")
    family.locator("label.domain-choice:has(input[value=pedagogical])").click()
    family.fill("#title", OWN)
    family.fill("#why_it_matters", "Dan haalt hij zijn diploma.")
    family.fill("#strengths", "Hij is slim en opa helpt met huiswerk.")
    click_through(family, family.locator("main form button[type=submit]"))
    assert [title_of(t) for t in family_order(family)] == [DEBTS, CALM, OWN]

    # Priorities with the keyboard alone: Tab to "Higher" of CALM and press Enter ...
    ids = {title: goal_id(family, title) for title in (CALM, OWN)}
    press_move(family, f"up-{ids[CALM]}", "Enter")
    assert [title_of(t) for t in family_order(family)] == [CALM, DEBTS, OWN]
    # ... the focus stays on the moved goal's buttons, so the next key press works at once.
    focused = family.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {id: el.id, visible: el.matches(":focus-visible"), outline: style.outlineStyle};
        }"""
    )
    assert focused == {"id": f"down-{ids[CALM]}", "visible": True, "outline": "solid"}
    # ... then Tab to "Higher" of their own goal and press Space.
    press_move(family, f"up-{ids[OWN]}", " ")
    assert [title_of(t) for t in family_order(family)] == [CALM, OWN, DEBTS]
    screenshot(family, "13-family-priorities")
    problems += page_problems(family, "nl", "family priorities (phone)")

    # Yes to the step for their most important goal.
    step = family.locator("#prioriteiten li.step", has_text=STEP)
    click_through(family, step.locator("button[name=answer][value=yes]"))
    assert family.locator("#prioriteiten li.step.step-agreed", has_text=STEP).count() == 1

    # The coordinator starts prioritising; the family sees the confirm button and confirms.
    pro.goto(plan_url)
    click_through(pro, trigger_button(pro, "start_prioritising"))
    assert pro.locator("header.plan-header h1 .state-prioritising").count() == 1
    family.reload()
    screenshot(family, "14-family-confirm")
    click_through(family, family.locator("#bevestigen button[type=submit]"))
    assert family.locator("#bevestigen").count() == 0
    assert family.locator("main .notice-ok").count() == 1
    assert [title_of(t) for t in family_order(family)] == [CALM, OWN, DEBTS]
    screenshot(family, "15-family-confirmed")
    problems += page_problems(family, "nl", "family confirmed plan (phone)")

    # A professional of another organisation on the team, with consent, sees the order.
    ggz = new_page("laptop")
    login(ggz, "professional.ggz")
    ggz.goto(plan_url)
    assert reference in ggz.locator("h1").inner_text()
    ranks = [
        ggz.locator("#goals li.card", has_text=title).locator(".rank").inner_text().split()[-1]
        for title in (CALM, OWN, DEBTS)
    ]
    assert ranks == ["1", "2", "3"]
    # Active now, and marked as confirmed by the family.
    assert ggz.locator("header.plan-header h1 .state-active").count() == 1
    assert "door het gezin bevestigd" in ggz.locator("header.plan-header").inner_text()
    screenshot(ggz, "20-ggz-confirmed-plan")
    problems += page_problems(ggz, "nl", "confirmed plan, other organisation")

    # A professional whose organisation has no consent: the plan does not exist for them.
    housing = new_page("laptop")
    login(housing, "professional.wonen")
    response = housing.goto(plan_url)
    assert response is not None and response.status == 404
    assert reference not in housing.content()
    assert housing.locator("h1").count() == 1
    screenshot(housing, "30-housing-404")
    problems += page_problems(housing, "nl", "404 for an organisation without consent")
    assert not problems, "\n".join(problems)
