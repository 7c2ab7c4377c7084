"""/barriers (the managers' queue), /plans/{id}/barriers, /barrier-agenda, /flexible-budgets
and /notifications: thin handlers over maatwerk.barriers and maatwerk.notifications."""

from __future__ import annotations

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from api.barrier_responses import (
    barrier_response,
    budget_response,
    organisations,
    require_barrier_version,
)
from api.barrier_schemas import (
    AgendaArgsSchema,
    AgendaSchema,
    BarrierCreateSchema,
    BarrierFireSchema,
    BarrierPageSchema,
    BarrierPatchSchema,
    BarrierQueryArgsSchema,
    BarrierSchema,
    BudgetCreateSchema,
    BudgetPageSchema,
    BudgetPatchSchema,
    BudgetQueryArgsSchema,
    BudgetSchema,
    GrantSchema,
    NotificationArgsSchema,
    NotificationPageSchema,
    OperationalGoalLinksSchema,
)
from api.core import commit, etag_of, login_required_api, require_if_match
from api.plan_schemas import TriggerOptionSchema
from maatwerk.accounts.reading import get_organisations
from maatwerk.barriers import budget as budgets
from maatwerk.barriers import operations as ops
from maatwerk.barriers.agenda import build_agenda
from maatwerk.barriers.presenting import present_barrier
from maatwerk.barriers.reading import BarrierFilters, get_barrier, list_barriers, plans_shown_to
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db
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


# --- barriers -------------------------------------------------------------------------


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
    @blp.alt_response(403, description="Managers and the programme only")
    def get(self, args):
        """The programme's agenda of structural barriers, by category and by rule or law."""
        agenda = build_agenda(g.actor, include_resolved=args["include_resolved"])
        commit()
        return agenda


# --- flexible budgets ------------------------------------------------------------------


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
        """The ledger: every grant, tied to its barrier, newest first; its plan only for
        a reader who may be told (the plan's team, a manager of an organisation with the
        household's consent), never for the programme."""
        budget = budgets.get_budget(budget_id, g.actor)
        grants = budgets.budget_grants(budget, g.actor)
        shown = plans_shown_to(g.actor, {x.plan_id for x in grants if x.plan_id is not None})
        commit()
        return [
            {
                "id": x.id,
                "budget_id": x.budget_id,
                "barrier_id": x.barrier_id,
                "plan_id": x.plan_id if x.plan_id in shown else None,
                "amount": x.amount,
                "granted_by": x.granted_by,
                "granted_at": x.granted_at,
            }
            for x in grants
        ]


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
