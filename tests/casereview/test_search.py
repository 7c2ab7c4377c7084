"""The knowledge base: published lessons by text (Dutch on PostgreSQL, FTS5 on SQLite) and
by domain, intervention and operational goal."""

from __future__ import annotations

import pytest

from maatwerk.casereview import operations as ops
from maatwerk.casereview.search import LessonFilters, fts5_query, search_lessons
from maatwerk.catalogue.models import Intervention
from maatwerk.core.db import db
from maatwerk.core.enums import Domain, Role
from tests.casereview.conftest import account


def _held_session(review, title: str):
    session = ops.create_session(title=title, actor=review.programme)
    pack = ops.add_case(session, review.plan_id, actor=review.programme)
    ops.approve_pack(pack, actor=review.programme)
    ops.fire_session_trigger(session, "prepare", actor=review.programme)
    ops.fire_session_trigger(session, "hold", actor=review.programme)
    return session


@pytest.fixture
def lessons(review, db_session):
    """Two published lessons and one in a session that was held but not published."""
    sport = Intervention(name="Sportfonds Kids Veendam")
    db.session.add(sport)
    db.session.flush()
    published = _held_session(review, "Gepubliceerd")
    debt = ops.record_lesson(
        published,
        actor=review.programme,
        title="Eén loket bij schuld",
        description="Een vast aanspreekpunt voor de schuld gaf het gezin rust.",
        effect="worked",
        domains=[Domain.ECONOMIC],
        intervention_ids=[review.intervention.id],
        operational_goal_ids=[review.operational_goal.id],
    )
    club = ops.record_lesson(
        published,
        actor=review.programme,
        title="Meedoen bij de club",
        description="Contributie via het fonds werkte, maar de wachtlijsten van clubs niet.",
        effect="mixed",
        domains=[Domain.PEDAGOGICAL, Domain.SOCIAL],
        intervention_ids=[sport.id],
    )
    ops.fire_session_trigger(published, "publish", actor=review.programme)
    hidden = _held_session(review, "Nog niet gepubliceerd")
    secret = ops.record_lesson(
        hidden,
        actor=review.programme,
        title="Schuld en schulden nog geheim",
        description="Over schuld, niet gepubliceerd.",
        effect="did_not_work",
        domains=[Domain.ECONOMIC],
        intervention_ids=[review.intervention.id],
    )
    db_session.commit()
    return {"debt": debt, "club": club, "secret": secret, "sport": sport, "hidden": hidden}


def ids(q, **filters) -> list[int]:
    found, total = search_lessons(q, LessonFilters(**filters))
    assert total == len(found)
    return [lesson.id for lesson in found]


def test_text_search_finds_published_lessons_only(lessons):
    assert ids("schuld") == [lessons["debt"].id]
    assert ids("loket") == [lessons["debt"].id]
    assert ids("wachtlijsten fonds") == [lessons["club"].id]
    assert ids("geheim") == []
    assert sorted(ids(None)) == sorted([lessons["debt"].id, lessons["club"].id])


def test_a_dutch_word_form_finds_its_stem_on_postgresql(lessons, backend):
    if backend != "postgresql":
        pytest.skip("Dutch stemming is PostgreSQL's text search; FTS5 matches prefixes")
    # "schulden" is not in the lesson, only "schuld": the Dutch configuration stems both.
    assert ids("schulden") == [lessons["debt"].id]
    assert ids("wachtlijst") == [lessons["club"].id]
    assert ids('"vast aanspreekpunt"') == [lessons["debt"].id]  # websearch phrase


def test_sqlite_matches_word_prefixes(lessons, backend):
    if backend != "sqlite":
        pytest.skip("FTS5 prefix terms are the SQLite side")
    assert ids("wachtlijst") == [lessons["club"].id]  # prefix of "wachtlijsten"
    assert ids("aanspreek") == [lessons["debt"].id]


def test_filters_by_domain_intervention_and_operational_goal(review, lessons):
    debt, club = lessons["debt"].id, lessons["club"].id
    assert ids(None, domain=Domain.PEDAGOGICAL) == [club]
    assert ids(None, domain=Domain.ECONOMIC) == [debt]
    assert ids(None, intervention_id=lessons["sport"].id) == [club]
    assert ids(None, intervention_id=review.intervention.id) == [debt]
    assert ids(None, operational_goal_id=review.operational_goal.id) == [debt]
    assert ids("schuld", domain=Domain.SOCIAL) == []
    assert ids("club", domain=Domain.SOCIAL) == [club]


@pytest.mark.parametrize(
    "q", ['"', 'schuld"', "AND OR NOT", "*", "NEAR(schuld", "title:schuld", "^x", "-", "()", "'"]
)
def test_any_text_is_safe(lessons, q):
    search_lessons(q, LessonFilters())  # no syntax error reaches the user


def test_fts5_queries_are_quoted_terms():
    assert fts5_query('schuld" OR x') == '"schuld"* "OR"* "x"*'
    assert fts5_query("  ,;  ") is None
    assert fts5_query("vast%aanspreekpunt gezin") == '"vast aanspreekpunt"* "gezin"*'
    assert fts5_query("%") is None and fts5_query("_") is None


def test_punctuation_is_no_wildcard(lessons):
    """%, _ and other punctuation separate words (no LIKE wildcards): words glued by it are
    found side by side only, and a text without any word finds nothing, on both backends."""
    debt = lessons["debt"].id
    assert ids("vast%aanspreekpunt") == [debt]  # "Een vast aanspreekpunt"
    assert ids("vast_aanspreekpunt") == [debt]
    assert ids("loket%rust") == []  # both words are in the lesson, but not side by side
    assert ids("loket_rust") == []
    for q in ("%", "_", "%%", "_%_", " % "):
        assert ids(q) == [], q


def test_the_api_searches_for_every_partner(review, lessons, as_user, db_session):
    admin = account(Role.ADMIN)
    db_session.commit()
    url = "/api/v1/lessons"
    for user in (review.expert, review.partner, review.programme, review.s.coordinator):
        body = as_user(user).get(url, query_string={"q": "schuld"}).get_json()
        assert [item["id"] for item in body["items"]] == [lessons["debt"].id]
        assert body["totalCount"] == 1
    filtered = as_user(review.expert).get(
        url, query_string={"domain": "pedagogical", "interventionId": lessons["sport"].id}
    )
    assert [item["title"] for item in filtered.get_json()["items"]] == ["Meedoen bij de club"]
    for user in (review.s.family, admin):
        assert as_user(user).get(url).status_code == 403
    one = as_user(review.expert).get(f"{url}/{lessons['debt'].id}")
    assert one.status_code == 200 and one.get_json()["operationalGoals"][0]["code"]
    assert as_user(review.expert).get(f"{url}/{lessons['secret'].id}").status_code == 404


def test_the_lesson_list_takes_a_fixed_number_of_queries(review, lessons, as_user, count_queries):
    api = as_user(review.expert)
    api.get("/api/v1/lessons")  # warm up (token lookup caches nothing, but imports do)
    with count_queries() as few:
        api.get("/api/v1/lessons")
    published = _held_session(review, "Nog een")
    for n in range(3):
        ops.record_lesson(
            published,
            actor=review.programme,
            title=f"Les {n}",
            description="Werkt.",
            effect="worked",
        )
    ops.fire_session_trigger(published, "publish", actor=review.programme)
    db.session.commit()
    with count_queries() as more:
        assert api.get("/api/v1/lessons").get_json()["totalCount"] == 5
    assert more.count == few.count
