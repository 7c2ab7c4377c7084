"""/case-reviews and /lessons: case review sessions, their anonymised cases and lessons, and
the knowledge base of published lessons."""

from __future__ import annotations

import hashlib

from flask import Response, g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from api.casereview_responses import (
    case_response,
    lesson_response,
    load_case,
    require_case_version,
    require_session_version,
    session_etag,
    session_response,
)
from api.casereview_schemas import (
    CaseCandidateArgsSchema,
    CaseCandidateSchema,
    CaseCreateSchema,
    CaseSchema,
    CaseTextEditSchema,
    LessonArgsSchema,
    LessonCreateSchema,
    LessonPageSchema,
    LessonReadSchema,
    LessonSchema,
    SessionCreateSchema,
    SessionParticipantCreateSchema,
    SessionParticipantSchema,
    SessionSchema,
)
from api.core import commit, login_required_api, require_if_match
from api.plan_schemas import FireSchema, TriggerOptionSchema
from maatwerk.casereview import operations as ops
from maatwerk.casereview.pdf import build_handout
from maatwerk.casereview.presenting import lesson_view, pack_view, session_view
from maatwerk.casereview.reading import (
    PARTNER_ROLES,
    audit_pack_views,
    get_lesson,
    get_review_pack,
    get_session,
    list_sessions,
    not_found,
    presented_packs,
    shown_packs,
)
from maatwerk.casereview.search import LessonFilters, search_lessons
from maatwerk.core.errors import Forbidden
from maatwerk.workflow import available_triggers

blp = Blueprint(
    "case_reviews",
    __name__,
    url_prefix="/api/v1",
    description="Case reviews and the knowledge base",
)
ID = "int(max=2147483647)"
SESSION = f"/case-reviews/<{ID}:session_id>"
CASE = f"{SESSION}/cases/<{ID}:case_id>"


@blp.route("/case-reviews")
class Sessions(MethodView):
    decorators = [login_required_api]

    @blp.response(200, SessionSchema(many=True))
    def get(self):
        """The sessions I run (programme) or was invited to."""
        sessions = list_sessions(g.actor)
        commit()
        return [session_view(s, g.actor) for s in sessions]

    @blp.arguments(SessionCreateSchema)
    @blp.response(201, SessionSchema)
    def post(self, data):
        """Plan a session (programme)."""
        session = ops.create_session(actor=g.actor, **data)
        commit()
        body, status, headers = session_response(session, 201)
        headers["Location"] = url_for("case_reviews.SessionById", session_id=session.id)
        return body, status, headers


@blp.route(SESSION)
class SessionById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, SessionSchema)
    def get(self, session_id: int):
        """One session: status, participants and counts."""
        session = get_session(session_id, g.actor)
        commit()
        return session_response(session)


@blp.route(f"{SESSION}/transitions")
class SessionTransitions(MethodView):
    decorators = [login_required_api]

    @blp.response(200, TriggerOptionSchema(many=True))
    def get(self, session_id: int):
        """What I may do with the session now (prepare, hold, publish), and why not."""
        options = available_triggers(get_session(session_id, g.actor), g.actor)
        commit()
        return options

    @blp.arguments(FireSchema)
    @blp.response(200, SessionSchema)
    @blp.alt_response(409, description="Wrong state or a guard is not met")
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def post(self, data, session_id: int):
        """Fire a trigger (If-Match: the session's ETag)."""
        session = get_session(session_id, g.actor)
        require_if_match(session_etag(session), lambda: session_view(session, g.actor))
        ops.fire_session_trigger(session, data["trigger"], actor=g.actor, reason=data["reason"])
        commit()
        return session_response(session)


@blp.route(f"{SESSION}/participants")
class Participants(MethodView):
    decorators = [login_required_api]

    @blp.arguments(SessionParticipantCreateSchema)
    @blp.response(201, SessionSchema)
    @blp.alt_response(409, description="Not possible in the session's current state")
    def post(self, data, session_id: int):
        """Invite a partner professional or experience expert (programme)."""
        session = get_session(session_id, g.actor)
        ops.invite_participant(session, data["user_id"], actor=g.actor)
        commit()
        body, status, headers = session_response(session, 201)
        headers["Location"] = url_for(
            "case_reviews.Participant", session_id=session.id, user_id=data["user_id"]
        )
        return body, status, headers


