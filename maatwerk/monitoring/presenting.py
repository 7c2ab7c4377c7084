"""From figures to what the outputs show: filters from a query string, charts of a
breakdown or a trend, and flat rows for CSV. Every number passes labels.shown()."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

from maatwerk.core.enums import Domain, ProgrammeLine
from maatwerk.monitoring.breakdowns import Breakdown, Detail
from maatwerk.monitoring.charts import Point, bar_chart, line_chart
from maatwerk.monitoring.indicators import Indicator
from maatwerk.monitoring.labels import DIMENSIONS, households, shown, title
from maatwerk.monitoring.reading import Context, Figure, Filters


def _int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def filters_from(args: Mapping[str, Any], context: Context) -> Filters:
    """Filters from a page's query string; what does not parse is left out."""
    domain = args.get("domain") or None
    line = args.get("programmeLine") or None
    return Filters(
        year=_int(args.get("year")) or context.default_year(),
        area_id=_int(args.get("areaId")),
        intervention_id=_int(args.get("interventionId")),
        domain=Domain(domain) if domain in set(Domain) else None,
        programme_line=ProgrammeLine(line) if line in set(ProgrammeLine) else None,
        phase_plan=_int(args.get("phasePlan")),
    )


def query_of(filters: Filters, **changes: Any) -> dict[str, Any]:
    """The query string of filters (lowerCamelCase, as in the API)."""
    values = {
        "year": filters.year,
        "areaId": filters.area_id,
        "interventionId": filters.intervention_id,
        "domain": filters.domain.value if filters.domain else None,
        "programmeLine": filters.programme_line.value if filters.programme_line else None,
        "phasePlan": filters.phase_plan,
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def _point(indicator: Indicator, figure: Figure, minimum: int) -> Point:
    visible = figure.applicable and not figure.suppressed
    return Point(figure.value if visible else None, shown(indicator, figure, minimum))


def series_labels(indicator: Indicator) -> list[str]:
    return [str(label) if label else title(indicator) for _key, label in indicator.series]


def breakdown_chart(detail: Detail, breakdown: Breakdown) -> Markup:
    """Bars of a breakdown's rows (municipalities, interventions or domains)."""
    indicator, minimum = detail.indicator, detail.context.minimum
    rows = breakdown.rows
    return bar_chart(
        f"{title(indicator)}: {DIMENSIONS[breakdown.dimension]}, {detail.filters.year}",
        [str(r.label) for r in rows],
        series_labels(indicator),
        [[_point(indicator, r.figures[key], minimum) for key, _ in indicator.series] for r in rows],
    )


def trend_chart(detail: Detail) -> Markup | None:
    """The indicator over the refreshed years."""
    if not detail.trend:
        return None
    indicator, minimum = detail.indicator, detail.context.minimum
    return line_chart(
        _("%(indicator)s per year", indicator=title(indicator)),
        [year for year, _figures in detail.trend],
        series_labels(indicator),
        [
            [_point(indicator, figures[key], minimum) for key, _ in indicator.series]
            for _year, figures in detail.trend
        ],
    )


def csv_rows(detail: Detail) -> list[list[str]]:
    """Flat rows of every breakdown of an indicator: suppressed cells read `< 10`."""
    indicator, minimum = detail.indicator, detail.context.minimum
    out = []
    for breakdown in detail.breakdowns():
        for row in breakdown.lines():
            for key, label in indicator.series:
                figure = row.figures[key]
                out.append(
                    [
                        str(detail.filters.year),
                        indicator.key,
                        title(indicator),
                        str(label or ""),
                        breakdown.dimension,
                        "total" if row is breakdown.total else str(row.level),
                        str(row.label),
                        _csv_value(figure),
                        shown(indicator, figure, minimum),
                        households(figure, minimum),
                    ]
                )
    return out


def _csv_value(figure: Figure) -> str:
    if figure.suppressed or not figure.applicable or figure.value is None:
        return ""
    return f"{figure.value:.4g}" if abs(figure.value) < 1000 else f"{figure.value:.0f}"
