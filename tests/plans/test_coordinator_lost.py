"""When the coordinator can no longer see the plan (the family withdrew their organisation's
consent, or their account was closed), a team member who can see it takes coordination
over; until then only the coordinator hands it over. The family is told before withdrawing."""

from __future__ import annotations

import pytest

from maatwerk.core.enums import ConsentPurpose
from maatwerk.core.errors import Conflict, Forbidden
from maatwerk.households.operations import withdraw_consent
from maatwerk.plans.access import coordinator_can_coordinate
from maatwerk.plans.operations import change_coordinator
from tests.conftest import browser_login
from tests.plans.flow import make_setting, member_without_consent
from tests.web.helpers import hidden


@pytest.fixture
def setting(db_session):
    s = make_setting()
    db_session.commit()
    return s


def _withdraw_coordinator_consent(s) -> None:
    consent = next(
        c
        for c in s.household.consents
        if c.organisation_id == s.municipality.id and c.purpose is ConsentPurpose.PLAN_SHARING
    )
    withdraw_consent(consent, actor=s.family)


def test_a_team_member_may_not_take_over_from_a_coordinator_who_sees_the_plan(setting):
    assert coordinator_can_coordinate(setting.plan)
    with pytest.raises(Forbidden):
        change_coordinator(setting.plan, setting.member, actor=setting.member)


def test_after_the_coordinators_consent_is_withdrawn_a_member_takes_over(setting, db_session):
    _withdraw_coordinator_consent(setting)
    db_session.commit()
    assert not coordinator_can_coordinate(setting.plan)
    membership = change_coordinator(setting.plan, setting.member, actor=setting.member)
    db_session.commit()
    assert membership.user_id == setting.member.id
    assert setting.plan.coordinator.id == setting.member.id
    assert coordinator_can_coordinate(setting.plan)


def test_a_closed_coordinator_account_lets_a_member_take_over(setting, db_session):
    setting.coordinator.active = False
    db_session.commit()
    change_coordinator(setting.plan, setting.member, actor=setting.member)
    assert setting.plan.coordinator.id == setting.member.id


def test_an_outsider_cannot_take_over(setting, db_session):
    _withdraw_coordinator_consent(setting)
    db_session.commit()
    with pytest.raises(Forbidden):
        change_coordinator(setting.plan, setting.outsider, actor=setting.outsider)


def test_the_plan_page_offers_the_take_over_and_it_works(setting, app, db_session):
    client = browser_login(app, setting.member)
    page = client.get(f"/werk/plannen/{setting.plan.id}").get_data(as_text=True)
    assert "Regie overnemen" not in page
    _withdraw_coordinator_consent(setting)
    db_session.commit()
    page = client.get(f"/werk/plannen/{setting.plan.id}").get_data(as_text=True)
    assert "De regisseur kan dit plan niet meer zien" in page
    assert "Regie overnemen" in page
    mine = next(m for m in setting.plan.active_team if m.user_id == setting.member.id)
    answer = client.post(
        f"/werk/plannen/{setting.plan.id}/team/{mine.id}/regisseur",
        data={"plan_version": hidden(page, "plan_version")},
    )
    assert answer.status_code == 302
    db_session.expire_all()
    assert setting.plan.coordinator.id == setting.member.id


def test_the_family_is_told_before_withdrawing_the_coordinators_consent(setting, app, db_session):
    consent = next(
        c
        for c in setting.household.consents
        if c.organisation_id == setting.municipality.id and c.purpose is ConsentPurpose.PLAN_SHARING
    )
    client = browser_login(app, setting.family)
    page = client.post(
        "/ons-plan/toestemming/intrekken",
        data={"consent_id": consent.id, "consent_version": consent.version},
    ).get_data(as_text=True)
    assert "regisseur" in page.lower()
    assert setting.coordinator.display_name in page
    assert consent.is_active()  # only asked, nothing withdrawn


def test_a_take_over_on_an_outdated_plan_waits_and_is_refused(setting, db_session):
    """Two members taking over at once: the second one's change is based on the version it
    read, and the plan is locked at that version first (PostgreSQL waits on the row lock,
    SQLite on its write lock): a newer version refuses it, nothing changes."""
    from sqlalchemy import update

    from maatwerk.plans.models import Plan
    from maatwerk.plans.revisions import StaleVersion

    _withdraw_coordinator_consent(setting)
    db_session.commit()
    read_at = setting.plan.version
    # Someone else's change commits first (not through this session's objects).
    db_session.execute(
        update(Plan).where(Plan.id == setting.plan.id).values(version=Plan.version + 1),
        execution_options={"synchronize_session": False},
    )
    assert setting.plan.version == read_at
    with pytest.raises(StaleVersion):
        change_coordinator(setting.plan, setting.member, actor=setting.member)


def test_a_closed_account_cannot_become_coordinator_and_gets_no_button(setting, app, db_session):
    setting.member.active = False
    db_session.commit()
    with pytest.raises(Conflict):
        change_coordinator(setting.plan, setting.member, actor=setting.coordinator)
    db_session.rollback()
    # A team member whose organisation has no consent gets no "make coordinator" button.
    setting.member.active = True
    member_without_consent(setting.plan, setting.outsider)
    _withdraw_coordinator_consent(setting)
    db_session.commit()
    page = browser_login(app, setting.member).get(f"/werk/plannen/{setting.plan.id}")
    html = page.get_data(as_text=True)
    assert "Regie overnemen" in html
    assert setting.outsider.display_name in html  # on the team
    assert f"Maak {setting.outsider.display_name} regisseur" not in html


def test_the_team_list_marks_a_member_who_cannot_see_the_plan(setting, app, db_session):
    """A professional whose organisation has no consent stays on the team unable to see the
    plan: the coordinator reads why, and is not offered them to carry an action."""
    member_without_consent(setting.plan, setting.outsider)
    db_session.commit()
    page = browser_login(app, setting.coordinator).get(f"/werk/plannen/{setting.plan.id}")
    text = page.get_data(as_text=True)
    assert (
        "kan dit plan niet zien: het gezin heeft deze organisatie geen toestemming gegeven" in text
    )
    assert text.count("kan dit plan niet zien") == 1  # the outsider only
    assigned = text.split('name="action-assigned_user_id"', 1)[1].split("</select>", 1)[0]
    assert f'value="{setting.member.id}"' in assigned
    assert f'value="{setting.outsider.id}"' not in assigned
