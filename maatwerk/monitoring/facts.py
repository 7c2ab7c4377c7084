"""The facts each indicator counts, as SQL: one row per counted unit (a plan, an action, a
barrier, an answer ...), never loaded into Python; the rollup groups them in the database.

Every fact query has the columns household_id, area_id, plan_id, unit_id, series, num and
den; some add intervention_id or domain. A cell's value is sum(num) / sum(den) (or sum(num)
for counts) and its size is count(distinct household_id).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from maatwerk.core.enums import Moment, PlanRole, ReferralSource
from maatwerk.goals.models import Action, Goal, action_goals
from maatwerk.households.models import Household
from maatwerk.monitoring.periods import Period
from maatwerk.monitoring.sql import day_of, days_between, greatest, least
from maatwerk.outcomes.models import ExperienceSurvey, OutcomeScore, SurveyAnswer
from maatwerk.plans.models import Plan, TeamMembership, TransitionEvent

GOAL_STATES = ("accepted", "achieved", "not_achieved")
ONE = literal_column("1.0", Float)
ZERO = literal_column("0.0", Float)
NO_SERIES = literal_column("''", String)


def flag(condition: Any) -> Any:
    return case((condition, 1.0), else_=0.0)


def as_float(value: Any) -> Any:
    return cast(value, Float)


def plan_facts(*columns: Any, unit: Any = None, series: Any = NO_SERIES) -> Select:
    """Plan and household columns every fact carries, joined from the plan."""
    return select(
        Plan.household_id.label("household_id"),
        Household.area_id.label("area_id"),
        Plan.id.label("plan_id"),
        (unit if unit is not None else Plan.id).label("unit_id"),
        series.label("series"),
        *columns,
    ).join(Household, Household.id == Plan.household_id)


def within(column: Any, period: Period) -> Any:
    """A timestamp within the year."""
    return and_(column >= period.start, column < period.end)


def on_day(column: Any, period: Period) -> Any:
    """A date within the year."""
    return and_(column >= period.first_day, column < period.next_first_day)


# --- links: how a fact reaches interventions and domains -----------------------------------


def plan_interventions() -> Select:
    """(plan, intervention) for every intervention of an action the family did not reject."""
    return (
        select(Action.plan_id.label("key"), Action.intervention_id.label("value"))
        .where(Action.intervention_id.is_not(None), Action.status != "rejected")
        .distinct()
    )


def plan_domains() -> Select:
    """(plan, domain) for every domain with an accepted, achieved or missed goal."""
    return (
        select(Goal.plan_id.label("key"), Goal.domain.label("value"))
        .where(Goal.status.in_(GOAL_STATES))
        .distinct()
    )


def action_domains() -> Select:
    """(action, domain) of the goals an action serves."""
    return (
        select(action_goals.c.action_id.label("key"), Goal.domain.label("value"))
        .join(Goal, Goal.id == action_goals.c.goal_id)
        .distinct()
    )


# --- plans ---------------------------------------------------------------------------------


def plans_started(period: Period) -> Select:
    return plan_facts(ONE.label("num"), ZERO.label("den")).where(on_day(Plan.started_on, period))


def referral_days(period: Period) -> Select:
    return plan_facts(
        as_float(days_between(Plan.started_on, Household.referred_on)).label("num"),
        ONE.label("den"),
    ).where(
        on_day(Plan.started_on, period),
        Household.referred_on.is_not(None),
        Household.referred_on <= Plan.started_on,
    )


def early_signalling(period: Period) -> Select:
    """Households that came into view in the year (referral date, else registration)."""
    return select(
        Household.id.label("household_id"),
        Household.area_id.label("area_id"),
        cast(null(), Integer).label("plan_id"),
        Household.id.label("unit_id"),
        NO_SERIES.label("series"),
        flag(Household.referral_source == ReferralSource.EARLY_SIGNALLING).label("num"),
        ONE.label("den"),
    ).where(
        or_(
            on_day(Household.referred_on, period),
            and_(Household.referred_on.is_(None), within(Household.created_at, period)),
        )
    )


def _plan_event(period: Period, *conditions: Any) -> Any:
    return exists().where(
        TransitionEvent.plan_id == Plan.id,
        TransitionEvent.subject_type == "plan",
        within(TransitionEvent.occurred_at, period),
        *conditions,
    )


def confirmed_by_family(period: Period) -> Select:
    """Plans that became active in the year; confirmed when the family did it."""
    became_active = _plan_event(
        period, TransitionEvent.to_state == "active", TransitionEvent.trigger != "resume"
    )
    confirmed = _plan_event(
        period,
        TransitionEvent.trigger == "confirm_plan",
        TransitionEvent.actor_role == "family",
    )
    return plan_facts(flag(confirmed).label("num"), ONE.label("den")).where(became_active)


def priority_changes(period: Period) -> Select:
    """Reprioritisations of active plans; the family's share of them."""
    return (
        plan_facts(
            flag(TransitionEvent.actor_role == "family").label("num"),
            ONE.label("den"),
            unit=TransitionEvent.id,
        )
        .join(TransitionEvent, TransitionEvent.plan_id == Plan.id)
        .where(
            TransitionEvent.subject_type == "plan",
            TransitionEvent.trigger == "reprioritise",
            within(TransitionEvent.occurred_at, period),
        )
    )


