"""/barriers (the managers' queue), /plans/{id}/barriers, /barrier-agenda, /flexible-budgets
and /notifications: thin handlers over maatwerk.barriers and maatwerk.notifications."""

from __future__ import annotations

import decimal

from flask import g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import ValidationError, fields, validate, validates_schema

from api.core import commit, etag_of, login_required_api, require_if_match, with_etag
from api.plan_schemas import (
    MAX_ID,
    FireSchema,
    OrganisationRefSchema,
    TriggerOptionSchema,
    UserRefSchema,
)
from api.schemas import CamelSchema, PageArgsSchema, page_schema, text
from maatwerk.accounts.reading import get_organisations
from maatwerk.barriers import budget as budgets
from maatwerk.barriers import operations as ops
from maatwerk.barriers.agenda import build_agenda
from maatwerk.barriers.presenting import present_barrier
from maatwerk.barriers.reading import BarrierFilters, get_barrier, list_barriers
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import BarrierCategory
from maatwerk.core.errors import ValidationFailed
from maatwerk.notifications.reading import list_notifications, unread_count
from maatwerk.plans.reading import get_plan
from maatwerk.workflow import available_triggers

blp = Blueprint(
    "barriers",
    __name__,
    url_prefix="/api/v1",
    description="Barriers (doorbraak), the flexible budget and notifications",
)

STATES = ("reported", "escalated", "structural", "resolved")
MAX_EUROS = decimal.Decimal("10000000")
CENT = decimal.Decimal("0.01")


def amount(*, required: bool = False, minimum: str = "0", description: str = "") -> fields.Decimal:
    """Euros as a string such as "125.50": at most two decimals, within bounds."""
    metadata = {"pattern": r"^\d{1,8}(\.\d{1,2})?$", "example": "125.50"}
    if description:
        metadata["description"] = description
    lowest = decimal.Decimal(minimum)

    def check(value: decimal.Decimal) -> None:
        try:
            exact = value == value.quantize(CENT)
        except decimal.InvalidOperation:
            exact = False
        if not exact:
            raise ValidationError("At most two decimals.")
        if not lowest <= value <= MAX_EUROS:
            raise ValidationError(f"Between {lowest} and {MAX_EUROS}.")

    return fields.Decimal(as_string=True, required=required, validate=check, metadata=metadata)


# --- schemas --------------------------------------------------------------------------


