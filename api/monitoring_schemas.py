"""Schemas of the monitoring figures, experience surveys and reflections."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from api.schemas import CamelSchema, PageArgsSchema, page_schema, text
from maatwerk.core.enums import Domain, Moment, ProgrammeLine, ScoredBy
from maatwerk.monitoring.statements import BY_KEY
from maatwerk.reflection.models import GoalDecision, LemniscateSide, ReflectionGroup

MAX_ID = 2_147_483_647


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


ANSWER = {"type": "integer", "minimum": 1, "maximum": 5}
MAX_ANSWERS = 50


def _answer_count(answers: dict) -> bool:
    if not 1 <= len(answers) <= MAX_ANSWERS:
        raise ValidationError(f"Between 1 and {MAX_ANSWERS} answers.")
    return True


class SurveyCreateSchema(CamelSchema):
    respondent = fields.Enum(ScoredBy, by_value=True, required=True)
    moment = fields.Enum(Moment, by_value=True, required=True)
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=60)),
        values=fields.Integer(strict=True, validate=validate.Range(min=1, max=5)),
        required=True,
        validate=_answer_count,
        # The spec names the statements (GET /surveys/statements): the keys are data, not
        # free text, and a key outside them is refused (400).
        metadata={
            "example": {"own_priorities": 4},
            "properties": {key: ANSWER for key in BY_KEY},
            "minProperties": 1,
            "maxProperties": MAX_ANSWERS,
        },
    )


class SurveyAnswerSchema(CamelSchema):
    statement_key = fields.String(required=True)
    score = fields.Integer(required=True)


class SurveySchema(CamelSchema):
    id = fields.Integer(required=True)
    plan_id = fields.Integer(required=True)
    respondent = fields.Enum(ScoredBy, by_value=True, required=True)
    moment = fields.Enum(Moment, by_value=True, required=True)
    cycle = fields.Integer(required=True, metadata={"description": "The plan's cycle"})
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
