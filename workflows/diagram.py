"""Deterministic SVG state diagrams of workflow definitions, in pure Python."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import permutations
from xml.sax.saxutils import escape  # escape() writes XML, nothing is parsed  # nosec B406

from workflows.definition import Definition

STATE_FONT, LABEL_FONT = 14, 12
STATE_CHAR, LABEL_CHAR = 8.0, 7.0  # generous average glyph widths, in px
BOX_H, BOX_MIN_W, BOX_GAP, LAYER_GAP, MARGIN = 38, 104, 56, 124, 24
FONT = "Helvetica, Arial, sans-serif"
ANY = "any open state"


@dataclass
class _Box:
    """A node of the diagram: a state or the 'any open state' stand-in."""

    key: str
    label: str
    kind: str  # state, final or any
    layer: int
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    index: int = 0

    @property
    def cx(self) -> float:
        """Return the horizontal centre."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """Return the vertical centre."""
        return self.y + BOX_H / 2


@dataclass(frozen=True)
class _Edge:
    """An arrow between two boxes, labelled with its trigger(s)."""

    source: str
    dest: str
    label: str


def _n(value: float) -> str:
    """Format a coordinate with at most one decimal, the same way every time."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _depths(definition: Definition) -> dict[str, int]:
    """Return the BFS depth of each state, ignoring 'any state' transitions where possible."""
    depth = {definition.initial: 0}
    for use_any in (False, True):
        queue = deque(sorted(depth, key=depth.__getitem__))
        while queue:
            state = queue.popleft()
            for spec in definition.transitions_from(state):
                if (use_any or not spec.any_source) and spec.dest not in depth:
                    depth[spec.dest] = depth[state] + 1
                    queue.append(spec.dest)
    last = max(depth.values()) + 1
    return {s: depth.get(s, last) for s in definition.states}


def _crossings(edges: list[tuple[int, int]]) -> int:
    """Count pairs of straight edges between two layers that cross."""
    return sum(
        1 for i, (a, b) in enumerate(edges) for c, d in edges[i + 1 :] if (a - c) * (b - d) < 0
    )


def _cost(row: tuple[str, ...], boxes: dict[str, _Box], edges: list[_Edge], pos: dict) -> int:
    """Score one ordering of a layer: crossings, split neighbours, blocked curve ends."""
    here = {key: i for i, key in enumerate(row)}
    layer = boxes[row[0]].layer
    down: list[tuple[int, int]] = []
    cost = 0
    for e in edges:
        s, d = boxes[e.source].layer, boxes[e.dest].layer
        if boxes[e.source].kind == "any" or layer not in (s, d):
            continue
        if s == d:
            cost += 5 * (abs(here[e.source] - here[e.dest]) != 1)
        elif d == layer and s == layer - 1:
            down.append((pos[e.source], here[e.dest]))
        elif d - s != 1:
            end = here[e.dest] if d == layer else here[e.source]
            cost += 2 * (0 < end < len(row) - 1)
    return cost + 3 * _crossings(down)


def _layout(definition: Definition) -> tuple[dict[str, _Box], list[_Edge]]:
    """Place boxes in layers and return them with the merged edges."""
    depth = _depths(definition)
    boxes: dict[str, _Box] = {}
    for state in definition.states:
        kind = "final" if state in definition.final else "state"
        boxes[state] = _Box(state, state.replace("_", " "), kind, depth[state])
    merged: dict[tuple[str, str], list[str]] = {}
    for spec in definition.transitions:
        sources = [f"*{spec.dest}"] if spec.any_source else list(spec.sources)
        for source in sources:
            if source not in boxes:
                boxes[source] = _Box(source, ANY, "any", depth[spec.dest])
            merged.setdefault((source, spec.dest), []).append(spec.trigger)
    edges = [_Edge(s, d, " / ".join(labels)) for (s, d), labels in merged.items()]
    layers: dict[int, list[str]] = {}
    for key, box in boxes.items():
        if box.kind != "any":
            layers.setdefault(box.layer, []).append(key)
    pos: dict[str, int] = {}
    for layer in sorted(layers):
        rows = permutations(layers[layer]) if len(layers[layer]) <= 6 else [layers[layer]]
        best = list(min(rows, key=lambda row: _cost(tuple(row), boxes, edges, pos)))
        for key in [k for k, b in boxes.items() if b.kind == "any" and b.layer == layer]:
            best.insert(best.index(key[1:]) + 1, key)
        layers[layer] = best
        pos.update({key: i for i, key in enumerate(best)})
    for layer, row in layers.items():
        gaps = [BOX_GAP] * len(row)
        for e in edges:
            if e.source in row and e.dest in row and abs(pos[e.source] - pos[e.dest]) == 1:
                i = min(pos[e.source], pos[e.dest])
                gaps[i] = max(gaps[i], len(e.label) * LABEL_CHAR + 40)
        for key in row:
            boxes[key].w = max(BOX_MIN_W, len(boxes[key].label) * STATE_CHAR + 28)
        x = -(sum(boxes[k].w for k in row) + sum(gaps[:-1])) / 2
        for key, gap in zip(row, gaps, strict=True):
            boxes[key].x, boxes[key].y, boxes[key].index = x, layer * LAYER_GAP, pos[key]
            x += boxes[key].w + gap
    return boxes, edges