class OperationalGoalRefSchema(CamelSchema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    text = fields.String(required=True)


class ActionContextSchema(CamelSchema):
    id = fields.Integer(required=True)
    description = fields.String(required=True)
    status = fields.String(required=True)
    lead_organisation = fields.Nested(OrganisationRefSchema, allow_none=True)


class BarrierContextSchema(CamelSchema):
    household_reference = fields.String(allow_none=True)
    municipality = fields.String(allow_none=True)
    action = fields.Nested(ActionContextSchema, allow_none=True)
    team_organisations = fields.List(fields.Nested(OrganisationRefSchema), required=True)


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
    amount_granted = fields.Decimal(as_string=True, places=2, allow_none=True)
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
    amount_available = fields.Decimal(as_string=True, places=2, required=True)
    amount_granted = fields.Decimal(as_string=True, places=2, required=True)
    amount_remaining = fields.Decimal(as_string=True, places=2, required=True)
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
    amount = fields.Decimal(as_string=True, places=2, required=True)
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


# --- barriers -------------------------------------------------------------------------


def barrier_response(barrier, status: int = 200):
    """The barrier as the user may see it, with its ETag (and Location when created)."""
    body, _, headers = with_etag(present_barrier(barrier, g.actor), etag_of("barrier", barrier))
    if status == 201:
        headers["Location"] = url_for("barriers.BarrierById", barrier_id=barrier.id)
    return body, status, headers


def require_barrier_version(barrier) -> None:
    require_if_match(
        etag_of("barrier", barrier), lambda: BarrierSchema().dump(present_barrier(barrier, g.actor))
    )


def organisations(data: dict, key: str = "organisation_ids"):
    """The organisations a payload names, or None when it names none."""
    return get_organisations(data[key], "organisationIds") if key in data else None


@blp.route("/barriers")
class Barriers(MethodView):
    decorators = [login_required_api]

    @blp.arguments(BarrierQueryArgsSchema, location="query")
    @blp.response(200, BarrierPageSchema)
    def get(self, args):
        """My queue: escalated barriers of my organisation (manager), the barriers of my
        plans (team), the structural ones (programme); open first, the oldest on top."""
        page, page_size = args.pop("page"), args.pop("page_size")
        if args.get("category") is not None:
            args["category"] = args["category"].value
        barriers, total = list_barriers(
            g.actor, BarrierFilters(**args), page=page, page_size=page_size
        )
        items = [present_barrier(barrier, g.actor) for barrier in barriers]
        commit()
        return {"items": items, "page": page, "page_size": page_size, "total_count": total}


@blp.route("/plans/<int(max=2147483647):plan_id>/barriers")
class PlanBarriers(MethodView):
    decorators = [login_required_api]

    @blp.arguments(BarrierCreateSchema)
    @blp.response(201, BarrierSchema)
    def post(self, data, plan_id: int):
        """Report a barrier (team); on a running action it blocks that action."""
        plan = get_plan(plan_id, g.actor, action="create")
        action = None
        if data["action_id"] is not None:
            action = next((a for a in plan.actions if a.id == data["action_id"]), None)
            if action is None:
                raise ValidationFailed(
                    "An action of another plan.", fields={"actionId": ["Not in plan."]}
                )
        barrier = ops.report_barrier(
            plan,
            actor=g.actor,
            category=data["category"],
            description=data["description"],
            rule_concerned=data["rule_concerned"],
            proposed_solution=data["proposed_solution"],
            action=action,
            escalate_to=organisations(data) or [],
            block_action=data["block_action"],
            escalate_now=data["escalate_now"],
        )
        commit()
        return barrier_response(barrier, 201)


@blp.route("/barriers/<int(max=2147483647):barrier_id>")
class BarrierById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, BarrierSchema)
    def get(self, barrier_id: int):
        """One barrier, with only the plan context my role may see."""
        barrier = get_barrier(barrier_id, g.actor)
        commit()
        return barrier_response(barrier)

    @blp.arguments(BarrierPatchSchema)
    @blp.response(200, BarrierSchema)
    @blp.alt_response(409, description="Already escalated or resolved")
    @blp.alt_response(412, description="The barrier changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, barrier_id: int):
        """Change a reported barrier (team; If-Match: its ETag)."""
        barrier = get_barrier(barrier_id, g.actor, action="update")
        require_barrier_version(barrier)
        if "organisation_ids" in data:
            data["escalate_to"] = organisations(data)
        ops.update_barrier(barrier, data, actor=g.actor)
        commit()
        return barrier_response(barrier)


@blp.route("/barriers/<int(max=2147483647):barrier_id>/transitions")
class BarrierTransitions(MethodView):
    decorators = [login_required_api]

    @blp.response(200, TriggerOptionSchema(many=True))
    def get(self, barrier_id: int):
        """What I may do with this barrier now, and why not where I may not."""
        barrier = get_barrier(barrier_id, g.actor)
        options = available_triggers(barrier, g.actor)
        commit()
        return options

    @blp.arguments(BarrierFireSchema)
    @blp.response(200, BarrierSchema)
    @blp.alt_response(409, description="Wrong state, a guard, or not enough budget")
    @blp.alt_response(412, description="The barrier changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def post(self, data, barrier_id: int):
        """Fire a trigger (If-Match: its ETag): escalate (organisationIds), decide (reason =
        the decision; amountGranted from my organisation's flexible budget), make_structural,
        resolve, resolve_structural."""
        barrier = get_barrier(barrier_id, g.actor, action="execute")
        require_barrier_version(barrier)
        ops.fire_barrier_trigger(
            barrier,
            data["trigger"],
            actor=g.actor,
            reason=data["reason"],
            organisations=organisations(data),
            amount=data.get("amount_granted"),
        )
        db.session.flush()
        commit()
        return barrier_response(barrier)


@blp.route("/barriers/<int(max=2147483647):barrier_id>/operational-goals")
class BarrierOperationalGoals(MethodView):
    decorators = [login_required_api]

    @blp.arguments(OperationalGoalLinksSchema)
    @blp.response(200, BarrierSchema)
    @blp.alt_response(412, description="The barrier changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def put(self, data, barrier_id: int):
        """The operational goals a structural barrier stands in the way of (programme)."""
        barrier = get_barrier(barrier_id, g.actor, action="update")
        require_barrier_version(barrier)
        wanted = list(dict.fromkeys(data["operational_goal_ids"]))
        goals = (
            db.session.query(OperationalGoal).filter(OperationalGoal.id.in_(wanted)).all()
            if wanted
            else []
        )
        if len(goals) != len(wanted):
            raise ValidationFailed(
                "Unknown operational goal.", fields={"operationalGoalIds": ["Unknown."]}
            )
        ops.link_operational_goals(barrier, goals, actor=g.actor)
        commit()
        return barrier_response(barrier)


@blp.route("/barrier-agenda")
class BarrierAgenda(MethodView):
    decorators = [login_required_api]

    @blp.arguments(AgendaArgsSchema, location="query")
    @blp.response(200, AgendaSchema)
    def get(self, args):
        """The programme's agenda of structural barriers, by category and by rule or law."""
        agenda = build_agenda(g.actor, include_resolved=args["include_resolved"])
        commit()
        return agenda


# --- flexible budgets ------------------------------------------------------------------


def budget_response(budget, status: int = 200):
    body, _, headers = with_etag(budget, etag_of("flexible-budget", budget))
    if status == 201:
        headers["Location"] = url_for("barriers.BudgetById", budget_id=budget.id)
    return body, status, headers


@blp.route("/flexible-budgets")
class Budgets(MethodView):
    decorators = [login_required_api]

    @blp.arguments(BudgetQueryArgsSchema, location="query")
    @blp.response(200, BudgetPageSchema)
    def get(self, args):
        """Flexible budgets I may see (programme: all; manager: my organisation's)."""
        page, page_size = args.pop("page"), args.pop("page_size")
        items, total = budgets.list_budgets(
            g.actor,
            year=args.get("year"),
            organisation_id=args.get("organisation_id"),
            page=page,
            page_size=page_size,
        )
        commit()
        return {"items": items, "page": page, "page_size": page_size, "total_count": total}

    @blp.arguments(BudgetCreateSchema)
    @blp.response(201, BudgetSchema)
    @blp.alt_response(409, description="This organisation already has a budget that year")
    def post(self, data):
        """Set an organisation's budget for a year (programme, or its manager)."""
        organisation = get_organisations([data["organisation_id"]], "organisationId")[0]
        budget = budgets.set_budget(
            organisation, data["year"], data["amount_available"], actor=g.actor
        )
        commit()
        return budget_response(budget, 201)


@blp.route("/flexible-budgets/<int(max=2147483647):budget_id>")
class BudgetById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, BudgetSchema)
    def get(self, budget_id: int):
        """One budget: available, granted, remaining."""
        budget = budgets.get_budget(budget_id, g.actor)
        commit()
        return budget_response(budget)

    @blp.arguments(BudgetPatchSchema)
    @blp.response(200, BudgetSchema)
    @blp.alt_response(409, description="Lower than what was already granted")
    @blp.alt_response(412, description="The budget changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, budget_id: int):
        """Change the yearly amount (If-Match: its ETag)."""
        budget = budgets.get_budget(budget_id, g.actor, lock=True)
        require_if_match(etag_of("flexible-budget", budget), lambda: BudgetSchema().dump(budget))
        budgets.change_budget(budget, data["amount_available"], actor=g.actor)
        commit()
        return budget_response(budget)


@blp.route("/flexible-budgets/<int(max=2147483647):budget_id>/grants")
class BudgetGrants(MethodView):
    decorators = [login_required_api]

    @blp.response(200, GrantSchema(many=True))
    def get(self, budget_id: int):
        """The ledger: every grant, tied to its barrier and plan, newest first."""
        budget = budgets.get_budget(budget_id, g.actor)
        grants = budgets.budget_grants(budget, g.actor)
        commit()
        return grants


# --- notifications --------------------------------------------------------------------


@blp.route("/notifications")
class Notifications(MethodView):
    decorators = [login_required_api]

    @blp.arguments(NotificationArgsSchema, location="query")
    @blp.response(200, NotificationPageSchema)
    def get(self, args):
        """My notifications, unread first, with the unread count."""
        items, total = list_notifications(
            g.actor, unread_only=args["unread"], page=args["page"], page_size=args["page_size"]
        )
        return {
            "items": items,
            "page": args["page"],
            "page_size": args["page_size"],
            "total_count": total,
            "unread_count": unread_count(g.actor),
        }
