"""Accessibility sweep (WCAG 2.1 AA): for every demo role and both languages, every page the
role reaches from its navigation, the main detail pages behind them and a few states (search
results, form errors, conflicts, the 404 page) are checked with axe-core, for <html lang>, a
single <h1> and no sideways scrolling on a 390px wide phone. The roles of the issue's "done
when" (the coordinator and the Jansen family) are swept again on a 1280px laptop, where every
page is also checked at 200% and 400% zoom (640 and 320 CSS pixels wide: WCAG 1.4.4 and 1.4.10)
for sideways scrolling. All problems are reported together."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    LAPTOP,
    PHONE,
    click_through,
    login,
    page_problems,
    switch_language,
)

ROLES = [
    "regisseur.stadskanaal",
    "professional.ggz",
    "professional.wonen",
    "gezin.jansen",
    "manager.ggz",
    "programma",
    "ervaringsdeskundige",
    "beheer",
]
LANGUAGES = ("nl", "en")
# Swept on a laptop too, with the zoom checks: the users of the "done when".
LAPTOP_ROLES = ["regisseur.stadskanaal", "gezin.jansen"]
ZOOMS = (2, 4)
MAX_PAGES = 40  # per role: the crawl stops here
NOT_A_PAGE = re.compile(r"(\.(csv|pdf|json)|/pdf|/logout)$")
# Pages that differ only in an id or a key are the same page: one of each is enough.
SAME_PAGE = [
    (re.compile(r"^/monitoring/indicatoren/[^/]+$"), "/monitoring/indicatoren/*"),
    (re.compile(r"\d+"), "N"),
]
MISSING_PLAN = "/werk/plannen/2147483647"


def page_shape(path: str) -> str:
    for pattern, replacement in SAME_PAGE:
        path = pattern.sub(replacement, path)
    return path


def local_links(page, selector: str) -> list[str]:
    """Same-site links under `selector` that open a page (no downloads, no fragments)."""
    hrefs = page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('href') || '')")
    found = []
    for href in hrefs:
        path = urlsplit(href).path
        if href.startswith("/") and path and not href.startswith("/static/"):
            found += [] if NOT_A_PAGE.search(path) else [href.split("#")[0]]
    return found


def crawl(page, start: list[str], visit: Callable[[str], object]) -> list[str]:
    """Visit the navigation's pages and, one level deeper, the pages they link to: one page
    per shape (a plan page, a barrier page …), at most MAX_PAGES. `visit(url)` opens and
    checks a page and returns the response. Returns the pages visited."""
    queue = list(dict.fromkeys(start))
    seen: dict[str, str] = {}
    depth = {url: 0 for url in queue}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        shape = page_shape(urlsplit(url).path)
        if shape in seen:
            continue
        seen[shape] = url
        response = visit(url)
        if depth[url] >= 2 or response is None or response.status != 200:
            continue
        for link in local_links(page, "main a[href], nav a[href]"):
            if link not in depth:
                depth[link] = depth[url] + 1
                queue.append(link)
    return list(seen.values())


# --- states that need a click: checked after the crawl's pages ------------------------------


def intake_with_errors(page) -> None:
    page.goto("/werk/intake")
    click_through(page, page.locator("main form button.button-large"))


def directory_results(page) -> None:
    page.goto("/sociale-kaart")
    form = page.locator("main form[method=get]").first
    form.locator("input[name=q]").fill("schuld")
    click_through(page, form.locator("button[type=submit]"))
    assert "q=schuld" in page.url


def missing_plan(page) -> None:
    response = page.goto(MISSING_PLAN)
    assert response is not None and response.status == 404


def withdraw_question(page) -> None:
    """The family's 'are you sure' before withdrawing a consent (nothing is withdrawn)."""
    page.goto("/ons-plan/toestemming")
    click_through(page, page.locator("form[action$='/intrekken'] button[type=submit]").first)
    assert urlsplit(page.url).path.endswith("/intrekken")


def own_goal_with_errors(page) -> None:
    page.goto("/ons-plan")
    click_through(page, page.locator("a[href$='/eigen-doel']").first)
    click_through(page, page.locator("main form button[type=submit]"))


def first_plan(page, status: str) -> None:
    page.goto(f"/werk?status={status}")
    click_through(page, page.locator("#my-plans ~ * a[href^='/werk/plannen/']").first)
    assert "/werk/plannen/" in page.url


def active_plan(page) -> None:
    """A plan further along than the crawl's: confirmed, with scores and barriers."""
    first_plan(page, "active")


def closed_plan(page) -> None:
    first_plan(page, "closed")


def goal_edit_conflict(page) -> None:
    """Saving a goal proposal built on an old version: the conflict page (nothing saved)."""
    first_plan(page, "prioritising")
    click_through(page, page.locator("a[href*='/werk/doelen/'][href$='/bewerken']").first)
    form = page.locator("main form[action*='/werk/doelen/']")
    form.locator("input[type=date]").fill("")  # a demo target date may lie in the past
    form.evaluate(
        """f => {
            const plan = f.querySelector("input[name$='plan_version']");
            plan.value = Math.max(1, Number(plan.value) - 1);
            const own = f.querySelector("input[name$='-version']");
            own.value = Number(own.value) + 1;
        }"""
    )
    click_through(page, form.locator("button[type=submit]"))
    assert page.locator("main .field-error").count() == 0, "no conflict: the form was refused"


