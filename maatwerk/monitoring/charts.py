"""Charts as SVG, drawn on the server: horizontal bars and trend lines.

Readable without colour: each series has its own fill pattern (solid, hatched) or line
style and marker (solid with circles, dashed with squares), a legend names them, and every
figure is written next to its bar or point. Presentation attributes only (no style
attributes), so the pages' Content-Security-Policy holds. Pages show the same numbers in
a table beside each chart.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

INK = "#1a1a1a"
GRID = "#c9d3dc"
SERIES_STYLES = (
    # fill, stroke, pattern (None: solid), dash, marker
    ("#0b3d5c", "#0b3d5c", None, None, "circle"),
    ("#b34700", "#b34700", "hatch", "6 4", "square"),
    ("#3d6b1e", "#3d6b1e", "dots", "2 3", "diamond"),
)
_ids = itertools.count(1)


@dataclass(frozen=True)
class Point:
    """One figure of a chart: the value to draw (None: no bar) and the text to write."""

    value: float | None
    text: str


def _e(text: object) -> str:
    return str(escape(str(text)))


def _defs(prefix: str) -> str:
    parts = []
    for index, (fill, stroke, pattern, _dash, _marker) in enumerate(SERIES_STYLES):
        pid = f"{prefix}-p{index}"
        if pattern == "hatch":
            parts.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse"'
                ' patternTransform="rotate(45)">'
                f'<rect width="6" height="6" fill="#ffffff"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="{stroke}" stroke-width="3"/>'
                "</pattern>"
            )
        elif pattern == "dots":
            parts.append(
                f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                f'<rect width="5" height="5" fill="#ffffff"/>'
                f'<circle cx="2.5" cy="2.5" r="1.5" fill="{fill}"/></pattern>'
            )
    return "<defs>" + "".join(parts) + "</defs>" if parts else ""


def _fill(prefix: str, index: int) -> str:
    fill, _stroke, pattern, _dash, _marker = SERIES_STYLES[index % len(SERIES_STYLES)]
    return f"url(#{prefix}-p{index % len(SERIES_STYLES)})" if pattern else fill


def _legend(prefix: str, labels: Sequence[str], y: float, lines: bool) -> str:
    if len(labels) < 2:
        return ""
    out, x = [], 8.0
    for index, label in enumerate(labels):
        _fill_colour, stroke, _pattern, dash, marker = SERIES_STYLES[index % len(SERIES_STYLES)]
        if lines:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{x}" y1="{y - 4}" x2="{x + 24}" y2="{y - 4}" stroke="{stroke}"'
                f' stroke-width="2.5"{dash_attr}/>' + _marker(marker, x + 12, y - 4, stroke)
            )
        else:
            out.append(
                f'<rect x="{x}" y="{y - 11}" width="24" height="12" fill="{_fill(prefix, index)}"'
                f' stroke="{stroke}"/>'
            )
        out.append(f'<text x="{x + 30}" y="{y}" font-size="13" fill="{INK}">{_e(label)}</text>')
        x += 40 + 7.5 * len(str(label))
    return "".join(out)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return (
            f'<polygon points="{x},{y - 5} {x + 5},{y} {x},{y + 5} {x - 5},{y}" fill="{colour}"/>'
        )
    return f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}"/>'


def _svg(prefix: str, title: str, width: float, height: float, body: str) -> Markup:
    # Every text in the drawing went through _e() (escaped); the rest is our own markup.
    return Markup(  # noqa: S704  # texts escaped by _e(), numbers formatted  # nosec B704
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
        f' aria-labelledby="{prefix}-title" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' width="{width:.0f}" height="{height:.0f}">'
        f'<title id="{prefix}-title">{_e(title)}</title>{_defs(prefix)}{body}</svg>'
    )


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[str],
    points: Sequence[Sequence[Point]],
    *,
    width: int = 680,
) -> Markup:
    """Horizontal bars: one group per category, one bar per series (points[c][s])."""
    prefix = f"bar{next(_ids)}"
    label_width, value_width = 230.0, 70.0
    bar_h, gap = 16.0, 12.0
    legend_h = 26.0 if len(series) > 1 else 6.0
    group_h = bar_h * len(series) + gap
    height = legend_h + group_h * len(categories) + 8
    values = [p.value for row in points for p in row if p.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    plot = width - label_width - value_width

    def x_of(value: float) -> float:
        return label_width + (value - low) / span * plot

    zero = x_of(0.0)
    body = [_legend(prefix, series, 18, lines=False)]
    body.append(
        f'<line x1="{zero:.1f}" y1="{legend_h}" x2="{zero:.1f}" y2="{height - 4:.1f}"'
        f' stroke="{GRID}"/>'
    )
    for c, category in enumerate(categories):
        top = legend_h + c * group_h
        middle = top + bar_h * len(series) / 2
        body.append(
            f'<text x="{label_width - 8}" y="{middle + 4:.1f}" font-size="13" fill="{INK}"'
            f' text-anchor="end">{_e(category)}</text>'
        )
        for s, point in enumerate(points[c]):
            y = top + s * bar_h
            stroke = SERIES_STYLES[s % len(SERIES_STYLES)][1]
            if point.value is not None:
                start, end = sorted((zero, x_of(point.value)))
                body.append(
                    f'<rect x="{start:.1f}" y="{y + 1:.1f}" width="{max(end - start, 1):.1f}"'
                    f' height="{bar_h - 3:.1f}" fill="{_fill(prefix, s)}" stroke="{stroke}"/>'
                )
                text_x = end + 4
            else:
                text_x = zero + 4
            body.append(
                f'<text x="{text_x:.1f}" y="{y + bar_h - 4:.1f}" font-size="12"'
                f' fill="{INK}">{_e(point.text)}</text>'
            )
    return _svg(prefix, title, width, height, "".join(body))


def line_chart(
    title: str,
    years: Sequence[int],
    series: Sequence[str],
    points: Sequence[Sequence[Point]],
    *,
    width: int = 680,
    height: int = 240,
) -> Markup:
    """Trend lines over the years (points[y][s]); gaps where a figure is not shown."""
    prefix = f"line{next(_ids)}"
    left, right, top, bottom = 40.0, 30.0, 34.0, 36.0
    values = [p.value for row in points for p in row if p.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(years) - 1, 1)

    def at(index: int, value: float) -> tuple[float, float]:
        x = left + (index * step if len(years) > 1 else plot_w / 2)
        return x, top + plot_h - (value - low) / span * plot_h

    body = [_legend(prefix, series, 18, lines=True)]
    base_y = at(0, low)[1]
    body.append(
        f'<line x1="{left}" y1="{base_y:.1f}" x2="{width - right}" y2="{base_y:.1f}"'
        f' stroke="{GRID}"/>'
    )
    for index, year in enumerate(years):
        x = at(index, low)[0]
        body.append(
            f'<text x="{x:.1f}" y="{height - 12}" font-size="13" fill="{INK}"'
            f' text-anchor="middle">{year}</text>'
        )
    for s in range(len(series)):
        _fill_c, stroke, _pattern, dash, marker = SERIES_STYLES[s % len(SERIES_STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[tuple[float, float]] = []
        for index in range(len(years)):
            point = points[index][s]
            if point.value is None:
                body.append(_polyline(run, stroke, dash_attr))
                run = []
                x = at(index, low)[0]
                body.append(
                    f'<text x="{x:.1f}" y="{base_y - 6 - 14 * s:.1f}" font-size="12"'
                    f' fill="{INK}" text-anchor="middle">{_e(point.text)}</text>'
                )
                continue
            x, y = at(index, point.value)
            run.append((x, y))
            body.append(_marker(marker, x, y, stroke))
            body.append(
                f'<text x="{x:.1f}" y="{y - 8 - 14 * s:.1f}" font-size="12" fill="{INK}"'
                f' text-anchor="middle">{_e(point.text)}</text>'
            )
        body.append(_polyline(run, stroke, dash_attr))
    return _svg(prefix, title, width, height, "".join(body))


def _polyline(run: list[tuple[float, float]], stroke: str, dash_attr: str) -> str:
    if len(run) < 2:
        return ""
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{stroke}" stroke-width="2.5"{dash_attr}/>'
    )
