"""/monitoring/indicators, /monitoring/annual-report, experience surveys and /reflections.

Monitoring and reflections are for the programme role only: anyone else gets 404. Every
figure comes from the protected rollups; a suppressed cell carries no number.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.core import commit, etag_of, login_required_api, require_if_match, with_etag
from api.schemas import CamelSchema, PageArgsSchema, page_schema, text
from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db
from maatwerk.core.enums import Domain, Moment, ProgrammeLine, Role, ScoredBy
from maatwerk.core.errors import NotFound
from maatwerk.monitoring import published, reading
from maatwerk.monitoring.breakdowns import detail as indicator_detail
from maatwerk.monitoring.documents import detail_document, overview_document
from maatwerk.monitoring.reading import Context, Filters
from maatwerk.monitoring.report import annual_report_pdf
from maatwerk.monitoring.statements import statements_for
from maatwerk.monitoring.surveys import record_survey
from maatwerk.outcomes.models import ExperienceSurvey
from maatwerk.plans.access import plan_roles
from maatwerk.plans.reading import get_plan
from maatwerk.reflection import operations as ops
from maatwerk.reflection.models import (
    GoalDecision,
    LemniscateSide,
    ReflectionFinding,
    ReflectionGroup,
)

blp = Blueprint(
    "monitoring_api",
    __name__,
    url_prefix="/api/v1",
    description="Programme monitoring, experience surveys and reflections",
)
MAX_ID = 2_147_483_647


def _programme() -> None:
    if g.actor.role is not Role.PROGRAMME:
        raise NotFound("Not found.")


# --- schemas -------------------------------------------------------------------------------


class IndicatorQueryArgsSchema(CamelSchema):
    """Filters of the monitoring (catalogue entries, never personal data)."""

    year = fields.Integer(validate=validate.Range(min=2000, max=2100))
    area_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    intervention_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    domain = fields.Enum(Domain, by_value=True)
    programme_line = fields.Enum(ProgrammeLine, by_value=True)
    phase_plan = fields.Integer(validate=validate.Range(min=1, max=99))


class ReportQueryArgsSchema(CamelSchema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))


class FigureSchema(CamelSchema):
    """One cell: a number, or `suppressed` (fewer households than the minimum) without one."""

    series = fields.String(required=True)
    value = fields.Float(allow_none=True, required=True)
    households = fields.Integer(allow_none=True, required=True)
    suppressed = fields.Boolean(required=True)
    applicable = fields.Boolean(required=True)
    shown = fields.String(required=True, metadata={"example": "< 10"})


class SeriesFiguresSchema(CamelSchema):
    series = fields.String(required=True)
    label = fields.String(allow_none=True)
    current = fields.Nested(FigureSchema, required=True)
    previous = fields.Nested(FigureSchema, required=True)
    trend = fields.String(allow_none=True, metadata={"enum": ["up", "down", "same", None]})


class IndicatorMetaSchema(CamelSchema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    unit = fields.String(required=True)
    definition = fields.String(required=True)
    note = fields.String(allow_none=True)
    measured = fields.Boolean(
        required=True,
        metadata={
            "description": "Always true: every indicator is computed from recorded data",
            "deprecated": True,
        },
    )
    domain = fields.String(allow_none=True, metadata={"description": "Fixed life domain"})
    operational_goals = fields.List(fields.String(), required=True)


class IndicatorFiguresSchema(IndicatorMetaSchema):
    series = fields.List(fields.Nested(SeriesFiguresSchema), required=True)


class GoalFiguresSchema(CamelSchema):
    code = fields.String(required=True)
    text = fields.String(required=True)
    programme_line = fields.String(required=True)
    phase_plan = fields.Integer(required=True)
    indicators = fields.List(fields.Nested(IndicatorFiguresSchema), required=True)


class FiltersSchema(CamelSchema):
    year = fields.Integer(required=True)
    area_id = fields.Integer(allow_none=True)
    intervention_id = fields.Integer(allow_none=True)
    domain = fields.String(allow_none=True)
    programme_line = fields.String(allow_none=True)
    phase_plan = fields.Integer(allow_none=True)


class OverviewSchema(CamelSchema):
    year = fields.Integer(required=True)
    previous_year = fields.Integer(required=True)
    refreshed_at = fields.DateTime(allow_none=True, required=True)
    minimum_households = fields.Integer(required=True)
    filters = fields.Nested(FiltersSchema, required=True)
    goals = fields.List(fields.Nested(GoalFiguresSchema), required=True)


class RowSchema(CamelSchema):
    key = fields.String(required=True)
    label = fields.String(required=True)
    figures = fields.List(fields.Nested(FigureSchema), required=True)


class ParentRowSchema(RowSchema):
    children = fields.List(fields.Nested(RowSchema), required=True)


class BreakdownSchema(CamelSchema):
    """A table with a total: the rows add up to the total, a row's children to the row."""

    dimension = fields.String(required=True)
    total = fields.Nested(RowSchema, required=True)
    rows = fields.List(fields.Nested(ParentRowSchema), required=True)


