"""Layout of the family's PDFs: styles, the header with the QR code, boxes, the page frame."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.paragraph import _FUZZ, textTransformFrags

from maatwerk.core.pdf_fonts import BOLD, REGULAR, fit, needs_shaping, shaped
from maatwerk.plans.pdf_graphics import BOX, HEADING, INK, RULE, domain_icon, qr_drawing
from maatwerk.plans.pdf_labels import Words

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12  # the frame pads 6 pt each side
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
_BASE = ParagraphStyle("body", fontName=REGULAR, fontSize=12, leading=17, textColor=INK)
STYLES = {
    "body": _BASE,
    "bold": ParagraphStyle("bold", _BASE, fontName=BOLD),
    "role": ParagraphStyle("role", _BASE, fontName=BOLD, textColor=HEADING),
    "h1": ParagraphStyle("h1", _BASE, fontName=BOLD, fontSize=28, leading=34, textColor=HEADING),
    "subtitle": ParagraphStyle(
        "subtitle", _BASE, fontName=BOLD, fontSize=16, leading=21, textColor=HEADING
    ),
    "h2": ParagraphStyle(
        "h2",
        _BASE,
        fontName=BOLD,
        fontSize=20,
        leading=26,
        textColor=HEADING,
        spaceBefore=16,
        spaceAfter=6,
    ),
    "goal": ParagraphStyle("goal", _BASE, fontName=BOLD, fontSize=16, leading=21),
    "domain": ParagraphStyle("domain", _BASE, fontName=BOLD, fontSize=13, leading=17),
    "label": ParagraphStyle("label", _BASE, fontName=BOLD, spaceBefore=6, textColor=HEADING),
    "caption": ParagraphStyle("caption", _BASE, alignment=TA_CENTER, leading=15),
}


# --- rows of cells: what reportlab's Table did here, for a fraction of its work ---------------


@dataclass(frozen=True)
class Look:
    """How a block of rows looks: paddings (points), alignment, background, lines."""

    left: float = 6
    right: float = 6
    top: float = 3
    bottom: float = 3
    first_top: float | None = None  # top padding of a part's first row
    last_bottom: float | None = None  # bottom padding of a part's last row
    right_of: tuple[float | None, ...] = ()  # right padding per column, where it differs
    middle: bool = False  # cells centred vertically (else at the top)
    centred: frozenset[int] = frozenset()  # columns whose flowables are centred
    background: Any = None  # behind every row
    frame: tuple[float, Any] | None = None  # a line around the block
    rule: tuple[float, Any] | None = None  # a line below every row
    head: bool = False  # the first row is a heading: shaded, underlined, repeated


_HEAD_RULE = (1.5, INK)


class Rows(Flowable):
    """Rows of cells (a flowable or a list of flowables each) in columns of fixed width.

    The geometry is reportlab's Table's (same paddings, same placement of a cell's
    flowables and their space before and after), without its per-cell style objects, its
    repeated measuring and its line drawing machinery. A block taller than the space left
    splits between rows; with a heading row, every part starts with it."""

    def __init__(self, rows: Sequence[Sequence[Any]], widths: Sequence[float], look: Look):
        super().__init__()
        self.cells = [
            [tuple(cell) if isinstance(cell, list | tuple) else (cell,) for cell in row]
            for row in rows
        ]
        self.widths = list(widths)
        self.look = look
        self.width = sum(self.widths)
        self.hAlign = "CENTER"  # as Table
        self._heights: list[float] | None = None
        self._contents: list[list[list[tuple[float, float]]]] = []

    def _right(self, column: int) -> float:
        rights = self.look.right_of
        if column < len(rights) and rights[column] is not None:
            return rights[column]  # type: ignore[return-value]
        return self.look.right

    def _padding(self, row: int) -> tuple[float, float]:
        look, last = self.look, len(self.cells) - 1
        top = look.first_top if row == 0 and look.first_top is not None else look.top
        bottom = look.last_bottom if row == last and look.last_bottom is not None else look.bottom
        return top, bottom

    def _measure(self) -> list[float]:
        if self._heights is not None:
            return self._heights
        canv = getattr(self, "canv", None)
        heights, contents = [], []
        for r, row in enumerate(self.cells):
            top, bottom = self._padding(r)
            tallest, sizes_of_row = 0.0, []
            for c, cell in enumerate(row):
                available = self.widths[c] - self.look.left - self._right(c)
                sizes = [v.wrapOn(canv, available, 72000) for v in cell]
                sizes_of_row.append(sizes)
                if cell:
                    total = sum(
                        h + v.getSpaceBefore() + v.getSpaceAfter()
                        for v, (_, h) in zip(cell, sizes, strict=True)
                    )
                    total -= cell[0].getSpaceBefore() + cell[-1].getSpaceAfter()
                    tallest = max(tallest, total)
            heights.append(tallest + top + bottom)
            contents.append(sizes_of_row)
        self._heights, self._contents = heights, contents
        return heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.height = sum(self._measure())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        heights = self._measure()
        head = 1 if self.look.head else 0
        last_bottom = self.look.last_bottom
        used, fits = 0.0, 0
        for r, height in enumerate(heights):
            # This row would be the first part's last: its bottom padding changes.
            end = height
            if last_bottom is not None and r != len(heights) - 1:
                end += last_bottom - self.look.bottom
            if used + end > availHeight:
                break
            used += height
            fits = r + 1
        if fits <= head or fits >= len(heights):
            return [] if fits <= head else [self]
        rest = self.cells[:head] + self.cells[fits:]
        return [Rows(self.cells[:fits], self.widths, self.look), Rows(rest, self.widths, self.look)]

    def draw(self) -> None:
        canv, look = self.canv, self.look
        heights = self._measure()
        width, height = self.width, sum(heights)
        if look.background is not None:
            canv.setFillColor(look.background)
            canv.rect(0, 0, width, height, stroke=0, fill=1)
        if look.head:
            canv.setFillColor(BOX)
            canv.rect(0, height - heights[0], width, heights[0], stroke=0, fill=1)
        top_of_row, bottoms = height, []
        for r, row in enumerate(self.cells):
            row_height = heights[r]
            bottom_of_row = top_of_row - row_height
            bottoms.append(bottom_of_row)
            top, bottom = self._padding(r)
            x_of_column = 0.0
            for c, cell in enumerate(row):
                sizes = self._contents[r][c]
                if cell:
                    self._draw_cell(
                        cell, sizes, c, x_of_column, bottom_of_row, row_height, top, bottom
                    )
                x_of_column += self.widths[c]
            top_of_row = bottom_of_row
        if look.rule is not None:
            canv.setStrokeColor(look.rule[1])
            canv.setLineWidth(look.rule[0])
            lines = [(0, y, width, y) for y in bottoms[1 if look.head else 0 :]]
            canv.lines(lines)
        if look.head:
            canv.setStrokeColor(_HEAD_RULE[1])
            canv.setLineWidth(_HEAD_RULE[0])
            canv.line(0, bottoms[0], width, bottoms[0])
        if look.frame is not None:
            canv.setStrokeColor(look.frame[1])
            canv.setLineWidth(look.frame[0])
            canv.rect(0, 0, width, height, stroke=1, fill=0)

    def _draw_cell(self, cell, sizes, column, x, row_bottom, row_height, top, bottom) -> None:
        total = sum(
            h + v.getSpaceBefore() + v.getSpaceAfter()
            for v, (_, h) in zip(cell, sizes, strict=True)
        )
        total -= cell[0].getSpaceBefore() + cell[-1].getSpaceAfter()
        if self.look.middle:
            y = row_bottom + (row_height + bottom - top + total) / 2.0
        else:
            y = row_bottom + row_height - top
        y += cell[0].getSpaceBefore()
        left, right = self.look.left, self._right(column)
        centred = column in self.look.centred
        for v, (w, h) in zip(cell, sizes, strict=True):
            left_x = x + (self.widths[column] + left - right - w) / 2.0 if centred else x + left
            y -= v.getSpaceBefore() + h
            v.drawOn(self.canv, left_x, y)
            y -= v.getSpaceAfter()


_TIGHT = Look(left=0, right=6, top=0, bottom=0)
_HEADING = replace(_TIGHT, middle=True)
_HEADER = replace(_TIGHT, right_of=(12,), centred=frozenset({1}))
_BOX = Look(
    left=8,
    right=8,
    top=3,
    bottom=3,
    first_top=7,
    last_bottom=7,
    background=BOX,
    frame=(1, RULE),
)
_GRID = Look(left=4, top=6, bottom=6, rule=(0.75, RULE))
_GRID_HEAD = replace(_GRID, head=True)


def text(value: str | None) -> str:
    """Plain text (the family's own words) as safe Paragraph markup, keeping line breaks."""
    return escape(value or "", quote=False).replace("\n", "<br/>")


def local_date(moment: dt.datetime) -> dt.date:
    """The family's calendar date of a stored (UTC) moment."""
    return moment.astimezone(LOCAL_TIME).date()


class Para(Paragraph):
    """A Paragraph that remembers its last line breaking (KeepTogether, the frame and a
    split ask the same paragraph for its size at the same width more than once), with a
    short way for plain text that fits on one line: the most common paragraph here (labels,
    dates, names). Everything else goes through reportlab's own line breaking and drawing."""

    _wrapped_width: float | None = None
    plain = False  # one fragment of plain text in a left-aligned style without extras

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # split() drops blPara to force a new line breaking: then there is nothing to reuse.
        if availWidth == self._wrapped_width and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth if availWidth >= _FUZZ else None
        return size

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - reportlab's name
        if self.plain:
            frag = self.frags[0]
            first = width[0] if isinstance(width, list | tuple) else width
            used = stringWidth(frag.text, frag.fontName, frag.fontSize, self.encoding)
            if used <= first:
                # What breakLines makes of a single fragment that fits on its first line.
                self.height, self._width_max = 0, used
                self._splitLongWordCount = self._hyphenations = 0
                ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
                return frag.clone(
                    kind=0,
                    lines=[(first - used, frag.text.split())],
                    ascent=ascent,
                    descent=descent,
                    fontSize=frag.fontSize,
                )
        return super().breakLines(width)

    def draw(self) -> None:
        lines = self.blPara.lines
        if not (
            self.plain and self.blPara.kind == 0 and lines and all(e > -1e-8 for e, _ in lines)
        ):
            return super().draw()
        # drawPara for left-aligned lines of one fragment, none of them squeezed (drawOn
        # has already saved the graphics state).
        frag, canv = self.blPara, self.canv
        canv.setFillColor(frag.textColor)
        text = canv.beginText(0, self.height - frag.fontSize)
        text.setFont(frag.fontName, frag.fontSize, self.style.leading)
        for _, words in lines:
            text._textOut(" ".join(words), 1)
        canv.drawText(text)
        return None


def _plain_style(style: ParagraphStyle) -> bool:
    return (
        style.alignment == TA_LEFT
        and not (style.leftIndent or style.firstLineIndent or style.rightIndent)
        and not (style.backColor or style.borderWidth or getattr(style, "bulletText", None))
        and not (style.wordWrap or getattr(style, "hyphenationLang", "") or style.endDots)
        and not (getattr(style, "shaping", 0) or style.embeddedHyphenation or style.uriWasteReduce)
        and getattr(style, "autoLeading", "") in ("", "off", None)
    )


_TEMPLATES: dict[str, Any] = {}
_PLAIN_STYLES = {name: _plain_style(style) for name, style in STYLES.items()}


def _template_frag(style: str) -> Any:
    """The fragment the markup parser makes for plain text in a style."""
    template = _TEMPLATES.get(style)
    if template is None:
        template = _TEMPLATES[style] = Paragraph("x", STYLES[style]).frags[0]
    return template


def para(markup: str, style: str = "body") -> Paragraph:
    """A paragraph in one of the styles above.

    Markup without tags or entities (most of the family's words and all labels) is one
    fragment of plain text: it skips the markup parser and gives the same fragment. Every
    character the PDF font lacks is replaced first (maatwerk.core.pdf_fonts.fit)."""
    markup = fit(str(markup))
    if needs_shaping(markup):
        # Right-to-left words go through reportlab's shaping (HarfBuzz), never the short
        # way; a paragraph that reads right to left is right-aligned.
        return Para(markup, shaped(STYLES[style], markup))
    if "<" not in markup and "&" not in markup:
        words = " ".join(markup.split())
        if words:
            frags = [_template_frag(style).clone(text=words, link=[], us_lines=[])]
            textTransformFrags(frags, STYLES[style])
            paragraph = Para(words, STYLES[style], frags=frags)
            paragraph.plain = _PLAIN_STYLES[style] and "\xad" not in words
            return paragraph
    return Para(markup, STYLES[style])


def domain_heading(domain: str, words: Words, *, lead: Flowable | None = None) -> Flowable:
    """Icon and plain-word label of a domain in one row (optionally after a rank badge)."""
    cells: list[Any] = [domain_icon(domain), para(text(words.of("domain", domain)), "domain")]
    widths = [36, CONTENT_WIDTH - 36]
    if lead is not None:
        cells.insert(0, lead)
        widths = [40, 36, CONTENT_WIDTH - 76]
    return Rows([cells], widths, _HEADING)


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
    block = Rows([[left, right]], [CONTENT_WIDTH - qr_width, qr_width], _HEADER)
    return [block, Spacer(1, 6)]


def box(rows: Sequence[tuple[str, str]], *, label_width: float = 42 * mm) -> Flowable:
    """A light box of 'label: value' rows (one action, one change)."""
    data = [[para(text(label), "bold"), para(value)] for label, value in rows]
    return Rows(data, [label_width, CONTENT_WIDTH - label_width], _BOX)


def grid(rows: list[list[Any]], widths: Sequence[float], *, head: bool = True) -> Flowable:
    """A simple table with lines between rows (team, other goals)."""
    return Rows(rows, widths, _GRID_HEAD if head else _GRID)


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
            self.setFont(REGULAR, 12)
            self.drawString(MARGIN, y, footer_left)
            page = fit(words["page"].format(page=number, pages=total))
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
    made_on = words["made_on"].format(date=words.date(generated_on))
    footer = fit(f"{reference}  \u00b7  {made_on}")
    document.build(story, canvasmaker=_page_canvas(words, footer))
    return buffer.getvalue()
