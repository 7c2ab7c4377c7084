"""Schemas of case review sessions, their participants, anonymised cases and lessons."""

from __future__ import annotations

from marshmallow import fields, validate

from api.plan_schemas import MAX_ID
from api.schemas import CamelSchema, PageArgsSchema, page_schema, text
from maatwerk.casereview.models import LessonEffect
from maatwerk.core.enums import Domain


def ids(**kwargs) -> fields.List:
    return fields.List(fields.Integer(validate=validate.Range(min=1, max=MAX_ID)), **kwargs)


class SessionParticipantSchema(CamelSchema):
    user_id = fields.Integer(required=True)
    display_name = fields.String(required=True)
    role = fields.String(required=True)
    organisation = fields.String(allow_none=True)


class SessionSchema(CamelSchema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    planned_on = fields.Date(allow_none=True)
    status = fields.String(required=True)
    published_at = fields.AwareDateTime(allow_none=True)
    case_count = fields.Integer(required=True)
    approved_case_count = fields.Integer(metadata={"description": "Programme only"})
    lesson_count = fields.Integer(required=True)
    participants = fields.List(fields.Nested(SessionParticipantSchema), required=True)
    version = fields.Integer(required=True)


class SessionCreateSchema(CamelSchema):
    title = text(200, required=True)
    description = text(4000, load_default="")
    planned_on = fields.Date(load_default=None, allow_none=True)


class SessionParticipantCreateSchema(CamelSchema):
    user_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))


class CaseCompositionSchema(CamelSchema):
    household_type = fields.String(required=True)
    child_count_band = fields.String(required=True)
    parent_age_bands = fields.List(fields.String(), required=True)
    child_age_bands = fields.List(fields.String(), required=True)


class CaseAreaSchema(CamelSchema):
    level = fields.String(required=True, metadata={"description": "municipality, region or all"})
    name = fields.String(allow_none=True)


class CaseTimelineSchema(CamelSchema):
    day = fields.Integer(required=True, metadata={"description": "Days since the plan started"})
    event = fields.String(required=True)
    value = fields.String(allow_none=True)


class CaseActionGroupSchema(CamelSchema):
    intervention = fields.String(allow_none=True)
    carrier = fields.String(required=True)
    status = fields.String(required=True)
    count = fields.Integer(required=True)


class CaseBarrierGroupSchema(CamelSchema):
    category = fields.String(required=True)
    count = fields.Integer(required=True)
    states = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class CaseOutcomeSchema(CamelSchema):
    domain = fields.String(required=True)
    scored_by = fields.String(required=True)
    intake = fields.Integer(allow_none=True)
    latest = fields.Integer(allow_none=True)
    change = fields.Integer(allow_none=True)


class CaseTextSchema(CamelSchema):
    """One of the family's texts, scrubbed: identifiers are typed placeholders ([naam] …)."""

    id = fields.Integer(required=True)
    field = fields.String(required=True)
    goal_status = fields.String(required=True)
    text = fields.String(required=True)
    edited = fields.Boolean(required=True)


class CaseGoalTextsSchema(CamelSchema):
    domain = fields.String(required=True)
    texts = fields.List(fields.Nested(CaseTextSchema), required=True)


class CaseSchema(CamelSchema):
    id = fields.Integer(required=True)
    session_id = fields.Integer(required=True)
    label = fields.String(required=True)
    approved = fields.Boolean(required=True)
    approved_at = fields.AwareDateTime(allow_none=True)
    generated_at = fields.AwareDateTime(required=True)
    version = fields.Integer(required=True)
    composition = fields.Nested(CaseCompositionSchema, required=True)
    area = fields.Nested(CaseAreaSchema, required=True)
    status = fields.String(required=True, metadata={"description": "The plan's status"})
    cycle = fields.Integer(required=True)
    days_since_start = fields.Integer(required=True)
    timeline = fields.List(fields.Nested(CaseTimelineSchema), required=True)
    actions = fields.List(fields.Nested(CaseActionGroupSchema), required=True)
    barriers = fields.List(fields.Nested(CaseBarrierGroupSchema), required=True)
    outcomes = fields.List(fields.Nested(CaseOutcomeSchema), required=True)
    goals = fields.List(fields.Nested(CaseGoalTextsSchema), required=True)


class CaseCreateSchema(CamelSchema):
    plan_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))


class CaseCandidateSchema(CamelSchema):
    plan_id = fields.Integer(required=True)
    municipality = fields.String(required=True)
    status = fields.String(required=True)
    goal_count = fields.Integer(required=True)


class CaseCandidateArgsSchema(CamelSchema):
    area_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_ID))


class CaseTextEditSchema(CamelSchema):
    text = text(4000, required=True)


class LessonRefSchema(CamelSchema):
    id = fields.Integer(required=True)
    name = fields.String()
    code = fields.String()
    text = fields.String()


class LessonSchema(CamelSchema):
    id = fields.Integer(required=True)
    session_id = fields.Integer(required=True)
    session_title = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    effect = fields.String(required=True)
    domains = fields.List(fields.String(), required=True)
    interventions = fields.List(fields.Nested(LessonRefSchema), required=True)
    operational_goals = fields.List(fields.Nested(LessonRefSchema), required=True)
    organisations = fields.List(fields.Nested(LessonRefSchema), required=True)
    created_at = fields.AwareDateTime(required=True)
    published_at = fields.AwareDateTime(allow_none=True)


class LessonReadSchema(LessonSchema):
    """One lesson, read by its own URL or just recorded: with an ETag of what it shows
    (the lessons in a list have none)."""


class LessonCreateSchema(CamelSchema):
    title = text(200, required=True)
    description = text(4000, required=True)
    effect = fields.Enum(LessonEffect, by_value=True, required=True)
    domains = fields.List(fields.Enum(Domain, by_value=True), load_default=list)
    intervention_ids = ids(load_default=list)
    operational_goal_ids = ids(load_default=list)
    organisation_ids = ids(load_default=list)


class LessonArgsSchema(PageArgsSchema):
    q = text(200, load_default=None, metadata={"description": "Words to search for (Dutch)"})
    domain = fields.Enum(Domain, by_value=True, load_default=None)
    intervention_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_ID))
    operational_goal_id = fields.Integer(
        load_default=None, validate=validate.Range(min=1, max=MAX_ID)
    )


LessonPageSchema = page_schema(LessonSchema, "LessonPage")
