"""Barriers on actions, action buttons and the team, from the plan page."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.barriers.models import Barrier
from maatwerk.core.db import db
from maatwerk.goals.models import Action
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.workflow import fire_transition
from tests.web.helpers import text


def _action_in_progress(s):
    goal = add_goal(s.plan, domain="economic", title="Schuldenvrij", actor=s.family)
    action = add_action(
        s.plan,
        description="Aanmelden bij schuldhulp",
        carrier="professional",
        lead_organisation=s.municipality,
        goals=[goal],
        actor=s.coordinator,
    )
    fire_transition(action, "agree", actor=s.family)
    fire_transition(action, "start", actor=s.coordinator)
    return action


def test_report_a_barrier_escalate_it_and_block_the_action(setting, login, db_session):
    action = _action_in_progress(setting)
    db_session.commit()
    client = login(setting.coordinator)
    form = client.get(f"/werk/acties/{action.id}/knelpunt")
    assert "Markeren" not in text(form) or "Zet de actie op geblokkeerd" in text(form)
    response = client.post(
        f"/werk/acties/{action.id}/knelpunt",
        data={
            "barrier-plan_version": setting.plan.version,
            "barrier-version": action.version,
            "barrier-category": "budget",
            "barrier-rule_concerned": "Bijzondere bijstand",
            "barrier-description": "Geen budget voor een wasmachine",
            "barrier-proposed_solution": "Maatwerkbudget",
            "barrier-escalate_to": [setting.ggz.id],
            "barrier-escalate_now": "y",
            "barrier-block_action": "y",
        },
        follow_redirects=True,
    )
    page = text(response)
    assert "Het knelpunt is gemeld." in page
    barrier = db.session.scalar(select(Barrier).where(Barrier.plan_id == setting.plan.id))
    assert barrier.status == "escalated"
    assert barrier.category.value == "budget"
    assert [o.id for o in barrier.escalated_to] == [setting.ggz.id]
    assert db.session.get(Action, action.id).status == "blocked"
    assert "Geen budget voor een wasmachine" in page


def test_bad_barrier_report_keeps_the_input(setting, login, db_session):
    action = _action_in_progress(setting)
    db_session.commit()
    response = login(setting.coordinator).post(
        f"/werk/acties/{action.id}/knelpunt",
        data={
            "barrier-plan_version": setting.plan.version,
            "barrier-category": "rules",
            "barrier-rule_concerned": "Participatiewet artikel 12",
            "barrier-description": "",
            "barrier-escalate_now": "y",
        },
    )
    assert response.status_code == 422
    page = text(response)
    assert "Vul dit in." in page
    assert "Participatiewet artikel 12" in page


def test_escalating_without_organisations_is_refused_with_the_guard_message(
    setting, login, db_session
):
    action = _action_in_progress(setting)
    db_session.commit()
    response = login(setting.coordinator).post(
        f"/werk/acties/{action.id}/knelpunt",
        data={
            "barrier-plan_version": setting.plan.version,
            "barrier-category": "rules",
            "barrier-description": "Regel staat het niet toe",
            "barrier-escalate_now": "y",
        },
    )
    assert response.status_code == 422
    assert "Kies minstens één organisatie om dit knelpunt naar op te schalen." in text(response)
    assert db.session.scalar(select(Barrier).where(Barrier.plan_id == setting.plan.id)) is None


def test_item_transition_on_an_action(setting, login, db_session):
    action = _action_in_progress(setting)
    db_session.commit()
    client = login(setting.member)
    response = client.post(
        f"/werk/acties/{action.id}/overgang",
        data={
            "trigger": "complete",
            "plan_version": setting.plan.version,
            "version": action.version,
        },
        follow_redirects=True,
    )
    assert "Gedaan: Markeren als klaar." in text(response)
    assert db.session.get(Action, action.id).status == "done"


def _version(plan) -> dict[str, int]:
    """The plan version a team form carries (the version the page showed)."""
    db.session.expire_all()
    return {"plan_version": db.session.get(type(plan), plan.id).version}


def test_coordinator_adds_and_removes_a_team_member(setting, login, db_session):
    from maatwerk.core.enums import ConsentPurpose
    from maatwerk.households.operations import give_consent

    give_consent(  # only a professional whose organisation has consent joins the team
        setting.household,
        organisation=setting.outsider.organisation,
        purpose=ConsentPurpose.PLAN_SHARING,
        given_by=setting.household.members[0],
        actor=setting.coordinator,
    )
    db_session.commit()
    client = login(setting.coordinator)
    response = client.post(
        f"/werk/plannen/{setting.plan.id}/team",
        data={"team-plan_version": setting.plan.version, "team-user_id": setting.outsider.id},
        follow_redirects=True,
    )
    assert f"{setting.outsider.display_name} is nu lid van het team." in text(response)
    membership = next(m for m in setting.plan.active_team if m.user_id == setting.outsider.id)
    response = client.post(
        f"/werk/plannen/{setting.plan.id}/team/{membership.id}/einde",
        data=_version(setting.plan),
        follow_redirects=True,
    )
    assert f"{setting.outsider.display_name} is uit het team gehaald." in text(response)


def test_the_team_select_starts_with_a_placeholder_and_refuses_it_in_words(setting, login):
    client = login(setting.coordinator)
    page = client.get(f"/werk/plannen/{setting.plan.id}").get_data(as_text=True)
    select = page[page.index('name="team-user_id"') :]
    select = select[: select.index("</select>")]
    assert 'value="None"' not in select and ">None<" not in select
    assert '<option selected value="">Kies een professional</option>' in select
    # The action form's empty choices have an empty value too, and a readable label.
    assert 'value="None"' not in page
    response = client.post(
        f"/werk/plannen/{setting.plan.id}/team",
        data={"team-plan_version": setting.plan.version, "team-user_id": ""},
    )
    assert response.status_code == 422
    assert "Kies een professional." in text(response)
    assert "Geen geldige keuze" not in text(response) and "Not a valid choice" not in text(response)


def test_team_member_cannot_change_the_team(setting, login):
    membership = next(m for m in setting.plan.active_team if m.user_id == setting.member.id)
    response = login(setting.member).post(
        f"/werk/plannen/{setting.plan.id}/team/{membership.id}/einde",
        data=_version(setting.plan),
        follow_redirects=True,
    )
    assert "Alleen de regisseur kan het team veranderen." in text(response)
    assert membership.ended_at is None


def test_coordinator_hands_over_coordination_on_the_plan_page(setting, login, db_session):
    client = login(setting.coordinator)
    page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert f"Maak <bdi>{setting.member.display_name}</bdi> regisseur" in page
    membership = next(m for m in setting.plan.active_team if m.user_id == setting.member.id)
    response = client.post(
        f"/werk/plannen/{setting.plan.id}/team/{membership.id}/regisseur",
        data=_version(setting.plan),
        follow_redirects=True,
    )
    assert f"{setting.member.display_name} is nu de regisseur." in text(response)
    db_session.expire_all()
    plan = db.session.get(type(setting.plan), setting.plan.id)
    roles = {m.user_id: m.plan_role.value for m in plan.active_team}
    assert roles[setting.member.id] == "coordinator"
    assert roles[setting.coordinator.id] == "member"  # the old coordinator stays on the team
    # Now only the new coordinator may hand it on: the old one is refused and nothing changes.
    old = next(m for m in plan.active_team if m.user_id == setting.coordinator.id)
    response = client.post(
        f"/werk/plannen/{plan.id}/team/{old.id}/regisseur",
        data={"plan_version": plan.version},
        follow_redirects=True,
    )
    assert "Alleen de regisseur draagt de regie over" in text(response)
    db_session.expire_all()
    assert db.session.get(type(plan), plan.id).coordinator.id == setting.member.id


def test_handing_coordination_to_a_member_without_consent_is_refused(setting, login, db_session):
    """The outsider's organisation has no plan_sharing consent: the page says why and the
    coordinator stays the coordinator."""
    from tests.plans.flow import member_without_consent

    membership = member_without_consent(setting.plan, setting.outsider)
    db_session.commit()
    response = login(setting.coordinator).post(
        f"/werk/plannen/{setting.plan.id}/team/{membership.id}/regisseur",
        data=_version(setting.plan),
        follow_redirects=True,
    )
    assert response.status_code == 200
    page = text(response)
    assert (
        "Het gezin heeft de organisatie van deze professional geen toestemming gegeven om het "
        "plan te delen. Daarom kan deze professional geen regisseur worden." in page
    )
    assert "is nu de regisseur" not in page
    db_session.expire_all()
    plan = db.session.get(type(setting.plan), setting.plan.id)
    roles = {m.user_id: m.plan_role.value for m in plan.active_team}
    assert roles[setting.coordinator.id] == "coordinator"
    assert roles[setting.outsider.id] == "member"
