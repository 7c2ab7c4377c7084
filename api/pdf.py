"""/plans/{id}/pdf: the family's plan, or what changed since it was confirmed, as PDF."""

from __future__ import annotations

import datetime as dt
import hashlib

from flask import Response, current_app, g, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate
from werkzeug.routing import BuildError

from api.core import commit, login_required_api
from api.schemas import CamelSchema
from maatwerk.plans.pdf import build_changes_pdf, build_plan_pdf
from maatwerk.plans.pdf_labels import LANGUAGES
from maatwerk.plans.pdf_layout import LOCAL_TIME
from maatwerk.plans.reading import get_plan

blp = Blueprint("pdf", __name__, url_prefix="/api/v1/plans", description="The family's plan as PDF")

FORMS = ("plan", "changes")


class PdfQueryArgsSchema(CamelSchema):
    """Which PDF, in which language."""

    form = fields.String(
        load_default="plan",
        validate=validate.OneOf(FORMS),
        metadata={"description": "plan: the plan; changes: what changed since it was confirmed"},
    )
    language = fields.String(load_default="nl", validate=validate.OneOf(LANGUAGES))


def portal_url(plan_id: int) -> str:
    """Where the QR code leads: the family portal's plan page, else the site itself."""
    if "portal.plan" in current_app.view_functions:
        try:
            return url_for("portal.plan", _external=True)
        except BuildError:
            return url_for("portal.plan", plan_id=plan_id, _external=True)
    return request.url_root


@blp.route("/<int:plan_id>/pdf")
class PlanPdf(MethodView):
    decorators = [login_required_api]

    @blp.arguments(PdfQueryArgsSchema, location="query")
    @blp.response(
        200,
        {"type": "string", "format": "binary"},
        content_type="application/pdf",
        description="The PDF, as a download",
    )
    def get(self, args, plan_id: int):
        """The family's plan as PDF (B1 language, priorities first, QR code to the portal)."""
        plan = get_plan(plan_id, g.actor, action="print")
        build = build_changes_pdf if args["form"] == "changes" else build_plan_pdf
        body = build(
            plan,
            portal_url=portal_url(plan.id),
            generated_on=dt.datetime.now(LOCAL_TIME).date(),
            language=args["language"],
        )
        commit()
        # No personal data in the file name: the plan's id only.
        name = f"plan-{plan.id}.pdf" if args["form"] == "plan" else f"plan-{plan.id}-changes.pdf"
        response = Response(body, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "no-store"
        response.headers["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        return response
