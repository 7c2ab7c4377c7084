"""After the family withdrew an organisation's consent, 'Ons plan' and the plan PDF still
name its people and steps, marked: they may no longer see the plan."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from maatwerk.core.enums import ConsentPurpose
from maatwerk.goals.operations import add_action
from maatwerk.households.operations import withdraw_consent
from maatwerk.workflow import fire_transition
from tests.portal.conftest import refresh

MEMBER_MARK = "May no longer see your plan"
STEP_MARK = "This organisation may no longer see your plan."


@pytest.fixture
def ggz_step(story, db_session):
    """A step GGZ carries, agreed by the family; then the family withdraws GGZ's consent."""
    s = story.s
    step = add_action(
        s.plan,
        description="Gesprekken over rust",
        carrier="professional",
        lead_organisation=s.ggz,
        assigned_user=s.member,
        goals=[story.second],
        actor=s.coordinator,
    )
    fire_transition(step, "agree", actor=s.family)
    db_session.commit()
    return step


def _withdraw_ggz(story, db_session) -> None:
    consent = next(
        c
        for c in story.s.household.consents
        if c.organisation_id == story.s.ggz.id and c.purpose is ConsentPurpose.PLAN_SHARING
    )
    withdraw_consent(consent, actor=story.s.family)
    db_session.commit()


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_plan_page_marks_team_and_steps_of_an_organisation_without_consent(
    story, ggz_step, as_user, db_session
):
    client = as_user(story.s.family)
    before = client.get("/ons-plan").get_data(as_text=True)
    assert MEMBER_MARK not in before and STEP_MARK not in before
    _withdraw_ggz(story, db_session)
    # The professional can no longer open the plan ...
    assert as_user(story.s.member).get(f"/werk/plannen/{story.s.plan.id}").status_code in (
        403,
        404,
    )
    # ... and the family is told so, beside the person and beside the step.
    page = client.get("/ons-plan").get_data(as_text=True)
    team = page[page.index('id="team"') : page.index('id="berichten"')]
    assert story.s.member.display_name in team
    assert team.count(MEMBER_MARK) == 1  # GGZ only, not the municipality
    assert story.s.ggz.name in team
    step = page[page.index(ggz_step.description) :]
    assert STEP_MARK in step[: step.index("</li>")]
    # The municipality's step carries no mark.
    other = page[page.index(story.step.description) :]
    assert STEP_MARK not in other[: other.index("</li>")]


def test_the_plan_page_in_dutch_says_mag_jullie_plan_niet_meer_zien(
    story, ggz_step, as_user, db_session
):
    _withdraw_ggz(story, db_session)
    page = as_user(story.s.family, lang="nl").get("/ons-plan").get_data(as_text=True)
    assert "mag jullie plan niet meer zien" in page.lower()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_plan_pdf_marks_them_too(story, ggz_step, as_user, db_session, lang):
    _withdraw_ggz(story, db_session)
    refresh(story.s.plan)
    client = as_user(story.s.family, lang=lang)
    text = _pdf_text(client.get(f"/ons-plan/{story.s.plan.id}/pdf"))
    if lang == "en":
        assert "May no longer see our plan" in text
        assert "This organisation may no longer see our plan." in text
    else:
        assert "Mag ons plan niet meer zien" in text
        assert "Deze organisatie mag ons plan niet meer zien." in text
    assert story.s.member.display_name in text  # still named: the family knows who it was
