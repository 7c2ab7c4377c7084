"""Breakdowns and trend of one indicator: tables per area, intervention and domain whose
rows add up to their total, read from the protected rollups (like reading.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, or_

from maatwerk.core.enums import Domain
from maatwerk.core.errors import NotFound
from maatwerk.monitoring.areas import TOTAL, Node
from maatwerk.monitoring.indicators import INDICATORS, Indicator
from maatwerk.monitoring.labels import (
    DOMAINS,
    all_domains_label,
    all_interventions_label,
    direct_label,
    region_label,
)
from maatwerk.monitoring.models import AreaScope, MonitoringCell
from maatwerk.monitoring.reading import Cells, Context, Figure, Filters, at_node, figure_of
from maatwerk.monitoring.registry import goals_of


@dataclass
class Row:
    """One line of a breakdown: a label and a figure per series."""

    key: str
    label: Any
    figures: dict[str, Figure]
    level: int = 1


@dataclass
class Breakdown:
    """A table with a total: rows add up to the total; a row may add up its children."""

    dimension: str
    total: Row
    rows: list[Row]
    children: dict[str, list[Row]] = field(default_factory=dict)

    def lines(self) -> list[Row]:
        """Rows in reading order: each row followed by its children, the total last."""
        out: list[Row] = []
        for row in self.rows:
            out.append(row)
            out += self.children.get(row.key, [])
        return [*out, self.total]

    def equations(self) -> list[tuple[Row, list[Row]]]:
        """The totals in this table and the rows that make each up."""
        result = [(self.total, self.rows)]
        result += [(r, self.children[r.key]) for r in self.rows if self.children.get(r.key)]
        return result


@dataclass
class Detail:
    """One indicator with every breakdown for the filters."""

    indicator: Indicator
    filters: Filters
    context: Context
    ignored: list[str]
    by_area: Breakdown
    by_intervention: Breakdown | None
    by_domain: Breakdown | None
    trend: list[tuple[int, dict[str, Figure]]]

    @property
    def goal_codes(self) -> list[str]:
        return goals_of(self.indicator.key)

    def breakdowns(self) -> list[Breakdown]:
        return [b for b in (self.by_area, self.by_intervention, self.by_domain) if b]


def _figures(indicator: Indicator, cells: Cells, year: int, node: Node, i: int, d: str):
    return {
        key: figure_of(indicator, cells.get(indicator, key, year, node, i, d))
        for key, _label in indicator.series
    }


def area_breakdown(
    indicator: Indicator, cells: Cells, context: Context, year: int, i: int, d: str
) -> Breakdown:
    tree = context.tree

    def row(node: Node, level: int, label: Any = None) -> Row:
        scope, area_id = node
        return Row(
            f"{scope.value}:{area_id}",
            label if label is not None else tree.label(node),
            _figures(indicator, cells, year, node, i, d),
            level,
        )

    total = row(TOTAL, 0, region_label())
    rows, children = [], {}
    for municipality in tree.municipalities:
        parent = row((AreaScope.MUNICIPALITY, municipality), 1)
        rows.append(parent)
        if tree.places[municipality]:
            kids = [row((AreaScope.PLACE, p), 2) for p in tree.places[municipality]]
            kids.append(
                row((AreaScope.DIRECT, municipality), 2, direct_label(tree.names[municipality]))
            )
            children[parent.key] = kids
    return Breakdown("area", total, rows, children)


def intervention_breakdown(
    indicator: Indicator, cells: Cells, context: Context, year: int, node: Node, d: str
) -> Breakdown:
    rows = [
        Row(f"intervention:{i}", name, _figures(indicator, cells, year, node, i, d))
        for i, name in context.interventions
    ]
    total = Row(
        "intervention:0", all_interventions_label(), _figures(indicator, cells, year, node, 0, d), 0
    )
    return Breakdown("intervention", total, rows)


def domain_breakdown(
    indicator: Indicator, cells: Cells, year: int, node: Node, i: int
) -> Breakdown:
    rows = [
        Row(f"domain:{d.value}", DOMAINS[d], _figures(indicator, cells, year, node, i, d.value))
        for d in Domain
    ]
    total = Row("domain:", all_domains_label(), _figures(indicator, cells, year, node, i, ""), 0)
    return Breakdown("domain", total, rows)


def detail(key: str, filters: Filters, context: Context | None = None) -> Detail:
    """One indicator: its trend and its breakdowns per area, intervention and domain."""
    indicator = INDICATORS.get(key)
    if indicator is None:
        raise NotFound("Unknown indicator.")
    context = context or Context.load()
    context.check(filters)
    node = context.node(filters)
    ignored = []
    if filters.intervention_id is not None and indicator.intervention is None:
        ignored.append("intervention")
    if filters.domain is not None and indicator.domain is None:
        ignored.append("domain")
    i = 0 if "intervention" in ignored else filters.intervention_id or 0
    d = "" if "domain" in ignored or filters.domain is None else filters.domain.value
    mine = MonitoringCell.indicator == key
    year = MonitoringCell.year == filters.year
    cells = Cells.where(
        mine,
        or_(
            and_(year, MonitoringCell.intervention_id == i, MonitoringCell.domain == d),
            and_(year, at_node(node), MonitoringCell.domain == d),
            and_(year, at_node(node), MonitoringCell.intervention_id == i),
            and_(at_node(node), MonitoringCell.intervention_id == i, MonitoringCell.domain == d),
        ),
    )
    return Detail(
        indicator=indicator,
        filters=filters,
        context=context,
        ignored=ignored,
        by_area=area_breakdown(indicator, cells, context, filters.year, i, d),
        by_intervention=intervention_breakdown(indicator, cells, context, filters.year, node, d)
        if indicator.intervention is not None
        else None,
        by_domain=domain_breakdown(indicator, cells, filters.year, node, i)
        if indicator.domain is not None
        else None,
        trend=[(y, _figures(indicator, cells, y, node, i, d)) for y in context.years],
    )


def details(filters: Filters, context: Context | None = None) -> list[Detail]:
    """Every indicator's breakdowns for the year (CSV export), in three queries."""
    context = context or Context.load()
    context.check(filters)
    node = context.node(filters)
    year = MonitoringCell.year == filters.year
    intervention = filters.intervention_id or 0
    domain = filters.domain.value if filters.domain else ""
    cells = Cells.where(
        year,
        or_(
            and_(
                MonitoringCell.intervention_id.in_({0, intervention}),
                MonitoringCell.domain.in_({"", domain}),
            ),
            and_(at_node(node), MonitoringCell.domain.in_({"", domain})),
            and_(at_node(node), MonitoringCell.intervention_id.in_({0, intervention})),
        ),
    )
    result = []
    for indicator in INDICATORS.values():
        i = intervention if indicator.intervention is not None else 0
        d = domain if indicator.domain is not None else ""
        result.append(
            Detail(
                indicator=indicator,
                filters=filters,
                context=context,
                ignored=[],
                by_area=area_breakdown(indicator, cells, context, filters.year, i, d),
                by_intervention=intervention_breakdown(
                    indicator, cells, context, filters.year, node, d
                )
                if indicator.intervention is not None
                else None,
                by_domain=domain_breakdown(indicator, cells, filters.year, node, i)
                if indicator.domain is not None
                else None,
                trend=[],
            )
        )
    return result
