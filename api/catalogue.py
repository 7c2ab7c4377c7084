"""/me and the catalogues every logged-in user reads: organisations, areas, interventions,
operational goals. No household data here, so no audit."""

from __future__ import annotations

from typing import Any

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from api.catalogue_schemas import (
    AreaPageSchema,
    AreaQueryArgsSchema,
    AreaSchema,
    InterventionPageSchema,
    InterventionQueryArgsSchema,
    InterventionSchema,
    MeSchema,
    OperationalGoalPageSchema,
    OperationalGoalQueryArgsSchema,
    OperationalGoalSchema,
    OrganisationPageSchema,
    OrganisationQueryArgsSchema,
    OrganisationSchema,
)
from api.core import etag_of, login_required_api, with_etag
from api.household_schemas import with_digest_etag
from maatwerk.accounts.models import Organisation
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.errors import NotFound

blp = Blueprint("catalogue", __name__, url_prefix="/api/v1", description="Me and the catalogues")

# --- queries (read-only catalogue look-ups) -----------------------------------------------


def _page(query: Select, args: dict[str, Any]) -> dict[str, Any]:
    """One page of a catalogue query: count, then the page's rows."""
    page, page_size = args["page"], args["page_size"]
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = db.session.scalars(query.limit(page_size).offset((page - 1) * page_size)).all()
    return {"items": items, "page": page, "page_size": page_size, "total_count": total or 0}


def one_entry(model: type, object_id: int, *options: Any) -> Any:
    """A catalogue entry by id, or a 404 problem."""
    item = db.session.scalar(select(model).where(model.id == object_id).options(*options))
    if item is None:
        raise NotFound("Not found.")
    return item


def _respond(schema: Any, kind: str, item: Any):
    return with_digest_etag(schema, kind, item.id, item)


def respond_versioned(kind: str, item: Any, status: int = 200):
    """An editable catalogue entry with the ETag of its version (If-Match on changes)."""
    return with_etag(item, etag_of(kind, item), status)


def _area_ids_around(area_id: int) -> Select:
    """The area, the areas within it and the municipality it lies in."""
    parent = select(Area.parent_id).where(Area.id == area_id).scalar_subquery()
    return select(Area.id).where(
        or_(Area.id == area_id, Area.parent_id == area_id, Area.id == parent)
    )


INTERVENTION_OPTIONS = (
    selectinload(Intervention.organisations),
    selectinload(Intervention.areas),
    selectinload(Intervention.domain_links),
)

# --- endpoints ----------------------------------------------------------------------------


@blp.route("/me")
class Me(MethodView):
    decorators = [login_required_api]

    @blp.response(200, MeSchema)
    def get(self):
        """Who I am: role, organisation, and for a family account its household."""
        return _respond(MeSchema, "me", g.actor)


@blp.route("/organisations")
class Organisations(MethodView):
    decorators = [login_required_api]

    @blp.arguments(OrganisationQueryArgsSchema, location="query")
    @blp.response(200, OrganisationPageSchema)
    def get(self, args):
        """The partner organisations, by name; `sector` filters."""
        query = select(Organisation).order_by(Organisation.name, Organisation.id)
        if "sector" in args:
            query = query.where(Organisation.sector == args["sector"])
        return _page(query, args)


@blp.route("/organisations/<int(max=2147483647):organisation_id>")
class OrganisationById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, OrganisationSchema)
    def get(self, organisation_id: int):
        """One partner organisation."""
        return _respond(
            OrganisationSchema, "organisation", one_entry(Organisation, organisation_id)
        )


@blp.route("/areas")
class Areas(MethodView):
    decorators = [login_required_api]

    @blp.arguments(AreaQueryArgsSchema, location="query")
    @blp.response(200, AreaPageSchema)
    def get(self, args):
        """Municipalities with their villages and districts; `parentId` lists the areas
        within one area instead."""
        parent_id = args.get("parent_id")
        query = (
            select(Area)
            .where(Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id)
            .options(selectinload(Area.children))
            .order_by(Area.name, Area.id)
        )
        return _page(query, args)


@blp.route("/areas/<int(max=2147483647):area_id>")
class AreaById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, AreaSchema)
    def get(self, area_id: int):
        """One area with the areas within it."""
        return respond_versioned("area", one_entry(Area, area_id, selectinload(Area.children)))


@blp.route("/interventions")
class Interventions(MethodView):
    decorators = [login_required_api]

    @blp.arguments(InterventionQueryArgsSchema, location="query")
    @blp.response(200, InterventionPageSchema)
    def get(self, args):
        """The service directory (sociale kaart), by name; filter on `domain`, `areaId`
        and words in the name or description (`q`); retired ones only on `includeRetired`."""
        query = (
            select(Intervention)
            .options(*INTERVENTION_OPTIONS)
            .order_by(Intervention.name, Intervention.id)
        )
        if not args["include_retired"]:
            query = query.where(Intervention.retired_at.is_(None))
        if "domain" in args:
            query = query.where(
                Intervention.domain_links.any(InterventionDomain.domain == args["domain"])
            )
        if "area_id" in args:
            query = query.where(
                Intervention.areas.any(Area.id.in_(_area_ids_around(args["area_id"])))
            )
        if args.get("q", "").strip():
            words = args["q"].strip().lower()
            query = query.where(
                or_(
                    func.lower(Intervention.name).contains(words, autoescape=True),
                    func.lower(Intervention.description).contains(words, autoescape=True),
                )
            )
        return _page(query, args)


@blp.route("/interventions/<int(max=2147483647):intervention_id>")
class InterventionById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, InterventionSchema)
    def get(self, intervention_id: int):
        """One intervention with its organisations, domains and areas."""
        intervention = one_entry(Intervention, intervention_id, *INTERVENTION_OPTIONS)
        return respond_versioned("intervention", intervention)


@blp.route("/operational-goals")
class OperationalGoals(MethodView):
    decorators = [login_required_api]

    @blp.arguments(OperationalGoalQueryArgsSchema, location="query")
    @blp.response(200, OperationalGoalPageSchema)
    def get(self, args):
        """The programme's operational goals, by code; filter on `programmeLine`, `phasePlan`;
        retired ones only on `includeRetired`."""
        query = select(OperationalGoal).order_by(OperationalGoal.code, OperationalGoal.id)
        if not args["include_retired"]:
            query = query.where(OperationalGoal.retired_at.is_(None))
        if "programme_line" in args:
            query = query.where(OperationalGoal.programme_line == args["programme_line"])
        if "phase_plan" in args:
            query = query.where(OperationalGoal.phase_plan == args["phase_plan"])
        return _page(query, args)


@blp.route("/operational-goals/<int(max=2147483647):goal_id>")
class OperationalGoalById(MethodView):
    decorators = [login_required_api]

    @blp.response(200, OperationalGoalSchema)
    def get(self, goal_id: int):
        """One operational goal."""
        return respond_versioned("operational-goal", one_entry(OperationalGoal, goal_id))
