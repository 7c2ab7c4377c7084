"""Schemas of plans, goals, actions, team members, transitions and history."""

from __future__ import annotations

from marshmallow import fields, validate

from api.schemas import CamelSchema, PageArgsSchema, ahead_within_reach, money, page_schema, text
from maatwerk.core.enums import Carrier, Domain, Moment, PlanRole, ScoredBy
from maatwerk.workflow import ENGINE

MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database
UNCHANGED_OR_AHEAD = (
    "Today or later, at most 10 years ahead; a date that has passed may only be sent unchanged"
)
# The states of every plan workflow definition (workflows/definitions/*.toml): a filter on
# any other value could only ever match nothing, so it is refused instead.
PLAN_STATES = sorted({s for d in ENGINE.definitions if d.subject == "plan" for s in d.states})


def ref_id(**kwargs) -> fields.Integer:
    """An optional reference to another resource by id."""
    return fields.Integer(allow_none=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class OrganisationRefSchema(CamelSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class UserRefSchema(CamelSchema):
    id = fields.Integer(required=True)
    display_name = fields.String(required=True)
    organisation = fields.Nested(OrganisationRefSchema, allow_none=True)


class TeamMemberSchema(CamelSchema):
    id = fields.Integer(required=True)
    user = fields.Nested(UserRefSchema, required=True)
    plan_role = fields.Enum(PlanRole, by_value=True, required=True)
    started_at = fields.AwareDateTime(required=True)
    email = fields.String(attribute="user.email", allow_none=True)
    phone = fields.String(attribute="user.phone", allow_none=True)


class TeamMemberCreateSchema(CamelSchema):
    user_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    plan_role = fields.Enum(PlanRole, by_value=True, load_default=PlanRole.MEMBER)


class GoalSchema(CamelSchema):
    id = fields.Integer(required=True)
    plan_id = fields.Integer(required=True)
    domain = fields.Enum(Domain, by_value=True, required=True)
    title = fields.String(required=True)
    why_it_matters = fields.String(required=True)
    strengths = fields.String(required=True)
    priority_rank = fields.Integer(allow_none=True)
    status = fields.String(required=True)
    proposed_by = fields.String(attribute="proposed_by.value", required=True)
    target_date = fields.Date(allow_none=True)
    version = fields.Integer(required=True)
    updated_at = fields.AwareDateTime(required=True)


class GoalCreateSchema(CamelSchema):
    domain = fields.Enum(Domain, by_value=True, required=True)
    title = text(300, required=True)
    why_it_matters = text(5000, load_default="")
    strengths = text(5000, load_default="")
    target_date = fields.Date(load_default=None, allow_none=True, validate=ahead_within_reach)


class GoalPatchSchema(CamelSchema):
    title = text(300)
    why_it_matters = text(5000)
    strengths = text(5000)
    target_date = fields.Date(allow_none=True, metadata={"description": UNCHANGED_OR_AHEAD})
    domain = fields.Enum(Domain, by_value=True)


class ActionSchema(CamelSchema):
    id = fields.Integer(required=True)
    plan_id = fields.Integer(required=True)
    description = fields.String(required=True)
    carrier = fields.Enum(Carrier, by_value=True, required=True)
    status = fields.String(required=True)
    goal_ids = fields.Method("_goal_ids", required=True)
    lead_organisation = fields.Nested(OrganisationRefSchema, allow_none=True)
    participating_organisations = fields.List(fields.Nested(OrganisationRefSchema))
    assigned_user = fields.Nested(UserRefSchema, allow_none=True)
    intervention_id = fields.Integer(allow_none=True)
    intervention_name = fields.String(attribute="intervention.name", allow_none=True)
    due_date = fields.Date(allow_none=True)
    cost = money(allow_none=True)
    proposed_by = fields.String(attribute="proposed_by.value", required=True)
    version = fields.Integer(required=True)
    updated_at = fields.AwareDateTime(required=True)

    def _goal_ids(self, action) -> list[int]:
        return sorted(g.id for g in action.goals)


class ActionCreateSchema(CamelSchema):
    description = text(5000, required=True)
    carrier = fields.Enum(Carrier, by_value=True, required=True)
    goal_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)),
        load_default=list,
        validate=validate.Length(max=50),
    )
    lead_organisation_id = ref_id(load_default=None)
    participating_organisation_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)),
        load_default=list,
        validate=validate.Length(max=50),
    )
    assigned_user_id = ref_id(load_default=None)
    intervention_id = ref_id(load_default=None)
    due_date = fields.Date(allow_none=True, load_default=None, validate=ahead_within_reach)
    cost = money(load_default=None, allow_none=True)


