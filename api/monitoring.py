"""/monitoring/indicators, /monitoring/annual-report, experience surveys and /reflections.

Monitoring and reflections are for the programme role only: anyone else gets 404. Every
figure comes from the protected rollups; a suppressed cell carries no number.
"""

from __future__ import annotations

import hashlib

from flask import Response, current_app, g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.core import commit, created, login_required_api
from api.monitoring_responses import (
    cache_key,
    filters_of,
    json_body,
    reflection_response,
    require_programme,
    require_reflection_version,
)
from api.monitoring_schemas import (
    DecisionPutSchema,
    DetailSchema,
    FindingCreateSchema,
    FindingSchema,
    IndicatorQueryArgsSchema,
    OverviewSchema,
    ReflectionCreateSchema,
    ReflectionPageSchema,
    ReflectionPatchSchema,
    ReflectionQueryArgsSchema,
    ReflectionSchema,
    ReportQueryArgsSchema,
    StatementQueryArgsSchema,
    StatementSchema,
    SurveyCreateSchema,
    SurveySchema,
)
from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db
from maatwerk.core.enums import ScoredBy
from maatwerk.core.errors import NotFound
from maatwerk.monitoring import published, reading
from maatwerk.monitoring.breakdowns import detail as indicator_detail
from maatwerk.monitoring.documents import detail_document, overview_document
from maatwerk.monitoring.reading import Context
from maatwerk.monitoring.report import annual_report_pdf
from maatwerk.monitoring.statements import statements_for
from maatwerk.monitoring.surveys import record_survey
from maatwerk.outcomes.models import ExperienceSurvey
from maatwerk.plans.access import plan_roles
from maatwerk.plans.reading import get_plan
from maatwerk.reflection import operations as ops
from maatwerk.reflection.models import ReflectionFinding

blp = Blueprint(
    "monitoring_api",
    __name__,
    url_prefix="/api/v1",
    description="Programme monitoring, experience surveys and reflections",
)


# --- monitoring ----------------------------------------------------------------------------


@blp.route("/monitoring/indicators")
class Indicators(MethodView):
    decorators = [login_required_api]

    @blp.arguments(IndicatorQueryArgsSchema, location="query")
    @blp.response(200, OverviewSchema)
    @blp.alt_response(404, description="Programme only: anyone else gets 404")
    def get(self, args):
        """Every operational goal with its indicators for a year and the year before
        (programme only); cells under the minimum number of households are suppressed."""
        require_programme()
        refreshed = published.load_refreshed()

        def make() -> bytes:
            context = Context.load(refreshed)
            document = overview_document(reading.overview(filters_of(args, context), context))
            return json_body(OverviewSchema(), document)

        body = published.cached(("overview", cache_key(args)), refreshed, make)
        commit()
        return Response(body, mimetype=current_app.json.mimetype)


@blp.route("/monitoring/indicators/<key>")
class IndicatorByKey(MethodView):
    decorators = [login_required_api]

    @blp.arguments(IndicatorQueryArgsSchema, location="query")
    @blp.response(200, DetailSchema)
    def get(self, args, key: str):
        """One indicator: its trend and its breakdowns by area, intervention and domain,
        each a table whose rows add up to its total (programme only)."""
        require_programme()
        refreshed = published.load_refreshed()

        def make() -> bytes:
            context = Context.load(refreshed)
            document = detail_document(indicator_detail(key, filters_of(args, context), context))
            return json_body(DetailSchema(), document)

        body = published.cached(("detail", key, cache_key(args)), refreshed, make)
        commit()
        return Response(body, mimetype=current_app.json.mimetype)


