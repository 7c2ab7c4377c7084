"""The annual report (PDF, reportlab): the year's indicators per operational goal with
their small cells suppressed, bar charts per municipality, and the reflection's findings
and decisions. Built only from the protected rollups and the reflection sessions."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape  # escape() writes XML, nothing is parsed  # nosec B406

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from maatwerk.core.pdf_fonts import BOLD, REGULAR, fit, sample_styles, shaped
from maatwerk.monitoring.breakdowns import Breakdown, Detail, details
from maatwerk.monitoring.labels import DASH, LINES, households, shown, title, trend_words
from maatwerk.monitoring.reading import Context, Filters, overview
from maatwerk.reflection.labels import DECISIONS, GROUPS, SIDES
from maatwerk.reflection.models import GoalDecision, ReflectionGroup
from maatwerk.reflection.operations import list_sessions_of_year

HEADING = colors.HexColor("#0b3d5c")
ROW_BG = colors.HexColor("#eef4f6")
BAR = colors.HexColor("#0b3d5c")
WIDTH = A4[0] - 36 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = sample_styles()
    cell = ParagraphStyle("cell", parent=base["BodyText"], fontSize=8.5, leading=10.5)
    return {
        "title": ParagraphStyle("t", parent=base["Title"], textColor=HEADING),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], textColor=HEADING),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], textColor=HEADING),
        "h3": ParagraphStyle("h3", parent=base["Heading3"]),
        "body": base["BodyText"],
        "cell": cell,
        "head": ParagraphStyle("head", parent=cell, fontName=BOLD),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontSize=8, leading=10),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    value = fit(str(text))
    return Paragraph(escape(value), shaped(style, value))


def _table(rows: list[list], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 1, HEADING),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ROW_BG]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def bar_drawing(detail: Detail, breakdown: Breakdown, series: str = "") -> Drawing:
    """Horizontal bars per municipality; a suppressed bar is not drawn, its text says < 10."""
    indicator, minimum = detail.indicator, detail.context.minimum
    rows = breakdown.rows
    row_h, label_w, text_w = 14.0, 150.0, 60.0
    height = row_h * len(rows) + 6
    drawing = Drawing(WIDTH, height)
    figures = [r.figures[series] for r in rows]
    values = [f.value for f in figures if not f.suppressed and f.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    plot = WIDTH - label_w - text_w

    def x_of(value: float) -> float:
        return label_w + (value - low) / span * plot

    zero = x_of(0.0)
    drawing.add(Line(zero, 0, zero, height, strokeColor=colors.HexColor("#c9d3dc")))
    for index, (row, figure) in enumerate(zip(rows, figures, strict=True)):
        y = height - (index + 1) * row_h
        name = fit(str(row.label)[:32])
        drawing.add(
            String(label_w - 6, y + 3, name, fontName=REGULAR, fontSize=8, textAnchor="end")
        )
        text_x = zero + 3
        if not figure.suppressed and figure.value is not None:
            start, end = sorted((zero, x_of(figure.value)))
            drawing.add(
                Rect(start, y + 2, max(end - start, 0.5), row_h - 4, fillColor=BAR, strokeColor=BAR)
            )
            text_x = end + 3
        figure_text = fit(shown(indicator, figure, minimum))
        drawing.add(String(text_x, y + 3, figure_text, fontName=REGULAR, fontSize=8))
    return drawing


def _goal_table(goal, year: int, minimum: int, styles) -> Table:
    head = [_("Indicator"), str(year), str(year - 1), _("Trend"), _("Households")]
    rows = [[_p(h, styles["head"]) for h in head]]
    for item in goal.indicators:
        indicator = item.indicator
        for series in item.series:
            name = title(indicator, item.ref.domain)
            if series.label:
                name += f" — {series.label}"
            if indicator.note:
                name += f" ({indicator.note})"
            rows.append(
                [
                    _p(name, styles["cell"]),
                    _p(shown(indicator, series.current, minimum), styles["cell"]),
                    _p(shown(indicator, series.previous, minimum), styles["cell"]),
                    _p(trend_words(series.trend), styles["cell"]),
                    _p(households(series.current, minimum), styles["cell"]),
                ]
            )
    return _table(rows, [WIDTH - 58 * 3 - 80, 58, 58, 58, 80])


def _monitoring(year: int, context: Context, styles) -> list[Flowable]:
    result = overview(Filters(year), context)
    by_key = {d.indicator.key: d for d in details(Filters(year), context)}
    minimum = context.minimum
    story: list[Flowable] = []
    for line, goals in result.by_line():
        story.append(_p(_("Programme line: %(line)s", line=LINES[line]), styles["h1"]))
        for goal in goals:
            heading = _p(
                _(
                    "%(code)s %(text)s (phase plan %(number)s)",
                    code=goal.code,
                    text=goal.text,
                    number=goal.phase_plan,
                ),
                styles["h3"],
            )
            if not goal.indicators:
                story += [
                    heading,
                    _p(_("No indicator is defined for this goal yet."), styles["body"]),
                ]
                continue
            story.append(KeepTogether([heading, _goal_table(goal, year, minimum, styles)]))
            first = goal.indicators[0]
            if first.indicator.key in by_key:
                detail = by_key[first.indicator.key]
                key = first.indicator.series[0][0]
                caption = _(
                    "%(indicator)s per municipality, %(year)s",
                    indicator=title(first.indicator),
                    year=year,
                )
                if first.ref.domain is not None:
                    caption += " " + _("(all domains)")
                story.append(
                    KeepTogether(
                        [
                            Spacer(1, 4),
                            _p(caption, styles["small"]),
                            bar_drawing(detail, detail.by_area, key),
                        ]
                    )
                )
            story.append(Spacer(1, 8))
    return story


def _reflection(year: int, context: Context, styles) -> list[Flowable]:
    sessions = list_sessions_of_year(year)
    story: list[Flowable] = [PageBreak(), _p(_("Reflection %(year)s", year=year), styles["h1"])]
    if not sessions:
        return [
            *story,
            _p(_("No reflection sessions were recorded for this year."), styles["body"]),
        ]
    for session in sessions:
        when = format_date(session.held_on, "long") if session.held_on else DASH
        story.append(_p(f"{GROUPS[session.group]} ({when})", styles["h2"]))
        if session.summary:
            story.append(_p(session.summary, styles["body"]))
        for side, (name, question) in SIDES.items():
            found = [f for f in session.findings if f.side is side]
            if found:
                story.append(_p(f"{name} — {question}", styles["h3"]))
                story += [_p(f"• {f.text}", styles["body"]) for f in found]
    groups = list(ReflectionGroup)
    decided = {(d.operational_goal_id, s.group): d for s in sessions for d in s.decisions}
    head = [_("Operational goal")] + [str(GROUPS[g]) for g in groups]
    rows = [[_p(h, styles["head"]) for h in head]]
    for goal in context.goals:
        cells = []
        for group in groups:
            decision = decided.get((goal.id, group))
            cells.append(_p(_decision_text(decision), styles["cell"]))
        if any(decided.get((goal.id, g)) for g in groups):
            rows.append([_p(f"{goal.code} {goal.text}", styles["cell"]), *cells])
    story.append(_p(_("Decisions per operational goal"), styles["h2"]))
    if len(rows) == 1:
        story.append(_p(_("No decisions were recorded."), styles["body"]))
    else:
        story.append(_table(rows, [WIDTH - 3 * 95, 95, 95, 95]))
    return story


def _decision_text(decision) -> str:
    if decision is None:
        return DASH
    text = str(DECISIONS[decision.decision])
    if decision.decision is GoalDecision.ADD_TO_PHASE_PLAN:
        text += f" {decision.phase_plan}"
    if decision.note:
        text += f": {decision.note}"
    return text


def annual_report_pdf(year: int, *, context: Context | None = None) -> bytes:
    """The annual report of a year as PDF bytes."""
    context = context or Context.load()
    styles = _styles()
    refreshed = context.refreshed.get(year)
    story: list[Flowable] = [
        _p(_("Annual report programme monitoring %(year)s", year=year), styles["title"]),
        _p(_("Alliantie van Kracht — operational goals, indicators and reflection"), styles["h2"]),
        _p(
            _("Figures as of %(when)s.", when=format_datetime(refreshed.refreshed_at, "short"))
            if refreshed
            else _("There are no figures for %(year)s yet.", year=year),
            styles["body"],
        ),
        _p(
            _(
                "Cells with fewer than %(minimum)s households show “< %(minimum)s”; where a "
                "hidden cell could be worked out from a total, another cell is hidden too. "
                "No household can be recognised in this report.",
                minimum=context.minimum,
            ),
            styles["body"],
        ),
        Spacer(1, 6),
    ]
    story += _monitoring(year, context, styles)
    story += _reflection(year, context, styles)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Annual report programme monitoring %(year)s", year=year),
        author="Alliantie van Kracht",
    )
    document.build(story)
    return buffer.getvalue()
