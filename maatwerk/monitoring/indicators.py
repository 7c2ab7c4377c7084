"""The indicators: what each one counts, how it is shown, and how it breaks down.

Each indicator is data: a fact query (facts.py), a kind that says how sum(num) and sum(den)
become a figure, its series (e.g. family and professional scores side by side) and the
links that let it break down by intervention and by domain. docs/indicators.md defines
every one in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select

from maatwerk.monitoring import facts
from maatwerk.monitoring import facts_collaboration as collaboration
from maatwerk.monitoring import facts_learning as learning
from maatwerk.monitoring.periods import Period
from maatwerk.monitoring.statements import STATEMENTS


class Kind(StrEnum):
    """How an indicator's numerator and denominator become a figure."""

    COUNT = "count"  # sum(num)
    SHARE = "share"  # 100 * sum(num) / sum(den), a percentage
    MEAN = "mean"  # sum(num) / sum(den)
    RATE = "rate"  # sum(num) / sum(den), per plan-year


@dataclass(frozen=True)
class Link:
    """How a fact reaches a dimension: a (key, value) query joined on one fact column, or
    None when the fact carries the dimension itself."""

    source: Callable[[], Select] | None
    on: str = "plan_id"


OWN = Link(None)
VIA_PLAN_INTERVENTIONS = Link(facts.plan_interventions)
VIA_PLAN_DOMAINS = Link(facts.plan_domains)
VIA_ACTION_DOMAINS = Link(facts.action_domains, on="unit_id")

NO_SERIES = (("", None),)
SCORERS = (("family", _l("Family")), ("professional", _l("Professional")))
MOMENTS = (("intake", _l("At intake")), ("evaluation", _l("At evaluation")))


@dataclass(frozen=True)
class Indicator:
    """One indicator of the monitoring."""

    key: str
    title: object
    kind: Kind
    unit: object
    facts: Callable[[Period], Select]
    definition: object
    series: tuple[tuple[str, object], ...] = NO_SERIES
    intervention: Link | None = None
    domain: Link | None = None
    note: object | None = None
    decimals: int = 1
    statement: str | None = field(default=None)


PLAN_LINKS = {"intervention": VIA_PLAN_INTERVENTIONS, "domain": VIA_PLAN_DOMAINS}
ACTION_LINKS = {"intervention": OWN, "domain": VIA_ACTION_DOMAINS}

