"""The family's file: consent per organisation, who looked, and downloads."""

from __future__ import annotations

import html
import json
import re

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.db import db
from maatwerk.core.enums import ConsentPurpose
from maatwerk.households.models import Consent
from tests.api.conftest import ApiClient
from tests.portal.conftest import refresh


def consent_of(story, organisation) -> Consent:
    return db.session.scalars(
        select(Consent).where(
            Consent.household_id == story.s.household.id,
            Consent.organisation_id == organisation.id,
            Consent.purpose == ConsentPurpose.PLAN_SHARING,
        )
    ).one()


def withdraw(client, consent, **extra):
    return client.post(
        "/ons-plan/toestemming/intrekken",
        data={"consent_id": consent.id, "consent_version": consent.version, **extra},
    )


def test_the_consent_page_explains_each_permission(story, as_user):
    page = as_user(story.s.family).get("/ons-plan/toestemming").get_data(as_text=True)
    assert story.s.municipality.name in page and story.s.ggz.name in page
    assert "This organisation may see your plan and work on it with you." in page
    assert "Withdraw permission" in page


def test_the_family_sees_who_wrote_a_consent_down_for_it(story, as_user):
    """DESIGN §4: given by which member, recorded by which user."""
    page = as_user(story.s.family).get("/ons-plan/toestemming").get_data(as_text=True)
    expected = (
        f"Written down for you by {story.s.coordinator.display_name}"
        f" ({story.s.municipality.name}); given by Anna."
    )
    assert expected in html.unescape(page)


def test_a_permission_the_family_withdrew_is_not_given_again_by_the_coordinator(
    story, as_user, app
):
    consent = consent_of(story, story.s.ggz)
    assert withdraw(as_user(story.s.family), consent, confirm="yes").status_code == 302
    refresh(consent)
    assert consent.withdrawn_by_role == "family"
    body = {
        "organisationId": story.s.ggz.id,
        "purpose": "plan_sharing",
        "givenByMemberId": story.s.household.members[0].id,
    }
    url = f"/api/v1/households/{story.s.household.id}/consents"
    coordinator = ApiClient(app.test_client(), story.s.coordinator.login)
    assert coordinator.post(url, json=body).status_code == 409
    given = as_user(story.s.family).post(
        "/ons-plan/toestemming/geven",
        data={"organisation_id": story.s.ggz.id, "purpose": "plan_sharing"},
    )
    assert given.status_code == 302


def test_the_family_sees_a_member_the_coordinator_added(story, as_user, app, db_session):
    from maatwerk.households.operations import add_member

    add_member(
        story.s.household,
        given_name="Nep",
        family_name="Lid",
        position="other_adult",
        actor=story.s.coordinator,
    )
    db_session.commit()
    family = as_user(story.s.family)
    login_page = family.get("/ons-plan").get_data(as_text=True)
    # Said at login, in the language of the login page (Dutch: the test picks English after).
    assert "Er is nieuws over de accounts van jullie gezin" in html.unescape(login_page)
    page = html.unescape(family.get("/ons-plan/wie-keek-er").get_data(as_text=True))
    assert "Nep was added to your family." in page and "New" in page
    again = html.unescape(family.get("/ons-plan/wie-keek-er").get_data(as_text=True))
    assert "Nep was added to your family." in again
    assert "<strong>New</strong>" not in again, again.split("notices-title", 1)[1][:1500]


def test_withdrawing_consent_takes_effect_on_the_next_request(story, as_user):
    family, ggz = as_user(story.s.family), as_user(story.s.member)
    assert ggz.get(f"/api/v1/plans/{story.s.plan.id}").status_code == 200
    consent = consent_of(story, story.s.ggz)
    ask = withdraw(family, consent)
    assert ask.status_code == 200
    assert "can then no longer see your plan" in ask.get_data(as_text=True)
    refresh(consent)
    assert consent.withdrawn_at is None  # only asked, not done
    done = withdraw(family, consent, confirm="yes")
    assert done.status_code == 302
    refresh(consent)
    assert consent.withdrawn_at is not None
    assert ggz.get(f"/api/v1/plans/{story.s.plan.id}").status_code == 404
    refresh(story.s.plan)
    assert story.s.plan.status == "prioritising"  # the municipality still has consent