class TrendPointSchema(CamelSchema):
    year = fields.Integer(required=True)
    figures = fields.List(fields.Nested(FigureSchema), required=True)


class DetailSchema(CamelSchema):
    indicator = fields.Nested(IndicatorMetaSchema, required=True)
    year = fields.Integer(required=True)
    minimum_households = fields.Integer(required=True)
    filters = fields.Nested(FiltersSchema, required=True)
    ignored_filters = fields.List(fields.String(), required=True)
    trend = fields.List(fields.Nested(TrendPointSchema), required=True)
    breakdowns = fields.List(fields.Nested(BreakdownSchema), required=True)


class StatementSchema(CamelSchema):
    key = fields.String(required=True)
    respondent = fields.String(required=True)
    operational_goal = fields.String(required=True)
    text = fields.String(required=True)


class StatementQueryArgsSchema(CamelSchema):
    respondent = fields.Enum(ScoredBy, by_value=True)


class SurveyCreateSchema(CamelSchema):
    respondent = fields.Enum(ScoredBy, by_value=True, required=True)
    moment = fields.Enum(Moment, by_value=True, required=True)
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=60)),
        values=fields.Integer(strict=True, validate=validate.Range(min=1, max=5)),
        required=True,
        validate=validate.Length(min=1, max=50),
        metadata={"example": {"own_priorities": 4}},
    )


class SurveyAnswerSchema(CamelSchema):
    statement_key = fields.String(required=True)
    score = fields.Integer(required=True)


class SurveySchema(CamelSchema):
    id = fields.Integer(required=True)
    plan_id = fields.Integer(required=True)
    respondent = fields.Enum(ScoredBy, by_value=True, required=True)
    moment = fields.Enum(Moment, by_value=True, required=True)
    answered_on = fields.Date(required=True)
    answers = fields.List(fields.Nested(SurveyAnswerSchema), required=True)


class FindingSchema(CamelSchema):
    id = fields.Integer(required=True)
    side = fields.Enum(LemniscateSide, by_value=True, required=True)
    text = fields.String(required=True)


class FindingCreateSchema(CamelSchema):
    side = fields.Enum(LemniscateSide, by_value=True, required=True)
    text = text(5000, required=True)


class DecisionSchema(CamelSchema):
    operational_goal_id = fields.Integer(required=True)
    operational_goal_code = fields.Function(
        lambda d: d.operational_goal.code, dump_only=True, required=True
    )
    decision = fields.Enum(GoalDecision, by_value=True, required=True)
    phase_plan = fields.Integer(allow_none=True, required=True)
    note = fields.String(required=True)


class DecisionPutSchema(CamelSchema):
    decision = fields.Enum(GoalDecision, by_value=True, required=True)
    phase_plan = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=99))
    note = text(5000, load_default="")


class ReflectionSchema(CamelSchema):
    id = fields.Integer(required=True)
    year = fields.Integer(required=True)
    group = fields.Enum(ReflectionGroup, by_value=True, required=True)
    held_on = fields.Date(allow_none=True, required=True)
    summary = fields.String(required=True)
    findings = fields.List(fields.Nested(FindingSchema), required=True)
    decisions = fields.List(fields.Nested(DecisionSchema), required=True)


class ReflectionCreateSchema(CamelSchema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    group = fields.Enum(ReflectionGroup, by_value=True, required=True)
    held_on = fields.Date(allow_none=True)
    summary = text(5000, load_default="")


class ReflectionPatchSchema(CamelSchema):
    held_on = fields.Date(allow_none=True)
    summary = text(5000)


class ReflectionQueryArgsSchema(PageArgsSchema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))


ReflectionPageSchema = page_schema(ReflectionSchema, "ReflectionPageSchema")


# --- monitoring ----------------------------------------------------------------------------


def _filters(args: dict[str, Any], context: Context) -> Filters:
    return Filters(
        year=args.get("year") or context.default_year(),
        area_id=args.get("area_id"),
        intervention_id=args.get("intervention_id"),
        domain=args.get("domain"),
        programme_line=args.get("programme_line"),
        phase_plan=args.get("phase_plan"),
    )


def _key(args: dict[str, Any]) -> tuple:
    return tuple(sorted(args.items()))


def _json(schema: CamelSchema, document: dict[str, Any]) -> bytes:
    """The response body exactly as @blp.response would make it from the document.

    The outputs only change with the rollups: they are kept per process until the next
    refresh (maatwerk/monitoring/published.py), the schema dump with them.
    """
    return current_app.json.response(schema.dump(document)).get_data()


