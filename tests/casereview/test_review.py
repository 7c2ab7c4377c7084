"""The programme's review of a case pack shows the scrubbed texts only (DESIGN §1, §6): a
family goal full of identifiers never reaches the reviewer, over the API or on the page,
while the placeholders that replaced them are there, counted; approving still works."""

from __future__ import annotations

import json
import re

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from maatwerk.audit.models import AuditEvent, AuditOutcome
from maatwerk.casereview.labels import replaced_summary
from maatwerk.casereview.models import CasePack
from maatwerk.casereview.presenting import placeholder_parts, replaced_counts
from maatwerk.core.enums import Domain
from maatwerk.goals.operations import add_goal
from tests.casereview.conftest import NAMES, PASSWORD

BSN = "111222333"  # passes the elfproef
IBAN = "NL91 ABNA 0417 1643 00"
PHONE = "06-87654321"
EMAIL = "mohammed.elamrani@voorbeeld.nl"
STREET = "Kerkstraat 7"
IDENTIFYING = (
    "Mohammed wil zijn geld terug. Zijn BSN is 111222333, rekening NL91 ABNA 0417 1643 00. "
    "Bel 06-87654321 of mail mohammed.elamrani@voorbeeld.nl; hij woont op Kerkstraat 7."
)
# Every identifying value as typed, and the forms a leak could take (no spaces, parts).
LEAKS = (
    BSN,
    IBAN,
    IBAN.replace(" ", ""),
    "0417 1643",
    PHONE,
    "87654321",
    EMAIL,
    "elamrani",
    "voorbeeld.nl",
    STREET,
    "Kerkstraat",
)
SCRUBBED = (
    "[naam] wil zijn geld terug. Zijn BSN is [bsn], rekening [iban]. "
    "Bel [telefoon] of mail [e-mail]; hij woont op [adres]."
)


@pytest.fixture
def identifying(review, db_session):
    """The family wrote identifiers into a goal (as an outside review found)."""
    add_goal(
        review.s.plan,
        domain=Domain.SOCIAL,
        title="Geld terug",
        why_it_matters=IDENTIFYING,
        actor=review.s.family,
    )
    db_session.commit()
    return review


def _no_leaks(body: str) -> None:
    for name in NAMES:  # as a word: "Test" is a name, "latest" is not
        assert not re.search(rf"\b{name}\b", body, re.IGNORECASE), name
    for value in LEAKS:
        assert value.lower() not in body.lower(), value


def test_the_api_review_returns_none_of_the_familys_identifiers(identifying, flow, db_session):
    session = flow()
    case = session.add_case(identifying.plan_id)
    url = f"{session.url}/cases/{case['id']}"

    reviewed = session.api.get(f"{url}/review")
    assert reviewed.status_code == 200
    body = reviewed.get_data(as_text=True)
    _no_leaks(body)
    assert "original" not in body
    texts = [t["text"] for g in reviewed.get_json()["goals"] for t in g["texts"]]
    assert SCRUBBED in texts

    # Approving what was reviewed still works, with the review's ETag.
    approved = session.api.post(f"{url}/approval", etag=reviewed.headers["ETag"])
    assert approved.status_code == 200
    assert approved.get_json()["approved"] is True
    _no_leaks(approved.get_data(as_text=True))

    reads = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == identifying.programme.id,
            AuditEvent.object_type.like("case_pack%"),
            AuditEvent.object_id == str(case["id"]),
            AuditEvent.action == "read",
        )
    ).all()
    assert [(r.object_type, r.outcome) for r in reads] == [("case_pack", AuditOutcome.SUCCESS)]
    assert reads[0].household_ids == [identifying.s.household.id]


def test_the_review_page_shows_none_of_the_familys_identifiers(app, identifying, db_session):
    web = app.test_client()
    login = {"login": identifying.programme.login, "password": PASSWORD}
    assert web.post("/login", data=login).status_code == 302
    session_url = web.post("/casusbesprekingen", data={"title": "Privacy"}).headers["Location"]
    added = web.post(f"{session_url}/casussen", data={"plan_id": identifying.plan_id})
    assert added.status_code == 302
    pack = db_session.scalars(select(CasePack)).one()
    case_url = f"{session_url}/casussen/{pack.id}"

    page = web.get(f"{case_url}/beoordelen")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    _no_leaks(html)
    visible = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert SCRUBBED in visible  # in the marked-up text and in the textarea to change it
    for kind in ("naam", "bsn", "iban", "telefoon", "e-mail", "adres"):
        assert f'<mark class="cr-placeholder">[{kind}]</mark>' in html, kind
    assert (
        "1 naam, 1 BSN, 1 rekeningnummer, 1 telefoonnummer, 1 e-mailadres, 1 adres vervangen."
        in visible
    )
    assert "origineel" not in visible.lower()

    approved = web.post(f"{case_url}/goedkeuren", data={"version": pack.version})
    assert approved.status_code == 302
    db_session.expire_all()
    assert db_session.get(CasePack, pack.id).approved_at is not None


def test_only_the_programme_reviews(identifying, flow, as_user, app, db_session):
    session = flow()
    case = session.add_case(identifying.plan_id)
    session.invite(identifying.expert)
    session.approve(case["id"])
    session.fire("prepare")
    expert = as_user(identifying.expert)
    denied = expert.get(f"{session.url}/cases/{case['id']}/review")
    assert denied.status_code == 404
    _no_leaks(denied.get_data(as_text=True))
    event = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == identifying.expert.id,
            AuditEvent.outcome == AuditOutcome.DENIED,
        )
    ).one()
    assert (event.object_type, event.object_id) == ("case_pack", str(case["id"]))

    web = app.test_client()
    login = {"login": identifying.expert.login, "password": PASSWORD}
    assert web.post("/login", data=login).status_code == 302
    page_url = f"/casusbesprekingen/{session.id}/casussen/{case['id']}/beoordelen"
    assert web.get(page_url).status_code == 404


def test_placeholders_are_marked_and_counted(app):
    text = "[naam] en [naam] bellen [telefoon] in [plaats] over [rente]"
    assert placeholder_parts(text) == [
        ("[naam]", "naam"),
        (" en ", None),
        ("[naam]", "naam"),
        (" bellen ", None),
        ("[telefoon]", "telefoon"),
        (" in ", None),
        ("[plaats]", "plaats"),
        (" over [rente]", None),  # not a placeholder of the scrubber
    ]
    assert placeholder_parts("") == []
    counts = replaced_counts(text)
    assert counts == [("naam", 2), ("telefoon", 1), ("plaats", 1)]  # as they first appear
    assert replaced_counts("[plaats], [naam]") == [("plaats", 1), ("naam", 1)]
    with app.test_request_context():
        assert replaced_summary(counts) == "2 namen, 1 telefoonnummer, 1 plaatsnaam vervangen."
        assert replaced_summary([]) == "Niets vervangen."
        with force_locale("en"):
            assert replaced_summary(counts) == "2 names, 1 phone number, 1 place name replaced."


def test_the_openapi_document_has_no_original_text(app):
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    case_text = document["components"]["schemas"]["CaseText"]
    assert set(case_text["properties"]) == {"id", "field", "goalStatus", "text", "edited"}
    review = document["paths"]["/api/v1/case-reviews/{session_id}/cases/{case_id}/review"]
    schemas = document["components"]["schemas"]
    reviewed = [review, *(schemas[name] for name in ("Case", "CaseGoalTexts", "CaseText"))]
    assert "original" not in json.dumps(reviewed).lower()
    assert review["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Case"
    }
