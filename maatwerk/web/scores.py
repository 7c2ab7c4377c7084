"""The outcome scores on the team's plan page: a professional's score, and correcting one."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _

from maatwerk.core.enums import ScoredBy
from maatwerk.core.errors import DomainError, NotFound
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.outcomes.operations import correct_score, record_score
from maatwerk.plans.reading import get_plan, get_plan_item
from maatwerk.plans.revisions import StaleVersion
from maatwerk.web.common import actor, attempt, bp, commit, not_done, staff_required
from maatwerk.web.forms import ScoreCorrectionForm, ScoreForm
from maatwerk.web.labels import translate
from maatwerk.web.plan_page import form_error, show_plan, to_plan


@bp.post("/werk/plannen/<int:plan_id>/scores")
@staff_required
def add_score(plan_id: int):
    """Record the professional's score for a life domain."""
    plan = get_plan(plan_id, actor(), action="create")
    form = ScoreForm(prefix="score")
    if form.validate_on_submit():
        try:
            attempt(
                record_score,
                plan,
                domain=form.domain.data,
                score=form.score.data,
                scored_by=ScoredBy.PROFESSIONAL,
                moment=form.moment.data,
                actor=actor(),
            )
        except DomainError as error:
            form_error(form, error)
        else:
            commit()
            flash(_("Your score was recorded."), "success")
            return to_plan(plan.id, "scores")
    return show_plan(plan, 422, score_form=form)


@bp.post("/werk/plannen/<int:plan_id>/scores/<int:score_id>/correctie")
@staff_required
def correct_score_page(plan_id: int, score_id: int):
    """Correct the professional score (a wrong tap): on the score the table showed
    (`was_score`); a correction made meanwhile by a colleague is not overwritten."""
    entry = get_plan_item(OutcomeScore, score_id, actor(), action="update")
    if entry.plan_id != plan_id:
        raise NotFound("Not found.")
    form = ScoreCorrectionForm()
    if not form.validate_on_submit():
        not_done()
        commit()
        flash(_("Choose a score from 1 to 5."), "error")
        return to_plan(plan_id, "scores")
    was, score = form.was_score.data, form.score.data
    try:
        attempt(correct_score, entry, score=score, actor=actor(), expected=was)
    except StaleVersion:
        commit()
        flash(
            _(
                "Someone else corrected this score just now: it is %(score)s now. Look at it "
                "before you correct it.",
                score=entry.score,
            ),
            "error",
        )
        return to_plan(plan_id, "scores")
    except DomainError as error:
        commit()
        flash(translate(error.detail), "error")
        return to_plan(plan_id, "scores")
    commit()
    flash(_("The score was corrected: %(old)s became %(new)s.", old=was, new=score), "success")
    return to_plan(plan_id, "scores")
