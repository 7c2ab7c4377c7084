"""Drawings of the family's PDFs: domain pictograms, the rank badge and the QR code.

The pictograms are defined as reportlab shapes (readable, one place) but are not rendered
through reportlab.graphics on every PDF: each is compiled once into ready path objects
(geometry only, no per-document state) that a small flowable paints straight onto the
canvas. The QR code's modules are likewise turned into one path once per portal address.
Rendering the shapes node by node was most of the cost of a plan PDF
(benchmarks/bench_pdf.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.graphics.barcode import qr
from reportlab.graphics.shapes import Circle, Line, Polygon, Rect, String, Wedge
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import FILL_EVEN_ODD
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

from maatwerk.core.pdf_fonts import BOLD, fonts

INK = colors.HexColor("#1a1a1a")
HEADING = colors.HexColor("#0b3d5c")
BOX = colors.HexColor("#f2f5f8")
RULE = colors.HexColor("#8da4b8")

# --- domain pictograms: own simple drawings, always shown with their text label ------------

ICON_COLOURS = {
    "economic": ("#fdf1d6", "#7a5200"),
    "social": ("#dcebf7", "#1f4e79"),
    "cultural": ("#ece3f5", "#5b2a86"),
    "pedagogical": ("#dff0e0", "#1e6b32"),
    "mental": ("#f9e0e7", "#a4284f"),
}


def _coin(dark: Any) -> list[Any]:
    gold = colors.HexColor("#f2c14e")
    return [
        Circle(24, 16, 10, fillColor=dark, strokeColor=dark),
        Circle(17, 23, 11, fillColor=gold, strokeColor=dark, strokeWidth=1.5),
        Circle(17, 23, 8, fillColor=None, strokeColor=dark, strokeWidth=1),
        String(
            17,
            19,
            "\u20ac",
            fontName=BOLD,
            fontSize=12,
            fillColor=dark,
            textAnchor="middle",
        ),
    ]


def _people(dark: Any) -> list[Any]:
    white = colors.white
    return [
        Circle(27, 25, 4.5, fillColor=dark, strokeColor=None),
        Wedge(27, 7, 9, 0, 180, fillColor=dark, strokeColor=None),
        Circle(14, 27, 5.5, fillColor=dark, strokeColor=white, strokeWidth=1.5),
        Wedge(14, 7, 10.5, 0, 180, fillColor=dark, strokeColor=white, strokeWidth=1.5),
    ]


def _book(dark: Any) -> list[Any]:
    shapes: list[Any] = [
        Polygon(
            [5, 11, 20, 8, 20, 30, 5, 33], fillColor=colors.white, strokeColor=dark, strokeWidth=1.5
        ),
        Polygon(
            [20, 8, 35, 11, 35, 33, 20, 30],
            fillColor=colors.white,
            strokeColor=dark,
            strokeWidth=1.5,
        ),
    ]
    for y in (15, 19.5, 24):
        shapes.append(Line(8, y + 1.5, 17, y, strokeColor=dark, strokeWidth=1))
        shapes.append(Line(23, y, 32, y + 1.5, strokeColor=dark, strokeWidth=1))
    return shapes


def _house(dark: Any) -> list[Any]:
    return [
        Rect(9, 5, 22, 17, fillColor=colors.white, strokeColor=dark, strokeWidth=1.5),
        Polygon([5, 21, 20, 35, 35, 21], fillColor=dark, strokeColor=dark),
        Circle(20, 15.5, 3, fillColor=dark, strokeColor=None),
        Wedge(20, 5, 5.5, 0, 180, fillColor=dark, strokeColor=None),
    ]


def _heart(dark: Any) -> list[Any]:
    return [
        Circle(14, 24, 7, fillColor=dark, strokeColor=None),
        Circle(26, 24, 7, fillColor=dark, strokeColor=None),
        Polygon(
            [9.05, 19.05, 20, 7, 30.95, 19.05, 26, 24, 14, 24], fillColor=dark, strokeColor=None
        ),
    ]


PICTOGRAMS = {
    "economic": _coin,
    "social": _people,
    "cultural": _book,
    "pedagogical": _house,
    "mental": _heart,
}


# --- compiled drawings ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Paint:
    """One shape as a ready path, with how it is painted."""

    path: PDFPathObject
    fill: Any
    stroke: Any
    width: float


@dataclass(frozen=True)
class _Text:
    """One string (drawn per document: fonts are per-document resources), measured when
    drawn: the registered font can change (maatwerk.core.pdf_fonts.configure)."""

    x: float
    y: float
    text: str
    font: str
    size: float
    fill: Any
    middle: bool


def _path_of(shape: Any) -> PDFPathObject:
    """The path renderPDF would draw for a shape (same operators, same points)."""
    path = PDFPathObject()
    if isinstance(shape, Rect):
        if shape.rx == shape.ry == 0:
            path.rect(shape.x, shape.y, shape.width, shape.height)
        else:
            path.roundRect(shape.x, shape.y, shape.width, shape.height, shape.rx)
    elif isinstance(shape, Circle):
        path.circle(shape.cx, shape.cy, shape.r)
    elif isinstance(shape, Wedge):
        cx, cy, r = shape.centerx, shape.centery, shape.radius
        start, end = shape.startangledegrees, shape.endangledegrees
        path.moveTo(cx, cy)
        path.arcTo(cx - r, cy - r, cx + r, cy + r, start, end - start)
        path.close()
    elif isinstance(shape, Polygon):
        points = shape.points
        path.moveTo(points[0], points[1])
        for i in range(2, len(points), 2):
            path.lineTo(points[i], points[i + 1])
        path.close()
    elif isinstance(shape, Line):
        path.moveTo(shape.x1, shape.y1)
        path.lineTo(shape.x2, shape.y2)
    else:  # pragma: no cover - only the shapes above are used
        raise TypeError(f"cannot compile {type(shape).__name__}")
    return path


def _compile(shapes: list[Any]) -> tuple[_Paint | _Text, ...]:
    ops: list[_Paint | _Text] = []
    for shape in shapes:
        if isinstance(shape, String):
            middle = shape.textAnchor == "middle"
            ops.append(
                _Text(
                    shape.x,
                    shape.y,
                    shape.text,
                    shape.fontName,
                    shape.fontSize,
                    shape.fillColor,
                    middle,
                )
            )
            continue
        fill = None if isinstance(shape, Line) else getattr(shape, "fillColor", None)
        stroke = getattr(shape, "strokeColor", None)
        width = getattr(shape, "strokeWidth", 1) or 0
        if stroke is not None and not width:
            stroke = None
        ops.append(_Paint(_path_of(shape), fill, stroke, width))
    return tuple(ops)


class Pictogram(Flowable):
    """A compiled drawing of `unit` x `unit` points, scaled to size x size."""

    def __init__(self, ops: tuple[_Paint | _Text, ...], unit: float, size: float) -> None:
        super().__init__()
        self.ops, self.scale = ops, size / unit
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if self.scale != 1:
            canv.scale(self.scale, self.scale)
        for op in self.ops:
            if isinstance(op, _Text):
                fonts()  # registered (a drawing can come before any paragraph)
                canv.setFillColor(op.fill)
                canv.setFont(op.font, op.size)
                x = op.x
                if op.middle:
                    x -= stringWidth(op.text, op.font, op.size) / 2
                canv.drawString(x, op.y, op.text)
                continue
            if op.fill is not None:
                canv.setFillColor(op.fill)
            if op.stroke is not None:
                canv.setStrokeColor(op.stroke)
                canv.setLineWidth(op.width)
            canv.drawPath(op.path, stroke=op.stroke is not None, fill=op.fill is not None)


@cache
def _domain_ops(domain: str) -> tuple[_Paint | _Text, ...]:
    background, dark = (colors.HexColor(c) for c in ICON_COLOURS[domain])
    frame = Rect(
        0.75,
        0.75,
        38.5,
        38.5,
        rx=7,
        ry=7,
        fillColor=background,
        strokeColor=dark,
        strokeWidth=1.5,
    )
    return _compile([frame, *PICTOGRAMS[domain](dark)])


def domain_icon(domain: str, size: float = 30) -> Flowable:
    """The pictogram of a life domain, drawn on a 40x40 grid and scaled to size."""
    return Pictogram(_domain_ops(domain), 40, size)


@cache
def _badge_ops(rank: int) -> tuple[_Paint | _Text, ...]:
    return _compile(
        [
            Circle(16, 16, 15, fillColor=HEADING, strokeColor=None),
            String(
                16,
                10,
                str(rank),
                fontName=BOLD,
                fontSize=17,
                fillColor=colors.white,
                textAnchor="middle",
            ),
        ]
    )


def rank_badge(rank: int) -> Flowable:
    """The goal's place in the family's order, as a large number in a circle."""
    return Pictogram(_badge_ops(rank), 32, 32)


# --- QR code ---------------------------------------------------------------------------------

_QR_PATHS: dict[tuple[Any, ...], PDFPathObject] = {}
_QR_LOCK = threading.Lock()
_QR_CACHE_SIZE = 1024  # portal addresses (one per plan); ~4 kB each


def _qr_modules(widget: Any) -> PDFPathObject:
    """The dark modules of the widget's code as one path in widget units, memoised on what
    determines them (the widget's class, data, error level and border): encoding a code and
    building its shapes is the dearest part of the PDF, and a plan's portal address does not
    change."""
    key = (type(widget), widget.value, widget.barLevel, widget.barBorder, widget.barWidth)
    path = _QR_PATHS.get(key)
    if path is None:
        path = PDFPathObject()
        for module in widget.draw().contents:
            if module.fillColor is not None:
                path.rect(module.x, module.y, module.width, module.height)
        with _QR_LOCK:
            if len(_QR_PATHS) >= _QR_CACHE_SIZE:
                _QR_PATHS.clear()
            _QR_PATHS[key] = path
    return path


class QrFlowable(Flowable):
    """A QR code (reportlab's own encoder) for value, size x size points."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.widget = qr.QrCodeWidget(value, barLevel="M", barBorder=2)
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        widget, canv = self.widget, self.canv
        # The widget's bounds are its background square, barWidth x barHeight at (x, y).
        canv.scale(self.width / widget.barWidth, self.height / widget.barHeight)
        canv.translate(-widget.x, -widget.y)
        canv.setFillColor(widget.barFillColor)
        canv.drawPath(_qr_modules(widget), stroke=0, fill=1, fillMode=FILL_EVEN_ODD)


def qr_drawing(value: str, size: float) -> Flowable:
    """A QR code for value, scaled to size x size points."""
    return QrFlowable(value, size)