class ActionPatchSchema(CamelSchema):
    description = text(5000)
    carrier = fields.Enum(Carrier, by_value=True)
    goal_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)), validate=validate.Length(max=50)
    )
    lead_organisation_id = ref_id()
    participating_organisation_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)), validate=validate.Length(max=50)
    )
    assigned_user_id = ref_id()
    intervention_id = ref_id()
    due_date = fields.Date(allow_none=True, metadata={"description": UNCHANGED_OR_AHEAD})
    cost = money(allow_none=True)


class RefusalSchema(CamelSchema):
    kind = fields.String(required=True)
    message = fields.String(required=True)
    guard = fields.String(allow_none=True)


class TriggerOptionSchema(CamelSchema):
    trigger = fields.String(required=True)
    dest = fields.String(required=True)
    allowed = fields.Boolean(required=True)
    reason_required = fields.Boolean(required=True)
    refusal = fields.Nested(RefusalSchema, allow_none=True)


class FireSchema(CamelSchema):
    trigger = text(60, required=True)
    reason = text(2000, load_default=None, allow_none=True)


class PrioritiesSchema(CamelSchema):
    goal_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)),
        required=True,
        validate=validate.Length(max=100),
    )


class PlanSummarySchema(CamelSchema):
    id = fields.Integer(required=True)
    household_id = fields.Integer(required=True)
    household_reference = fields.String(attribute="household.reference", required=True)
    workflow = fields.String(attribute="workflow_name", required=True)
    workflow_version = fields.Integer(required=True)
    status = fields.String(required=True)
    cycle = fields.Integer(required=True)
    version = fields.Integer(required=True)
    coordinator = fields.Nested(UserRefSchema, allow_none=True)
    started_on = fields.Date(required=True)
    updated_at = fields.AwareDateTime(required=True)


class PlanSchema(PlanSummarySchema):
    confirmed_version = fields.Integer(allow_none=True)
    confirmed_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    closure_reason = fields.String(allow_none=True)
    team = fields.List(fields.Nested(TeamMemberSchema), attribute="active_team")
    goals = fields.List(fields.Nested(GoalSchema))
    actions = fields.List(fields.Nested(ActionSchema))


class PlanCreateSchema(CamelSchema):
    household_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    workflow = text(60, load_default="plan_standard")


class PlanQueryArgsSchema(PageArgsSchema):
    status = fields.String(
        validate=validate.OneOf(PLAN_STATES),
        metadata={"description": "A state of a plan workflow (an unknown one is a 400)"},
    )
    area_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    coordinator_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    overdue_actions = fields.Boolean()
    changed_since = fields.AwareDateTime()


class FieldChangeSchema(CamelSchema):
    path = fields.String(required=True)
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)


class RevisionSchema(CamelSchema):
    version = fields.Integer(required=True)
    summary = fields.String(required=True)
    actor = fields.Nested(UserRefSchema, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    changes = fields.List(fields.Nested(FieldChangeSchema), required=True)


class CommentSchema(CamelSchema):
    id = fields.Integer(required=True)
    body = fields.String(required=True)
    author = fields.Nested(UserRefSchema, allow_none=True)
    created_at = fields.AwareDateTime(required=True)


class CommentCreateSchema(CamelSchema):
    body = text(5000, required=True)


PlanPageSchema = page_schema(PlanSummarySchema, "PlanPageSchema")


class OutcomeScoreSchema(CamelSchema):
    id = fields.Integer(required=True)
    cycle = fields.Integer(required=True)
    domain = fields.Enum(Domain, by_value=True, required=True)
    score = fields.Integer(required=True)
    scored_by = fields.String(attribute="scored_by.value", required=True)
    moment = fields.String(attribute="moment.value", required=True)
    scored_on = fields.Date(required=True)


class OutcomeScoreCreateSchema(CamelSchema):
    domain = fields.Enum(Domain, by_value=True, required=True)
    score = fields.Integer(required=True, validate=validate.Range(min=1, max=5))
    scored_by = fields.Enum(ScoredBy, by_value=True, required=True)
    moment = fields.Enum(Moment, by_value=True, required=True)
    scored_on = fields.Date(load_default=None, allow_none=True)


class OutcomeScorePatchSchema(CamelSchema):
    score = fields.Integer(required=True, validate=validate.Range(min=1, max=5))


class DomainScoresSchema(CamelSchema):
    """Family and professional scores of one domain side by side (latest of this cycle)."""

    domain = fields.Enum(Domain, by_value=True, required=True)
    family = fields.Integer(allow_none=True)
    professional = fields.Integer(allow_none=True)
    divergent = fields.Boolean(required=True)
    scores = fields.List(fields.Nested(OutcomeScoreSchema), required=True)
