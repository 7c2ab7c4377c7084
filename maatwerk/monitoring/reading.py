"""Reading the published cells for every output: the overview per operational goal, the
breakdowns per area, intervention and domain, and the trend over the years.

Everything here reads the rollups (and small catalogues), never households: a page costs
the same at 50 and at 500,000 households. A cell missing from the rollups is a small cell
and comes out as a suppressed Figure, which carries no number at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, select

from maatwerk.catalogue.models import Intervention, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import Domain, ProgrammeLine
from maatwerk.core.errors import NotFound, ValidationFailed
from maatwerk.monitoring.areas import AreaTree, Node
from maatwerk.monitoring.indicators import Indicator, Kind
from maatwerk.monitoring.models import AreaScope, MonitoringCell, MonitoringRefresh
from maatwerk.monitoring.registry import IndicatorRef, indicators_of
from maatwerk.monitoring.suppression import MIN_HOUSEHOLDS

LINES = (ProgrammeLine.TARGET_GROUP, ProgrammeLine.FIELD, ProgrammeLine.EFFECTIVENESS_LEARNING)


@dataclass(frozen=True)
class Filters:
    """What the programme filters on; none of it is personal data."""

    year: int
    area_id: int | None = None
    intervention_id: int | None = None
    domain: Domain | None = None
    programme_line: ProgrammeLine | None = None
    phase_plan: int | None = None


@dataclass(frozen=True)
class Figure:
    """A published figure, or a suppressed one (no number), or one that does not apply."""

    value: float | None = None
    households: int | None = None
    suppressed: bool = True
    applicable: bool = True


NOT_APPLICABLE = Figure(suppressed=False, applicable=False)


DECIMALS = 1  # means, shares and rates; counts are whole numbers


def figure_of(indicator: Indicator, cell: Any | None) -> Figure:
    """The figure of a stored cell; no cell means fewer households than the minimum."""
    if cell is None:
        return Figure()
    num, den = cell.numerator, cell.denominator
    if indicator.kind is Kind.COUNT:
        value: float | None = num
    elif den:
        # Published to one decimal: a full-precision mean or share tells more than the
        # figure means, and helps anyone who subtracts one cell from another.
        value = round(num / den * (100.0 if indicator.kind is Kind.SHARE else 1.0), DECIMALS)
    else:
        value = None
    return Figure(value=value, households=cell.households, suppressed=False)


def trend_of(current: Figure, previous: Figure) -> str | None:
    """up, down or same against the previous year; None when either is not shown."""
    if current.value is None or previous.value is None:
        return None
    if abs(current.value - previous.value) < 1e-9:
        return "same"
    return "up" if current.value > previous.value else "down"


# --- the catalogue around the figures ------------------------------------------------------


@dataclass
class Context:
    """Small catalogues every output needs: areas, interventions, goals, refreshed years."""

    tree: AreaTree
    interventions: list[tuple[int, str]]
    goals: list[OperationalGoal]
    refreshed: dict[int, MonitoringRefresh]

    @classmethod
    def load(cls, refreshed: dict[int, MonitoringRefresh] | None = None) -> Context:
        """The catalogues; `refreshed` when the caller has read the refresh stamps."""
        if refreshed is None:
            refreshed = {r.year: r for r in db.session.scalars(select(MonitoringRefresh))}
        return cls(
            tree=AreaTree.load(),
            interventions=[
                (row.id, row.name)
                for row in db.session.execute(
                    select(Intervention.id, Intervention.name).order_by(
                        Intervention.name, Intervention.id
                    )
                )
            ],
            goals=list(db.session.scalars(select(OperationalGoal).order_by(OperationalGoal.code))),
            refreshed=refreshed,
        )

    @property
    def years(self) -> list[int]:
        return sorted(self.refreshed)

    @property
    def minimum(self) -> int:
        values = [r.minimum_households for r in self.refreshed.values()]
        return max(values) if values else MIN_HOUSEHOLDS

    def default_year(self) -> int:
        return self.years[-1] if self.years else dt.date.today().year

    def node(self, filters: Filters) -> Node:
        """The area node of the filter; an unknown area is a 404 (as in the catalogue)."""
        node = self.tree.node_for(filters.area_id)
        if node is None:
            raise NotFound("Unknown area.")
        return node

    def check(self, filters: Filters) -> None:
        """Refuse filters on unknown catalogue entries: a bad filter (400), not a missing
        resource."""
        if self.tree.node_for(filters.area_id) is None:
            raise ValidationFailed("Unknown area.", fields={"areaId": ["Unknown area."]})
        known = {i for i, _ in self.interventions}
        if filters.intervention_id is not None and filters.intervention_id not in known:
            raise ValidationFailed(
                "Unknown intervention.", fields={"interventionId": ["Unknown intervention."]}
            )
        if not 2000 <= filters.year <= 2100:
            raise ValidationFailed("Unknown year.", fields={"year": ["Between 2000 and 2100."]})


class Cells:
    """Stored cells by their coordinates."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self._cells = {
            (
                r.indicator,
                r.series,
                r.year,
                (AreaScope(r.area_scope), r.area_id),
                r.intervention_id,
                r.domain,
            ): r
            for r in rows
        }

    def get(self, indicator: Indicator, series: str, year: int, node: Node, i: int, d: str):
        return self._cells.get((indicator.key, series, year, node, i, d))

    @classmethod
    def where(cls, *conditions: Any) -> Cells:
        table = MonitoringCell.__table__
        return cls(db.session.execute(select(table).where(*conditions)).all())