def domains_per_plan(period: Period) -> Select:
    domains = (
        select(func.count(func.distinct(Goal.domain)))
        .where(Goal.plan_id == Plan.id, Goal.status.in_(GOAL_STATES))
        .scalar_subquery()
    )
    return plan_facts(as_float(domains).label("num"), ONE.label("den")).where(
        on_day(Plan.started_on, period)
    )


def _open_in(period: Period) -> Any:
    return and_(
        Plan.started_on < period.until_day,
        or_(Plan.closed_at.is_(None), Plan.closed_at >= period.start),
    )


def _exposure_days(period: Period) -> Any:
    """Days the plan was open within the year (up to today)."""
    until = literal(period.until_day)
    closed = func.coalesce(day_of(Plan.closed_at), until)
    return days_between(least(closed, until), greatest(Plan.started_on, literal(period.first_day)))


def _coordinator_changes(period: Period) -> Any:
    """Coordinator hand-overs in the year: coordinator memberships after the plan's first."""
    first = aliased(TeamMembership)
    first_id = (
        select(func.min(first.id))
        .where(first.plan_id == Plan.id, first.plan_role == PlanRole.COORDINATOR)
        .correlate_except(first)  # two levels down: correlate with the fact's plan
        .scalar_subquery()
    )
    return (
        select(func.count(TeamMembership.id))
        .where(
            TeamMembership.plan_id == Plan.id,
            TeamMembership.plan_role == PlanRole.COORDINATOR,
            TeamMembership.started_at >= period.start,
            TeamMembership.started_at < period.until,
            TeamMembership.id > first_id,
        )
        .scalar_subquery()
    )


def coordinator_changes(period: Period) -> Select:
    exposure = _exposure_days(period)
    return plan_facts(
        as_float(_coordinator_changes(period)).label("num"),
        as_float(exposure / 365.25).label("den"),
    ).where(_open_in(period), exposure > 0)


def coordinator_continuity(period: Period) -> Select:
    return plan_facts(flag(_coordinator_changes(period) == 0).label("num"), ONE.label("den")).where(
        _open_in(period), _exposure_days(period) > 0
    )


def plan_duration(period: Period) -> Select:
    return plan_facts(
        as_float(days_between(day_of(Plan.closed_at), Plan.started_on)).label("num"),
        ONE.label("den"),
    ).where(within(Plan.closed_at, period))


def plan_cycles(period: Period) -> Select:
    return plan_facts(as_float(Plan.cycle).label("num"), ONE.label("den")).where(
        within(Plan.closed_at, period)
    )


# --- outcome scores and surveys ------------------------------------------------------------


def score_change(period: Period) -> Select:
    """Evaluation minus intake score, per plan cycle, domain and scorer."""
    intake = aliased(OutcomeScore)
    evaluation = OutcomeScore
    return (
        plan_facts(
            as_float(evaluation.score - intake.score).label("num"),
            ONE.label("den"),
            evaluation.domain.label("domain"),
            unit=evaluation.id,
            series=cast(evaluation.scored_by, String),
        )
        .join(evaluation, evaluation.plan_id == Plan.id)
        .join(
            intake,
            and_(
                intake.plan_id == evaluation.plan_id,
                intake.cycle == evaluation.cycle,
                intake.domain == evaluation.domain,
                intake.scored_by == evaluation.scored_by,
                intake.moment == Moment.INTAKE,
            ),
        )
        .where(evaluation.moment == Moment.EVALUATION, on_day(evaluation.scored_on, period))
    )


def survey_answers(statement_key: str):
    """The facts of one survey statement: its answers in the year, by moment."""

    def facts(period: Period) -> Select:
        return (
            plan_facts(
                as_float(SurveyAnswer.score).label("num"),
                ONE.label("den"),
                unit=SurveyAnswer.id,
                series=cast(ExperienceSurvey.moment, String),
            )
            .join(ExperienceSurvey, ExperienceSurvey.plan_id == Plan.id)
            .join(SurveyAnswer, SurveyAnswer.survey_id == ExperienceSurvey.id)
            .where(
                SurveyAnswer.statement_key == statement_key,
                on_day(ExperienceSurvey.answered_on, period),
            )
        )

    facts.__name__ = f"survey_{statement_key}"
    return facts
