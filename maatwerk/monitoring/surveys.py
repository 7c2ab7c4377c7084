"""Recording experience surveys; operations flush, never commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import Moment, ScoredBy
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.monitoring.statements import BY_KEY, statements_for
from maatwerk.outcomes.models import ExperienceSurvey, SurveyAnswer
from maatwerk.plans.access import plan_roles
from maatwerk.plans.models import Plan


def _enum(kind: type, value: Any, field: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise ValidationFailed(f"Unknown {field}.", fields={field: ["Unknown value."]}) from None


def _check_answers(respondent: ScoredBy, answers: dict[str, int]) -> None:
    if not answers:
        raise ValidationFailed("Answer at least one statement.", fields={"answers": ["Empty."]})
    allowed = {s.key for s in statements_for(respondent)}
    errors: dict[str, list[str]] = {}
    for key, score in answers.items():
        if key not in allowed:
            errors[f"answers.{key}"] = ["Not a statement of this survey."]
        elif not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            errors[f"answers.{key}"] = ["An answer is 1 to 5."]
    if errors:
        raise ValidationFailed("The survey cannot be recorded.", fields=errors)


def answered(plan: Plan, respondent: ScoredBy, moment: Moment, user_id: int | None) -> bool:
    """True when this survey was already answered in the plan's current cycle (the family
    once per household; each professional once): by the cycle stored on the survey, not by
    dates (a new cycle may start on the day a survey was answered)."""
    query = select(ExperienceSurvey.id).where(
        ExperienceSurvey.plan_id == plan.id,
        ExperienceSurvey.respondent == respondent,
        ExperienceSurvey.moment == moment,
        ExperienceSurvey.cycle == plan.cycle,
    )
    if respondent is ScoredBy.PROFESSIONAL:
        query = query.where(ExperienceSurvey.respondent_user_id == user_id)
    return db.session.scalar(query.limit(1)) is not None


def due_moment(plan: Plan) -> Moment:
    """The survey to ask now: at evaluation once the plan is evaluated or closed."""
    return Moment.EVALUATION if plan.status in ("evaluating", "closed") else Moment.INTAKE


def survey_due(plan: Plan, respondent: ScoredBy, user_id: int | None) -> Moment | None:
    """The survey moment this respondent still has to answer on the plan, or None."""
    moment = due_moment(plan)
    return None if answered(plan, respondent, moment, user_id) else moment


def record_survey(
    plan: Plan,
    *,
    respondent: ScoredBy | str,
    moment: Moment | str,
    answers: dict[str, int],
    actor: Any,
    answered_on: dt.date | None = None,
) -> ExperienceSurvey:
    """Record answers (1-5) to the survey statements: the family answers the family survey,
    a team member the professional one; once per moment and plan cycle."""
    respondent = _enum(ScoredBy, respondent, "respondent")
    moment = _enum(Moment, moment, "moment")
    roles = plan_roles(plan, actor)
    if respondent is ScoredBy.FAMILY and "family" not in roles:
        raise Forbidden("Only the family answers the family's survey.")
    if respondent is ScoredBy.PROFESSIONAL and "team" not in roles:
        raise Forbidden("Only a team member answers the professionals' survey.")
    _check_answers(respondent, answers)
    # Two submissions at once (a double tap): the plan's row is locked first, so the second
    # waits for the first and then finds it answered.
    db.session.execute(select(Plan.id).where(Plan.id == plan.id).with_for_update())
    if answered(plan, respondent, moment, actor.id):
        raise Conflict("This survey was already answered for this moment.")
    codes = {BY_KEY[key].goal_code for key in answers}
    goal_ids = dict(
        db.session.execute(
            select(OperationalGoal.code, OperationalGoal.id).where(OperationalGoal.code.in_(codes))
        ).all()
    )
    survey = ExperienceSurvey(
        plan_id=plan.id,
        cycle=plan.cycle,
        respondent=respondent,
        respondent_user_id=actor.id,
        moment=moment,
        answered_on=answered_on or dt.date.today(),
        answers=[
            SurveyAnswer(
                statement_key=key,
                operational_goal_id=goal_ids.get(BY_KEY[key].goal_code),
                score=score,
            )
            for key, score in sorted(answers.items())
        ],
    )
    db.session.add(survey)
    db.session.flush()
    return survey