_INDICATORS: list[Indicator] = [
    Indicator(
        "plans_started",
        _l("Plans started"),
        Kind.COUNT,
        _l("plans"),
        facts.plans_started,
        _l("Plans that started in the year."),
        decimals=0,
        **PLAN_LINKS,
    ),
    Indicator(
        "referral_days",
        _l("Days from referral to plan start"),
        Kind.MEAN,
        _l("days"),
        facts.referral_days,
        _l(
            "Average number of days between the referral of the household and the start of its "
            "plan, for plans started in the year."
        ),
        **PLAN_LINKS,
    ),
    Indicator(
        "early_signalling_share",
        _l("Referrals from early signalling"),
        Kind.SHARE,
        _l("share of households (%)"),
        facts.early_signalling,
        _l(
            "Share of the households referred in the year that came into view through early "
            "signalling (vroegsignalering)."
        ),
    ),
    Indicator(
        "plans_confirmed_by_family",
        _l("Active plans confirmed by the family"),
        Kind.SHARE,
        _l("share of plans (%)"),
        facts.confirmed_by_family,
        _l(
            "Share of the plans that became active in the year where the family itself confirmed "
            "the plan."
        ),
        **PLAN_LINKS,
    ),
    Indicator(
        "priority_changes_by_family",
        _l("Priority changes made by the family"),
        Kind.SHARE,
        _l("share of changes (%)"),
        facts.priority_changes,
        _l(
            "Share of the reprioritisations of active plans in the year that the family started "
            "(the rest: the coordinator)."
        ),
        **PLAN_LINKS,
    ),
    Indicator(
        "domains_per_plan",
        _l("Life domains with goals per plan"),
        Kind.MEAN,
        _l("domains"),
        facts.domains_per_plan,
        _l("Average number of life domains with an accepted goal, for plans started in the year."),
        intervention=VIA_PLAN_INTERVENTIONS,
    ),
    Indicator(
        "barriers_reported",
        _l("Barriers reported"),
        Kind.COUNT,
        _l("barriers"),
        collaboration.barriers_reported,
        _l("Barriers (knelpunten) reported in the year."),
        decimals=0,
        intervention=OWN,
    ),
    Indicator(
        "barriers_resolved",
        _l("Barriers resolved"),
        Kind.COUNT,
        _l("barriers"),
        collaboration.barriers_resolved,
        _l("Barriers resolved in the year, in the team or by a decision."),
        decimals=0,
        intervention=OWN,
    ),
    Indicator(
        "barrier_days_to_resolve",
        _l("Days to resolve a barrier"),
        Kind.MEAN,
        _l("days"),
        collaboration.barrier_days_to_resolve,
        _l("Average days from report to resolution, for barriers resolved in the year."),
        intervention=OWN,
    ),
    Indicator(
        "actions_multi_organisation",
        _l("Actions with two or more organisations"),
        Kind.SHARE,
        _l("share of actions (%)"),
        collaboration.actions_multi_organisation,
        _l(
            "Share of the actions added in the year (not rejected) with a lead and at least one "
            "other organisation."
        ),
        **ACTION_LINKS,
    ),
    Indicator(
        "actions_by_network",
        _l("Actions carried by the network"),
        Kind.SHARE,
        _l("share of actions (%)"),
        collaboration.actions_by_network,
        _l(
            "Share of the actions added in the year (not rejected) that the family's own network "
            "carries."
        ),
        **ACTION_LINKS,
    ),
    Indicator(
        "capacity_barriers",
        _l("Barriers about capacity"),
        Kind.COUNT,
        _l("barriers"),
        collaboration.capacity_barriers,
        _l("Barriers reported in the year in the category capacity (time, caseload, staff)."),
        decimals=0,
        intervention=OWN,
    ),
    Indicator(
        "coordinator_changes_per_plan_year",
        _l("Coordinator changes per plan-year"),
        Kind.RATE,
        _l("changes per plan-year"),
        facts.coordinator_changes,
        _l(
            "Hand-overs of coordination in the year, divided by the years plans were open in the "
            "year."
        ),
        decimals=2,
        **PLAN_LINKS,
    ),
    Indicator(
        "coordinator_continuity",
        _l("Plans that kept their coordinator"),
        Kind.SHARE,
        _l("share of plans (%)"),
        facts.coordinator_continuity,
        _l("Share of the plans open in the year without a change of coordinator in the year."),
        **PLAN_LINKS,
    ),
    Indicator(
        "plan_duration_days",
        _l("Duration of closed plans"),
        Kind.MEAN,
        _l("days"),
        facts.plan_duration,
        _l("Average days from start to closure, for plans closed in the year."),
        decimals=0,
        **PLAN_LINKS,
    ),
    Indicator(
        "plan_cycles",
        _l("Cycles per closed plan"),
        Kind.MEAN,
        _l("cycles"),
        facts.plan_cycles,
        _l("Average number of plan cycles, for plans closed in the year."),
        **PLAN_LINKS,
    ),
    Indicator(
        "structural_barriers",
        _l("Barriers that became structural"),
        Kind.COUNT,
        _l("barriers"),
        collaboration.structural_barriers,
        _l("Barriers put on the programme's agenda (structural) in the year."),
        decimals=0,
        intervention=OWN,
    ),
    Indicator(
        "structural_barrier_days_open",
        _l("Days structural barriers stay open"),
        Kind.MEAN,
        _l("days"),
        collaboration.structural_days_open,
        _l(
            "Average days open (until resolution or the end of the year) of structural barriers "
            "open during the year."
        ),
        decimals=0,
        intervention=OWN,
    ),
    Indicator(
        "score_change",
        _l("Change in self-reliance score"),
        Kind.MEAN,
        _l("points (1-5 scale)"),
        facts.score_change,
        _l(
            "Average evaluation score minus intake score in the same cycle and domain, for "
            "evaluations in the year; family and professional scores separately."
        ),
        series=SCORERS,
        decimals=2,
        intervention=VIA_PLAN_INTERVENTIONS,
        domain=OWN,
    ),
    Indicator(
        "case_reviews_held",
        _l("Case reviews held"),
        Kind.COUNT,
        _l("sessions"),
        learning.case_reviews_held,
        _l(
            "Case review sessions (casuïstiekbesprekingen) held in the year; a session counts "
            "in the areas of the cases it discussed, shared evenly over its cases."
        ),
    ),
    Indicator(
        "lessons_published",
        _l("Lessons published"),
        Kind.COUNT,
        _l("lessons"),
        learning.lessons_published,
        _l(
            "Lessons (werkzame elementen) of the case review sessions published to all partners "
            "in the year, shared evenly over the session's cases."
        ),
    ),
    Indicator(
        "case_review_participants",
        _l("Organisations and experience experts taking part"),
        Kind.COUNT,
        _l("participants"),
        learning.case_review_participants,
        _l(
            "Per case review session held in the year, the organisations of its invited "
            "professionals plus its invited experience experts, added up over the sessions."
        ),
    ),
]

_INDICATORS += [
    Indicator(
        f"survey.{s.key}",
        s.text,
        Kind.MEAN,
        _l("average answer (1-5)"),
        facts.survey_answers(s.key),
        _l(
            "Average answer (1 = not true at all, 5 = completely true) to this statement, from "
            "surveys answered in the year; at intake and at evaluation separately."
        ),
        series=MOMENTS,
        decimals=1,
        intervention=VIA_PLAN_INTERVENTIONS,
        statement=s.key,
    )
    for s in STATEMENTS
]

INDICATORS: dict[str, Indicator] = {i.key: i for i in _INDICATORS}
