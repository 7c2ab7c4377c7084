"""End to end, as the issue describes it, in Dutch (the default) and in English (chosen with
the language switch, as a user would): a coordinator takes in a new household and proposes
goals and an action; the family activates its account on a phone, answers the proposals, adds
its own goal, sets its priorities with the keyboard alone, confirms the plan and scores how
things are going; a professional of another organisation with consent sees the family's order
and score; one whose organisation has no consent is not offered for the team and gets a 404.
Every step checks that the page speaks the chosen language, with no words of the other."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

import pytest

from tests.browser.conftest import (
    click_through,
    login,
    logout,
    page_problems,
    screenshot,
    switch_language,
    tab_to,
)

GGZ = "GGZ Veenkoloniën"
MUNICIPALITY = "Gemeente Stadskanaal"
GGZ_PROFESSIONAL = "Sander Wubbels"  # professional.ggz in the demo data
HOUSING = "Woonstichting Kanaalstreek"  # no consent of the household in this test
HOUSING_PROFESSIONAL = "Ingrid Bakker"  # professional.wonen in the demo data


@dataclass(frozen=True)
class Words:
    """What the users type in one language, and interface text the pages must show."""

    debts: str
    calm: str
    own: str
    step: str
    why_debts: str
    why_calm: str
    why_own: str
    strengths: str
    ui: dict[str, str]
    foreign: re.Pattern  # words of the other language: a fallback if they show up


WORDS = {
    "nl": Words(
        debts="We willen onze rekeningen op tijd betalen",
        calm="Ik wil weer rust in mijn hoofd",
        own="Onze zoon gaat elke dag naar school",
        step="Samen met de GGZ een plan maken voor meer rust, twee gesprekken per maand.",
        why_debts="Dan hebben we minder stress.",
        why_calm="Dan kan ik weer voor de kinderen zorgen.",
        why_own="Dan haalt hij zijn diploma.",
        strengths="Hij is slim en opa helpt met huiswerk.",
        ui={
            "dashboard": "Mijn werk",
            "intake": "Een nieuw huishouden inschrijven",
            "portal_access": "Het gezin toegang geven tot “Ons plan”",
            "activate": "Maak je account",
            "our_plan": "Ons plan",
            "proposals": "Voorstellen van het team",
            "own_goal": "Een eigen doel",
            "saved": "Jullie volgorde is bewaard.",
            "higher": "Hoger",
            "confirm": "Dit is ons plan",
            "confirmed": "Jullie hebben dit plan bevestigd op",
            "confirmed_by_family": "door het gezin bevestigd",
            "how_going": "Hoe gaat het nu?",
            "answer_saved": "Dank je wel. Jullie antwoord is bewaard.",
            "not_found": "Pagina niet gevonden",
        },
        # English words that are no Dutch words ("we" is both).
        foreign=re.compile(r"\b(?:[Tt]he|[Yy]ou|[Yy]our|[Oo]ur|and|with|from|for|this|not)\b"),
    ),
    "en": Words(
        debts="We want to pay our bills on time",
        calm="I want peace of mind again",
        own="Our son goes to school every day",
        step="Make a plan for more calm with the GGZ: two talks a month.",
        why_debts="Then we have less stress.",
        why_calm="Then I can look after the children again.",
        why_own="Then he gets his diploma.",
        strengths="He is clever and grandpa helps with homework.",
        ui={
            "dashboard": "My work",
            "intake": "Register a new household",
            "portal_access": "Give the family access to “Our plan”",
            "activate": "Make your account",
            "our_plan": "Our plan",
            "proposals": "Proposals from the team",
            "own_goal": "A goal of your own",
            "saved": "Your order has been saved.",
            "higher": "Higher",
            "confirm": "This is our plan",
            "confirmed": "You confirmed this plan on",
            "confirmed_by_family": "confirmed by the family",
            "how_going": "How are things going now?",
            "answer_saved": "Thank you. Your answer has been saved.",
            "not_found": "Page not found",
        },
        # Dutch words that are no English words, nor in the demo's names ("Zorgcollectief De
        # Wieken", "Aa en Hunze").
        foreign=re.compile(
            r"\b(?:[Hh]et|[Ee]en|[Oo]nze?|[Ww]ij|[Jj]ullie|[Dd]it|[Dd]eze|[Ww]at|[Ww]ie|[Jj]e"
            r"|de|van|voor|met|niet|naar|zijn|wordt|heeft|kunt|mag|gezin|doel|doelen)\b"
        ),
    ),
}


def speaks(page, words: Words, *keys: str) -> None:
    """The page's main part shows these interface texts, and no word of the other language
    (everything typed in this test is in the page's language)."""
    text = page.locator("main").inner_text()
    missing = [words.ui[key] for key in keys if words.ui[key] not in text]
    assert not missing, f"{page.url}: not shown: {missing}"
    foreign = sorted({m.group(0) for m in words.foreign.finditer(text)})
    assert not foreign, f"{page.url}: words of the other language {foreign} in:\n{text}"


def shot(page, name: str, lang: str) -> None:
    screenshot(page, name if lang == "nl" else f"{name}-{lang}")


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


def intake(page, reference: str, words: Words, lang: str) -> int:
    """The coordinator registers the household; returns the new plan's id."""
    page.goto("/werk/intake")
    speaks(page, words, "intake")
    shot(page, "01-pro-intake", lang)
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


def make_activation_code(page, plan_id: int, words: Words, lang: str) -> str:
    """The coordinator's activation page: a one-time code for the parent."""
    page.goto(f"/werk/plannen/{plan_id}")
    speaks(page, words, "portal_access")
    click_through(page, page.locator(f"a[href$='/portaal/activatiecode/{plan_id}']"))
    speaks(page, words)
    shot(page, "05-pro-activation-members", lang)
    card = page.locator("li.card", has_text="Sanne Bosma")
    click_through(page, card.locator("button[type=submit]"))
    speaks(page, words)
    code = page.locator("p.code").inner_text().strip()
    assert code
    return code


def press_move(page, button_id: str, key: str) -> None:
    """Reach a Higher/Lower button with the Tab key (from wherever the focus is) and press
    `key` on it: Enter or Space."""
    tab_to(page, f"#{button_id}")
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_intake_to_confirmed_plan(new_page, lang):
    words = WORDS[lang]
    debts, calm, own, step_text = words.debts, words.calm, words.own, words.step
    reference = f"HH-E2E-{secrets.token_hex(3).upper()}"

    def start(device: str, login_name: str):
        """A fresh browser; the language chosen on the login page (Dutch is the default)."""
        page = new_page(device)
        if lang != "nl":
            page.goto("/login")
            switch_language(page, lang)
        login(page, login_name)
        return page

    pro = start("laptop", "regisseur.stadskanaal")
    assert pro.locator("html").get_attribute("lang") == lang
    assert pro.locator("h1").inner_text() == words.ui["dashboard"]
    shot(pro, "00-pro-dashboard", lang)

    # The coordinator: intake, team, exploration, two goals and one action.
    plan_id = intake(pro, reference, words, lang)
    plan_url = f"/werk/plannen/{plan_id}"
    open_details(pro, "add-member")
    pro.select_option("#team-user_id", label=f"{GGZ_PROFESSIONAL} ({GGZ})")
    click_through(pro, pro.locator("#add-member button[type=submit]"))
    assert pro.locator("#team").get_by_text(GGZ_PROFESSIONAL).count() >= 1
    click_through(pro, trigger_button(pro, "start_exploration"))
    assert pro.locator("header.plan-header h1 .state-exploring").count() == 1
    propose_goal(pro, "economic", debts, words.why_debts)
    propose_goal(pro, "mental", calm, words.why_calm)
    propose_action(pro, calm, step_text)
    speaks(pro, words)
    shot(pro, "02-pro-plan-exploring", lang)
    code = make_activation_code(pro, plan_id, words, lang)
    shot(pro, "06-pro-activation-code", lang)
    problems = page_problems(pro, lang, "activation code")

    # The family, on a phone: choose the language, activate, log out, log in again.
    family = new_page("phone")
    family.goto("/activeren")
    if lang != "nl":
        switch_language(family, lang)
    speaks(family, words, "activate")
    shot(family, "10-family-activate", lang)
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
    # The language stays chosen after logging out and in again.
    assert family.locator("html").get_attribute("lang") == lang
    speaks(family, words, "our_plan", "proposals")
    shot(family, "11-family-plan-proposals", lang)

    # Yes to both proposed goals (one tap each), then a goal in their own words.
    for title in (debts, calm):
        goal = family.locator("#voorstellen li.card", has_text=title)
        click_through(family, goal.locator("button[name=answer][value=yes]"))
    assert [title_of(t) for t in family_order(family)] == [debts, calm]
    click_through(family, family.locator(f"a[href$='/ons-plan/{plan_id}/eigen-doel']"))
    speaks(family, words, "own_goal")
    shot(family, "12-family-own-goal", lang)
    family.locator("label.domain-choice:has(input[value=pedagogical])").click()
    family.fill("#title", own)
    family.fill("#why_it_matters", words.why_own)
    family.fill("#strengths", words.strengths)
    click_through(family, family.locator("main form button[type=submit]"))
    assert [title_of(t) for t in family_order(family)] == [debts, calm, own]

    # Priorities with the keyboard alone: Tab to "Higher" of the calm goal and press Enter ...
    ids = {title: goal_id(family, title) for title in (calm, own)}
    assert words.ui["higher"] in family.locator(f"#up-{ids[calm]}").inner_text()
    press_move(family, f"up-{ids[calm]}", "Enter")
    assert [title_of(t) for t in family_order(family)] == [calm, debts, own]
    speaks(family, words, "saved")
    # ... the focus stays on the moved goal's buttons, so the next key press works at once.
    focused = family.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {id: el.id, visible: el.matches(":focus-visible"), outline: style.outlineStyle};
        }"""
    )
    assert focused == {"id": f"down-{ids[calm]}", "visible": True, "outline": "solid"}
    # ... then Tab to "Higher" of their own goal and press Space.
    press_move(family, f"up-{ids[own]}", " ")
    assert [title_of(t) for t in family_order(family)] == [calm, own, debts]
    shot(family, "13-family-priorities", lang)
    problems += page_problems(family, lang, "family priorities (phone)")

    # Yes to the step for their most important goal.
    step = family.locator("#prioriteiten li.step", has_text=step_text)
    click_through(family, step.locator("button[name=answer][value=yes]"))
    assert family.locator("#prioriteiten li.step.step-agreed", has_text=step_text).count() == 1

    # The coordinator starts prioritising; the family sees the confirm button and confirms.
    pro.goto(plan_url)
    click_through(pro, trigger_button(pro, "start_prioritising"))
    assert pro.locator("header.plan-header h1 .state-prioritising").count() == 1
    family.reload()
    speaks(family, words, "confirm")
    shot(family, "14-family-confirm", lang)
    click_through(family, family.locator("#bevestigen button[type=submit]"))
    assert family.locator("#bevestigen").count() == 0
    assert family.locator("main .notice-ok").count() == 1
    assert [title_of(t) for t in family_order(family)] == [calm, own, debts]
    speaks(family, words, "confirmed")
    shot(family, "15-family-confirmed", lang)
    problems += page_problems(family, lang, "family confirmed plan (phone)")

    # How things are going, in the family's own score: "2" for their calm, one tap and save.
    speaks(family, words, "how_going")
    question = family.locator("#hoe-gaat-het-mental")
    question.locator("label.score-choice:has(input[value='2'])").click()
    click_through(family, question.locator("button[type=submit]"))
    speaks(family, words, "answer_saved")
    assert family.locator("#hoe-gaat-het-mental strong").inner_text() == "2"
    shot(family, "16-family-score", lang)

    # A professional of another organisation on the team, with consent, sees the order.
    ggz = start("laptop", "professional.ggz")
    ggz.goto(plan_url)
    assert reference in ggz.locator("h1").inner_text()
    ranks = [
        ggz.locator("#goals li.card", has_text=title).locator(".rank").inner_text().split()[-1]
        for title in (calm, own, debts)
    ]
    assert ranks == ["1", "2", "3"]
    # Active now, and marked as confirmed by the family.
    assert ggz.locator("header.plan-header h1 .state-active").count() == 1
    assert words.ui["confirmed_by_family"] in ggz.locator("header.plan-header").inner_text()
    # The family's score beside the professional's (none yet).
    assert ggz.locator("#scores tbody td.score").all_inner_texts() == ["2", "—"]
    speaks(ggz, words)
    shot(ggz, "20-ggz-confirmed-plan", lang)
    problems += page_problems(ggz, lang, "confirmed plan, other organisation")

    # The coordinator cannot put a professional of an organisation without consent on the
    # team: the picker does not offer them ...
    pro.goto(plan_url)
    open_details(pro, "add-member")
    offered = pro.locator("#team-user_id option").all_inner_texts()
    assert f"{HOUSING_PROFESSIONAL} ({HOUSING})" not in offered
    assert f"{GGZ_PROFESSIONAL} ({GGZ})" not in offered  # already on the team
    assert HOUSING not in pro.locator("#household").inner_text()  # not among "shared with"
    # ... and without their organisation's consent the plan does not exist for them.
    housing = start("laptop", "professional.wonen")
    response = housing.goto(plan_url)
    assert response is not None and response.status == 404
    assert reference not in housing.content()
    assert housing.locator("h1").count() == 1
    speaks(housing, words, "not_found")
    shot(housing, "30-housing-404", lang)
    problems += page_problems(housing, lang, "404 for an organisation without consent")
    assert not problems, "\n".join(problems)
