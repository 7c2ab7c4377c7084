"""What the case review handlers share: loading a case, the ETags and responses of sessions
and cases, and the If-Match check on a case."""

from __future__ import annotations

import hashlib
import json

from flask import g

from api.casereview_schemas import CaseSchema, LessonSchema, SessionSchema
from api.core import require_if_match, with_etag
from maatwerk.casereview.presenting import lesson_view, pack_view, session_view
from maatwerk.casereview.reading import get_pack, get_session


def session_etag(session) -> str:
    return f'"case-review-{session.id}-{session.version}"'


def case_etag(pack) -> str:
    return f'"case-{pack.id}-{pack.version}"'


def session_response(session, status: int = 200):
    return with_etag(session_view(session, g.actor), session_etag(session), status)


def case_response(pack, status: int = 200):
    return with_etag(pack_view(pack), case_etag(pack), status)


def lesson_response(lesson, status: int = 200):
    """A lesson with an ETag over what it shows (a lesson has no version of its own: it
    changes only through its session, published or not)."""
    view = lesson_view(lesson)
    shown = json.dumps(LessonSchema().dump(view), sort_keys=True, default=str)
    return with_etag(view, f'"lesson-{hashlib.sha256(shown.encode()).hexdigest()[:32]}"', status)


def require_session_version(session) -> None:
    require_if_match(
        session_etag(session), lambda: SessionSchema().dump(session_view(session, g.actor))
    )


def require_case_version(pack) -> None:
    require_if_match(case_etag(pack), lambda: CaseSchema().dump(pack_view(pack)))


def load_case(session_id: int, case_id: int):
    return get_pack(get_session(session_id, g.actor), case_id, g.actor)
