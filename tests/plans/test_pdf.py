"""The family's plan PDF and the 'what changed' PDF, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import pytest
from flask import has_request_context
from pypdf import PdfReader
from reportlab.graphics.barcode import qr

from maatwerk.core.enums import Carrier, Domain, MemberPosition
from maatwerk.goals.models import Goal
from maatwerk.goals.operations import add_action, add_goal, update_goal
from maatwerk.households.operations import add_member
from maatwerk.plans.operations import set_priorities
from maatwerk.plans.pdf import build_changes_pdf, build_plan_pdf
from maatwerk.plans.pdf_labels import LABELS
from maatwerk.workflow import fire_transition
from tests.plans.flow import Setting, make_setting

PORTAL = "https://maatwerk.example.org/portaal/ons-plan"
TODAY = dt.date(2026, 5, 12)


@dataclass
class Story:
    s: Setting
    money: Goal
    friends: Goal
    sleep: Goal
    proposal: Goal


def make_story() -> Story:
    """A plan ready to confirm: three ranked goals (rank order is neither alphabetical nor
    creation order), actions under two of them, a proposal, a team with contact details,
    and a child whose family name and date of birth must never be printed."""
    s = make_setting()
    s.household.members[0].family_name = "Zwartkruis"
    add_member(
        s.household,
        given_name="Bram",
        family_name="Zwartkruis",
        position=MemberPosition.CHILD,
        date_of_birth=dt.date(2015, 3, 14),
        actor=s.coordinator,
    )
    s.coordinator.display_name, s.coordinator.email = "Marieke Hofstede", "regie@gemeente.nl"
    s.coordinator.phone = "0599 123 456"
    s.member.display_name, s.member.email = "Sanne Bakker", "sanne@ggz.nl"
    fire_transition(s.plan, "start_exploration", actor=s.coordinator)
    money = add_goal(
        s.plan,
        domain=Domain.ECONOMIC,
        title="Zebra: schulden weg",
        why_it_matters="Dan slapen we weer rustig.",
        strengths="Wij houden vol.",
        actor=s.family,
    )
    friends = add_goal(s.plan, domain=Domain.SOCIAL, title="Appel: nieuwe vrienden", actor=s.family)
    sleep = add_goal(s.plan, domain=Domain.MENTAL, title="Middel: beter slapen", actor=s.family)
    fire_transition(s.plan, "start_prioritising", actor=s.coordinator)
    set_priorities(s.plan, [money, sleep, friends], actor=s.family)
    action = add_action(
        s.plan,
        description="Aanmelden bij schuldhulp",
        carrier=Carrier.PROFESSIONAL,
        goals=[money],
        lead_organisation=s.municipality,
        participating=[s.ggz],
        assigned_user=s.member,
        due_date=dt.date(2027, 1, 31),
        actor=s.member,
    )
    fire_transition(action, "agree", actor=s.family)
    add_action(
        s.plan,
        description="Samen naar de buurtkamer",
        carrier=Carrier.NETWORK,
        goals=[friends],
        due_date=dt.date(2026, 9, 1),
        actor=s.family,
    )
    proposal = add_goal(s.plan, domain=Domain.CULTURAL, title="Taalcursus volgen", actor=s.member)
    return Story(s, money, friends, sleep, proposal)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def plan_pdf(story: Story, language: str = "nl") -> bytes:
    return build_plan_pdf(story.s.plan, portal_url=PORTAL, generated_on=TODAY, language=language)


def changes_pdf(story: Story, language: str = "nl") -> bytes:
    return build_changes_pdf(story.s.plan, portal_url=PORTAL, generated_on=TODAY, language=language)


def test_priorities_first_in_the_familys_order(db_session):
    story = make_story()
    text = pdf_text(plan_pdf(story))
    assert text.startswith("Ons plan")
    positions = [
        text.index(t)
        for t in (
            "Wat wij het belangrijkst vinden",
            "Zebra: schulden weg",
            "Middel: beter slapen",
            "Appel: nieuwe vrienden",
            "Andere doelen",
            "Taalcursus volgen",
            "Ons team",
        )
    ]
    assert positions == sorted(positions)
    assert "Geld en werk" in text and "Gezondheid en rust" in text and "Mensen om ons heen" in text
    assert "Voorstel van het team" in text  # the proposal's status in plain words
    assert "Het plan staat" not in text and "Wij kiezen wat eerst komt." in text
    assert "Pagina 1 van" in text and "Gemaakt op 12 mei 2026" in text


def test_goals_the_family_has_not_placed_get_no_number(db_session):
    """The PDF numbers only the family's own order: without one it says so, and a goal
    accepted after the order was made comes after the ranked ones without a number."""
    story = make_story()
    text = pdf_text(plan_pdf(story))
    assert "Het belangrijkste staat bovenaan" in text
    assert "Een doel zonder nummer" not in text
    fire_transition(story.proposal, "accept", actor=story.s.family)  # not ranked yet
    text = pdf_text(plan_pdf(story))
    assert "Een doel zonder nummer heeft nog geen plek in onze volgorde." in text
    assert text.index("Appel: nieuwe vrienden") < text.index("Taalcursus volgen")
    for goal in story.s.plan.goals:
        goal.priority_rank = None
    text = pdf_text(plan_pdf(story))
    assert "We hebben nog geen volgorde gekozen." in text
    assert "Het belangrijkste staat bovenaan" not in text


def test_family_words_and_who_does_what_when_under_each_goal(db_session):
    story = make_story()
    text = pdf_text(plan_pdf(story))
    assert "Dan slapen we weer rustig." in text and "Wij houden vol." in text
    money, sleep = text.index("Zebra: schulden weg"), text.index("Middel: beter slapen")
    friends = text.index("Appel: nieuwe vrienden")
    debt_help = text.index("Aanmelden bij schuldhulp")
    assert money < debt_help < sleep
    section = text[debt_help:sleep]
    assert "uiterlijk 31 januari 2027" in section
    assert "Een professional" in section and "Afgesproken." in section
    s = story.s
    assert f"{s.municipality.name} (regelt het)" in section
    assert f"samen met {s.ggz.name}" in section
    assert f"Sanne Bakker ({s.ggz.name})" in section
    between = text[sleep:friends]
    assert "Er zijn nog geen afspraken voor dit doel." in between
    neighbourhood = text.index("Samen naar de buurtkamer")
    assert friends < neighbourhood < text.index("Andere doelen")
    assert "Ons netwerk" in text[neighbourhood:] and "uiterlijk 1 september 2026" in text


def test_team_with_contact_details_and_the_coordinator_marked(db_session):
    story = make_story()
    team = pdf_text(plan_pdf(story)).split("Ons team", 1)[1]
    assert re.search(r"Marieke Hofstede regisseur .*Sanne Bakker", team)
    for detail in ("regie@gemeente.nl", "0599 123 456", "sanne@ggz.nl", story.s.ggz.name):
        assert detail in team


def test_qr_code_encodes_the_portal_url(db_session, monkeypatch):
    story = make_story()
    made, drawn = [], []

    class Spy(qr.QrCodeWidget):
        def __init__(self, value, **kwargs):
            made.append(value)
            super().__init__(value, **kwargs)

        def draw(self):
            drawn.append(self.value)
            return super().draw()

    monkeypatch.setattr(qr, "QrCodeWidget", Spy)
    data = plan_pdf(story)
    assert made == [PORTAL] and set(drawn) == {PORTAL}
    # The modules are on the first page: many filled squares in its content stream.
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" re") > 100
    assert "Scan deze code met je telefoon" in pdf_text(data)
    changes_made = len(made)
    changes_pdf(story)
    assert made[changes_made:] == [PORTAL]


def test_no_family_name_or_date_of_birth_anywhere(db_session):
    story = make_story()
    fire_transition(story.s.plan, "confirm_plan", actor=story.s.family)
    for data in (plan_pdf(story), changes_pdf(story), plan_pdf(story, "en")):
        reader = PdfReader(io.BytesIO(data))
        text = pdf_text(data) + " " + " ".join(str(v) for v in (reader.metadata or {}).values())
        for forbidden in ("Zwartkruis", "Bram", "2015", "14 maart", "March 14", "14-03"):
            assert forbidden not in text
        assert story.s.household.reference in text


def test_english_labels(db_session):
    story = make_story()
    text = pdf_text(plan_pdf(story, "en"))
    for label in (
        "Our plan",
        "What matters most to us",
        "Money and work",
        "Health and peace of mind",
        "Who does what, and when?",
        "by 31 January 2027",
        "Our team",
        "Marieke Hofstede coordinator",
        "Page 1 of",
    ):
        assert label in text
    for dutch in ("Ons plan", "Geld en werk", "januari", "regisseur", "Pagina"):
        assert dutch not in text
    assert "What has changed?" in pdf_text(changes_pdf(story, "en"))


def test_changes_since_the_family_confirmed(db_session):
    story = make_story()
    s = story.s
    fire_transition(s.plan, "confirm_plan", actor=s.family)
    assert "Er is niets veranderd." in pdf_text(changes_pdf(story))
    add_goal(s.plan, domain=Domain.PEDAGOGICAL, title="Zwemles voor de kinderen", actor=s.family)
    update_goal(story.sleep, {"title": "Beter slapen en rust"}, actor=s.family)
    text = pdf_text(changes_pdf(story))
    assert text.startswith("Wat is er veranderd?")
    assert "Sinds jullie het plan bevestigden" in text
    assert "Kinderen en opvoeden Zwemles voor de kinderen Nieuw doel" in text
    changed = text.index("Dit doel is veranderd")
    assert "Eerst: Middel: beter slapen Nu: Beter slapen en rust" in text[changed:]
    # Only what changed: the untouched goals are not listed.
    assert "Zebra: schulden weg" not in text and "Appel: nieuwe vrienden" not in text
    # The plan itself still shows the confirmation and points to the changes.
    assert "Daarna is er iets veranderd." in pdf_text(plan_pdf(story))


def test_changes_of_a_plan_never_confirmed_list_everything_as_new(db_session):
    story = make_story()
    text = pdf_text(changes_pdf(story))
    assert "Jullie hebben het plan nog niet bevestigd." in text
    assert text.count("Nieuw doel") == 4
    assert text.count("Nieuwe afspraak") == 2
    assert text.count("Nieuw in ons team") == 2
    assert "Eerst:" not in text


def test_identical_input_gives_identical_bytes_without_a_request(db_session):
    assert not has_request_context()
    story = make_story()
    first, second = plan_pdf(story), plan_pdf(story)
    assert first.startswith(b"%PDF") and first == second
    assert changes_pdf(story) == changes_pdf(story)
    later = build_plan_pdf(story.s.plan, portal_url=PORTAL, generated_on=TODAY.replace(day=13))
    assert later != first


def test_the_familys_words_are_printed_as_written(db_session):
    story = make_story()
    s = story.s
    add_goal(s.plan, domain=Domain.SOCIAL, title="Rust & <b>ruimte</b>", actor=s.family)
    text = pdf_text(plan_pdf(story))
    assert "Rust & <b>ruimte</b>" in text
    assert "Rust & <b>ruimte</b>" in pdf_text(changes_pdf(story))


def test_unknown_language_is_refused(db_session):
    story = make_story()
    with pytest.raises(ValueError, match="language"):
        plan_pdf(story, "fr")


def test_both_languages_have_every_label():
    def keys(node, prefix=""):
        if not isinstance(node, dict):
            return {prefix}
        return {k for key, value in node.items() for k in keys(value, f"{prefix}.{key}")}

    assert keys(LABELS["nl"]) == keys(LABELS["en"])