@blp.route("/monitoring/annual-report")
class AnnualReport(MethodView):
    decorators = [login_required_api]

    @blp.arguments(ReportQueryArgsSchema, location="query")
    @blp.response(
        200,
        {"type": "string", "format": "binary"},
        content_type="application/pdf",
        description="The annual report as PDF",
    )
    @blp.alt_response(404, description="Programme only: anyone else gets 404")
    def get(self, args):
        """The annual report: indicators (suppressed), charts and the reflection's
        decisions (programme only)."""
        require_programme()
        context = Context.load()
        year = args.get("year") or context.default_year()
        body = annual_report_pdf(year, context=context)
        record_audit(
            actor=g.actor,
            action="print",
            object_type="monitoring",
            object_id=str(year),
            purpose="programme_monitoring",
        )
        commit()
        response = Response(body, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="jaarverslag-{year}.pdf"'
        response.headers["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        return response


# --- experience surveys --------------------------------------------------------------------


@blp.route("/survey-statements")
class SurveyStatements(MethodView):
    decorators = [login_required_api]

    @blp.arguments(StatementQueryArgsSchema, location="query")
    @blp.response(200, StatementSchema(many=True))
    def get(self, args):
        """The survey's statements (answers 1-5), each mapped to an operational goal."""
        respondents = [args["respondent"]] if "respondent" in args else list(ScoredBy)
        return [
            {
                "key": s.key,
                "respondent": s.respondent.value,
                "operational_goal": s.goal_code,
                "text": str(s.text),
            }
            for respondent in respondents
            for s in statements_for(respondent)
        ]


@blp.route("/plans/<int(max=2147483647):plan_id>/surveys")
class PlanSurveys(MethodView):
    decorators = [login_required_api]

    @blp.response(200, SurveySchema(many=True))
    def get(self, plan_id: int):
        """The plan's surveys: the family sees its own, a team member the professionals'.
        The family's answers rate the team, so the team never reads them: they reach the
        programme only as monitoring figures, with small groups suppressed."""
        plan = get_plan(plan_id, g.actor)
        query = (
            select(ExperienceSurvey)
            .where(ExperienceSurvey.plan_id == plan.id)
            .options(selectinload(ExperienceSurvey.answers))
            .order_by(ExperienceSurvey.answered_on, ExperienceSurvey.id)
        )
        family = "family" in plan_roles(plan, g.actor)
        query = query.where(
            ExperienceSurvey.respondent == (ScoredBy.FAMILY if family else ScoredBy.PROFESSIONAL)
        )
        surveys = list(db.session.scalars(query))
        commit()
        return surveys

    @blp.arguments(SurveyCreateSchema)
    @blp.response(201, SurveySchema)
    @blp.alt_response(409, description="Already answered for this moment in this cycle")
    def post(self, data, plan_id: int):
        """Answer the survey: the family the family survey, a team member the professional
        one; once per moment and plan cycle."""
        plan = get_plan(plan_id, g.actor, action="create")
        survey = record_survey(plan, actor=g.actor, **data)
        commit()
        return survey


# --- reflections ---------------------------------------------------------------------------


@blp.route("/reflections")
class Reflections(MethodView):
    decorators = [login_required_api]

    @blp.arguments(ReflectionQueryArgsSchema, location="query")
    @blp.response(200, ReflectionPageSchema)
    @blp.alt_response(404, description="Programme only: anyone else gets 404")
    def get(self, args):
        """Reflection sessions, newest year first; `year` filters (programme only)."""
        sessions = ops.list_sessions(g.actor, args.get("year"))
        page, size = args["page"], args["page_size"]
        items = sessions[(page - 1) * size : page * size]
        return {"items": items, "page": page, "page_size": size, "total_count": len(sessions)}

    @blp.arguments(ReflectionCreateSchema)
    @blp.response(201, ReflectionSchema)
    @blp.alt_response(409, description="This group already has a session this year")
    @blp.alt_response(404, description="Programme only: anyone else gets 404")
    def post(self, data):
        """Open the reflection of a group (steering group, programme team, managers)."""
        session = ops.create_session(actor=g.actor, **data)
        commit()
        body, status, headers = reflection_response(session, 201)
        headers["Location"] = url_for("monitoring_api.ReflectionById", session_id=session.id)
        return body, status, headers


@blp.route("/reflections/<int(max=2147483647):session_id>")
class ReflectionById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, ReflectionSchema)
    def get(self, session_id: int):
        """One session with its findings per side and its decisions per operational goal."""
        return reflection_response(ops.get_session(session_id, g.actor))

    @blp.arguments(ReflectionPatchSchema)
    @blp.response(200, ReflectionSchema)
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, session_id: int):
        """Change the date or summary (If-Match: the session's ETag)."""
        session = ops.get_session(session_id, g.actor)
        require_reflection_version(session)
        ops.update_session(
            session,
            actor=g.actor,
            held_on=data.get("held_on", session.held_on),
            summary=data.get("summary", session.summary),
        )
        commit()
        return reflection_response(session)


@blp.route("/reflections/<int(max=2147483647):session_id>/findings")
class ReflectionFindings(MethodView):
    decorators = [login_required_api]

    @blp.arguments(FindingCreateSchema)
    @blp.response(201, FindingSchema)
    def post(self, data, session_id: int):
        """Add a finding on one side of the lemniscate (zij, het, ik, wij)."""
        session = ops.get_session(session_id, g.actor)
        finding = ops.add_finding(session, actor=g.actor, **data)
        commit()
        return created(
            finding,
            "monitoring_api.ReflectionFindingById",
            session_id=session.id,
            finding_id=finding.id,
        )


@blp.route(
    "/reflections/<int(max=2147483647):session_id>/findings/<int(max=2147483647):finding_id>"
)
class ReflectionFindingById(MethodView):
    decorators = [login_required_api]

    @blp.response(204)
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, session_id: int, finding_id: int):
        """Remove a finding (If-Match: the session's ETag)."""
        session = ops.get_session(session_id, g.actor)
        finding = db.session.get(ReflectionFinding, finding_id)
        if finding is None or finding.session_id != session.id:
            raise NotFound("Not found.")
        require_reflection_version(session)
        ops.remove_finding(finding, actor=g.actor)
        commit()


@blp.route(
    "/reflections/<int(max=2147483647):session_id>/decisions/"
    "<int(max=2147483647):operational_goal_id>"
)
class ReflectionDecisionByGoal(MethodView):
    decorators = [login_required_api]

    @blp.arguments(DecisionPutSchema)
    @blp.response(200, ReflectionSchema)
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def put(self, data, session_id: int, operational_goal_id: int):
        """Decide on an operational goal: keep, add to phase plan N, or drop (If-Match)."""
        session = ops.get_session(session_id, g.actor)
        require_reflection_version(session)
        ops.record_decision(session, ops.get_goal(operational_goal_id), actor=g.actor, **data)
        commit()
        return reflection_response(session)

    @blp.response(200, ReflectionSchema)
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, session_id: int, operational_goal_id: int):
        """Take the decision on an operational goal back (If-Match); 404 when the session
        has no decision on it."""
        session = ops.get_session(session_id, g.actor)
        require_reflection_version(session)
        ops.clear_decision(session, ops.get_goal(operational_goal_id), actor=g.actor)
        commit()
        return reflection_response(session)


__all__ = ["blp"]