def at_node(node: Node) -> Any:
    return and_(MonitoringCell.area_scope == node[0], MonitoringCell.area_id == node[1])


# --- coordinates of a reference under the filters ------------------------------------------


def coordinates(
    indicator: Indicator, filters: Filters, fixed_domain: Domain | None = None
) -> tuple[int, str] | None:
    """(intervention, domain) to read for the filters; None when the indicator does not
    break down the way the filters ask."""
    if filters.intervention_id is not None and indicator.intervention is None:
        return None
    intervention = filters.intervention_id or 0
    if fixed_domain is not None:
        if filters.domain is not None and filters.domain is not fixed_domain:
            return None
        return intervention, fixed_domain.value
    if filters.domain is not None:
        if indicator.domain is None:
            return None
        return intervention, filters.domain.value
    return intervention, ""


# --- overview ------------------------------------------------------------------------------


@dataclass
class SeriesFigures:
    key: str
    label: Any
    current: Figure
    previous: Figure

    @property
    def trend(self) -> str | None:
        return trend_of(self.current, self.previous)


@dataclass
class IndicatorFigures:
    ref: IndicatorRef
    series: list[SeriesFigures]

    @property
    def indicator(self) -> Indicator:
        return self.ref.indicator

    @property
    def applicable(self) -> bool:
        return all(s.current.applicable for s in self.series)


@dataclass
class GoalFigures:
    code: str
    text: str
    programme_line: ProgrammeLine
    phase_plan: int
    indicators: list[IndicatorFigures]


@dataclass
class Overview:
    filters: Filters
    context: Context
    goals: list[GoalFigures] = field(default_factory=list)

    @property
    def previous_year(self) -> int:
        return self.filters.year - 1

    @property
    def refreshed_at(self) -> dt.datetime | None:
        refresh = self.context.refreshed.get(self.filters.year)
        return refresh.refreshed_at if refresh else None

    def by_line(self) -> list[tuple[ProgrammeLine, list[GoalFigures]]]:
        return [
            (line, [g for g in self.goals if g.programme_line is line])
            for line in LINES
            if any(g.programme_line is line for g in self.goals)
        ]


def overview(filters: Filters, context: Context | None = None) -> Overview:
    """Every operational goal with its indicators for the year and the year before."""
    context = context or Context.load()
    context.check(filters)
    node = context.node(filters)
    fixed = {r.domain.value for refs in _all_refs(context) for r in refs if r.domain}
    domains = {"", *fixed} | ({filters.domain.value} if filters.domain else set())
    cells = Cells.where(
        MonitoringCell.year.in_([filters.year, filters.year - 1]),
        at_node(node),
        MonitoringCell.intervention_id.in_({0, filters.intervention_id or 0}),
        MonitoringCell.domain.in_(domains),
    )
    result = Overview(filters, context)
    for goal in context.goals:
        if filters.programme_line is not None and goal.programme_line is not filters.programme_line:
            continue
        if filters.phase_plan is not None and goal.phase_plan != filters.phase_plan:
            continue
        rows = [
            IndicatorFigures(ref, _series_figures(ref, filters, node, cells))
            for ref in indicators_of(goal.code)
        ]
        result.goals.append(
            GoalFigures(goal.code, goal.text, goal.programme_line, goal.phase_plan, rows)
        )
    return result


def _all_refs(context: Context) -> list[tuple[IndicatorRef, ...]]:
    return [indicators_of(goal.code) for goal in context.goals]


def _series_figures(
    ref: IndicatorRef, filters: Filters, node: Node, cells: Cells
) -> list[SeriesFigures]:
    indicator = ref.indicator
    where = coordinates(indicator, filters, ref.domain)
    result = []
    for key, label in indicator.series:
        if where is None:
            current = previous = NOT_APPLICABLE
        else:
            i, d = where
            current = figure_of(indicator, cells.get(indicator, key, filters.year, node, i, d))
            previous = figure_of(indicator, cells.get(indicator, key, filters.year - 1, node, i, d))
        result.append(SeriesFigures(key, label, current, previous))
    return result
