"""/plans/{id}/outcome-scores: self-reliance scores of the family and the professionals."""

from __future__ import annotations

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from api.core import commit, created, login_required_api, require_if_match
from api.household_schemas import representation_etag, with_digest_etag
from api.plan_schemas import (
    DomainScoresSchema,
    OutcomeScoreCreateSchema,
    OutcomeScorePatchSchema,
    OutcomeScoreSchema,
)
from maatwerk.core.errors import NotFound
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.outcomes.operations import correct_score, record_score, scores_side_by_side
from maatwerk.plans.reading import get_plan, get_plan_item

KIND = "outcome-score"  # the ETag prefix of a single score

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
        return created(
            with_digest_etag(OutcomeScoreSchema, KIND, score.id, score, 201),
            "outcomes.PlanOutcomeScore",
            plan_id=plan.id,
            score_id=score.id,
        )


def _score(plan_id: int, score_id: int, action: str) -> OutcomeScore:
    entry = get_plan_item(OutcomeScore, score_id, g.actor, action=action)
    if entry.plan_id != plan_id:
        raise NotFound("Not found.")
    return entry


@blp.route("/plans/<int(max=2147483647):plan_id>/outcome-scores/<int(max=2147483647):score_id>")
class PlanOutcomeScore(MethodView):
    decorators = [login_required_api]

    @blp.response(200, OutcomeScoreSchema)
    def get(self, plan_id: int, score_id: int):
        """One score, with the ETag to correct it."""
        entry = _score(plan_id, score_id, "read")
        commit()
        return with_digest_etag(OutcomeScoreSchema, KIND, entry.id, entry)

    @blp.arguments(OutcomeScorePatchSchema)
    @blp.response(200, OutcomeScoreSchema)
    @blp.alt_response(409, description="Another cycle, the moment is over, or the plan closed")
    @blp.alt_response(412, description="The score changed since it was read")
    @blp.alt_response(428, description="If-Match missing")
    def patch(self, data, plan_id: int, score_id: int):
        """Correct a score given by mistake: the family its own, a team member the
        professional one; in the plan's current cycle, an evaluation score while the plan is
        being evaluated (If-Match: the score's ETag). The plan's history records it."""
        entry = _score(plan_id, score_id, "update")
        current = OutcomeScoreSchema().dump(entry)
        require_if_match(representation_etag(KIND, entry.id, current), lambda: current)
        correct_score(entry, score=data["score"], actor=g.actor, expected=entry.score)
        commit()
        return with_digest_etag(OutcomeScoreSchema, KIND, entry.id, entry)