@blp.route(f"{SESSION}/participants/<{ID}:user_id>")
class Participant(MethodView):
    decorators = [login_required_api]

    @blp.response(200, SessionParticipantSchema)
    def get(self, session_id: int, user_id: int):
        """One invited participant of a session I may see."""
        session = get_session(session_id, g.actor)
        found = next(
            (p for p in session_view(session, g.actor)["participants"] if p["user_id"] == user_id),
            None,
        )
        if found is None:
            raise not_found(g.actor, "case_review_participant", user_id)
        commit()
        return found

    @blp.response(204)
    @blp.alt_response(409, description="The session was published")
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, session_id: int, user_id: int):
        """Take an invitation back (programme; If-Match: the session's ETag). Not after
        publication: who took part is on the record."""
        session = get_session(session_id, g.actor)
        ops.require_programme(g.actor)
        require_session_version(session)
        ops.remove_participant(session, user_id, actor=g.actor)
        commit()


@blp.route(f"{SESSION}/cases")
class Cases(MethodView):
    decorators = [login_required_api]

    @blp.response(200, CaseSchema(many=True))
    def get(self, session_id: int):
        """The anonymised cases I may see: participants only approved ones (each view audited)."""
        session = get_session(session_id, g.actor)
        packs = shown_packs(session, g.actor)
        audit_pack_views(g.actor, packs)
        commit()
        return [pack_view(p) for p in packs]

    @blp.arguments(CaseCreateSchema)
    @blp.response(201, CaseSchema)
    @blp.alt_response(409, description="Not possible in the session's current state")
    def post(self, data, session_id: int):
        """Select a plan with learning consent as a case (programme): its pack is generated."""
        pack = ops.add_case(get_session(session_id, g.actor), data["plan_id"], actor=g.actor)
        commit()
        body, status, headers = case_response(pack, 201)
        headers["Location"] = url_for(
            "case_reviews.CaseById", session_id=session_id, case_id=pack.id
        )
        return body, status, headers


@blp.route(f"{SESSION}/case-candidates")
class Candidates(MethodView):
    decorators = [login_required_api]

    @blp.arguments(CaseCandidateArgsSchema, location="query")
    @blp.response(200, CaseCandidateSchema(many=True))
    @blp.alt_response(403, description="Programme only")
    def get(self, args, session_id: int):
        """Plans of households with learning consent not yet in the session (programme)."""
        plans = ops.candidate_plans(
            get_session(session_id, g.actor), actor=g.actor, area_id=args["area_id"]
        )
        commit()
        return [
            {
                "plan_id": p.id,
                "municipality": p.household.area.municipality.name,
                "status": p.status,
                "goal_count": len(p.goals),
            }
            for p in plans
        ]


@blp.route(CASE)
class CaseById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, CaseSchema)
    def get(self, session_id: int, case_id: int):
        """One anonymised case (audited)."""
        pack = load_case(session_id, case_id)
        audit_pack_views(g.actor, [pack])
        commit()
        return case_response(pack)

    @blp.response(204)
    @blp.alt_response(409, description="The session was held")
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, session_id: int, case_id: int):
        """Take a case out of a session that was not held yet (programme; If-Match: the
        session's ETag; audited)."""
        pack = load_case(session_id, case_id)
        ops.require_programme(g.actor)
        require_session_version(pack.session)
        ops.remove_case(pack, actor=g.actor)
        commit()


@blp.route(f"{CASE}/review")
class CaseReview(MethodView):
    decorators = [login_required_api]

    @blp.response(200, CaseSchema)
    def get(self, session_id: int, case_id: int):
        """The case as participants will see it, to review before approving: the scrubbed
        texts with their placeholders ([naam], [telefoon] …), nothing of the family's own
        words that the scrubber replaced (programme; audited)."""
        pack = get_review_pack(get_session(session_id, g.actor), case_id, g.actor)
        audit_pack_views(g.actor, [pack])
        commit()
        return case_response(pack)


