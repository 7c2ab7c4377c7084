"""The programme maintains the catalogues: POST and PATCH on areas, interventions and
operational goals (If-Match: the entry's ETag). Nothing is deleted: an intervention or goal
is retired with `{"retired": true}`."""

from __future__ import annotations

from typing import Any

from flask import g, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import selectinload

from api.catalogue import INTERVENTION_OPTIONS, one_entry, respond_versioned
from api.catalogue_schemas import (
    AreaCreateSchema,
    AreaPatchSchema,
    AreaSchema,
    InterventionCreateSchema,
    InterventionPatchSchema,
    InterventionSchema,
    OperationalGoalCreateSchema,
    OperationalGoalPatchSchema,
    OperationalGoalSchema,
)
from api.core import commit, etag_of, login_required_api, require_if_match
from maatwerk.accounts.reading import get_organisations
from maatwerk.catalogue import goal_operations as goal_ops
from maatwerk.catalogue import operations as ops
from maatwerk.catalogue.models import Area, Intervention, OperationalGoal
from maatwerk.catalogue.reading import get_area, get_areas

blp = Blueprint(
    "catalogue_edit",
    __name__,
    url_prefix="/api/v1",
    description="Changes to the catalogues by the programme team",
)

SCHEMAS: dict[str, Any] = {
    "area": AreaSchema,
    "intervention": InterventionSchema,
    "operational-goal": OperationalGoalSchema,
}
ENDPOINTS = {
    "area": ("catalogue.AreaById", "area_id"),
    "intervention": ("catalogue.InterventionById", "intervention_id"),
    "operational-goal": ("catalogue.OperationalGoalById", "goal_id"),
}
CHANGED = {"description": "Changed since it was read: the current version is in the body"}


def created(kind: str, obj: Any):
    """201 with the entry, its ETag and its Location."""
    body, status, headers = respond_versioned(kind, obj, 201)
    endpoint, key = ENDPOINTS[kind]
    headers["Location"] = url_for(endpoint, **{key: obj.id})
    return body, status, headers


def require_version(kind: str, obj: Any) -> None:
    require_if_match(etag_of(kind, obj), lambda: SCHEMAS[kind]().dump(obj))


def intervention_references(data: dict[str, Any]) -> dict[str, Any]:
    """The payload with its organisation and area ids resolved."""
    refs = {k: v for k, v in data.items() if k not in ("organisation_ids", "area_ids")}
    if "organisation_ids" in data:
        refs["organisations"] = get_organisations(data["organisation_ids"], "organisationIds")
    if "area_ids" in data:
        refs["areas"] = get_areas(data["area_ids"], "areaIds")
    return refs


@blp.route("/areas")
class AreaCreate(MethodView):
    decorators = [login_required_api]

    @blp.arguments(AreaCreateSchema)
    @blp.response(201, AreaSchema)
    @blp.alt_response(409, description="An entry with this name or code exists")
    def post(self, data):
        """Add a village or district within a municipality, or a neighbourhood within one."""
        ops.require_catalogue_editor(g.actor, "area")
        parent = get_area(data["parent_id"], "parentId")
        area = ops.create_area(parent, name=data["name"], kind=data["kind"], actor=g.actor)
        commit()
        return created("area", area)


@blp.route("/areas/<int(max=2147483647):area_id>")
class AreaEdit(MethodView):
    decorators = [login_required_api]

    @blp.arguments(AreaPatchSchema)
    @blp.response(200, AreaSchema)
    @blp.alt_response(412, description=CHANGED)
    @blp.alt_response(428, description="If-Match missing")
    @blp.alt_response(409, description="An entry with this name or code exists")
    def patch(self, data, area_id: int):
        """Rename an area (If-Match: its ETag); households and figures keep pointing at it."""
        area = one_entry(Area, area_id, selectinload(Area.children))
        ops.require_catalogue_editor(g.actor, "area", area.id)
        require_version("area", area)
        ops.rename_area(area, name=data["name"], actor=g.actor)
        commit()
        return respond_versioned("area", area)


@blp.route("/interventions")
class InterventionCreate(MethodView):
    decorators = [login_required_api]

    @blp.arguments(InterventionCreateSchema)
    @blp.response(201, InterventionSchema)
    @blp.alt_response(409, description="An entry with this name or code exists")
    def post(self, data):
        """Add an intervention to the service directory (no areas: the whole region)."""
        ops.require_catalogue_editor(g.actor, "intervention")
        intervention = ops.create_intervention(**intervention_references(data), actor=g.actor)
        commit()
        return created("intervention", intervention)


@blp.route("/interventions/<int(max=2147483647):intervention_id>")
class InterventionEdit(MethodView):
    decorators = [login_required_api]

    @blp.arguments(InterventionPatchSchema)
    @blp.response(200, InterventionSchema)
    @blp.alt_response(412, description=CHANGED)
    @blp.alt_response(428, description="If-Match missing")
    @blp.alt_response(409, description="An entry with this name or code exists")
    def patch(self, data, intervention_id: int):
        """Change an intervention, or retire it (If-Match: its ETag)."""
        intervention = one_entry(Intervention, intervention_id, *INTERVENTION_OPTIONS)
        ops.require_catalogue_editor(g.actor, "intervention", intervention.id)
        require_version("intervention", intervention)
        ops.update_intervention(intervention, intervention_references(data), actor=g.actor)
        commit()
        return respond_versioned("intervention", intervention)


@blp.route("/operational-goals")
class OperationalGoalCreate(MethodView):
    decorators = [login_required_api]

    @blp.arguments(OperationalGoalCreateSchema)
    @blp.response(201, OperationalGoalSchema)
    @blp.alt_response(409, description="An entry with this name or code exists")
    def post(self, data):
        """Add an operational goal (monitoring lists it with no indicator yet)."""
        ops.require_catalogue_editor(g.actor, "operational_goal")
        goal = goal_ops.create_operational_goal(**data, actor=g.actor)
        commit()
        return created("operational-goal", goal)


@blp.route("/operational-goals/<int(max=2147483647):goal_id>")
class OperationalGoalEdit(MethodView):
    decorators = [login_required_api]

    @blp.arguments(OperationalGoalPatchSchema)
    @blp.response(200, OperationalGoalSchema)
    @blp.alt_response(412, description=CHANGED)
    @blp.alt_response(428, description="If-Match missing")
    @blp.alt_response(409, description="An entry with this name or code exists")
    def patch(self, data, goal_id: int):
        """Change an operational goal, or retire it (If-Match: its ETag); the code stays."""
        goal = one_entry(OperationalGoal, goal_id)
        ops.require_catalogue_editor(g.actor, "operational_goal", goal.id)
        require_version("operational-goal", goal)
        goal_ops.update_operational_goal(goal, data, actor=g.actor)
        commit()
        return respond_versioned("operational-goal", goal)
