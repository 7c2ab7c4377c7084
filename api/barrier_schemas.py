"""Schemas of barriers, the barrier agenda, flexible budgets, their grants and notifications."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from api.plan_schemas import MAX_ID, FireSchema, OrganisationRefSchema, UserRefSchema
from api.schemas import CamelSchema, Money, PageArgsSchema, money, page_schema, text
from maatwerk.core.enums import BarrierCategory
from maatwerk.workflow import ENGINE

# The states of the barrier workflow (workflows/definitions/barrier.toml), in the order listed.
STATES = tuple(
    dict.fromkeys(s for d in ENGINE.definitions if d.subject == "barrier" for s in d.states)
)
MAX_EUROS = "10000000"


def amount(*, required: bool = False, minimum: str = "0", description: str = "") -> Money:
    """Euros as a string such as "125.50" (api.schemas.money), up to MAX_EUROS."""
    return money(required=required, minimum=minimum, maximum=MAX_EUROS, description=description)


class OperationalGoalRefSchema(CamelSchema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    text = fields.String(required=True)


class ActionContextSchema(CamelSchema):
    id = fields.Integer(required=True, allow_none=True)
    description = fields.String(required=True)
    status = fields.String(required=True)
    lead_organisation = fields.Nested(OrganisationRefSchema, allow_none=True)


class BarrierContextSchema(CamelSchema):
    household_reference = fields.String(allow_none=True)
    municipality = fields.String(allow_none=True)
    action = fields.Nested(ActionContextSchema, allow_none=True)
    team_organisations = fields.List(fields.Nested(OrganisationRefSchema), required=True)
    identified = fields.Boolean(
        required=True,
        metadata={
            "description": "false: the reader's organisation holds no plan_sharing consent of "
            "the household (or it is the programme): no household reference, plan, action id "
            "or team organisations"
        },
    )
    plan_closed = fields.Boolean(
        required=True,
        allow_none=True,
        metadata={
            "description": "true: the family's plan ended while the barrier was open; a "
            "decision settles the barrier but no longer changes this family's plan (null "
            "for the programme)"
        },
    )


class BarrierSchema(CamelSchema):
    id = fields.Integer(required=True)
    reference = fields.String(required=True)
    view = fields.String(
        required=True,
        metadata={"description": "plan (team, family), manager (context to decide), programme"},
    )
    plan_id = fields.Integer(allow_none=True)
    action_id = fields.Integer(allow_none=True)
    category = fields.String(required=True)
    rule_concerned = fields.String(required=True)
    description = fields.String(required=True)
    proposed_solution = fields.String(required=True)
    status = fields.String(required=True)
    structural = fields.Boolean(required=True)
    escalated_to = fields.List(fields.Nested(OrganisationRefSchema), required=True)
    decision = fields.String(allow_none=True)
    amount_granted = money(maximum=MAX_EUROS, allow_none=True)
    reported_by = fields.Nested(UserRefSchema, allow_none=True)
    reporting_organisation = fields.Nested(OrganisationRefSchema, allow_none=True)
    decided_by = fields.Nested(UserRefSchema, allow_none=True)
    reported_at = fields.AwareDateTime(required=True)
    decided_at = fields.AwareDateTime(allow_none=True)
    resolved_at = fields.AwareDateTime(allow_none=True)
    updated_at = fields.AwareDateTime(required=True)
    age_days = fields.Integer(required=True)
    operational_goals = fields.List(fields.Nested(OperationalGoalRefSchema), required=True)
    context = fields.Nested(BarrierContextSchema, required=True)
    version = fields.Integer(required=True)


BarrierPageSchema = page_schema(BarrierSchema, "BarrierPageSchema")


def id_list(**kwargs) -> fields.List:
    return fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)),
        validate=validate.Length(max=30),
        **kwargs,
    )


class BarrierCreateSchema(CamelSchema):
    category = fields.Enum(BarrierCategory, by_value=True, required=True)
    description = text(5000, required=True)
    rule_concerned = text(300, load_default="")
    proposed_solution = text(5000, load_default="")
    action_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID), allow_none=True, load_default=None
    )
    organisation_ids = id_list(load_default=list)
    block_action = fields.Boolean(load_default=True)
    escalate_now = fields.Boolean(load_default=False)


class BarrierPatchSchema(CamelSchema):
    category = fields.Enum(BarrierCategory, by_value=True)
    description = text(5000)
    rule_concerned = text(300)
    proposed_solution = text(5000)
    organisation_ids = id_list()


class BarrierFireSchema(FireSchema):
    organisation_ids = id_list(metadata={"description": "escalate: to whom (else as reported)"})
    amount_granted = amount(minimum="0.01", description="decide: a grant from my flexible budget")

    @validates_schema
    def _belongs_to_trigger(self, data, **kwargs) -> None:
        if "organisation_ids" in data and data.get("trigger") != "escalate":
            raise ValidationError("Only when escalating.", field_name="organisationIds")
        if "amount_granted" in data and data.get("trigger") != "decide":
            raise ValidationError("Only with a decision.", field_name="amountGranted")


class BarrierQueryArgsSchema(PageArgsSchema):
    status = fields.String(validate=validate.OneOf(STATES))
    category = fields.Enum(BarrierCategory, by_value=True)
    plan_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    structural = fields.Boolean()


class OperationalGoalLinksSchema(CamelSchema):
    operational_goal_ids = id_list(required=True)


class AgendaGroupSchema(CamelSchema):
    category = fields.String(allow_none=True)
    rule = fields.String(allow_none=True)
    count = fields.Integer(required=True)
    oldest_age_days = fields.Integer(required=True)
    average_age_days = fields.Integer(required=True)
    organisations = fields.List(fields.String(), required=True)
    operational_goals = fields.List(fields.Nested(OperationalGoalRefSchema), required=True)
    barrier_references = fields.List(fields.String(), required=True)
    barrier_ids = fields.List(fields.Integer(), required=True)
    rules = fields.List(fields.Nested(lambda: AgendaGroupSchema(exclude=("rules",))))


class AgendaSchema(CamelSchema):
    generated_at = fields.AwareDateTime(required=True)
    include_resolved = fields.Boolean(required=True)
    total_count = fields.Integer(required=True)
    by_category = fields.List(fields.Nested(AgendaGroupSchema), required=True)
    by_rule = fields.List(fields.Nested(AgendaGroupSchema(exclude=("rules",))), required=True)


class AgendaArgsSchema(CamelSchema):
    include_resolved = fields.Boolean(load_default=False)


class BudgetSchema(CamelSchema):
    id = fields.Integer(required=True)
    organisation = fields.Nested(OrganisationRefSchema, required=True)
    year = fields.Integer(required=True)
    amount_available = money(maximum=MAX_EUROS, required=True)
    amount_granted = money(maximum=MAX_EUROS, required=True)
    amount_remaining = money(maximum=MAX_EUROS, required=True)
    version = fields.Integer(required=True)
    updated_at = fields.AwareDateTime(required=True)


BudgetPageSchema = page_schema(BudgetSchema, "BudgetPageSchema")


class BudgetCreateSchema(CamelSchema):
    organisation_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    amount_available = amount(required=True)


class BudgetPatchSchema(CamelSchema):
    amount_available = amount(required=True)


class BudgetQueryArgsSchema(PageArgsSchema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))
    organisation_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))


class GrantSchema(CamelSchema):
    id = fields.Integer(required=True)
    budget_id = fields.Integer(required=True)
    barrier_id = fields.Integer(allow_none=True)
    plan_id = fields.Integer(allow_none=True)
    amount = money(maximum=MAX_EUROS, required=True)
    granted_by = fields.Nested(UserRefSchema, allow_none=True)
    granted_at = fields.AwareDateTime(required=True)


class NotificationSchema(CamelSchema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True)
    barrier_id = fields.Integer(allow_none=True)
    barrier_reference = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    read_at = fields.AwareDateTime(allow_none=True)


class NotificationPageSchema(page_schema(NotificationSchema, "NotificationPageBase")):
    unread_count = fields.Integer(required=True)


class NotificationArgsSchema(PageArgsSchema):
    unread = fields.Boolean(load_default=False)