@blp.route("/monitoring/indicators")
class Indicators(MethodView):
    decorators = [login_required_api]

    @blp.arguments(IndicatorQueryArgsSchema, location="query")
    @blp.response(200, OverviewSchema)
    def get(self, args):
        """Every operational goal with its indicators for a year and the year before
        (programme only); cells under the minimum number of households are suppressed."""
        _programme()
        refreshed = published.load_refreshed()

        def make() -> bytes:
            context = Context.load(refreshed)
            document = overview_document(reading.overview(_filters(args, context), context))
            return _json(OverviewSchema(), document)

        body = published.cached(("overview", _key(args)), refreshed, make)
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
        _programme()
        refreshed = published.load_refreshed()

        def make() -> bytes:
            context = Context.load(refreshed)
            document = detail_document(indicator_detail(key, _filters(args, context), context))
            return _json(DetailSchema(), document)

        body = published.cached(("detail", key, _key(args)), refreshed, make)
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
    def get(self, args):
        """The annual report: indicators (suppressed), charts and the reflection's
        decisions (programme only)."""
        _programme()
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
        """The plan's surveys: the family sees its own, a team member all of them."""
        plan = get_plan(plan_id, g.actor)
        query = (
            select(ExperienceSurvey)
            .where(ExperienceSurvey.plan_id == plan.id)
            .options(selectinload(ExperienceSurvey.answers))
            .order_by(ExperienceSurvey.answered_on, ExperienceSurvey.id)
        )
        if "family" in plan_roles(plan, g.actor):
            query = query.where(ExperienceSurvey.respondent == ScoredBy.FAMILY)
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


def _reflection_response(session, status: int = 200):
    return with_etag(session, etag_of("reflection", session), status)


def _require_version(session) -> None:
    require_if_match(etag_of("reflection", session), lambda: ReflectionSchema().dump(session))


@blp.route("/reflections")
class Reflections(MethodView):
    decorators = [login_required_api]

    @blp.arguments(ReflectionQueryArgsSchema, location="query")
    @blp.response(200, ReflectionPageSchema)
    def get(self, args):
        """Reflection sessions, newest year first; `year` filters (programme only)."""
        sessions = ops.list_sessions(g.actor, args.get("year"))
        page, size = args["page"], args["page_size"]
        items = sessions[(page - 1) * size : page * size]
        return {"items": items, "page": page, "page_size": size, "total_count": len(sessions)}

    @blp.arguments(ReflectionCreateSchema)
    @blp.response(201, ReflectionSchema)
    @blp.alt_response(409, description="This group already has a session this year")
    def post(self, data):
        """Open the reflection of a group (steering group, programme team, managers)."""
        session = ops.create_session(actor=g.actor, **data)
        commit()
        body, status, headers = _reflection_response(session, 201)
        headers["Location"] = url_for("monitoring_api.ReflectionById", session_id=session.id)
        return body, status, headers


@blp.route("/reflections/<int(max=2147483647):session_id>")
class ReflectionById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, ReflectionSchema)
    def get(self, session_id: int):
        """One session with its findings per side and its decisions per operational goal."""
        return _reflection_response(ops.get_session(session_id, g.actor))

    @blp.arguments(ReflectionPatchSchema)
    @blp.response(200, ReflectionSchema)
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, session_id: int):
        """Change the date or summary (If-Match: the session's ETag)."""
        session = ops.get_session(session_id, g.actor)
        _require_version(session)
        ops.update_session(
            session,
            actor=g.actor,
            held_on=data.get("held_on", session.held_on),
            summary=data.get("summary", session.summary),
        )
        commit()
        return _reflection_response(session)


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
        return finding


@blp.route(
    "/reflections/<int(max=2147483647):session_id>/findings/<int(max=2147483647):finding_id>"
)
class ReflectionFindingById(MethodView):
    decorators = [login_required_api]

    @blp.response(204)
    def delete(self, session_id: int, finding_id: int):
        """Remove a finding."""
        session = ops.get_session(session_id, g.actor)
        finding = db.session.get(ReflectionFinding, finding_id)
        if finding is None or finding.session_id != session.id:
            raise NotFound("Not found.")
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
        _require_version(session)
        ops.record_decision(session, ops.get_goal(operational_goal_id), actor=g.actor, **data)
        commit()
        return _reflection_response(session)

    @blp.response(200, ReflectionSchema)
    @blp.alt_response(412, description="The session changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, session_id: int, operational_goal_id: int):
        """Take the decision on an operational goal back (If-Match)."""
        session = ops.get_session(session_id, g.actor)
        _require_version(session)
        ops.clear_decision(session, ops.get_goal(operational_goal_id), actor=g.actor)
        commit()
        return _reflection_response(session)


__all__ = ["blp"]
