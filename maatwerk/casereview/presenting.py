"""Plain representations of sessions, packs and lessons for the API, the pages and the PDF."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .models import CasePack, CaseReviewSession, Lesson
from .reading import is_programme, shown_packs


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


def pack_view(pack: CasePack, originals: dict[int, str | None] | None = None) -> dict[str, Any]:
    """A pack: generalised facts and the goal texts by domain (originals for the reviewer)."""
    goals: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for text in pack.texts:
        entry = {
            "id": text.id,
            "field": text.field.value,
            "goal_status": text.goal_status,
            "text": text.text,
            "edited": text.edited,
        }
        if originals is not None:
            entry["original"] = originals.get(text.id)
        goals[text.domain.value].append(entry)
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
