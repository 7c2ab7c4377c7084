"""The case review pages: the programme prepares a session, participants see approved cases
on a phone and on a projector, everyone else gets a 404; the knowledge base page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from maatwerk.audit.models import AuditEvent, AuditOutcome
from maatwerk.casereview.models import CasePack, CaseReviewSession
from tests.casereview.conftest import NAMES, PASSWORD


@pytest.fixture
def login(app, db_session):
    def _login(user):
        client = app.test_client()
        response = client.post("/login", data={"login": user.login, "password": PASSWORD})
        assert response.status_code == 302
        return client

    return _login


def _prepared(review, login, db_session):
    """The programme plans a session, adds the case, reviews, approves and prepares it."""
    web = login(review.programme)
    created = web.post("/casusbesprekingen", data={"title": "Casusbespreking Pekela"})
    assert created.status_code == 302
    session_url = created.headers["Location"]
    page = web.get(session_url).get_data(as_text=True)
    assert f'value="{review.plan_id}"' in page  # offered as a candidate
    assert web.post(f"{session_url}/casussen", data={"plan_id": review.plan_id}).status_code == 302
    pack = db_session.scalars(select(CasePack)).one()
    case_url = f"{session_url}/casussen/{pack.id}"

    review_page = web.get(f"{case_url}/beoordelen").get_data(as_text=True)
    assert "[naam]</mark> wil van de schulden af" in review_page  # placeholders marked
    assert "Anna" not in review_page  # never the family's original words
    assert web.post(f"{case_url}/goedkeuren", data={"version": pack.version}).status_code == 302
    session = db_session.scalars(select(CaseReviewSession)).one()
    fired = web.post(
        f"{session_url}/overgang", data={"trigger": "prepare", "version": session.version}
    )
    assert fired.status_code == 302
    web.post(f"{session_url}/deelnemers", data={"user_id": review.expert.id})
    return web, session_url, case_url


def test_the_programme_prepares_a_session_on_its_pages(review, login, db_session):
    web, session_url, _ = _prepared(review, login, db_session)
    page = web.get(session_url).get_data(as_text=True)
    assert "Case A" in page or "Casus A" in page
    assert review.expert.display_name in page
    session = db_session.scalars(select(CaseReviewSession)).one()
    assert session.status == "prepared"


def test_a_stale_approval_is_refused(review, login, db_session):
    web = login(review.programme)
    session_url = web.post("/casusbesprekingen", data={"title": "Oud"}).headers["Location"]
    web.post(f"{session_url}/casussen", data={"plan_id": review.plan_id})
    pack = db_session.scalars(select(CasePack)).one()
    response = web.post(
        f"{session_url}/casussen/{pack.id}/goedkeuren", data={"version": pack.version + 5}
    )
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(CasePack, pack.id).approved_at is None


def test_participants_see_the_case_on_a_phone_and_a_projector(review, login, db_session):
    _, session_url, case_url = _prepared(review, login, db_session)
    expert = login(review.expert)
    assert expert.get(session_url).status_code == 200
    case_page = expert.get(case_url)
    assert case_page.status_code == 200
    html = case_page.get_data(as_text=True)
    assert 'name="viewport"' in html and "casereview.css" in html
    projector = expert.get(f"{session_url}/projectie").get_data(as_text=True)
    assert 'class="cr-projector"' in projector
    for text in (html, projector):
        visible = re.sub(r"<[^>]+>", " ", text)
        for name in NAMES:
            assert not re.search(rf"\b{name}\b", visible), name
        assert "[naam] wil van de schulden af" in visible
    assert expert.get(f"{case_url}/beoordelen").status_code == 404
    reads = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == review.expert.id,
            AuditEvent.object_type == "case_pack",
            AuditEvent.outcome == AuditOutcome.SUCCESS,
        )
    ).all()
    assert len(reads) == 2


def test_everyone_else_gets_a_404(review, login, db_session):
    _, session_url, case_url = _prepared(review, login, db_session)
    for user in (review.outsider_expert, review.partner, review.s.coordinator):
        web = login(user)
        urls = (session_url, case_url, f"{session_url}/projectie", f"{session_url}/hand-out.pdf")
        for url in urls:
            assert web.get(url).status_code == 404, (user.role, url)
    assert login(review.s.family).get("/casusbesprekingen").status_code == 404


def test_the_knowledge_base_page(review, login, db_session):
    expert = login(review.expert)
    page = expert.get("/kennisbank", query_string={"q": "schuld", "domain": "economic"})
    assert page.status_code == 200
    assert 'role="search"' in page.get_data(as_text=True)
    assert login(review.s.family).get("/kennisbank").status_code == 404


def test_a_date_that_does_not_exist_is_refused_and_the_input_kept(review, login, db_session):
    web = login(review.programme)
    response = web.post(
        "/casusbesprekingen",
        data={"title": "Pekela", "planned_on": "2026-13-45", "description": "Over schulden"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Dit is geen bestaande datum." in html
    assert 'value="Pekela"' in html and ">Over schulden</textarea>" in html
    assert db_session.scalars(select(CaseReviewSession)).all() == []


def _held(review, login, db_session):
    web, session_url, case_url = _prepared(review, login, db_session)
    session = db_session.scalars(select(CaseReviewSession)).one()
    fired = web.post(
        f"{session_url}/overgang", data={"trigger": "hold", "version": session.version}
    )
    assert fired.status_code == 302
    return web, session_url, case_url


def test_a_refused_lesson_comes_back_as_typed_with_the_message_next_to_the_field(
    review, login, db_session
):
    web, session_url, _ = _held(review, login, db_session)
    response = web.post(
        f"{session_url}/lessen",
        data={
            "title": "Samen naar de schuldhulp",
            "description": "",
            "effect": "worked",
            "domains": ["economic"],
            "intervention_ids": [str(review.intervention.id)],
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="Samen naar de schuldhulp"' in html
    assert 'value="economic" checked' in html and 'value="worked" required checked' in html
    assert f'<option value="{review.intervention.id}" selected>' in html
    assert 'id="l-description-error"' in html and 'id="l-effect-error"' not in html
    assert "Onbekende waarde" not in html
    empty = web.post(f"{session_url}/lessen", data={"title": "Kort", "description": "Lang"})
    assert empty.status_code == 422
    assert 'id="l-effect-error"' in empty.get_data(as_text=True)


def test_a_pack_text_edit_is_kept_when_empty_or_stale(review, login, db_session):
    web = login(review.programme)
    session_url = web.post("/casusbesprekingen", data={"title": "Teksten"}).headers["Location"]
    web.post(f"{session_url}/casussen", data={"plan_id": review.plan_id})
    pack = db_session.scalars(select(CasePack)).one()
    text = pack.texts[0]
    url = f"{session_url}/casussen/{pack.id}/teksten/{text.id}"
    empty = web.post(url, data={"text": "  ", "version": pack.version})
    assert empty.status_code == 422
    html = empty.get_data(as_text=True)
    assert f'id="t-{text.id}-error"' in html and "kan niet leeg zijn" in html

    stale = web.post(url, data={"text": "Mijn eigen versie", "version": pack.version + 5})
    assert stale.status_code == 409
    html = stale.get_data(as_text=True)
    assert ">Mijn eigen versie</textarea>" in html
    assert "Voeg ze samen" in html
    db_session.expire_all()
    assert db_session.get(CasePack, pack.id).texts[0].text == text.text


def test_a_double_click_records_one_lesson_and_the_author_can_remove_it(review, login, db_session):
    from maatwerk.casereview.models import Lesson

    _web, session_url, _ = _held(review, login, db_session)
    expert = login(review.expert)
    lesson = {
        "title": "Samen bellen",
        "description": "Werkte omdat ze mee belde.",
        "effect": "worked",
    }
    assert expert.post(f"{session_url}/lessen", data=lesson).status_code == 302
    again = expert.post(f"{session_url}/lessen", data=lesson, follow_redirects=True)
    assert "al vastgelegd" in again.get_data(as_text=True)
    recorded = db_session.scalars(select(Lesson)).all()
    assert len(recorded) == 1

    remove_url = f"{session_url}/lessen/{recorded[0].id}/verwijderen"
    page = expert.get(session_url).get_data(as_text=True)
    assert f'action="{remove_url}"' in page
    # Without the version the page was built on, nothing is removed.
    stale = expert.post(remove_url, data={"version": 0}, follow_redirects=True)
    assert "Dit is intussen veranderd" in stale.get_data(as_text=True)
    db_session.expire_all()
    assert len(db_session.scalars(select(Lesson)).all()) == 1
    version = db_session.scalars(select(CaseReviewSession)).one().version
    assert expert.post(remove_url, data={"version": version}).status_code == 302
    db_session.expire_all()
    assert db_session.scalars(select(Lesson)).all() == []


def test_a_second_click_on_a_step_says_it_has_already_been_done(review, login, db_session):
    web, session_url, _ = _prepared(review, login, db_session)
    session = db_session.scalars(select(CaseReviewSession)).one()
    form = {"trigger": "hold", "version": session.version}
    assert web.post(f"{session_url}/overgang", data=form).status_code == 302
    again = web.post(f"{session_url}/overgang", data=form, follow_redirects=True)
    html = again.get_data(as_text=True)
    assert "Dit is al gebeurd." in html and "Iemand anders" not in html
    db_session.expire_all()
    assert db_session.get(CaseReviewSession, session.id).status == "held"
    other = web.post(
        f"{session_url}/overgang", data=form | {"trigger": "publish"}, follow_redirects=True
    )
    html = other.get_data(as_text=True)
    assert "intussen veranderd" in html and "Iemand anders" not in html


def test_a_session_date_with_a_year_typed_wrong_is_refused(review, login, as_user, db_session):
    web = login(review.programme)
    response = web.post(
        "/casusbesprekingen",
        data={"title": "Pekela", "planned_on": "1900-03-01", "description": "Over schulden"},
    )
    assert response.status_code == 400
    assert "Kijk het jaartal na." in response.get_data(as_text=True)
    assert 'value="Pekela"' in response.get_data(as_text=True)
    api = as_user(review.programme)
    far = api.post("/api/v1/case-reviews", json={"title": "Later", "plannedOn": "2099-01-01"})
    assert far.status_code == 400
    assert [p["name"] for p in far.get_json()["invalidParams"]] == ["plannedOn"]
    soon = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert (
        api.post("/api/v1/case-reviews", json={"title": "Gauw", "plannedOn": soon}).status_code
        == 201
    )
    assert db_session.scalars(select(CaseReviewSession)).all()[-1].title == "Gauw"
