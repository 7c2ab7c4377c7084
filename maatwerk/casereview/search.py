"""The knowledge base (kennisbank): published lessons, searched by text and filters.

The full-text index lives outside the models (migration 0003_lessons_search):
PostgreSQL: lessons.search_vector, a tsvector in the Dutch configuration, queried with
websearch_to_tsquery('dutch', q), so word forms match ("schulden" finds "schuld").
SQLite: the FTS5 table lessons_fts, queried with MATCH; every word of q becomes a quoted
prefix term ("schuld"*), so no FTS5 syntax from the user ever reaches the parser.

Punctuation is no wildcard on either side: it separates words, and words joined by it
without a space form a phrase (websearch_to_tsquery does so; FTS5 gets one quoted phrase
per such chunk), so "Meegaan%werkt" finds the two words side by side only. A text without
any word ("%", "_") finds nothing, as on PostgreSQL, rather than every lesson.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Float, Integer, exists, false, func, literal_column, select, text
from sqlalchemy.sql import Select

from maatwerk.core.db import db
from maatwerk.core.enums import Domain

from .models import (
    CaseReviewSession,
    Lesson,
    LessonDomain,
    lesson_interventions,
    lesson_operational_goals,
)
from .reading import lesson_options

# Objects of 0003_lessons_search that the models leave out on purpose (for schema comparisons).
SEARCH_TABLES = frozenset(
    {
        "lessons_fts",
        "lessons_fts_config",
        "lessons_fts_data",
        "lessons_fts_docsize",
        "lessons_fts_idx",
    }
)
SEARCH_COLUMNS = frozenset({("lessons", "search_vector")})
SEARCH_INDEXES = frozenset({"ix_lessons_search_vector"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # FTS5's unicode61 tokens: "_" separates too
DUTCH = literal_column("'dutch'::regconfig")


@dataclass(frozen=True)
class LessonFilters:
    """What the knowledge base filters on besides the text."""

    domain: Domain | None = None
    intervention_id: int | None = None
    operational_goal_id: int | None = None


def fts5_query(q: str) -> str | None:
    """The user's words as quoted FTS5 prefix terms, all required, words joined by
    punctuation as one phrase; None without any word."""
    terms, count = [], 0
    for chunk in (q or "").split():
        words = _WORD.findall(chunk)[: max(0, 20 - count)]
        count += len(words)
        if words:
            terms.append('"' + " ".join(words) + '"*')
    return " ".join(terms) or None


def _filtered(query: Select, filters: LessonFilters) -> Select:
    query = query.join(CaseReviewSession, CaseReviewSession.id == Lesson.session_id).where(
        CaseReviewSession.status == "published"
    )
    if filters.domain is not None:
        query = query.where(
            exists().where(
                LessonDomain.lesson_id == Lesson.id, LessonDomain.domain == filters.domain
            )
        )
    if filters.intervention_id is not None:
        link = lesson_interventions.c
        query = query.where(
            exists().where(
                link.lesson_id == Lesson.id, link.intervention_id == filters.intervention_id
            )
        )
    if filters.operational_goal_id is not None:
        link = lesson_operational_goals.c
        query = query.where(
            exists().where(
                link.lesson_id == Lesson.id,
                link.operational_goal_id == filters.operational_goal_id,
            )
        )
    return query


def _ranked(query: Select, q: str, dialect: str) -> tuple[Select, list]:
    """The text condition and a relevance order for this dialect."""
    if dialect == "postgresql":
        vector = literal_column("lessons.search_vector")
        tsquery = func.websearch_to_tsquery(DUTCH, q)
        rank = func.ts_rank(vector, tsquery)
        return query.where(vector.op("@@")(tsquery)), [rank.desc()]
    match = fts5_query(q)
    if match is None:  # no word to look for: nothing matches (as on PostgreSQL)
        return query.where(false()), []
    hits = (
        text(
            "SELECT rowid AS lesson_id, bm25(lessons_fts) AS score "
            "FROM lessons_fts WHERE lessons_fts MATCH :match"
        )
        .bindparams(match=match)
        .columns(lesson_id=Integer, score=Float)
        .subquery("hits")
    )
    query = query.join(hits, hits.c.lesson_id == Lesson.id)
    return query, [hits.c.score.asc()]  # bm25: lower is better


def search_lessons(
    q: str | None, filters: LessonFilters, *, page: int = 1, page_size: int = 25
) -> tuple[list[Lesson], int]:
    """One page of published lessons matching the text and filters, best match first."""
    query = _filtered(select(Lesson), filters)
    order: list = []
    if q and q.strip():
        query, order = _ranked(query, q.strip()[:200], db.session.get_bind().dialect.name)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order += [CaseReviewSession.published_at.desc(), Lesson.id.desc()]
    lessons = db.session.scalars(
        query.options(*lesson_options())
        .order_by(*order)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return list(lessons), total


def is_search_object(type_: str, name: str | None, table: str | None = None) -> bool:
    """True for the search objects of 0003_lessons_search (an Alembic include_object helper)."""
    if type_ == "table":
        return name in SEARCH_TABLES
    if type_ == "column":
        return (table, name) in SEARCH_COLUMNS
    if type_ == "index":
        return name in SEARCH_INDEXES
    return False