def test_withdrawing_the_last_sharing_consent_warns_that_the_plan_stops(story, as_user):
    family = as_user(story.s.family)
    withdraw(family, consent_of(story, story.s.ggz), confirm="yes")
    last = consent_of(story, story.s.municipality)
    page = withdraw(family, last).get_data(as_text=True)
    assert "Your plan will then stop." in page


def test_an_outdated_withdrawal_changes_nothing(story, as_user):
    consent = consent_of(story, story.s.ggz)
    response = as_user(story.s.family).post(
        "/ons-plan/toestemming/intrekken",
        data={"consent_id": consent.id, "consent_version": consent.version + 1, "confirm": "yes"},
    )
    assert response.status_code == 302
    refresh(consent)
    assert consent.withdrawn_at is None


def test_consent_can_be_given_again(story, as_user):
    family = as_user(story.s.family)
    withdraw(family, consent_of(story, story.s.ggz), confirm="yes")
    page = family.get("/ons-plan/toestemming").get_data(as_text=True)
    assert "Give permission" in page
    # What the permission would allow, not as if it were given already.
    assert "With your permission, this organisation may see your plan" in page
    response = family.post(
        "/ons-plan/toestemming/geven",
        data={"organisation_id": story.s.ggz.id, "purpose": "plan_sharing"},
    )
    assert response.status_code == 302
    live = db.session.scalars(
        select(Consent).where(
            Consent.organisation_id == story.s.ggz.id, Consent.withdrawn_at.is_(None)
        )
    ).one()
    assert live.given_by_member_id == story.s.family.member_id


def test_a_professional_cannot_use_the_family_consent_pages(story, as_user):
    client = as_user(story.s.coordinator)
    assert client.get("/ons-plan/toestemming").status_code == 404
    assert withdraw(client, consent_of(story, story.s.ggz), confirm="yes").status_code == 404


def test_the_access_log_shows_who_looked(story, as_user):
    as_user(story.s.member).get(f"/api/v1/plans/{story.s.plan.id}")
    family = as_user(story.s.family)
    page = family.get("/ons-plan/wie-keek-er").get_data(as_text=True)
    assert story.s.ggz.name in page
    assert "Care professional" in page
    assert "Looked at: your plan" in page
    assert "You (the family)" not in page
    everything = family.get("/ons-plan/wie-keek-er?alles=1").get_data(as_text=True)
    assert "You (the family)" in everything


def test_the_access_log_names_an_account_without_organisation_in_words(story, as_user):
    from maatwerk.accounts.operations import create_user
    from maatwerk.audit.operations import record_audit
    from maatwerk.core.enums import Role

    programme = create_user(
        login=f"programma-{story.s.household.id}",
        display_name="Programma",
        role=Role.PROGRAMME,
        password="correct horse battery",
    )
    record_audit(
        actor=programme,
        action="search",
        object_type="case_candidate",
        household_ids=[story.s.household.id],
        purpose="learning",
    )
    db.session.commit()
    page = as_user(story.s.family).get("/ons-plan/wie-keek-er").get_data(as_text=True)
    assert "<strong>Programme team</strong>" in page  # the role says who, not "unknown"
    assert "Unknown organisation" not in page
    assert "Onbekend" not in page  # the trail's own word is not shown
    dutch = as_user(story.s.family, lang="nl").get("/ons-plan/wie-keek-er").get_data(as_text=True)
    assert "<strong>Programmateam</strong>" in dutch and "Onbekend" not in dutch


def test_the_access_log_shows_a_refused_attempt_as_an_attempt(story, as_user):
    from maatwerk.audit.operations import record_audit

    record_audit(
        actor=story.s.outsider,
        action="read",
        object_type="plan",
        object_id=story.s.plan.id,
        household_ids=[story.s.household.id],
        purpose="care",
        outcome="denied",
    )
    db.session.commit()
    page = html.unescape(
        as_user(story.s.family).get("/ons-plan/wie-keek-er").get_data(as_text=True)
    )
    assert "Tried to look at: your plan — refused" in page
    assert "This was not allowed, so it did not happen." in page
    assert "This was not allowed. It was refused." not in page
    dutch = html.unescape(
        as_user(story.s.family, lang="nl").get("/ons-plan/wie-keek-er").get_data(as_text=True)
    )
    assert "Probeerde te bekijken: jullie plan — geweigerd" in dutch


