"""Intake: a professional registers a household, its members, consents and plan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.core.enums import AreaKind, ConsentPurpose, PlanRole
from maatwerk.households.models import Household
from tests.web.helpers import assert_no_names_in_urls, text


def _area() -> Area:
    area = Area(name="Intakedorp", kind=AreaKind.MUNICIPALITY)
    db.session.add(area)
    db.session.flush()
    return area


def _form(setting, area, **overrides):
    data = {
        "reference": "HH-WEB-0001",
        "area_id": area.id,
        "referral_source": "early_signalling",
        "referred_on": "2025-01-15",
        "members-0-given_name": "Priscilla",
        "members-0-family_name": "Vandermolen",
        "members-0-date_of_birth": "1988-04-02",
        "members-0-position": "parent",
        "members-1-given_name": "Joep",
        "members-1-family_name": "Vandermolen",
        "members-1-date_of_birth": "2015-09-20",
        "members-1-position": "child",
        "members-2-given_name": "",
        "members-3-given_name": "",
        "consent_given_by": "0",
        "plan_sharing": [setting.municipality.id, setting.ggz.id],
        "learning": [setting.municipality.id],
        "workflow": "plan_standard",
    }
    data.update(overrides)
    return data


def test_the_area_picker_lists_places_at_every_depth(setting, login, db_session):
    town = _area()
    village = Area(name="Kanaaldorp", kind=AreaKind.VILLAGE, parent=town)
    hood = Area(name="Havenbuurt", kind=AreaKind.NEIGHBOURHOOD, parent=village)
    db.session.add_all([village, hood])
    db_session.commit()
    client = login(setting.coordinator)
    page = client.get("/werk/intake").get_data(as_text=True)
    assert f'<option value="{village.id}">Kanaaldorp</option>' in page
    assert f'<option value="{hood.id}">Kanaaldorp \u203a Havenbuurt</option>' in page
    response = client.post("/werk/intake", data=_form(setting, hood))
    assert response.status_code == 302, text(response)
    household = db.session.scalar(select(Household).where(Household.reference == "HH-WEB-0001"))
    assert household.area_id == hood.id


def test_intake_creates_household_members_consents_and_plan(setting, login, db_session):
    area = _area()
    db_session.commit()
    client = login(setting.coordinator)
    response = client.post("/werk/intake", data=_form(setting, area))
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/werk/plannen/")
    assert "Priscilla" not in location and "HH-WEB" not in location
    household = db.session.scalar(select(Household).where(Household.reference == "HH-WEB-0001"))
    assert household.referral_source.value == "early_signalling"
    assert household.referred_on == dt.date(2025, 1, 15)
    assert [(m.given_name, m.position.value) for m in household.members] == [
        ("Priscilla", "parent"),
        ("Joep", "child"),
    ]
    consents = {(c.organisation_id, c.purpose) for c in household.consents}
    assert consents == {
        (setting.municipality.id, ConsentPurpose.PLAN_SHARING),
        (setting.ggz.id, ConsentPurpose.PLAN_SHARING),
        (setting.municipality.id, ConsentPurpose.LEARNING),
    }
    assert all(c.given_by.given_name == "Priscilla" for c in household.consents)
    (plan,) = household.plans
    assert plan.workflow_name == "plan_standard" and plan.status == "intake"
    assert [(m.user_id, m.plan_role) for m in plan.active_team] == [
        (setting.coordinator.id, PlanRole.COORDINATOR)
    ]
    page = client.get(location)
    assert page.status_code == 200
    assert "Priscilla Vandermolen" in text(page)
    assert_no_names_in_urls(text(page), ["Priscilla", "Joep", "Vandermolen"])


def test_light_plan_variant(setting, login, db_session):
    area = _area()
    db_session.commit()
    login(setting.coordinator).post(
        "/werk/intake", data=_form(setting, area, reference="HH-WEB-L", workflow="plan_light")
    )
    household = db.session.scalar(select(Household).where(Household.reference == "HH-WEB-L"))
    assert household.plans[0].workflow_name == "plan_light"


def test_bad_intake_shows_the_messages_and_keeps_every_input(setting, login, db_session):
    area = _area()
    db_session.commit()
    data = _form(
        setting,
        area,
        reference="Familie Vandermolen",  # a name, not a code
        area_id="",
        **{
            "members-1-given_name": "",  # a row with only a family name
            "members-1-date_of_birth": "2999-01-01",
        },
    )
    response = login(setting.coordinator).post("/werk/intake", data=data)
    assert response.status_code == 422
    page = text(response)
    assert "een code, nooit een naam" in page
    assert "Vul dit in." in page
    assert "Deze datum ligt in de toekomst." in page
    # Nothing is lost: every value is in the form again.
    for value in (
        "Familie Vandermolen",
        "Priscilla",
        "1988-04-02",
        "2015-09-20" if False else "2999-01-01",
    ):
        assert value in page
    assert (
        'value="early_signalling" selected' in page or 'selected value="early_signalling"' in page
    )
    assert (
        db.session.scalar(select(Household).where(Household.reference.like("%Vandermolen%")))
        is None
    )


def test_intake_without_consent_for_my_organisation_is_refused(setting, login, db_session):
    area = _area()
    db_session.commit()
    response = login(setting.coordinator).post(
        "/werk/intake", data=_form(setting, area, plan_sharing=[setting.ggz.id], learning=[])
    )
    assert response.status_code == 422
    page = text(response)
    assert "toestemming" in page.lower()
    assert "Voeg toestemming om het plan te delen toe voor je eigen organisatie." in page
    assert "Priscilla" in page


def test_reference_in_use_is_shown_on_the_reference_field(setting, login, db_session):
    area = _area()
    db_session.commit()
    response = login(setting.coordinator).post(
        "/werk/intake", data=_form(setting, area, reference=setting.household.reference)
    )
    assert response.status_code == 422
    assert "Dit kenmerk is al in gebruik" in text(response)


def test_add_a_row_keeps_the_input_and_saves_nothing(setting, login, db_session):
    area = _area()
    db_session.commit()
    response = login(setting.coordinator).post(
        "/werk/intake", data={**_form(setting, area), "add_row": "1"}
    )
    assert response.status_code == 200
    page = text(response)
    assert 'name="members-4-given_name"' in page
    assert "Priscilla" in page
    assert db.session.scalar(select(Household).where(Household.reference == "HH-WEB-0001")) is None


def test_intake_needs_a_member(setting, login, db_session):
    area = _area()
    db_session.commit()
    data = _form(
        setting,
        area,
        **{
            "members-0-given_name": "",
            "members-0-family_name": "",
            "members-1-given_name": "",
            "members-1-family_name": "",
        },
    )
    response = login(setting.coordinator).post("/werk/intake", data=data)
    assert response.status_code == 422
    assert "Voeg minstens één gezinslid toe." in text(response)


def test_a_young_child_cannot_be_the_member_who_gave_consent(setting, login, db_session):
    area = _area()
    db_session.commit()
    six = dt.date.today() - dt.timedelta(days=6 * 366)
    data = _form(
        setting,
        area,
        reference="HH-WEB-KIND",
        consent_given_by="1",
        **{"members-1-date_of_birth": six.isoformat()},
    )
    response = login(setting.coordinator).post("/werk/intake", data=data)
    assert response.status_code == 422
    page = text(response)
    assert "16 jaar of ouder" in page
    assert db.session.scalar(select(Household).where(Household.reference == "HH-WEB-KIND")) is None


def test_a_reference_that_is_a_bsn_or_phone_number_is_refused(setting, login, db_session):
    area = _area()
    db_session.commit()
    client = login(setting.coordinator)
    for reference in ("111222333", "06-12345678"):
        response = client.post("/werk/intake", data=_form(setting, area, reference=reference))
        assert response.status_code == 422
        assert "nooit een BSN of telefoonnummer" in text(response)
        assert db.session.scalar(select(Household).where(Household.reference == reference)) is None
    client.post("/werk/intake", data=_form(setting, area, reference="HH-TEST-001"))
    response = client.post("/werk/intake", data=_form(setting, area, reference="hh-test-001"))
    assert response.status_code == 422
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(Household)
            .where(Household.reference.ilike("hh-test-001"))
        )
        == 1
    )


def test_a_birth_year_typed_wrong_is_shown_and_the_input_kept(setting, login, db_session):
    area = _area()
    db_session.commit()
    data = _form(setting, area, **{"members-0-date_of_birth": "1800-04-02"})
    response = login(setting.coordinator).post("/werk/intake", data=data)
    assert response.status_code == 422
    page = text(response)
    assert "Deze datum ligt meer dan 120 jaar terug: kijk het jaartal na." in page
    assert "1800-04-02" in page and "Priscilla" in page
    assert db.session.scalar(select(Household).where(Household.reference == "HH-WEB-0001")) is None


def test_a_bad_intake_has_an_error_summary_that_links_to_the_fields(setting, login, db_session):
    area = _area()
    db_session.commit()
    data = _form(setting, area, reference="Familie Vandermolen", area_id="")
    page = login(setting.coordinator).post("/werk/intake", data=data).get_data(as_text=True)
    summary = page[page.index("data-error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert 'href="#area_id"' in summary and 'href="#reference"' in summary
    # The summary comes before the form's first field.
    assert page.index("data-error-summary") < page.index('id="reference"')
