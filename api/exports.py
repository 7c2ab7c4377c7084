"""/exports/case-outcomes: anonymised outcome data (k-anonymous, l-diverse) for the programme."""

from __future__ import annotations

from flask import Response, g
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from api.core import commit, login_required_api
from api.schemas import CamelSchema
from maatwerk.core.enums import Role
from maatwerk.core.errors import NotFound
from maatwerk.exports.outcomes import (
    COLUMNS,
    MIN_K,
    PURPOSE,
    as_csv,
    export_case_outcomes,
    threshold_k,
)

blp = Blueprint("exports", __name__, url_prefix="/api/v1/exports", description="Anonymised exports")


class ExportArgsSchema(CamelSchema):
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))
    k = fields.Integer(
        load_default=None,
        validate=validate.Range(min=MIN_K, max=1000),
        metadata={
            "description": (
                "Minimum class size. Default and lowest value: the configured k (5 unless "
                "configured otherwise; with external=true the external k, 10). A higher k may be "
                "asked for; a lower one is refused with a 400 problem naming k."
            )
        },
    )
    external = fields.Boolean(
        load_default=False,
        metadata={"description": "The data leave the partners: k is at least the external k (10)"},
    )


class OutcomeExportSchema(CamelSchema):
    k = fields.Integer(required=True)
    l = fields.Integer(required=True)  # noqa: E741
    generated_at = fields.AwareDateTime(required=True)
    record_count = fields.Integer(required=True)
    suppressed_count = fields.Integer(required=True)
    suppressed_value_count = fields.Integer(
        required=True,
        metadata={
            "description": "Outcome values left out (null) because they were not l-diverse in "
            "their group: a null is a value not measured or not released"
        },
    )
    generalisation = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Level per quasi-identifier: 0 is the most detailed"},
    )
    records = fields.List(fields.Dict(), required=True)


def denied_export(actor) -> dict:
    """The audit of a refused export attempt."""
    return {
        "actor": actor,
        "action": "export",
        "object_type": "case_outcomes",
        "object_id": None,
        "household_ids": [],
        "purpose": PURPOSE,
    }


# The 200 of @blp.response (application/json, the default format) and, merged into it, the
# text/csv of format=csv: the key is the integer status as @blp.response stores it, so the two
# merge (a "200" would replace the JSON one in the published document).
CSV_DOC = {
    "responses": {
        200: {
            "content": {
                "text/csv": {
                    "schema": {"type": "string"},
                    "example": ",".join(COLUMNS),
                }
            },
            "headers": {
                name: {"description": description, "schema": {"type": "integer"}}
                for name, description in (
                    ("X-Export-K", "The k every group meets."),
                    ("X-Export-L", "The l every group's outcomes meet."),
                    ("X-Suppressed-Count", "Households left out."),
                    ("X-Suppressed-Value-Count", "Outcome values left out."),
                )
            },
        }
    }
}


@blp.route("/case-outcomes")
class CaseOutcomes(MethodView):
    decorators = [login_required_api]

    @blp.arguments(ExportArgsSchema, location="query")
    @blp.response(200, OutcomeExportSchema)
    @blp.alt_response(400, description="k below the configured minimum (invalidParams: k)")
    @blp.alt_response(422, description="k cannot be met: nothing is exported")
    @blp.doc(**CSV_DOC)
    @blp.alt_response(404, description="Programme only: anyone else gets 404")
    def get(self, args):
        """Outcomes per household with learning consent: generalised until every group has at
        least k households; an outcome with fewer than 2 different values in a group is null
        for that group; fresh pseudonyms (programme).
        """
        if g.actor.role is not Role.PROGRAMME:
            raise NotFound("Not found.", audit=denied_export(g.actor))
        k = threshold_k(args["k"], external=args["external"])
        export = export_case_outcomes(g.actor, k=k)
        commit()
        headers = {
            "X-Export-K": str(export.k),
            "X-Export-L": str(export.l),
            "X-Suppressed-Count": str(export.suppressed),
            "X-Suppressed-Value-Count": str(export.suppressed_values),
        }
        if args["format"] == "csv":
            response = Response(as_csv(export), mimetype="text/csv")
            response.headers["Content-Disposition"] = 'attachment; filename="case-outcomes.csv"'
            response.headers.update(headers)
            return response
        body = {
            "k": export.k,
            "l": export.l,
            "generated_at": export.generated_at,
            "record_count": len(export.rows),
            "suppressed_count": export.suppressed,
            "suppressed_value_count": export.suppressed_values,
            "generalisation": export.levels,
            "records": export.rows,
        }
        return body, 200, headers
