"""The growth chart as a plain SVG (no plotting library): two panels side by side, ms per
operation and ratio to the floor, both over households on a log scale. Each pair has its
own marker and dash pattern and is labelled at its line's end, so it reads without colour.
"""

from __future__ import annotations

import math
from pathlib import Path
from xml.sax.saxutils import escape  # writes XML, parses nothing  # nosec B406

SHORT = {
    "plan read": "plan read",
    "goal update": "goal update",
    "plan transition": "transition",
    "plan PDF GET /plans/{id}/pdf": "plan PDF",
    "monitoring indicators GET /api/v1/monitoring/indicators": "monitoring API",
    "monitoring dashboard GET /monitoring": "dashboard page",
}
MARKERS = ("circle", "square", "triangle", "diamond", "down", "cross")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 2", "1 2")
GREYS = ("#000000", "#1f4e79", "#7f3f00", "#2e6b30", "#5b2c6f", "#555555")
PANEL_W, PANEL_H, LEFT, TOP, GAP, LABEL_W = 360, 300, 60, 50, 70, 110


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    s = 4.5
    style = f'fill="white" stroke="{colour}" stroke-width="1.6"'
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s}" {style}/>'
    if kind == "square":
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s}" height="{2 * s}" {style}/>'
    if kind == "cross":
        return (
            f'<path d="M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}'
            f'M{x - s:.1f},{y + s:.1f}L{x + s:.1f},{y - s:.1f}" stroke="{colour}" '
            'stroke-width="2"/>'
        )
    points = {
        "triangle": [(0, -s * 1.2), (s * 1.1, s * 0.8), (-s * 1.1, s * 0.8)],
        "down": [(0, s * 1.2), (s * 1.1, -s * 0.8), (-s * 1.1, -s * 0.8)],
        "diamond": [(0, -s * 1.3), (s * 1.1, 0), (0, s * 1.3), (-s * 1.1, 0)],
    }[kind]
    text = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
    return f'<polygon points="{text}" {style}/>'


def _ticks(low: float, high: float) -> list[float]:
    """Decade ticks with 2 and 5 between, within [low, high]."""
    result = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for m in (1, 2, 5):
            value = m * 10**exponent
            if low <= value <= high:
                result.append(value)
    return result


def _label(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def _panel(series, key, x0, title, unit, sizes) -> list[str]:
    values = [v for _n, points in series for _s, v in points(key)]
    low, high = min(values) / 1.3, max(values) * 1.3
    xl, xh = math.log10(min(sizes)) - 0.15, math.log10(max(sizes)) + 0.15

    def px(households):
        return x0 + (math.log10(households) - xl) / (xh - xl) * PANEL_W

    def py(value):
        return (
            TOP
            + PANEL_H
            - (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low)) * PANEL_H
        )

    out = [
        f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 18}" text-anchor="middle" '
        f'font-weight="bold">{escape(title)}</text>',
        f'<rect x="{x0}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}" fill="none" '
        'stroke="#888"/>',
    ]
    for tick in _ticks(low, high):
        y = py(tick)
        out.append(f'<line x1="{x0}" x2="{x0 + PANEL_W}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{_label(tick)}</text>')
    for size in sizes:
        x = px(size)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{TOP + PANEL_H}" stroke="#eee"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{TOP + PANEL_H + 16}" text-anchor="middle">{size:,}</text>'
        )
    out.append(
        f'<text x="{x0 + PANEL_W / 2}" y="{TOP + PANEL_H + 36}" text-anchor="middle">'
        "households (log scale)</text>"
    )
    out.append(
        f'<text transform="translate({x0 - 45},{TOP + PANEL_H / 2}) rotate(-90)" '
        f'text-anchor="middle">{escape(unit)} (log scale)</text>'
    )
    ends = []
    for index, (name, points) in enumerate(series):
        colour, dash = GREYS[index % len(GREYS)], DASHES[index % len(DASHES)]
        coords = [(px(s), py(v)) for s, v in points(key)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.6"{dashed}/>'
        )
        out += [_marker(MARKERS[index % len(MARKERS)], x, y, colour) for x, y in coords]
        ends.append([coords[-1][1], coords[-1][0], name, colour, index])
    ends.sort()
    for i in range(1, len(ends)):  # labels at least 13 px apart
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + 13)
    for y, x, name, colour, index in ends:
        out.append(_marker(MARKERS[index % len(MARKERS)], x + 16, y, colour))
        out.append(f'<text x="{x + 25:.1f}" y="{y + 4:.1f}" fill="{colour}">{escape(name)}</text>')
    return out


def write_chart(rows: list[dict], path: Path) -> None:
    """Both panels for every pair with a short name (SHORT), written to `path`."""
    names = [n for n in SHORT if any(r["name"] == n for r in rows)]
    sizes = sorted({r["households"] for r in rows})

    def points_of(name):
        def points(key):
            mine = sorted((r["households"], r[key]) for r in rows if r["name"] == name)
            return [(s, max(v, 1e-3)) for s, v in mine]

        return points

    series = [(SHORT[n], points_of(n)) for n in names]
    width = LEFT + 2 * (PANEL_W + LABEL_W) + GAP
    height = TOP + PANEL_H + 60
    second = LEFT + PANEL_W + LABEL_W + GAP
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        "<title>Cost per operation from 1,000 to 500,000 households</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
        *_panel(series, "subject_ms", LEFT, "Milliseconds per operation", "ms", sizes),
        *_panel(series, "ratio", second, "Ratio to the floor (same run)", "x floor", sizes),
        "</svg>",
    ]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