def family_conflict(page) -> None:
    """A priority change built on an old version of the plan: what changed (nothing saved)."""
    page.goto("/ons-plan")
    page.locator("#volgorde input[name=version]").evaluate(
        "el => { el.value = Math.max(1, Number(el.value) - 1); }"
    )
    click_through(page, page.locator("#prioriteiten .move button:not([disabled])").first)


def confirm_refused(page) -> None:
    """'This is our plan' while the plan is not ready: the reason, in plain words."""
    page.goto("/ons-plan")
    click_through(page, page.locator("#bevestigen button[type=submit]"))
    assert page.locator("main [role=alert]").count() >= 1


def family_score_unanswered(page) -> None:
    """'How are things going' sent without choosing an answer (the browser's own check
    switched off, as an old browser would): the error beside the question."""
    page.goto("/ons-plan")
    form = page.locator("#hoe-gaat-het form").first
    form.evaluate("f => { f.noValidate = true; }")
    click_through(page, form.locator("button[type=submit]"))
    assert page.locator("#hoe-gaat-het .field-error").count() == 1


def barrier_report_form(page) -> None:
    """The barrier form of a whole plan (not of one action)."""
    first_plan(page, "active")
    plan_id = urlsplit(page.url).path.rsplit("/", 1)[1]
    response = page.goto(f"/knelpunten/melden/{plan_id}")
    assert response is not None and response.status == 200


def mfa_enrolment(page) -> None:
    """Setting up two-step verification: the QR code and the first-code form (nothing is
    switched on until a code is confirmed)."""
    page.goto("/account/tweestapsverificatie")
    start = page.locator("form[action$='/starten'] button[type=submit]")
    if start.count():  # the first language's pass started it; the second finds it pending
        click_through(page, start)
    assert page.locator("form[action$='/bevestigen']").count() == 1


def open_survey(page, plan_id: str) -> None:
    response = page.goto(f"/vragenlijst/{plan_id}")
    assert response is not None and response.status == 200


def family_survey(page) -> None:
    """The experience survey of the family's plan (a link in invitations, not in a menu)."""
    page.goto("/ons-plan")
    own_goal = page.locator("a[href$='/eigen-doel']").first.get_attribute("href")
    open_survey(page, own_goal.split("/")[2])


def professional_survey(page) -> None:
    first_plan(page, "active")
    open_survey(page, urlsplit(page.url).path.rsplit("/", 1)[1])


def case_review_page(page) -> None:
    """The programme's review of a case pack: scrubbed texts with placeholders marked."""
    page.goto("/casusbesprekingen")
    click_through(page, page.locator("main a[href^='/casusbesprekingen/']").first)
    case = page.locator("main a[href*='/casussen/']").first.get_attribute("href")
    page.goto(f"{case}/beoordelen")


STATES: dict[str, list[Callable]] = {
    "regisseur.stadskanaal": [
        active_plan,
        closed_plan,
        professional_survey,
        goal_edit_conflict,
        intake_with_errors,
        barrier_report_form,
        directory_results,
        missing_plan,
    ],
    "professional.ggz": [active_plan, directory_results],
    "professional.wonen": [missing_plan],
    "gezin.jansen": [
        family_survey,
        withdraw_question,
        own_goal_with_errors,
        family_conflict,
        confirm_refused,
        family_score_unanswered,
    ],
    "manager.ggz": [directory_results],
    "programma": [case_review_page],
    "beheer": [mfa_enrolment],
}


def anonymous_states() -> list[tuple[str, Callable | str]]:
    def wrong_password(p) -> None:
        p.goto("/login")
        p.fill("input[name=login]", "niemand")
        p.fill("input[name=password]", "dit-is-fout")
        click_through(p, p.locator("main form:has(input[name=password]) button[type=submit]"))

    def wrong_code(p) -> None:
        p.goto("/activeren")
        p.fill("#code", "ABCD-EFGH-JKMN")
        p.fill("#login", "iemand.nieuw")
        p.fill("#password", "Een-lange-zin-als-wachtwoord")
        click_through(p, p.locator("main form button[type=submit]"))

    return [
        ("/", "/"),
        ("/login", "/login"),
        ("/activeren", "/activeren"),
        ("login, wrong password", wrong_password),
        ("activation, wrong code", wrong_code),
    ]


# --- data the sweep needs beyond the demo: a case review and a reflection session -----------


