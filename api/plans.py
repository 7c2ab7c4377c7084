"""/plans and what hangs directly off a plan: transitions, priorities, history, team, comments."""

from __future__ import annotations

from flask import g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from api.core import commit, created, etag_of, login_required_api, require_if_match, with_etag
from api.plan_schemas import (
    CommentCreateSchema,
    CommentSchema,
    FireSchema,
    PlanCreateSchema,
    PlanPageSchema,
    PlanQueryArgsSchema,
    PlanSchema,
    PrioritiesSchema,
    RevisionSchema,
    TeamMemberCreateSchema,
    TeamMemberSchema,
    TriggerOptionSchema,
)
from maatwerk.plans import operations as ops
from maatwerk.plans.document import load_plan_document, read_plan_document
from maatwerk.plans.history import plan_history
from maatwerk.plans.models import TeamMembership
from maatwerk.plans.queries import (
    plan_comments,
    plan_fire_options,
    plan_reading_options,
    plan_workflow_options,
)
from maatwerk.plans.reading import PlanFilters, get_plan, get_plan_item, list_plans
from maatwerk.workflow import available_triggers, fire_transition, plan_trigger_guards

blp = Blueprint("plans", __name__, url_prefix="/api/v1/plans", description="Maatwerk plans")


def plan_response(plan, status: int = 200):
    """The plan with its ETag."""
    return with_etag(plan, etag_of("plan", plan), status)


def require_plan_version(plan) -> None:
    require_if_match(etag_of("plan", plan), lambda: PlanSchema().dump(plan))


@blp.route("")
class Plans(MethodView):
    decorators = [login_required_api]

    @blp.arguments(PlanQueryArgsSchema, location="query")
    @blp.response(200, PlanPageSchema)
    def get(self, args):
        """Plans I may see, newest change first, filtered and paged."""
        page, page_size = args.pop("page"), args.pop("page_size")
        plans, total = list_plans(g.actor, PlanFilters(**args), page=page, page_size=page_size)
        commit()
        return {"items": plans, "page": page, "page_size": page_size, "total_count": total}

    @blp.arguments(PlanCreateSchema)
    @blp.response(201, PlanSchema)
    @blp.alt_response(409, description="The household already has an open plan")
    @blp.alt_response(404, description="The household is not one this user may see")
    def post(self, data):
        """Start a new plan for a household I work with, once its last plan ended (one open
        plan per household); I become its coordinator."""
        from maatwerk.households.reading import get_household

        household = get_household(data["household_id"], g.actor, action="create")
        plan = ops.create_plan(
            household, coordinator=g.actor, actor=g.actor, workflow_name=data["workflow"]
        )
        commit()
        body, status, headers = plan_response(plan, 201)
        headers["Location"] = url_for("plans.PlanById", plan_id=plan.id)
        return body, status, headers


@blp.route("/<int(max=2147483647):plan_id>")
class PlanById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, PlanSchema)
    def get(self, plan_id: int):
        """One plan: goals in priority order, actions, team."""
        plan = read_plan_document(plan_id, g.actor)
        commit()
        return plan_response(plan)