class _Canvas:
    """Collects SVG elements in three z-levels and tracks the drawn extent."""

    def __init__(self, marker: str) -> None:
        self.lines: list[str] = []
        self.shapes: list[str] = []
        self.labels: list[str] = []
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.marker = marker

    def extend(self, xs: Iterable[float], ys: Iterable[float]) -> None:
        """Record points that must be inside the picture."""
        self.xs.extend(xs)
        self.ys.extend(ys)

    def path(self, d: str, points: list[tuple[float, float]], dashed: bool = False) -> None:
        """Add an arrow along an SVG path through the given points."""
        dash = ' stroke-dasharray="5,4"' if dashed else ""
        self.lines.append(
            f'<path d="{d}" fill="none" stroke="#52606d" stroke-width="1.5"{dash} '
            f'marker-end="url(#{self.marker})"/>'
        )
        self.extend((p[0] for p in points), (p[1] for p in points))

    def label(self, x: float, y: float, text: str) -> None:
        """Add a trigger label centred on (x, y) with a white backing for legibility."""
        w = len(text) * LABEL_CHAR + 8
        self.labels += [
            f'<rect x="{_n(x - w / 2)}" y="{_n(y - 9)}" width="{_n(w)}" height="18" rx="3" '
            f'fill="#ffffff" fill-opacity="0.92"/>',
            f'<text x="{_n(x)}" y="{_n(y + 4)}" text-anchor="middle" font-size="{LABEL_FONT}" '
            f'fill="#1f2933">{escape(text)}</text>',
        ]
        self.extend((x - w / 2, x + w / 2), (y - 9, y + 9))


def _side(boxes: dict[str, _Box], edge: _Edge) -> str:
    """Pick the side a curved edge runs along: the one with fewer boxes in the way."""
    src, dst = boxes[edge.source], boxes[edge.dest]
    last: dict[int, int] = {}
    for box in boxes.values():
        last[box.layer] = max(last.get(box.layer, 0), box.index)
    right = last[src.layer] - src.index + last[dst.layer] - dst.index
    left = src.index + dst.index
    if left != right:
        return "left" if left < right else "right"
    return "right" if src.cx + dst.cx >= 0 else "left"


def _draw_edges(canvas: _Canvas, boxes: dict[str, _Box], edges: list[_Edge]) -> None:
    """Route every edge: straight down, sideways within a layer, or curved around."""
    down = [e for e in edges if boxes[e.dest].layer == boxes[e.source].layer + 1]
    ports: dict[tuple[str, str, str], float] = {}
    for key, box in boxes.items():
        outs = sorted((e for e in down if e.source == key), key=lambda e: boxes[e.dest].cx)
        ins = sorted((e for e in down if e.dest == key), key=lambda e: boxes[e.source].cx)
        for group, end in ((outs, "out"), (ins, "in")):
            for i, e in enumerate(group):
                ports[(e.source, e.dest, end)] = box.x + box.w * (i + 1) / (len(group) + 1)
    curved = sorted(
        (e for e in edges if e not in down and boxes[e.source].layer != boxes[e.dest].layer),
        key=lambda e: abs(boxes[e.source].layer - boxes[e.dest].layer),
    )
    bulges = {"left": 0, "right": 0}
    for e in edges:
        src, dst = boxes[e.source], boxes[e.dest]
        if e in down:
            x1, x2 = ports[(e.source, e.dest, "out")], ports[(e.source, e.dest, "in")]
            y1, y2 = src.y + BOX_H, dst.y
            canvas.path(f"M{_n(x1)},{_n(y1)} L{_n(x2)},{_n(y2)}", [(x1, y1), (x2, y2)])
            canvas.label((x1 + x2) / 2, (y1 + y2) / 2, e.label)
        elif src.layer == dst.layer and abs(src.index - dst.index) == 1:
            x1, x2 = (src.x + src.w, dst.x) if dst.x > src.x else (src.x, dst.x + dst.w)
            d = f"M{_n(x1)},{_n(src.cy)} L{_n(x2)},{_n(dst.cy)}"
            canvas.path(d, [(x1, src.cy), (x2, dst.cy)], dashed=src.kind == "any")
            canvas.label((x1 + x2) / 2, src.cy, e.label)
        elif src.layer == dst.layer:
            y0, y = src.y + BOX_H, src.y + BOX_H + 44
            d = f"M{_n(src.cx)},{_n(y0)} C{_n(src.cx)},{_n(y)} {_n(dst.cx)},{_n(y)} "
            canvas.path(d + f"{_n(dst.cx)},{_n(y0)}", [(src.cx, y), (dst.cx, y)])
            canvas.label((src.cx + dst.cx) / 2, y0 + 33, e.label)
    for e in curved:
        src, dst = boxes[e.source], boxes[e.dest]
        low, high = sorted((src.layer, dst.layer))
        between = [b for b in boxes.values() if low <= b.layer <= high]
        side = _side(boxes, e)
        bulges[side] += 1
        reach = 36 + 44 * bulges[side]
        if side == "right":
            x1, x2, cx = src.x + src.w, dst.x + dst.w, max(b.x + b.w for b in between) + reach
        else:
            x1, x2, cx = src.x, dst.x, min(b.x for b in between) - reach
        d = f"M{_n(x1)},{_n(src.cy)} C{_n(cx)},{_n(src.cy)} {_n(cx)},{_n(dst.cy)} "
        canvas.path(d + f"{_n(x2)},{_n(dst.cy)}", [(x1, src.cy), (x2, dst.cy)])
        canvas.label(0.125 * (x1 + x2) + 0.75 * cx, (src.cy + dst.cy) / 2, e.label)