@blp.route(f"{CASE}/texts/<{ID}:text_id>")
class CaseText(MethodView):
    decorators = [login_required_api]

    @blp.arguments(CaseTextEditSchema)
    @blp.response(200, CaseSchema)
    @blp.alt_response(412, description="The case changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    @blp.alt_response(409, description="Not possible in the session's current state")
    def put(self, data, session_id: int, case_id: int, text_id: int):
        """Replace a text by the reviewer's version; it is scrubbed again, approval lapses."""
        pack = load_case(session_id, case_id)
        ops.require_programme(g.actor)
        require_case_version(pack)
        ops.edit_pack_text(pack, text_id, data["text"], actor=g.actor)
        commit()
        return case_response(pack)


@blp.route(f"{CASE}/approval")
class CaseApproval(MethodView):
    decorators = [login_required_api]

    @blp.response(200, CaseSchema)
    @blp.alt_response(412, description="The case changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    @blp.alt_response(409, description="Not possible in the session's current state")
    def post(self, session_id: int, case_id: int):
        """Approve the reviewed case for the session (programme; If-Match: the case's ETag;
        audited). Approving an approved case changes nothing: same version, 200."""
        pack = load_case(session_id, case_id)
        ops.require_programme(g.actor)
        require_case_version(pack)
        ops.approve_pack(pack, actor=g.actor)
        commit()
        return case_response(pack)


@blp.route(f"{SESSION}/lessons")
class SessionLessons(MethodView):
    decorators = [login_required_api]

    @blp.response(200, LessonSchema(many=True))
    def get(self, session_id: int):
        """The lessons recorded in this session."""
        session = get_session(session_id, g.actor)
        commit()
        return [lesson_view(lesson) for lesson in session.lessons]

    @blp.arguments(LessonCreateSchema)
    @blp.response(201, LessonReadSchema)
    @blp.alt_response(409, description="Not possible in the session's current state")
    def post(self, data, session_id: int):
        """Record a lesson while the session is held (participants and programme)."""
        lesson = ops.record_lesson(get_session(session_id, g.actor), actor=g.actor, **data)
        commit()
        body, status, headers = lesson_response(lesson, 201)
        headers["Location"] = url_for("case_reviews.LessonById", lesson_id=lesson.id)
        return body, status, headers


@blp.route(f"{SESSION}/lessons/<{ID}:lesson_id>")
class SessionLesson(MethodView):
    decorators = [login_required_api]

    @blp.response(204)
    @blp.alt_response(409, description="The session was published")
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, session_id: int, lesson_id: int):
        """Remove a lesson before publication (its author or the programme; If-Match: the
        session's ETag)."""
        session = get_session(session_id, g.actor)
        lesson = next((item for item in session.lessons if item.id == lesson_id), None)
        if lesson is None:
            raise not_found(g.actor, "lesson", lesson_id)
        ops.require_lesson_author(lesson, g.actor)
        require_session_version(session)
        ops.delete_lesson(lesson, actor=g.actor)
        commit()


@blp.route(f"{SESSION}/handout")
class Handout(MethodView):
    decorators = [login_required_api]

    @blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf")
    def get(self, session_id: int):
        """The session's handout: approved cases and lessons, no personal data (PDF)."""
        session = get_session(session_id, g.actor)
        packs = presented_packs(session, g.actor, action="print")
        body = build_handout(session, packs)
        commit()
        response = Response(body, mimetype="application/pdf")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="case-review-{session.id}.pdf"'
        )
        response.headers["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        return response


@blp.route("/lessons")
class Lessons(MethodView):
    decorators = [login_required_api]

    @blp.arguments(LessonArgsSchema, location="query")
    @blp.response(200, LessonPageSchema)
    @blp.alt_response(403, description="Partners only")
    def get(self, args):
        """The knowledge base: published lessons by text (Dutch), domain, intervention and
        operational goal, best match first."""
        if g.actor.role not in PARTNER_ROLES:
            raise Forbidden("Only partners can search the knowledge base.")
        page, page_size, q = args.pop("page"), args.pop("page_size"), args.pop("q")
        lessons, total = search_lessons(q, LessonFilters(**args), page=page, page_size=page_size)
        commit()
        items = [lesson_view(lesson) for lesson in lessons]
        return {"items": items, "page": page, "page_size": page_size, "total_count": total}


@blp.route(f"/lessons/<{ID}:lesson_id>")
class LessonById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, LessonReadSchema)
    def get(self, lesson_id: int):
        """One published lesson (or one of a session I take part in)."""
        lesson = get_lesson(lesson_id, g.actor)
        commit()
        return lesson_response(lesson)