@blp.route("/<int(max=2147483647):plan_id>/transitions")
class PlanTransitions(MethodView):
    decorators = [login_required_api]

    @blp.response(200, TriggerOptionSchema(many=True))
    def get(self, plan_id: int):
        """What I may do with this plan now, and why not where I may not."""
        plan = get_plan(plan_id, g.actor, load=plan_workflow_options)
        options = available_triggers(plan, g.actor)
        commit()
        return options

    @blp.arguments(FireSchema)
    @blp.response(200, PlanSchema)
    @blp.alt_response(409, description="Wrong state or a guard is not met")
    @blp.alt_response(412, description="The plan changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def post(self, data, plan_id: int):
        """Fire a trigger (If-Match: the plan's ETag)."""
        # Only what this trigger's guards read is loaded (plans.queries.PLAN_GUARD_READS).
        guards = plan_trigger_guards(data["trigger"])
        plan = get_plan(plan_id, g.actor, action="execute", load=lambda: plan_fire_options(guards))
        require_plan_version(plan)
        fire_transition(plan, data["trigger"], actor=g.actor, reason=data["reason"])
        # The answer is read as rows in the transaction that holds the plan's lock: the
        # state at the new version, without loading the whole ORM graph (PERFORMANCE.md).
        document = load_plan_document(plan_id)
        commit()
        return plan_response(document)


@blp.route("/<int(max=2147483647):plan_id>/priorities")
class PlanPriorities(MethodView):
    decorators = [login_required_api]

    @blp.arguments(PrioritiesSchema)
    @blp.response(200, PlanSchema)
    @blp.alt_response(409, description="The plan is paused: its order waits")
    @blp.alt_response(412, description="The plan changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def put(self, data, plan_id: int):
        """The family's order of its open goals, most important first (family only).

        A new order for a plan the family already confirmed sends it back to prioritising
        first (where its workflow has `reprioritise`), so the family confirms it again; the
        answer then shows the new status and version. While such a plan is paused its order
        cannot change (409): on resuming it would go back to work unconfirmed.
        """
        plan = get_plan(
            plan_id, g.actor, action="update", load=lambda: plan_reading_options(["goals"])
        )
        require_plan_version(plan)
        goals = {goal.id: goal for goal in plan.goals}
        ordered = [goals.get(goal_id) for goal_id in data["goal_ids"]]
        if None in ordered:
            from maatwerk.core.errors import ValidationFailed

            raise ValidationFailed(
                "A goal of another plan.", fields={"goalIds": ["Not a goal of this plan."]}
            )
        ops.set_priorities(plan, ordered, actor=g.actor)
        document = load_plan_document(plan_id)
        commit()
        return plan_response(document)


@blp.route("/<int(max=2147483647):plan_id>/history")
class PlanHistory(MethodView):
    decorators = [login_required_api]

    @blp.response(200, RevisionSchema(many=True))
    def get(self, plan_id: int):
        """Every version of the plan, newest first, with who changed what."""
        plan = get_plan(plan_id, g.actor)
        entries = plan_history(plan)
        commit()
        return entries


@blp.route("/<int(max=2147483647):plan_id>/team-members")
class PlanTeam(MethodView):
    decorators = [login_required_api]

    @blp.response(200, TeamMemberSchema(many=True))
    def get(self, plan_id: int):
        """The current team."""
        plan = get_plan(plan_id, g.actor)
        commit()
        return plan.active_team

    @blp.arguments(TeamMemberCreateSchema)
    @blp.response(201, TeamMemberSchema)
    @blp.alt_response(409, description="Already on the team, no consent for their organisation")
    @blp.alt_response(412, description="The plan changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def post(self, data, plan_id: int):
        """Add a professional whose organisation has the family's consent to share the plan
        (coordinator only); planRole coordinator hands coordination over (If-Match: the
        plan's ETag, as for every change of the team)."""
        from maatwerk.accounts.reading import get_professional

        plan = get_plan(plan_id, g.actor, action="update")
        require_plan_version(plan)
        user = get_professional(data["user_id"])
        if data["plan_role"].value == "coordinator":
            membership = ops.change_coordinator(plan, user, actor=g.actor)
        else:
            membership = ops.add_team_member(plan, user, actor=g.actor)
        commit()
        return created(
            membership, "plans.PlanTeamMember", plan_id=plan.id, membership_id=membership.id
        )


@blp.route("/<int(max=2147483647):plan_id>/team-members/<int(max=2147483647):membership_id>")
class PlanTeamMember(MethodView):
    decorators = [login_required_api]

    @blp.response(204)
    @blp.alt_response(409, description="The coordinator, or no longer on the team")
    @blp.alt_response(412, description="The plan changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def delete(self, plan_id: int, membership_id: int):
        """Take a member off the team (coordinator only; If-Match: the plan's ETag)."""
        membership = get_plan_item(TeamMembership, membership_id, g.actor, action="delete")
        if membership.plan_id != plan_id:
            from maatwerk.core.errors import NotFound

            raise NotFound("Not found.")
        require_plan_version(membership.plan)
        ops.end_team_membership(membership, actor=g.actor)
        commit()


@blp.route("/<int(max=2147483647):plan_id>/comments")
class PlanComments(MethodView):
    decorators = [login_required_api]

    @blp.response(200, CommentSchema(many=True))
    def get(self, plan_id: int):
        """The plan's conversation, oldest first."""
        plan = get_plan(plan_id, g.actor)
        comments = plan_comments(plan)
        commit()
        return comments

    @blp.arguments(CommentCreateSchema)
    @blp.response(201, CommentSchema)
    def post(self, data, plan_id: int):
        """Add a message (family and team)."""
        plan = get_plan(plan_id, g.actor, action="create")
        comment = ops.add_comment(plan, data["body"], actor=g.actor)
        commit()
        return comment
