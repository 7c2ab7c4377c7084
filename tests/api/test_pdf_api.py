"""GET /plans/{id}/pdf: the family's plan as PDF, authorised and audited as a print."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from maatwerk.audit.models import AuditEvent


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def events(db_session, after_id: int) -> list[AuditEvent]:
    return list(
        db_session.scalars(
            select(AuditEvent).where(AuditEvent.id > after_id).order_by(AuditEvent.id)
        )
    )


def last_id(db_session) -> int:
    return db_session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) or 0


def test_family_and_coordinator_download_the_plan(setting, as_user, db_session):
    url = f"/api/v1/plans/{setting.plan.id}/pdf"
    for user in (setting.family, setting.coordinator):
        response = as_user(user).get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="plan-{setting.plan.id}.pdf"'
        )
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["API-Version"]
        text = pdf_text(response.data)
        assert text.startswith("Ons plan") and setting.household.reference in text
        assert "Test" not in text  # the family name


def test_changes_form_and_english(setting, as_user):
    family = as_user(setting.family)
    url = f"/api/v1/plans/{setting.plan.id}/pdf"
    changes = family.get(url, query_string={"form": "changes", "language": "en"})
    assert changes.status_code == 200
    assert "filename=" in changes.headers["Content-Disposition"]
    text = pdf_text(changes.data)
    assert text.startswith("What has changed?")
    assert "You have not confirmed the plan yet." in text
    assert pdf_text(family.get(url, query_string={"language": "en"}).data).startswith("Our plan")


def test_print_is_audited(setting, as_user, db_session):
    before = last_id(db_session)
    response = as_user(setting.member).get(f"/api/v1/plans/{setting.plan.id}/pdf")
    assert response.status_code == 200
    [event] = events(db_session, before)
    assert (event.action, event.object_type, event.object_id) == (
        "print",
        "plan",
        str(setting.plan.id),
    )
    assert event.outcome == "success" and event.user_id == setting.member.id
    assert event.household_ids == [setting.household.id]


def test_outsider_gets_404_and_the_attempt_is_audited(setting, as_user, db_session):
    before = last_id(db_session)
    response = as_user(setting.outsider).get(f"/api/v1/plans/{setting.plan.id}/pdf")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert [(e.action, e.outcome, e.user_id) for e in events(db_session, before)] == [
        ("print", "denied", setting.outsider.id)
    ]
    assert as_user(setting.family).get("/api/v1/plans/999999/pdf").status_code == 404


def test_bad_form_or_language_is_400(setting, as_user):
    family = as_user(setting.family)
    url = f"/api/v1/plans/{setting.plan.id}/pdf"
    for query in ({"form": "everything"}, {"language": "fr"}, {"form": ""}):
        response = family.get(url, query_string=query)
        assert response.status_code == 400
        assert response.mimetype == "application/problem+json"
        [problem] = response.get_json()["invalidParams"]
        assert problem["reason"].startswith("Must be one of")
    # api.core's error flattening takes a field named "form" for the form location, so
    # only the language parameter is checked by name here.
    response = family.get(url, query_string={"language": "fr"})
    assert response.get_json()["invalidParams"][0]["name"] == "language"


def test_anonymous_is_401(client, setting):
    assert client.get(f"/api/v1/plans/{setting.plan.id}/pdf").status_code == 401


def test_spec_documents_application_pdf(client):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"][
        "/api/v1/plans/{plan_id}/pdf"
    ]["get"]
    assert list(operation["responses"]["200"]["content"]) == ["application/pdf"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == {
        "form",
        "language",
    }