@pytest.fixture(scope="module")
def review_sessions(browser, live_server):
    """The programme plans a case review (one approved case, an experience expert and a
    professional invited, held, one lesson) and opens a reflection session."""
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, "programma")
    page.goto("/casusbesprekingen")
    page.fill("#cr-title", "Toegankelijkheid: casusbespreking")
    page.fill("#cr-description", "Voor de toegankelijkheidstest.")
    click_through(page, page.locator("form[action$='/casusbesprekingen'] button[type=submit]"))
    session_path = urlsplit(page.url).path
    assert re.search(r"/casusbesprekingen/\d+$", session_path), page.url
    click_through(page, page.locator("form[action$='/casussen'] button[type=submit]"))
    click_through(page, page.locator("a[href$='/beoordelen']").first)
    click_through(page, page.locator("form[action$='/goedkeuren'] button[type=submit]"))
    for name in ("Joke Drenth", "Sander Wubbels"):
        value = page.locator("#cr-invite option", has_text=name).get_attribute("value")
        page.select_option("#cr-invite", value)
        click_through(page, page.locator("form[action$='/deelnemers'] button[type=submit]"))
    for trigger in ("prepare", "hold"):
        click_through(page, page.locator(f"button[name=trigger][value={trigger}]"))
    page.fill("#l-title", "Vaste contactpersoon werkt")
    page.fill("#l-description", "Eén vast gezicht gaf het gezin rust en vertrouwen.")
    page.locator("input[name=effect]").first.check()
    click_through(page, page.locator("form[action$='/lessen'] button[type=submit]"))
    page.goto("/reflectie")
    click_through(page, page.locator("form[action$='/reflectie'] button[type=submit]"))
    assert re.search(r"/reflectie/\d+$", page.url), page.url
    context.close()
    return session_path


def zoom_problems(page, where: str) -> list[str]:
    """Sideways scrolling of the current page at 200% and 400% zoom: the same window, so
    half and a quarter of its CSS pixels."""
    size = page.viewport_size
    problems = []
    for zoom in ZOOMS:
        width, height = size["width"] // zoom, size["height"] // zoom
        page.set_viewport_size({"width": width, "height": height})
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll > width:
            problems.append(
                f"{where}: at {zoom * 100}% zoom scrolls sideways ({scroll}px > {width}px)"
            )
    page.set_viewport_size(size)
    return problems


def test_every_page_for_every_role_in_both_languages(browser, live_server, review_sessions):
    started = time.monotonic()
    problems: list[str] = []
    checked = 0
    checked_on: dict[str, set[str]] = {"phone": set(), "laptop": set()}

    def check(page, lang: str, label: str, action: Callable | str, device: str = "phone"):
        """Open the page (or bring about the state), then note what is wrong with it."""
        nonlocal checked
        response = None
        try:
            if callable(action):
                action(page)
            else:
                response = page.goto(action)
                status = response.status if response is not None else None
                if status != 200:
                    problems.append(f"{label}: HTTP {status}, expected 200")
                    return response
        except Exception as error:  # one broken page must not hide the others
            problems.append(f"{label}: could not be shown ({type(error).__name__}: {error})")
            return response
        problems.extend(page_problems(page, lang, label))
        if device == "laptop":
            problems.extend(zoom_problems(page, label))
        checked += 1
        checked_on[device].add(f"{label.split(']')[0]}]")
        return response

    passes = [(role, "phone") for role in [None, *ROLES]]
    passes += [(role, "laptop") for role in LAPTOP_ROLES]
    for role, device in passes:
        who = role or "anonymous"
        if device == "laptop":
            who = f"{who}, laptop"
        context = browser.new_context(
            base_url=live_server, locale="nl-NL", **(LAPTOP if device == "laptop" else PHONE)
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        for lang in LANGUAGES:
            if role is None:
                page.goto("/login")
                switch_language(page, lang)
                pages = anonymous_states()
            elif lang == LANGUAGES[0]:
                login(page, role)
                start = [urlsplit(page.url).path, "/"]
                start += local_links(page, "header a[href], main nav.portal-nav a[href]")
                switch_language(page, lang)

                def visit(url: str, page=page, lang=lang, who=who, device=device):
                    return check(page, lang, f"[{who}, {lang}] {url}", url, device)

                urls = crawl(page, start, visit)
                print(f"{who}: {', '.join(urls)}")
                pages = [(state.__name__, state) for state in STATES.get(role, [])]
            else:
                page.goto("/")
                switch_language(page, lang)
                pages = [(url, url) for url in urls]
                pages += [(state.__name__, state) for state in STATES.get(role, [])]
            for name, action in pages:
                check(page, lang, f"[{who}, {lang}] {name}", action, device)
        context.close()

    elapsed = time.monotonic() - started
    print(f"accessibility sweep: {checked} page views in {elapsed:.0f}s")
    assert checked > 100, f"only {checked} page views were checked"
    # Every role in both languages on the phone; the laptop roles on the laptop too.
    expected_phone = {f"[{r or 'anonymous'}, {lang}]" for r in [None, *ROLES] for lang in LANGUAGES}
    expected_laptop = {f"[{r}, laptop, {lang}]" for r in LAPTOP_ROLES for lang in LANGUAGES}
    assert checked_on["phone"] >= expected_phone, expected_phone - checked_on["phone"]
    assert checked_on["laptop"] >= expected_laptop, expected_laptop - checked_on["laptop"]
    assert not problems, f"{len(problems)} accessibility problems:\n" + "\n".join(problems)
