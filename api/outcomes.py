"""/plans/{id}/outcome-scores: self-reliance scores of the family and the professionals."""

from __future__ import annotations

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from api.core import commit, login_required_api
from api.plan_schemas import DomainScoresSchema, OutcomeScoreCreateSchema, OutcomeScoreSchema
from maatwerk.outcomes.operations import record_score, scores_side_by_side
from maatwerk.plans.reading import get_plan

blp = Blueprint("outcomes", __name__, url_prefix="/api/v1", description="Outcome scores")


@blp.route("/plans/<int(max=2147483647):plan_id>/outcome-scores")
class PlanOutcomeScores(MethodView):
    decorators = [login_required_api]

    @blp.response(200, DomainScoresSchema(many=True))
    def get(self, plan_id: int):
        """Per domain the family's and the professional's score side by side, with divergence."""
        plan = get_plan(plan_id, g.actor)
        commit()
        return scores_side_by_side(plan)

    @blp.arguments(OutcomeScoreCreateSchema)
    @blp.response(201, OutcomeScoreSchema)
    @blp.alt_response(409, description="Already scored for this moment")
    def post(self, data, plan_id: int):
        """Score a domain 1-5: the family scores itself, a team member as professional."""
        plan = get_plan(plan_id, g.actor, action="create")
        score = record_score(plan, actor=g.actor, **data)
        commit()
        return score
