"""Plain representations of sessions, packs and lessons for the API, the pages and the PDF."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from maatwerk.anonymisation import KINDS

from .models import CasePack, CaseReviewSession, Lesson
from .packs import PLACE
from .reading import is_programme, shown_packs

# The placeholders a pack text may hold: the scrubber's kinds and the household's own place.
PLACEHOLDER_KINDS = (*KINDS, PLACE.strip("[]"))
_PLACEHOLDER = re.compile(r"\[(" + "|".join(re.escape(k) for k in PLACEHOLDER_KINDS) + r")\]")


def session_view(session: CaseReviewSession, user: Any) -> dict[str, Any]:
    """A session as this user may see it (case counts of what they may see)."""
    packs = shown_packs(session, user)
    view: dict[str, Any] = {
        "id": session.id,
        "title": session.title,
        "description": session.description,
        "planned_on": session.planned_on,
        "status": session.status,
        "published_at": session.published_at,
        "case_count": len(packs),
        "lesson_count": len(session.lessons),
        "participants": [
            {
                "user_id": p.user_id,
                "display_name": p.user.display_name,
                "role": p.user.role.value,
                "organisation": p.user.organisation.name if p.user.organisation else None,
            }
            for p in session.participants
        ],
        "version": session.version,
    }
    if is_programme(user):
        view["approved_case_count"] = sum(1 for p in packs if p.approved)
    return view


def pack_view(pack: CasePack) -> dict[str, Any]:
    """A pack: generalised facts and the scrubbed goal texts by domain."""
    goals: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for text in pack.texts:
        goals[text.domain.value].append(
            {
                "id": text.id,
                "field": text.field.value,
                "goal_status": text.goal_status,
                "text": text.text,
                "edited": text.edited,
            }
        )
    return {
        "id": pack.id,
        "session_id": pack.session_id,
        "label": pack.label,
        "approved": pack.approved,
        "approved_at": pack.approved_at,
        "generated_at": pack.generated_at,
        "version": pack.version,
        **pack.content,
        "goals": [{"domain": d, "texts": t} for d, t in sorted(goals.items())],
    }


def placeholder_parts(text: str) -> list[tuple[str, str | None]]:
    """The scrubbed text in pieces: ``(words, None)`` and ``("[naam]", "naam")`` for every
    placeholder, so a page can make visible what the scrubber replaced."""
    parts: list[tuple[str, str | None]] = []
    at = 0
    for found in _PLACEHOLDER.finditer(text):
        if found.start() > at:
            parts.append((text[at : found.start()], None))
        parts.append((found.group(0), found.group(1)))
        at = found.end()
    if at < len(text):
        parts.append((text[at:], None))
    return parts


def replaced_counts(text: str) -> list[tuple[str, int]]:
    """How many placeholders of each kind the scrubbed text holds, in the order they first
    appear."""
    return list(Counter(found.group(1) for found in _PLACEHOLDER.finditer(text)).items())


def review_view(pack: CasePack) -> dict[str, Any]:
    """A pack for the programme's review: only what participants will see (the scrubbed
    texts, never the family's original words), each text with its placeholders marked and
    counted by kind."""
    view = pack_view(pack)
    for group in view["goals"]:
        for entry in group["texts"]:
            entry["parts"] = placeholder_parts(entry["text"])
            entry["replaced"] = replaced_counts(entry["text"])
    return view


def lesson_view(lesson: Lesson) -> dict[str, Any]:
    """A lesson with its links, by id and name."""
    return {
        "id": lesson.id,
        "session_id": lesson.session_id,
        "session_title": lesson.session.title,
        "title": lesson.title,
        "description": lesson.description,
        "effect": lesson.effect.value,
        "domains": [d.value for d in lesson.domains],
        "interventions": [{"id": i.id, "name": i.name} for i in lesson.interventions],
        "operational_goals": [
            {"id": g.id, "code": g.code, "text": g.text} for g in lesson.operational_goals
        ],
        "organisations": [{"id": o.id, "name": o.name} for o in lesson.organisations],
        "created_at": lesson.created_at,
        "published_at": lesson.session.published_at,
    }