def test_all_our_data_as_json(story, as_user):
    response = as_user(story.s.family).get("/ons-plan/onze-gegevens.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.get_data(as_text=True))
    assert document["household"]["reference"] == story.s.household.reference
    assert [p["id"] for p in document["plans"]] == [story.s.plan.id]
    exported = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == story.s.family.id, AuditEvent.action == "export"
        )
    ).all()
    assert len(exported) == 1


def test_the_plan_as_pdf(story, as_user):
    client = as_user(story.s.family)
    assert "Download our plan (PDF)" in client.get("/ons-plan/downloaden").get_data(as_text=True)
    response = client.get(f"/ons-plan/{story.s.plan.id}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    other = as_user(story.s.outsider)
    assert other.get(f"/ons-plan/{story.s.plan.id}/pdf").status_code == 404


def test_what_changed_since_we_confirmed_as_pdf(story, as_user):
    """The second form of the plan PDF: offered once the family confirmed the plan, it lists
    what changed since then, in the family's language."""
    import io

    from pypdf import PdfReader

    from maatwerk.goals.operations import add_goal
    from maatwerk.plans.operations import set_priorities
    from maatwerk.workflow import fire_transition

    plan, family = story.s.plan, story.s.family
    client = as_user(family)
    link = f"/ons-plan/{plan.id}/pdf?vorm=wijzigingen"
    assert link not in client.get("/ons-plan/downloaden").get_data(as_text=True)  # unconfirmed

    set_priorities(plan, [story.own, story.second], actor=family)
    fire_transition(story.step, "agree", actor=family)
    fire_transition(plan, "confirm_plan", actor=family)
    db.session.commit()
    add_goal(plan, domain="social", title="Vaker naar de voetbalclub", actor=family)
    db.session.commit()

    page = client.get("/ons-plan/downloaden").get_data(as_text=True)
    assert "What changed since you confirmed it (PDF)" in page
    assert link in page.replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "ons-plan-wijzigingen.pdf" in response.headers["Content-Disposition"]
    words = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Vaker naar de voetbalclub" in words
    assert "We willen zonder schulden leven" not in words  # unchanged since the confirmation
    # The plan itself is still the default.
    whole = client.get(f"/ons-plan/{plan.id}/pdf")
    assert "ons-plan.pdf" in whole.headers["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(whole.data)).pages)
    assert "We willen zonder schulden leven" in text
    assert as_user(story.s.outsider).get(link).status_code == 404


def test_who_looked_groups_the_same_look_on_one_day(story, as_user):
    professional = as_user(story.s.coordinator)
    for _ in range(14):
        assert professional.get(f"/werk/plannen/{story.s.plan.id}").status_code == 200
    family = as_user(story.s.family)
    page = family.get("/ons-plan/wie-keek-er").get_data(as_text=True)
    assert page.count("Looked at: your plan") == 1
    assert re.search(r"1[45] times on \w+ \d+, \d{4}", page)
    # The download of all the family's data keeps every single event.
    data = json.loads(family.get("/ons-plan/onze-gegevens.json").get_data(as_text=True))
    reads = [
        e for e in data["accessLog"] if e.get("action") == "read" and e.get("objectType") == "plan"
    ]
    assert len(reads) >= 14


def test_the_are_you_sure_step_of_withdrawing_is_a_look_not_a_change(story, as_user):
    consent = consent_of(story, story.s.ggz)
    response = withdraw(as_user(story.s.family), consent)
    assert response.status_code == 200
    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.object_type == "consent", AuditEvent.object_id == str(consent.id)
        )
    ).all()
    assert [(e.action.value, e.outcome.value) for e in events] == [("read", "success")]
