"""The barrier pages: the managers' queue and decision form, reporting and escalating,
the flexible budget page and the notifications page."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maatwerk.barriers.budget import this_year
from maatwerk.barriers.forms import parse_euros
from maatwerk.barriers.models import Barrier, BudgetGrant, FlexibleBudget
from maatwerk.notifications.reading import unread_count
from tests.barriers.conftest import escalated, fire, give_budget


def html_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def version_of(html: str, prefix: str) -> str:
    return re.search(rf'name="{prefix}-version" type="hidden" value="(\d+)"', html).group(1)


def test_the_manager_queue_shows_only_the_context_needed(d, as_user, login):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    page = login(d.manager).get("/knelpunten")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"K-{barrier_id:04d}" in html and d.s.household.reference in html
    detail = login(d.manager).get(f"/knelpunten/{barrier_id}").get_data(as_text=True)
    assert "Behandeling bij de GGZ voor [naam]" in detail  # the action, without "Anna"
    assert d.s.municipality.name in detail and d.s.ggz.name in detail
    assert 'name="decision-decision"' in detail
    assert "Rust in huis" not in detail  # the family's goal: not needed to decide
    assert login(d.other_manager).get(f"/knelpunten/{barrier_id}").status_code == 404
    # No barrier reference at all (K- followed by digits: a random CSP nonce or form token
    # in the page may hold "K-" by chance).
    elsewhere = login(d.other_manager).get("/knelpunten").get_data(as_text=True)
    assert not re.findall(r"\bK-\d{4,}", elsewhere)


def test_the_manager_decides_with_a_grant_on_the_page(d, as_user, login, db_session):
    give_budget(d.s.ggz, "400.00", d.manager)
    db_session.commit()
    barrier_id = escalated(as_user(d.s.coordinator), d)
    browser = login(d.manager)
    html = browser.get(f"/knelpunten/{barrier_id}").get_data(as_text=True)
    assert "400,00" in html  # what remains, shown with the form
    version = version_of(html, "decision")
    too_much = browser.post(
        f"/knelpunten/{barrier_id}/besluit",
        data={"decision-version": version, "decision-decision": "Ja", "decision-amount": "400.01"},
    )
    assert too_much.status_code == 409
    assert "Not enough flexible budget" in too_much.get_data(as_text=True) or "onvoldoende" in (
        too_much.get_data(as_text=True).lower()
    )
    done = browser.post(
        f"/knelpunten/{barrier_id}/besluit",
        data={
            "decision-version": version,
            "decision-decision": "Akkoord",
            "decision-amount": "150",
        },
    )
    assert done.status_code == 302
    db_session.expire_all()
    barrier = db_session.get(Barrier, barrier_id)
    assert barrier.status == "resolved" and str(barrier.amount_granted) == "150.00"
    assert db_session.query(BudgetGrant).one().amount_cents == 15000


def test_a_grant_beyond_what_remains_is_refused_in_the_users_language(
    d, as_user, login, db_session
):
    give_budget(d.s.ggz, "1000.50", d.manager)
    db_session.commit()
    barrier_id = escalated(as_user(d.s.coordinator), d)
    browser = login(d.manager)
    html = browser.get(f"/knelpunten/{barrier_id}").get_data(as_text=True)
    too_much = browser.post(
        f"/knelpunten/{barrier_id}/besluit",
        data={
            "decision-version": version_of(html, "decision"),
            "decision-decision": "Ja",
            "decision-amount": "2000",
        },
    )
    assert too_much.status_code == 409
    page = html_text(too_much)
    assert "onvoldoende maatwerkbudget over voor deze toekenning." in page
    assert "Meer dan er over is (€ 1.000,50)." in page
    assert (
        "More than remains" not in page
    )  # the API's field message (tests/barriers/test_budget.py)


def test_a_stale_decision_form_is_refused(d, as_user, login):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    browser = login(d.manager)
    response = browser.post(
        f"/knelpunten/{barrier_id}/besluit",
        data={"decision-version": "999", "decision-decision": "Ja"},
    )
    assert response.status_code == 409
    assert as_user(d.manager).get(f"/api/v1/barriers/{barrier_id}").get_json()["status"] == (
        "escalated"
    )
    empty = browser.post(
        f"/knelpunten/{barrier_id}/besluit", data={"decision-version": "1", "decision-decision": ""}
    )
    assert empty.status_code == 400


def test_the_team_reports_and_escalates_on_the_pages(d, login, db_session):
    browser = login(d.s.coordinator)
    form = browser.get(f"/knelpunten/melden/{d.s.plan.id}?action={d.action.id}")
    assert form.status_code == 200
    response = browser.post(
        f"/knelpunten/melden/{d.s.plan.id}",
        data={
            "barrier-category": "rules",
            "barrier-description": "De regeling past niet",
            "barrier-rule_concerned": "Participatiewet",
            "barrier-action_id": str(d.action.id),
            "barrier-block_action": "y",
            "barrier-organisations": [str(d.s.ggz.id)],
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    barrier = db_session.query(Barrier).one()
    assert (barrier.status, barrier.action_id) == ("reported", d.action.id)
    assert barrier.action.status == "blocked"
    html = browser.get(f"/knelpunten/{barrier.id}").get_data(as_text=True)
    escalate = browser.post(
        f"/knelpunten/{barrier.id}/stap",
        data={
            "trigger": "escalate",
            "escalate-trigger": "escalate",
            "escalate-version": version_of(html, "escalate"),
            "escalate-organisations": [str(d.s.ggz.id)],
        },
    )
    assert escalate.status_code == 302
    db_session.expire_all()
    assert db_session.get(Barrier, barrier.id).status == "escalated"
    assert unread_count(d.manager) == 1
    bad = browser.post(f"/knelpunten/melden/{d.s.plan.id}", data={"barrier-category": "rules"})
    assert bad.status_code == 400
    assert login(d.s.outsider).get(f"/knelpunten/melden/{d.s.plan.id}").status_code == 404


def test_family_accounts_use_their_portal(d, login):
    assert login(d.s.family).get("/knelpunten").status_code == 403


def test_budget_page_sets_and_changes_the_amount(d, login, db_session):
    browser = login(d.manager)
    assert browser.get("/maatwerkbudget").status_code == 200
    data = {
        "budget-organisation_id": str(d.s.ggz.id),
        "budget-year": str(this_year()),
        "budget-amount": "750.00",
    }
    assert browser.post("/maatwerkbudget", data=data).status_code == 302
    seen = hidden_value(browser.get("/maatwerkbudget"), "budget-seen")
    changed = browser.post(
        "/maatwerkbudget", data={**data, "budget-amount": "800", "budget-seen": seen}
    )
    assert changed.status_code == 302
    budget = db_session.query(FlexibleBudget).one()
    assert budget.available_cents == 80000
    foreign = browser.post(
        "/maatwerkbudget", data={**data, "budget-organisation_id": str(d.other_org.id)}
    )
    assert foreign.status_code == 400  # not one of the manager's choices
    html = browser.get(f"/maatwerkbudget?budget={budget.id}").get_data(as_text=True)
    assert "800,00" in html
    assert login(d.other_manager).get(f"/maatwerkbudget?budget={budget.id}").status_code == 404
    assert login(d.s.coordinator).get("/maatwerkbudget").status_code == 403
    programme = login(d.programme)
    assert (
        programme.post(
            "/maatwerkbudget", data={**data, "budget-organisation_id": str(d.other_org.id)}
        ).status_code
        == 302
    )


def test_notifications_page_badge_and_marking_read(d, as_user, login):
    first = escalated(as_user(d.s.coordinator), d)
    escalated(as_user(d.s.coordinator), d)
    browser = login(d.manager)
    html = browser.get("/meldingen").get_data(as_text=True)
    assert html.count('class="card unread"') == 2
    assert f"K-{first:04d}" in html
    for word in ("Anna", d.s.household.reference):
        assert word not in html
    notification_id = re.findall(r"/meldingen/(\d+)/openen", html)[-1]
    opened = browser.post(f"/meldingen/{notification_id}/openen")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/knelpunten/{first}")
    assert unread_count(d.manager) == 1
    assert login(d.colleague).post(f"/meldingen/{notification_id}/openen").status_code == 404
    assert browser.post("/meldingen/gelezen").status_code == 302
    assert unread_count(d.manager) == 0


def test_a_decision_sent_after_the_barrier_was_decided_says_so_and_keeps_the_text(
    d, as_user, login, db_session
):
    """A double click on 'Record the decision', or a tab left open while a colleague
    decided: a clear message and the text typed, not an empty 409."""
    barrier_id = escalated(as_user(d.s.coordinator), d)
    browser = login(d.manager)
    version = version_of(
        browser.get(f"/knelpunten/{barrier_id}").get_data(as_text=True), "decision"
    )
    data = {"decision-version": version, "decision-decision": "Akkoord, tijdelijk verlengen"}
    assert browser.post(f"/knelpunten/{barrier_id}/besluit", data=data).status_code == 302
    colleague = login(d.colleague)
    data = {"decision-version": version, "decision-decision": "Mijn eigen afweging: nee"}
    again = colleague.post(f"/knelpunten/{barrier_id}/besluit", data=data)
    assert again.status_code == 409
    page = html_text(again)
    assert "al een besluit genomen" in page or "al besloten" in page
    assert "Mijn eigen afweging: nee" in page
    db_session.expire_all()
    assert db_session.get(Barrier, barrier_id).decision == "Akkoord, tijdelijk verlengen"


@pytest.mark.parametrize(
    "typed", ["1000,50", "1.000,50", "1000.50", "€ 1.000,50", "1,000.50", "1 000,50"]
)
def test_amounts_are_typed_the_dutch_way(d, login, db_session, typed):
    browser = login(d.manager)
    data = {
        "budget-organisation_id": str(d.s.ggz.id),
        "budget-year": str(this_year()),
        "budget-amount": typed,
    }
    response = browser.post("/maatwerkbudget", data=data)
    assert response.status_code == 302, html_text(response)
    assert db_session.query(FlexibleBudget).one().available_cents == 100050


def test_an_amount_out_of_range_or_not_an_amount_gets_one_dutch_message(d, as_user, login):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    give_budget(d.s.ggz, "400.00", d.manager)
    from maatwerk.core.db import db

    db.session.commit()
    browser = login(d.manager)
    version = version_of(
        browser.get(f"/knelpunten/{barrier_id}").get_data(as_text=True), "decision"
    )
    data = {"decision-version": version, "decision-decision": "Ja"}
    too_much = browser.post(
        f"/knelpunten/{barrier_id}/besluit", data={**data, "decision-amount": "20.000.000,00"}
    )
    assert too_much.status_code == 400
    page = html_text(too_much)
    assert "Vul een bedrag in van € 0,01 tot € 10.000.000,00." in page
    assert "Ongeldige decimale waarde" not in page and "Nummer moet" not in page
    nonsense = browser.post(
        f"/knelpunten/{barrier_id}/besluit", data={**data, "decision-amount": "tien"}
    )
    page = html_text(nonsense)
    assert nonsense.status_code == 400 and "Vul een bedrag in euro's in" in page
    assert "Vul een bedrag in van" not in page and "Ongeldige decimale waarde" not in page


def test_the_manager_hears_that_the_family_plan_ended(d, as_user, login, db_session):
    import datetime as dt

    barrier_id = escalated(as_user(d.s.coordinator), d)
    api = as_user(d.manager)
    assert api.get(f"/api/v1/barriers/{barrier_id}").get_json()["context"]["planClosed"] is False
    assert "plan van het gezin is afgelopen" not in html_text(login(d.manager).get("/knelpunten"))
    d.s.plan.closed_at = dt.datetime.now(dt.UTC)  # the plan ended with the barrier still open
    db_session.commit()
    assert api.get(f"/api/v1/barriers/{barrier_id}").get_json()["context"]["planClosed"] is True
    queue = html_text(login(d.manager).get("/knelpunten"))
    assert f"K-{barrier_id:04d}" in queue and "Het plan van het gezin is afgelopen." in queue
    detail = html_text(login(d.manager).get(f"/knelpunten/{barrier_id}"))
    assert "Een besluit verandert hun plan niet meer" in detail
    assert 'name="decision-decision"' in detail  # it can still be settled


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1.000", 100000),
        ("1,000", 100000),
        ("12,5", 1250),
        ("0.5", 50),
        ("1.000.000,25", 100000025),
    ],
)
def test_a_separator_before_three_digits_groups_thousands(typed, cents):
    """Euros have two decimals: 1.000 and 1,000 are a thousand on any page."""
    assert parse_euros(typed) * 100 == cents


@pytest.mark.parametrize(
    "typed", ["0.001", "0,001", "1.000,000", "1000,505", "01.000", "1e3", "-5"]
)
def test_an_amount_that_is_not_one_is_refused_never_rounded(typed):
    with pytest.raises(ValueError):
        parse_euros(typed)


@given(cents=st.integers(min_value=0, max_value=10**9))
def test_every_amount_reads_back_as_written_dutch_or_english(cents):
    euros, rest = divmod(cents, 100)
    dutch = f"{euros:,}".replace(",", ".") + f",{rest:02d}"
    english = f"{euros:,}.{rest:02d}"
    assert parse_euros(dutch) * 100 == cents == parse_euros(english) * 100


def test_amount_fields_are_text_so_the_browser_keeps_what_was_typed(d, login):
    page = login(d.manager).get("/maatwerkbudget").get_data(as_text=True)
    field = re.search(r"<input[^>]*name=\"budget-amount\"[^>]*>", page).group(0)
    assert 'type="text"' in field and 'inputmode="decimal"' in field


def hidden_value(response, name: str) -> str:
    found = re.search(
        rf'name="{name}" type="hidden" value="([^"]*)"', response.get_data(as_text=True)
    )
    if found is None:
        found = re.search(
            rf'type="hidden" name="{name}" value="([^"]*)"', response.get_data(as_text=True)
        )
    return html.unescape(found.group(1)) if found else ""


def test_a_budget_set_meanwhile_is_not_overwritten_unseen(d, login, db_session):
    """Two people open the budget page; the first sets GGZ's amount, the second (whose page
    showed no budget, or an older one) is told what it is now and keeps what they typed."""
    first, second = login(d.manager), login(d.programme)
    data = {"budget-organisation_id": str(d.s.ggz.id), "budget-year": str(this_year())}
    seen_first = hidden_value(first.get("/maatwerkbudget"), "budget-seen")
    seen_second = hidden_value(second.get("/maatwerkbudget"), "budget-seen")
    saved = first.post(
        "/maatwerkbudget", data={**data, "budget-amount": "2.000", "budget-seen": seen_first}
    )
    assert saved.status_code == 302
    late = second.post(
        "/maatwerkbudget", data={**data, "budget-amount": "1.500", "budget-seen": seen_second}
    )
    assert late.status_code == 409
    page = html_text(late)
    assert "Iemand anders heeft dit budget net vastgesteld: het is nu € 2.000,00." in page
    assert 'value="1.500"' in page  # what was typed stays in the form
    db_session.expire_all()
    assert db_session.query(FlexibleBudget).one().available_cents == 200000
    # Seen now, it can be saved on purpose; a page shown before the first change cannot.
    seen_now = hidden_value(late, "budget-seen")
    again = second.post(
        "/maatwerkbudget", data={**data, "budget-amount": "1.500", "budget-seen": seen_now}
    )
    assert again.status_code == 302
    stale = first.post(
        "/maatwerkbudget", data={**data, "budget-amount": "3.000", "budget-seen": seen_first}
    )
    assert stale.status_code == 409
    db_session.expire_all()
    assert db_session.query(FlexibleBudget).one().available_cents == 150000


def test_a_grant_meanwhile_is_no_reason_to_refuse_a_new_yearly_amount(d, as_user, login):
    """A grant changes what remains, not the yearly amount the page showed."""
    from maatwerk.core.db import db

    give_budget(d.s.ggz, "1000.00", d.manager)
    db.session.commit()
    programme = login(d.programme)
    seen = hidden_value(programme.get("/maatwerkbudget"), "budget-seen")
    barrier_id = escalated(as_user(d.s.coordinator), d)
    granted = fire(as_user(d.manager), barrier_id, "decide", "Ja", amountGranted="100.00")
    assert granted.status_code == 200, granted.get_json()
    data = {
        "budget-organisation_id": str(d.s.ggz.id),
        "budget-year": str(this_year()),
        "budget-amount": "1.200",
        "budget-seen": seen,
    }
    assert programme.post("/maatwerkbudget", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.query(FlexibleBudget).one().available_cents == 120000
