"""Layout of the family's PDFs: styles, the header with the QR code, boxes, the page frame."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from maatwerk.plans.pdf_graphics import BOX, HEADING, INK, RULE, domain_icon, qr_drawing
from maatwerk.plans.pdf_labels import Words

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12  # the frame pads 6 pt each side
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
_BASE = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=17, textColor=INK)
STYLES = {
    "body": _BASE,
    "bold": ParagraphStyle("bold", _BASE, fontName="Helvetica-Bold"),
    "h1": ParagraphStyle(
        "h1", _BASE, fontName="Helvetica-Bold", fontSize=28, leading=34, textColor=HEADING
    ),
    "subtitle": ParagraphStyle(
        "subtitle", _BASE, fontName="Helvetica-Bold", fontSize=16, leading=21, textColor=HEADING
    ),
    "h2": ParagraphStyle(
        "h2",
        _BASE,
        fontName="Helvetica-Bold",
        fontSize=20,
        leading=26,
        textColor=HEADING,
        spaceBefore=16,
        spaceAfter=6,
    ),
    "goal": ParagraphStyle("goal", _BASE, fontName="Helvetica-Bold", fontSize=16, leading=21),
    "domain": ParagraphStyle("domain", _BASE, fontName="Helvetica-Bold", fontSize=13, leading=17),
    "label": ParagraphStyle(
        "label", _BASE, fontName="Helvetica-Bold", spaceBefore=6, textColor=HEADING
    ),
    "caption": ParagraphStyle("caption", _BASE, alignment=TA_CENTER, leading=15),
}
_TIGHT = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def text(value: str | None) -> str:
    """Plain text (the family's own words) as safe Paragraph markup, keeping line breaks."""
    return escape(value or "", quote=False).replace("\n", "<br/>")


def local_date(moment: dt.datetime) -> dt.date:
    """The family's calendar date of a stored (UTC) moment."""
    return moment.astimezone(LOCAL_TIME).date()


def para(markup: str, style: str = "body") -> Paragraph:
    """A paragraph in one of the styles above."""
    return Paragraph(markup, STYLES[style])


def domain_heading(domain: str, words: Words, *, lead: Flowable | None = None) -> Table:
    """Icon and plain-word label of a domain in one row (optionally after a rank badge)."""
    cells: list[Any] = [domain_icon(domain), para(text(words.of("domain", domain)), "domain")]
    widths = [36, CONTENT_WIDTH - 36]
    if lead is not None:
        cells.insert(0, lead)
        widths = [40, 36, CONTENT_WIDTH - 76]
    table = Table([cells], colWidths=widths)
    table.setStyle([*_TIGHT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return table


def header(
    words: Words,
    *,
    title: str,
    lines: Sequence[Flowable],
    portal_url: str,
) -> list[Flowable]:
    """The first block of a form: title and plain facts on the left, the QR code right."""
    qr_width = 48 * mm
    left = [para(text(title), "h1"), Spacer(1, 4), *lines]
    right = [
        qr_drawing(portal_url, 38 * mm),
        Spacer(1, 4),
        para(text(words["qr_caption"]), "caption"),
    ]
    table = Table([[left, right]], colWidths=[CONTENT_WIDTH - qr_width, qr_width])
    table.setStyle(
        [
            *_TIGHT,
            ("RIGHTPADDING", (0, 0), (0, 0), 12),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (1, 0), "CENTER"),
        ]
    )
    return [table, Spacer(1, 6)]


def box(rows: Sequence[tuple[str, str]], *, label_width: float = 42 * mm) -> Table:
    """A light box of 'label: value' rows (one action, one change)."""
    data = [[para(text(label), "bold"), para(value)] for label, value in rows]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), BOX),
                ("BOX", (0, 0), (-1, -1), 1, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, 0), 7),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    return table


def grid(rows: list[list[Any]], widths: Sequence[float], *, head: bool = True) -> Table:
    """A simple table with lines between rows (team, other goals)."""
    table = Table(rows, colWidths=list(widths), repeatRows=1 if head else 0)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.75, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]
    if head:
        style += [("BACKGROUND", (0, 0), (-1, 0), BOX), ("LINEBELOW", (0, 0), (-1, 0), 1.5, INK)]
    table.setStyle(style)
    return table


# --- the page frame and the document -------------------------------------------------------


def _page_canvas(words: Words, footer_left: str) -> type[canvas.Canvas]:
    """A canvas that writes 'page n of m' and the footer once all pages are known."""

    class FramedCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            y = 11 * mm
            self.setStrokeColor(RULE)
            self.setLineWidth(0.75)
            self.line(MARGIN, y + 15, PAGE_WIDTH - MARGIN, y + 15)
            self.setFillColor(INK)
            self.setFont("Helvetica", 12)
            self.drawString(MARGIN, y, footer_left)
            page = words["page"].format(page=number, pages=total)
            self.drawRightString(PAGE_WIDTH - MARGIN, y, page)

    return FramedCanvas


def render(
    story: list[Flowable], words: Words, *, title: str, reference: str, generated_on: dt.date
) -> bytes:
    """Lay the story out on A4 pages; identical input gives identical bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=24 * mm,
        title=f"{title} - {reference}",
        author="Alliantie van Kracht",
        creator="Maatwerk",
        lang=words.language,
        displayDocTitle=True,
        # No creation time or random document id: the bytes depend on the input only.
        invariant=1,
    )
    footer = f"{reference}  \u00b7  {words['made_on'].format(date=words.date(generated_on))}"
    document.build(story, canvasmaker=_page_canvas(words, footer))
    return buffer.getvalue()
