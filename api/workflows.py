"""/workflows: the workflow definitions (data) and their state diagrams."""

from __future__ import annotations

from typing import Any

from flask import Response, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from api.catalogue_schemas import WorkflowQueryArgsSchema, WorkflowSchema, WorkflowSummarySchema
from api.core import login_required_api
from api.household_schemas import representation_etag, with_digest_etag
from maatwerk.core.errors import NotFound
from maatwerk.workflow import ENGINE
from workflows import Definition
from workflows.diagram import render_svg

blp = Blueprint("workflows", __name__, url_prefix="/api/v1", description="Workflow definitions")


def find_definition(name: str, version: int | None) -> Definition:
    """A definition by name (latest version unless one is asked for), or a 404 problem."""
    try:
        return ENGINE.definition(name, version)
    except KeyError:
        raise NotFound("No such workflow (version).") from None


def describe(definition: Definition, *, full: bool = False) -> dict[str, Any]:
    """A definition as the schemas expect it; `full` adds the transition table."""
    view: dict[str, Any] = {
        "name": definition.name,
        "version": definition.version,
        "subject": definition.subject,
        "title": definition.title,
        "description": definition.description,
        "states": list(definition.states),
        "initial": definition.initial,
        "final": list(definition.final),
        "diagram_url": url_for(
            "workflows.WorkflowDiagram", name=definition.name, version=definition.version
        ),
    }
    if full:
        view["transitions"] = [
            {
                "trigger": t.trigger,
                "sources": list(t.sources),
                "any_source": t.any_source,
                "dest": t.dest,
                "roles": list(t.roles),
                "guards": [
                    {"name": guard, "message": definition.guard_messages.get(guard, "")}
                    for guard in t.guards
                ],
                "reason_required": t.reason_required,
                "effects": list(t.effects),
            }
            for t in definition.transitions
        ]
    return view


@blp.route("/workflows")
class Workflows(MethodView):
    decorators = [login_required_api]

    @blp.response(200, WorkflowSummarySchema(many=True))
    def get(self):
        """Every workflow definition, each version, by name."""
        definitions = sorted(ENGINE.definitions, key=lambda d: (d.name, d.version))
        return [describe(d) for d in definitions]


@blp.route("/workflows/<string:name>")
class WorkflowByName(MethodView):
    decorators = [login_required_api]

    @blp.arguments(WorkflowQueryArgsSchema, location="query")
    @blp.response(200, WorkflowSchema)
    def get(self, args, name: str):
        """A definition in full (latest version unless `version` is given): states and
        transitions with their roles, guards and effects."""
        definition = find_definition(name, args.get("version"))
        return with_digest_etag(WorkflowSchema, "workflow", name, describe(definition, full=True))


@blp.route("/workflows/<string:name>/diagram.svg")
class WorkflowDiagram(MethodView):
    decorators = [login_required_api]

    @blp.arguments(WorkflowQueryArgsSchema, location="query")
    @blp.response(
        200,
        {"type": "string", "format": "binary"},
        content_type="image/svg+xml",
        description="The state diagram as SVG",
    )
    def get(self, args, name: str):
        """The state diagram of a definition (latest version unless `version` is given)."""
        svg = render_svg(find_definition(name, args.get("version")))
        response = Response(svg, mimetype="image/svg+xml")
        response.headers["ETag"] = representation_etag("diagram", name, svg)
        return response
