"""The programme's monitoring pages: dashboard, one indicator, CSV, the annual report."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, flash, g, redirect, request, url_for
from flask_babel import gettext as _

from maatwerk.audit.operations import record_audit
from maatwerk.core.db import db
from maatwerk.core.enums import Domain, ProgrammeLine
from maatwerk.core.errors import NotFound, ValidationFailed
from maatwerk.monitoring.background import refreshes_in_background, start_refresh
from maatwerk.monitoring.breakdowns import detail, details
from maatwerk.monitoring.labels import title
from maatwerk.monitoring.presenting import (
    breakdown_chart,
    csv_rows,
    filters_from,
    query_of,
    series_labels,
    trend_chart,
)
from maatwerk.monitoring.reading import Context, Filters, overview
from maatwerk.monitoring.rollup import default_years, refresh
from maatwerk.monitoring.web import bp, programme_required
from maatwerk.web.common import page

PURPOSE = "programme_monitoring"
CSV_HEADER = [
    "year",
    "indicator",
    "title",
    "series",
    "breakdown",
    "level",
    "label",
    "value",
    "shown",
    "households",
]


def _filters(context: Context) -> Filters:
    """The page's filters; a year outside the figures shows the latest year and says so."""
    filters = filters_from(request.args, context)
    if not 2000 <= filters.year <= 2100:
        latest = context.default_year()
        flash(
            _("No figures for that year. These are the figures of %(year)s.", year=latest), "error"
        )
        filters = dataclasses.replace(filters, year=latest)
    return filters


def _known_filters(view: Callable) -> Callable:
    """An area, intervention or indicator that is not in the monitoring: a 404 that says so
    (not the page about plans that only the family and team can see)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        try:
            return view(*args, **kwargs)
        except (NotFound, ValidationFailed):
            db.session.rollback()
            from maatwerk.web.errors import error_page

            return error_page(
                404,
                _(
                    "This area, intervention or indicator is not in the monitoring. "
                    "Choose another one in the filters."
                ),
            )

    return wrapper


def _choices(context: Context) -> dict:
    """The filter options: catalogue entries only, never anything about a household."""
    tree = context.tree
    areas = []
    for municipality in tree.municipalities:
        areas.append((municipality, tree.names[municipality], 0))
        areas += [(p, tree.names[p], 1) for p in tree.places[municipality]]
    return {
        "years": sorted({*context.years, context.default_year()}, reverse=True),
        "areas": areas,
        "interventions": context.interventions,
        "domains": list(Domain),
        "lines": list(ProgrammeLine),
        "phase_plans": sorted({goal.phase_plan for goal in context.goals}),
    }


@bp.get("/monitoring")
@programme_required
@_known_filters
def dashboard():
    """Every operational goal with its indicators, filtered, against the previous year."""
    context = Context.load()
    filters = _filters(context)
    result = overview(filters, context)
    return page(
        "monitoring/dashboard.html",
        overview=result,
        filters=filters,
        choices=_choices(context),
        query=query_of(filters),
    )


@bp.get("/monitoring/indicatoren/<key>")
@programme_required
@_known_filters
def indicator(key: str):
    """One indicator: trend over the years and breakdowns, each as a chart and a table."""
    context = Context.load()
    filters = _filters(context)
    result = detail(key, filters, context)
    charts = {b.dimension: breakdown_chart(result, b) for b in result.breakdowns()}
    return page(
        "monitoring/indicator.html",
        detail=result,
        filters=filters,
        choices=_choices(context),
        charts=charts,
        trend=trend_chart(result),
        series=list(zip(result.indicator.series, series_labels(result.indicator), strict=True)),
        heading=title(result.indicator),
        query=query_of(filters),
    )


@bp.get("/monitoring/export.csv")
@programme_required
@_known_filters
def export_csv():
    """All indicators and breakdowns of the year as CSV; small cells read `< 10`."""
    context = Context.load()
    filters = filters_from(request.args, context)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for item in details(filters, context):
        writer.writerows(csv_rows(item))
    record_audit(
        actor=g.actor,
        action="export",
        object_type="monitoring",
        object_id=str(filters.year),
        purpose=PURPOSE,
    )
    db.session.commit()
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="monitoring-{filters.year}.csv"'},
    )


@bp.get("/monitoring/jaarverslag.pdf")
@programme_required
def annual_report():
    """The annual report: indicators, charts and the reflection's decisions (PDF)."""
    from maatwerk.monitoring.report import annual_report_pdf

    context = Context.load()
    year = filters_from(request.args, context).year
    pdf = annual_report_pdf(year, context=context)
    record_audit(
        actor=g.actor,
        action="print",
        object_type="monitoring",
        object_id=str(year),
        purpose=PURPOSE,
    )
    db.session.commit()
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="jaarverslag-{year}.pdf"'},
    )


@bp.post("/monitoring/vernieuwen")
@programme_required
def refresh_now():
    """Rebuild this year's and last year's figures now (otherwise: the nightly refresh); on
    PostgreSQL in the background, as it takes minutes at national scale."""
    if refreshes_in_background():
        start_refresh(default_years())
        flash(_("The figures are being updated. Reload this page in a few minutes."), "success")
        return redirect(url_for("monitoring.dashboard"))
    refresh(default_years())
    db.session.commit()
    flash(_("The figures are up to date."), "success")
    return redirect(url_for("monitoring.dashboard"))
