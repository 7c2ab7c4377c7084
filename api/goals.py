"""/plans/{id}/goals, /plans/{id}/actions, /goals/{id}, /actions/{id} and their transitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from api.core import commit, etag_of, login_required_api, require_if_match, with_etag
from api.plan_schemas import (
    ActionCreateSchema,
    ActionPatchSchema,
    ActionSchema,
    FireSchema,
    GoalCreateSchema,
    GoalPatchSchema,
    GoalSchema,
    TriggerOptionSchema,
)
from maatwerk.accounts.reading import get_organisations, get_professional
from maatwerk.catalogue.reading import get_intervention
from maatwerk.core.db import db
from maatwerk.core.errors import ValidationFailed
from maatwerk.goals import operations as ops
from maatwerk.goals.dates import too_far_ahead
from maatwerk.goals.models import Action, Goal
from maatwerk.plans.reading import get_plan, get_plan_item
from maatwerk.workflow import available_triggers, fire_transition

blp = Blueprint("goals", __name__, url_prefix="/api/v1", description="Goals and actions")

SCHEMAS: dict[str, Any] = {"goal": GoalSchema, "action": ActionSchema}


def respond(kind: str, obj: Any, status: int = 200):
    """The goal or action with its ETag (and Location when created)."""
    body, code, headers = with_etag(obj, etag_of(kind, obj), status)
    if status == 201:
        endpoint = "goals.GoalById" if kind == "goal" else "goals.ActionById"
        headers["Location"] = url_for(endpoint, **{f"{kind}_id": obj.id})
    return body, code, headers


def require_version(kind: str, obj: Any) -> None:
    require_if_match(etag_of(kind, obj), lambda: SCHEMAS[kind]().dump(obj))


def require_dates_ahead(obj: Any, data: dict[str, Any]) -> None:
    """A changed due or target date may not lie in the past; one that has passed since it
    was set may be sent back unchanged (a client that sends the whole object)."""
    today = dt.date.today()
    changed = {
        name: data[key]
        for key, name in (("due_date", "dueDate"), ("target_date", "targetDate"))
        if data.get(key) is not None and data[key] != getattr(obj, key)
    }
    past = {name: ["Lies in the past."] for name, when in changed.items() if when < today}
    if past:
        raise ValidationFailed("A date lies in the past.", fields=past)
    far = {
        name: ["More than 10 years ahead."] for name, when in changed.items() if too_far_ahead(when)
    }
    if far:
        raise ValidationFailed("A date lies more than 10 years ahead.", fields=far)


def _plan_goals(plan, goal_ids: list[int]) -> list[Goal]:
    goals = {goal.id: goal for goal in plan.goals}
    if any(goal_id not in goals for goal_id in goal_ids):
        raise ValidationFailed("A goal of another plan.", fields={"goalIds": ["Not in this plan."]})
    return [goals[goal_id] for goal_id in dict.fromkeys(goal_ids)]


def action_references(plan, data: dict[str, Any]) -> dict[str, Any]:
    """Resolve the ids of an action payload into domain objects."""
    refs: dict[str, Any] = {}
    if "goal_ids" in data:
        refs["goals"] = _plan_goals(plan, data["goal_ids"])
    if "lead_organisation_id" in data:
        lead_id = data["lead_organisation_id"]
        refs["lead_organisation"] = (
            get_organisations([lead_id], "leadOrganisationId")[0] if lead_id else None
        )
    if "participating_organisation_ids" in data:
        refs["participating"] = get_organisations(
            data["participating_organisation_ids"], "participatingOrganisationIds"
        )
    if "assigned_user_id" in data:
        user_id = data["assigned_user_id"]
        refs["assigned_user"] = get_professional(user_id, "assignedUserId") if user_id else None
    if "intervention_id" in data:
        intervention_id = data["intervention_id"]
        refs["intervention"] = get_intervention(intervention_id) if intervention_id else None
    for key in ("description", "carrier", "due_date", "cost"):
        if key in data:
            refs[key] = data[key]
    return refs


@blp.route("/plans/<int(max=2147483647):plan_id>/goals")
class PlanGoals(MethodView):
    decorators = [login_required_api]

    @blp.response(200, GoalSchema(many=True))
    def get(self, plan_id: int):
        """The plan's goals, open goals in the family's priority order first."""
        plan = get_plan(plan_id, g.actor)
        commit()
        return sorted(
            plan.goals,
            key=lambda goal: (goal.priority_rank is None, goal.priority_rank or 0, goal.id),
        )

    @blp.arguments(GoalCreateSchema)
    @blp.response(201, GoalSchema)
    def post(self, data, plan_id: int):
        """Add a goal: the family's own starts accepted, a professional's is a proposal."""
        plan = get_plan(plan_id, g.actor, action="create")
        goal = ops.add_goal(plan, actor=g.actor, **data)
        commit()
        return respond("goal", goal, 201)


@blp.route("/goals/<int(max=2147483647):goal_id>")
class GoalById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, GoalSchema)
    def get(self, goal_id: int):
        """One goal."""
        goal = get_plan_item(Goal, goal_id, g.actor)
        commit()
        return respond("goal", goal)

    @blp.arguments(GoalPatchSchema)
    @blp.response(200, GoalSchema)
    @blp.alt_response(412, description="The goal changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, goal_id: int):
        """Change a goal's words (If-Match: the goal's ETag)."""
        goal = get_plan_item(Goal, goal_id, g.actor, action="update")
        require_version("goal", goal)
        require_dates_ahead(goal, data)
        ops.update_goal(goal, data, actor=g.actor)
        commit()
        return respond("goal", goal)


@blp.route("/plans/<int(max=2147483647):plan_id>/actions")
class PlanActions(MethodView):
    decorators = [login_required_api]

    @blp.response(200, ActionSchema(many=True))
    def get(self, plan_id: int):
        """The plan's actions."""
        plan = get_plan(plan_id, g.actor)
        commit()
        return plan.actions

    @blp.arguments(ActionCreateSchema)
    @blp.response(201, ActionSchema)
    def post(self, data, plan_id: int):
        """Add an action: the team proposes, the family agrees."""
        plan = get_plan(plan_id, g.actor, action="create")
        action = ops.add_action(plan, actor=g.actor, **action_references(plan, data))
        commit()
        return respond("action", action, 201)


