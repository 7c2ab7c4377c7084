"""The monitoring as plain data (for JSON): the overview and one indicator's breakdowns.

A suppressed figure has no value and no number of households; `shown` says `< 10`.
"""

from __future__ import annotations

from typing import Any

from maatwerk.core.enums import Domain
from maatwerk.monitoring.breakdowns import Detail, Row
from maatwerk.monitoring.indicators import Indicator
from maatwerk.monitoring.labels import shown, title
from maatwerk.monitoring.reading import Figure, Filters, Overview
from maatwerk.monitoring.registry import goals_of


def figure_document(indicator: Indicator, series: str, figure: Figure, minimum: int) -> dict:
    visible = figure.applicable and not figure.suppressed
    return {
        "series": series,
        "value": figure.value if visible else None,
        "households": figure.households if visible else None,
        "suppressed": figure.suppressed,
        "applicable": figure.applicable,
        "shown": shown(indicator, figure, minimum),
    }


def indicator_document(indicator: Indicator, domain: Domain | None = None) -> dict[str, Any]:
    return {
        "key": indicator.key,
        "title": title(indicator, domain),
        "kind": indicator.kind.value,
        "unit": str(indicator.unit),
        "definition": str(indicator.definition),
        "note": str(indicator.note) if indicator.note else None,
        "measured": True,  # every indicator has a query; kept for API clients
        "domain": domain.value if domain else None,
        "operational_goals": goals_of(indicator.key),
    }


def filters_document(filters: Filters) -> dict[str, Any]:
    return {
        "year": filters.year,
        "area_id": filters.area_id,
        "intervention_id": filters.intervention_id,
        "domain": filters.domain.value if filters.domain else None,
        "programme_line": filters.programme_line.value if filters.programme_line else None,
        "phase_plan": filters.phase_plan,
    }


def _row(indicator: Indicator, row: Row, minimum: int) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": str(row.label),
        "figures": [
            figure_document(indicator, key, row.figures[key], minimum)
            for key, _ in indicator.series
        ],
    }


def overview_document(result: Overview) -> dict[str, Any]:
    """Every goal with its indicators, this year and the previous one."""
    minimum = result.context.minimum

    def series(item) -> list[dict[str, Any]]:
        return [
            {
                "series": s.key,
                "label": str(s.label) if s.label else None,
                "current": figure_document(item.indicator, s.key, s.current, minimum),
                "previous": figure_document(item.indicator, s.key, s.previous, minimum),
                "trend": s.trend,
            }
            for s in item.series
        ]

    return {
        "year": result.filters.year,
        "previous_year": result.previous_year,
        "refreshed_at": result.refreshed_at,
        "minimum_households": minimum,
        "filters": filters_document(result.filters),
        "goals": [
            {
                "code": goal.code,
                "text": goal.text,
                "programme_line": goal.programme_line.value,
                "phase_plan": goal.phase_plan,
                "indicators": [
                    {**indicator_document(i.indicator, i.ref.domain), "series": series(i)}
                    for i in goal.indicators
                ],
            }
            for goal in result.goals
        ],
    }


def detail_document(result: Detail) -> dict[str, Any]:
    """One indicator: trend and breakdowns (each row with the rows that add up to it)."""
    indicator, minimum = result.indicator, result.context.minimum
    return {
        "indicator": indicator_document(indicator),
        "year": result.filters.year,
        "minimum_households": minimum,
        "filters": filters_document(result.filters),
        "ignored_filters": result.ignored,
        "trend": [
            {
                "year": year,
                "figures": [
                    figure_document(indicator, k, figures[k], minimum) for k, _ in indicator.series
                ],
            }
            for year, figures in result.trend
        ],
        "breakdowns": [
            {
                "dimension": b.dimension,
                "total": _row(indicator, b.total, minimum),
                "rows": [
                    {
                        **_row(indicator, r, minimum),
                        "children": [
                            _row(indicator, c, minimum) for c in b.children.get(r.key, [])
                        ],
                    }
                    for r in b.rows
                ],
            }
            for b in result.breakdowns()
        ],
    }
