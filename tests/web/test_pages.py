"""Every professional page renders for the roles that use it, and only for them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from maatwerk.accounts.models import UserSession
from maatwerk.accounts.operations import create_user
from maatwerk.accounts.visits import last_dashboard_visit
from maatwerk.barriers.operations import report_barrier
from maatwerk.core.db import utcnow
from maatwerk.core.enums import ConsentPurpose, Role
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.households.operations import withdraw_consent
from maatwerk.workflow import fire_transition
from tests.web.conftest import PASSWORD
from tests.web.helpers import assert_no_names_in_urls, text


def _fill(s):
    """Goals, an overdue action and a barrier escalated to the GGZ."""
    fire_transition(s.plan, "start_exploration", actor=s.coordinator)
    goal = add_goal(s.plan, domain="economic", title="Schuldenvrij leven", actor=s.family)
    action = add_action(
        s.plan,
        description="Schulden op een rij zetten",
        carrier="professional",
        lead_organisation=s.municipality,
        participating=[s.ggz],
        goals=[goal],
        due_date=dt.date.today() - dt.timedelta(days=3),
        actor=s.coordinator,
    )
    barrier = report_barrier(
        s.plan,
        category="waiting_list",
        description="Wachtlijst schuldhulp van vier maanden",
        rule_concerned="Toegangsregels schuldhulp",
        action=action,
        escalate_to=[s.ggz],
        actor=s.coordinator,
    )
    fire_transition(barrier, "escalate", actor=s.coordinator)
    return goal, action, barrier


def test_anonymous_users_are_sent_to_the_login(client, setting):
    for url in ("/werk", "/werk/intake", f"/werk/plannen/{setting.plan.id}", "/sociale-kaart"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


def test_dashboard_shows_my_plans_overdue_actions_and_barriers(setting, login, db_session):
    _fill(setting)
    db_session.commit()
    page = text(login(setting.coordinator).get("/werk"))
    assert "Mijn plannen per status" in page
    assert "Verkennen" in page  # the plan's status, counted
    assert f"Plan {setting.household.reference}" in page
    assert "Schulden op een rij zetten" in page  # overdue
    assert "Acties over de datum" in page
    assert "Wachtlijst schuldhulp" in page  # open barrier on my plan


def test_home_is_the_dashboard_for_professionals(setting, login):
    page = text(login(setting.coordinator).get("/"))
    assert "Mijn werk" in page
    assert f"Plan {setting.household.reference}" in page


def test_dashboard_lists_what_others_changed_since_the_previous_visit(setting, login, db_session):
    client = login(setting.coordinator)
    first = text(client.get("/werk"))  # no previous visit yet: the last two weeks
    assert "Veranderingen door anderen in de afgelopen twee weken" in first
    assert last_dashboard_visit(setting.coordinator.id) is not None
    add_goal(setting.plan, domain="social", title="Vaker de deur uit", actor=setting.family)
    db_session.commit()
    page = text(client.get("/werk"))
    assert "Veranderd sinds je vorige bezoek" in page
    assert "Er is een doel toegevoegd" in page
    assert "Veranderingen door anderen sinds" in page
    # Seen once, it is not new again: not on the next visit, nor after logging in again
    # (counted from the previous login, it would be).
    assert "Er is een doel toegevoegd" not in text(client.get("/werk"))
    client.post("/logout")
    # Session rows this old are purged at the next login; the visit is kept apart from them.
    coordinator_sessions = UserSession.user_id == setting.coordinator.id
    db_session.execute(
        update(UserSession)
        .where(coordinator_sessions)
        .values(created_at=utcnow() - dt.timedelta(days=3))
    )
    db_session.commit()
    # Someone else's login purges them too: the visit is not on the session rows.
    login(setting.family)
    assert not db_session.scalars(select(UserSession).where(coordinator_sessions)).all()
    client = login(setting.coordinator)
    page = text(client.get("/"))
    assert "Er is een doel toegevoegd" not in page
    assert "Er is niets veranderd." in page
    # A change after that visit is new.
    add_goal(setting.plan, domain="mental", title="Beter slapen", actor=setting.family)
    db_session.commit()
    assert "Er is een doel toegevoegd" in text(client.get("/werk"))


def test_dashboard_names_the_item_and_counts_the_familys_new_messages(setting, login, db_session):
    from maatwerk.goals.operations import add_action
    from maatwerk.plans.operations import add_comment
    from maatwerk.workflow import fire_transition

    goal = add_goal(setting.plan, domain="economic", title="Schuldenvrij", actor=setting.family)
    action = add_action(
        setting.plan,
        description="Samen met de schuldhulp alle brieven en rekeningen van dit jaar op een rij",
        carrier="professional",
        lead_organisation=setting.municipality,
        goals=[goal],
        actor=setting.coordinator,
    )
    add_comment(setting.plan, "Mijn eigen bericht", actor=setting.coordinator)
    db_session.commit()
    client = login(setting.coordinator)
    client.get("/werk")  # the previous visit
    fire_transition(action, "agree", actor=setting.family)
    add_comment(setting.plan, "Wij gaan akkoord", actor=setting.family)
    add_comment(setting.plan, "Wanneer komt u langs?", actor=setting.family)
    add_comment(setting.plan, "Ik kom dinsdag", actor=setting.coordinator)  # my own: not new
    db_session.commit()
    page = text(client.get("/werk"))
    changed = page[page.index("Veranderd sinds je vorige bezoek") :]
    changed = changed[: changed.index("</section>")]
    assert "2 nieuwe berichten" in changed
    assert "Actie “Samen met de schuldhulp alle brieven en rekeningen van dit…”: " in changed
    assert "Er is een doel toegevoegd" not in changed  # before the previous visit
    # A goal added by the family is named too.
    add_goal(setting.plan, domain="social", title="Vaker de deur uit", actor=setting.family)
    db_session.commit()
    page = text(client.get("/werk"))
    assert "Er is een doel toegevoegd: “Vaker de deur uit”" in page
    assert "nieuwe bericht" not in page


def test_manager_sees_barriers_escalated_to_the_organisation(setting, login, db_session):
    _fill(setting)
    manager = create_user(
        login="manager.ggz.test",
        display_name="Mia Manager",
        role=Role.MANAGER,
        password=PASSWORD,
        organisation=setting.ggz,
    )
    db_session.commit()
    client = login(manager)
    page = text(client.get("/werk"))
    assert "Knelpunten die teams hebben opgeschaald naar" in page
    assert "Wachtlijst schuldhulp van vier maanden" in page
    assert "Toegangsregels schuldhulp" in page
    # Only the context needed to decide: no link into the plan, no member names.
    assert f"/werk/plannen/{setting.plan.id}" not in page
    assert "Anna" not in page
    assert client.get(f"/werk/plannen/{setting.plan.id}").status_code == 404


def test_plan_page_shows_goals_actions_team_and_history(setting, login, db_session):
    _fill(setting)
    db_session.commit()
    response = login(setting.coordinator).get(f"/werk/plannen/{setting.plan.id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = text(response)
    assert "Geld en werk" in page and "Schuldenvrij leven" in page
    assert "Schulden op een rij zetten" in page
    assert setting.municipality.name in page and setting.ggz.name in page
    assert "Over de datum" in page  # the overdue marker
    assert "Wachtlijst" in page and "Opgeschaald" in page
    assert "Het team" in page and "Regisseur" in page
    assert "Geschiedenis: wat er veranderde" in page
    assert "Er is een doel toegevoegd" in page
    assert "Anna Test" in page  # the team sees the household's members


def test_team_member_sees_the_plan_without_coordinator_controls(setting, login, db_session):
    _fill(setting)
    db_session.commit()
    page = text(login(setting.member).get(f"/werk/plannen/{setting.plan.id}"))
    assert "Schuldenvrij leven" in page
    assert "Een professional aan het team toevoegen" not in page
    assert "uit het team halen" not in page


def test_forms_of_goals_actions_and_barriers_render(setting, login, db_session):
    proposal = add_goal(setting.plan, domain="mental", title="Rust", actor=setting.coordinator)
    _goal, action, _barrier = _fill(setting)
    db_session.commit()
    client = login(setting.coordinator)
    for url, expected in (
        (f"/werk/doelen/{proposal.id}/bewerken", "Een voorstel voor een doel veranderen"),
        (f"/werk/acties/{action.id}/bewerken", "Een actie veranderen"),
        (f"/werk/acties/{action.id}/knelpunt", "Knelpunt melden"),
        ("/werk/intake", "Een nieuw huishouden inschrijven"),
        ("/sociale-kaart", "Sociale kaart"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in text(response), url


def test_plan_of_another_organisation_is_a_404_page(setting, login):
    client = login(setting.outsider)
    response = client.get(f"/werk/plannen/{setting.plan.id}")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text(response)
    assert client.get("/werk/plannen/999999").status_code == 404


def test_plan_disappears_after_consent_withdrawal(setting, login, db_session):
    client = login(setting.member)
    assert client.get(f"/werk/plannen/{setting.plan.id}").status_code == 200
    consent = next(
        c
        for c in setting.household.consents
        if c.organisation_id == setting.ggz.id and c.purpose is ConsentPurpose.PLAN_SHARING
    )
    withdraw_consent(consent, actor=setting.family)
    db_session.commit()
    response = client.get(f"/werk/plannen/{setting.plan.id}")
    assert response.status_code == 404
    assert "Anna" not in text(response)
    assert f"Plan {setting.household.reference}" not in text(client.get("/werk"))


def test_family_and_other_roles_cannot_use_the_professional_pages(setting, login, db_session):
    family = login(setting.family)
    assert family.get("/werk").status_code == 403
    assert family.get(f"/werk/plannen/{setting.plan.id}").status_code == 403
    programme = create_user(
        login="programma.test", display_name="P", role=Role.PROGRAMME, password=PASSWORD
    )
    db_session.commit()
    assert login(programme).get("/werk").status_code == 403
    # The manager may use the dashboard but registers no households.
    manager = create_user(
        login="manager.test",
        display_name="M",
        role=Role.MANAGER,
        password=PASSWORD,
        organisation=setting.ggz,
    )
    db_session.commit()
    assert login(manager).get("/werk/intake").status_code == 403


def test_no_personal_data_in_any_url_of_the_pages(setting, login, db_session):
    goal, action, _barrier = _fill(setting)
    proposal = add_goal(setting.plan, domain="mental", title="Rust", actor=setting.coordinator)
    db_session.commit()
    client = login(setting.coordinator)
    names = [m.given_name for m in setting.household.members] + [
        m.full_name for m in setting.household.members
    ]
    names += [setting.household.reference, goal.title, "Schulden"]
    for url in (
        "/werk",
        "/",
        f"/werk/plannen/{setting.plan.id}",
        f"/werk/doelen/{proposal.id}/bewerken",
        f"/werk/acties/{action.id}/bewerken",
        f"/werk/acties/{action.id}/knelpunt",
        "/werk/intake",
        "/sociale-kaart?q=schuld",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_names_in_urls(text(response), names)


def test_unknown_page_is_an_html_404_but_the_api_keeps_problem_json(client, db_session):
    page = client.get("/bestaat-niet")
    assert page.status_code == 404
    assert page.mimetype == "text/html"
    api = client.get("/api/v1/bestaat-niet")
    assert api.status_code == 404
    assert api.mimetype == "application/problem+json"


def test_plan_page_links_the_familys_plan_pdf_in_the_pages_language(setting, login, db_session):
    """A professional prints the family's plan from the plan page (the family's PDF, through
    the API with the browser session); the changes form once the family confirmed."""
    _fill(setting)
    db_session.commit()
    client = login(setting.coordinator, lang="en")
    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    link = f"/api/v1/plans/{setting.plan.id}/pdf?language=en"
    assert f'href="{link}"' in page
    assert "form=changes" not in page  # not confirmed: nothing to compare with
    response = client.get(link)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    outsider = login(setting.outsider)
    assert outsider.get(link).status_code == 404
