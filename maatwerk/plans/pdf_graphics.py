"""Drawings of the family's PDFs: domain pictograms, the rank badge and the QR code."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.barcode import qr
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String, Wedge
from reportlab.lib import colors

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
            fontName="Helvetica-Bold",
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


def domain_icon(domain: str, size: float = 30) -> Drawing:
    """The pictogram of a life domain, drawn on a 40x40 grid and scaled to size."""
    background, dark = (colors.HexColor(c) for c in ICON_COLOURS[domain])
    scale = size / 40
    drawing = Drawing(size, size)
    drawing.add(
        Rect(
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
    )
    for shape in PICTOGRAMS[domain](dark):
        drawing.add(shape)
    drawing.scale(scale, scale)
    return drawing


def rank_badge(rank: int) -> Drawing:
    """The goal's place in the family's order, as a large number in a circle."""
    drawing = Drawing(32, 32)
    drawing.add(Circle(16, 16, 15, fillColor=HEADING, strokeColor=None))
    drawing.add(
        String(
            16,
            10,
            str(rank),
            fontName="Helvetica-Bold",
            fontSize=17,
            fillColor=colors.white,
            textAnchor="middle",
        )
    )
    return drawing


# --- QR code ---------------------------------------------------------------------------------


def qr_drawing(value: str, size: float) -> Drawing:
    """A QR code (reportlab's own encoder) for value, scaled to size x size points."""
    widget = qr.QrCodeWidget(value, barLevel="M", barBorder=2)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size)
    drawing.add(widget)
    drawing.scale(size / (x2 - x1), size / (y2 - y1))
    return drawing
