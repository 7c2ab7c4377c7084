"""'How are things going': the family's own 1-5 scores in "Ons plan", and changing one."""

from __future__ import annotations

from flask import abort, flash, g, request
from flask_babel import gettext as _

from maatwerk.core.db import db
from maatwerk.core.enums import ScoredBy
from maatwerk.core.errors import Conflict
from maatwerk.outcomes.operations import correct_score, record_score
from maatwerk.plans.reading import get_plan
from maatwerk.portal.blueprint import bp
from maatwerk.portal.plan_views import ended, render_plan, to_plan
from maatwerk.portal.reading import current_plan, is_open, score_questions
from maatwerk.portal.web import STALE, family_required, form_int, not_done


@bp.post("/ons-plan/<int:plan_id>/hoe-gaat-het")
@family_required
def score(plan_id: int):
    """'How are things going': the family's own 1-5 score for one life domain, beside the
    professional's (at the start, and again when the plan is evaluated)."""
    plan = get_plan(plan_id, g.actor, action="create")
    if not is_open(plan):
        return ended(plan)
    moment, questions = score_questions(plan)
    domain = request.form.get("domain", "")
    if moment is None or domain not in {q.domain for q in questions}:
        abort(400)
    value = form_int("score")
    if value is None or not 1 <= value <= 5:
        not_done()
        plan, others = current_plan(g.actor, plan_id)
        return render_plan(plan, others, 422, score_error=domain)
    if "was" in request.form:
        return _change_score(plan, domain, moment, value, form_int("was"))
    try:
        record_score(
            plan,
            domain=domain,
            score=value,
            scored_by=ScoredBy.FAMILY,
            moment=moment,
            actor=g.actor,
        )
        db.session.commit()
    except Conflict:
        not_done()
        db.session.commit()
        flash(_("You already answered this question. Thank you!"))
        return to_plan(plan, "hoe-gaat-het")
    flash(_("Thank you. Your answer has been saved."))
    return to_plan(plan, "hoe-gaat-het")


def _change_score(plan, domain: str, moment, value: int, was: int | None):
    """The family changes its answer (a wrong tap), on the answer the page showed: when
    another family member changed it meanwhile, that answer stays and the page says so."""
    given = next(
        (
            s
            for s in plan.scores
            if s.cycle == plan.cycle
            and s.moment is moment
            and s.domain.value == domain
            and s.scored_by is ScoredBy.FAMILY
        ),
        None,
    )
    if given is None or was is None:
        abort(400)
    try:
        correct_score(given, score=value, actor=g.actor, expected=was)
        db.session.commit()
    except STALE:
        not_done()
        db.session.commit()
        flash(_("Someone in your family changed this answer just now. Look at it again."))
        return to_plan(plan, f"hoe-gaat-het-{domain}")
    flash(_("Thank you. Your answer has been changed."))
    return to_plan(plan, f"hoe-gaat-het-{domain}")
