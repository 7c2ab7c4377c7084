"""Which indicators measure which operational goal: a table, not code paths.

A reference can fix a domain: the target-group goals each follow the score change in their
own life domain. An operational goal in the catalogue without an entry here shows
"no indicator yet" on the dashboard (and a test fails for the demo catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass

from maatwerk.core.enums import Domain
from maatwerk.monitoring.indicators import INDICATORS, Indicator
from maatwerk.monitoring.statements import STATEMENTS


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator as it measures one operational goal."""

    key: str
    domain: Domain | None = None  # fixed domain (the filter cannot change it)

    @property
    def indicator(self) -> Indicator:
        return INDICATORS[self.key]


R = IndicatorRef

GOAL_INDICATORS: dict[str, tuple[IndicatorRef, ...]] = {
    "OD-01": (R("score_change", Domain.CULTURAL),),
    "OD-02": (R("score_change", Domain.SOCIAL),),
    "OD-03": (R("score_change", Domain.ECONOMIC),),
    "OD-04": (R("actions_by_network"),),
    "OD-05": (R("score_change", Domain.PEDAGOGICAL),),
    "OD-06": (R("score_change", Domain.MENTAL),),
    "OD-07": (R("referral_days"), R("early_signalling_share")),
    "OD-08": (R("plans_started"),),
    "OD-09": (R("domains_per_plan"),),
    "OD-10": (R("plans_confirmed_by_family"), R("priority_changes_by_family")),
    "OD-11": (
        R("barriers_reported"),
        R("barriers_resolved"),
        R("barrier_days_to_resolve"),
        R("actions_multi_organisation"),
    ),
    "OD-12": (R("capacity_barriers"),),
    "OD-13": (R("coordinator_changes_per_plan_year"), R("coordinator_continuity")),
    "OD-14": (R("plan_duration_days"), R("plan_cycles")),
    "OD-15": (
        R("structural_barriers"),
        R("structural_barrier_days_open"),
        R("coordinator_continuity"),
    ),
    "OD-16": (R("score_change"),),
    "OD-17": (
        R("case_reviews_held"),
        R("lessons_published"),
        R("case_review_participants"),
    ),
}

# Every survey statement measures the goal it is mapped to.
for _statement in STATEMENTS:
    GOAL_INDICATORS[_statement.goal_code] = (
        *GOAL_INDICATORS.get(_statement.goal_code, ()),
        R(f"survey.{_statement.key}"),
    )


def indicators_of(code: str) -> tuple[IndicatorRef, ...]:
    """The indicators of an operational goal (empty for a goal without any yet)."""
    return GOAL_INDICATORS.get(code, ())


def goals_of(key: str) -> list[str]:
    """The operational goal codes an indicator measures."""
    return sorted(code for code, refs in GOAL_INDICATORS.items() if any(r.key == key for r in refs))