@blp.route("/actions/<int(max=2147483647):action_id>")
class ActionById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, ActionSchema)
    def get(self, action_id: int):
        """One action."""
        action = get_plan_item(Action, action_id, g.actor)
        commit()
        return respond("action", action)

    @blp.arguments(ActionPatchSchema)
    @blp.response(200, ActionSchema)
    @blp.alt_response(412, description="The action changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, action_id: int):
        """Change an action (If-Match: the action's ETag)."""
        action = get_plan_item(Action, action_id, g.actor, action="update")
        require_version("action", action)
        require_dates_ahead(action, data)
        ops.update_action(action, action_references(action.plan, data), actor=g.actor)
        commit()
        return respond("action", action)


def _transitions_view(kind: str, model: type) -> type[MethodView]:
    class Transitions(MethodView):
        decorators = [login_required_api]

        @blp.response(200, TriggerOptionSchema(many=True))
        def get(self, **kwargs):
            """What I may do with it now, and why not where I may not."""
            obj = get_plan_item(model, kwargs[f"{kind}_id"], g.actor)
            options = available_triggers(obj, g.actor)
            commit()
            return options

        @blp.arguments(FireSchema)
        @blp.response(200, SCHEMAS[kind])
        @blp.alt_response(409, description="Wrong state or a guard is not met")
        @blp.alt_response(412, description="Changed since it was read")
        @blp.alt_response(428, description="If-Match missing")
        def post(self, data, **kwargs):
            """Fire a trigger (If-Match: its ETag)."""
            obj = get_plan_item(model, kwargs[f"{kind}_id"], g.actor, action="execute")
            require_version(kind, obj)
            fire_transition(obj, data["trigger"], actor=g.actor, reason=data["reason"])
            db.session.flush()
            commit()
            return respond(kind, obj)

    Transitions.__name__ = f"{kind.title()}Transitions"
    return Transitions


blp.route("/goals/<int(max=2147483647):goal_id>/transitions")(_transitions_view("goal", Goal))
blp.route("/actions/<int(max=2147483647):action_id>/transitions")(
    _transitions_view("action", Action)
)