def _draw_box(canvas: _Canvas, box: _Box) -> None:
    """Add one state box; final states get a double border."""
    style = {
        "state": 'fill="#e8f1fb" stroke="#1f4e79" stroke-width="1.5"',
        "final": 'fill="#eef0f2" stroke="#1f2933" stroke-width="1.5"',
        "any": 'fill="#ffffff" stroke="#7b8794" stroke-width="1.2" stroke-dasharray="5,4"',
    }[box.kind]
    canvas.shapes.append(
        f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{BOX_H}" rx="12" '
        f"{style}/>"
    )
    if box.kind == "final":
        canvas.shapes.append(
            f'<rect x="{_n(box.x + 4)}" y="{_n(box.y + 4)}" width="{_n(box.w - 8)}" '
            f'height="{BOX_H - 8}" rx="9" fill="none" stroke="#1f2933" stroke-width="1.2"/>'
        )
    italic = ' font-style="italic"' if box.kind == "any" else ""
    canvas.shapes.append(
        f'<text x="{_n(box.cx)}" y="{_n(box.cy + 5)}" text-anchor="middle" '
        f'font-size="{STATE_FONT}"{italic} fill="#1f2933">{escape(box.label)}</text>'
    )
    canvas.extend((box.x, box.x + box.w), (box.y, box.y + BOX_H))


def describe(definition: Definition) -> str:
    """Return a plain-text alternative to the diagram."""
    rows = []
    for spec in definition.transitions:
        source = ANY if spec.any_source else " or ".join(spec.sources)
        rows.append(f"{spec.trigger} from {source} to {spec.dest} by {' or '.join(spec.roles)}")
    return (
        f"States: {', '.join(definition.states)}. Initial state: {definition.initial}. "
        f"Final states: {', '.join(definition.final)}. Transitions: {'; '.join(rows)}."
    )


def render_svg(definition: Definition) -> str:
    """Return the state diagram of a definition as a standalone, deterministic SVG."""
    slug = definition.slug
    canvas = _Canvas(f"arrow-{slug}")
    boxes, edges = _layout(definition)
    start = boxes[definition.initial]
    canvas.shapes.append(
        f'<circle cx="{_n(start.cx)}" cy="{_n(start.y - 34)}" r="6" fill="#1f2933"/>'
    )
    canvas.path(
        f"M{_n(start.cx)},{_n(start.y - 28)} L{_n(start.cx)},{_n(start.y)}",
        [(start.cx, start.y - 40)],
    )
    for box in boxes.values():
        _draw_box(canvas, box)
    _draw_edges(canvas, boxes, edges)
    min_x, min_y = min(canvas.xs) - MARGIN, min(canvas.ys) - MARGIN
    width, height = max(canvas.xs) + MARGIN - min_x, max(canvas.ys) + MARGIN - min_y
    title = f"Workflow: {definition.title} ({definition.name} v{definition.version})"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" '
        f'aria-labelledby="{slug}-title {slug}-desc" font-family="{FONT}">',
        f'<title id="{slug}-title">{escape(title)}</title>',
        f'<desc id="{slug}-desc">{escape(describe(definition))}</desc>',
        f'<defs><marker id="arrow-{slug}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#52606d"/></marker></defs>',
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
        f'<g transform="translate({_n(-min_x)},{_n(-min_y)})">',
        *canvas.lines,
        *canvas.shapes,
        *canvas.labels,
        "</g>",
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
