"""The agenda of structural barriers as a PDF for the steering group (reportlab).

Built only from the Agenda: references, categories, rules, counts, ages, organisations and
operational goals; no household and no free text ever reaches the document.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape  # escape() writes XML, nothing is parsed  # nosec B406

from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from maatwerk.barriers.agenda import Agenda, AgendaGroup
from maatwerk.barriers.labels import label
from maatwerk.core.pdf_fonts import BOLD, fit, sample_styles, shaped

HEADER_BG = colors.HexColor("#1f4e5f")
ROW_BG = colors.HexColor("#eef4f6")


def _styles() -> dict[str, ParagraphStyle]:
    base = sample_styles()
    cell = ParagraphStyle("cell", parent=base["BodyText"], fontSize=8.5, leading=10.5)
    head = ParagraphStyle("head", parent=cell, textColor=colors.white, fontName=BOLD)
    return {
        "title": base["Title"],
        "h2": base["Heading2"],
        "body": base["BodyText"],
        "cell": cell,
        "head": head,
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    text = fit(text)
    return Paragraph(escape(text), shaped(style, text))


def _rows(groups: list[AgendaGroup], styles: dict[str, ParagraphStyle]) -> list[list]:
    head = [
        _("Rule or law"),
        _("Barriers"),
        _("Oldest (days)"),
        _("Average (days)"),
        _("Organisations involved"),
        _("Operational goals"),
        _("References"),
    ]
    rows = [[_p(h, styles["head"]) for h in head]]
    for group in groups:
        rows.append(
            [
                _p(group.rule or _("(no rule named)"), styles["cell"]),
                _p(str(group.count), styles["cell"]),
                _p(str(group.oldest_age_days), styles["cell"]),
                _p(str(group.average_age_days), styles["cell"]),
                _p(", ".join(group.organisations), styles["cell"]),
                _p(", ".join(g["code"] for g in group.operational_goals), styles["cell"]),
                _p(" ".join(group.barrier_references), styles["cell"]),
            ]
        )
    return rows


def _table(rows: list) -> Table:
    # 273 mm: the landscape page less its margins; "Knelpunten" fits on one line.
    widths = [62 * mm, 26 * mm, 20 * mm, 20 * mm, 55 * mm, 35 * mm, 55 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ROW_BG]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table


def agenda_pdf(agenda: Agenda) -> bytes:
    """The steering group's agenda: per category its rules, then all rules across categories."""
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=_("Structural barriers: agenda for the steering group"),
        author=_("Alliantie van Kracht"),
    )
    story: list = [
        _p(_("Structural barriers: agenda for the steering group"), styles["title"]),
        _p(
            ngettext(
                "%(num)d structural barrier on %(date)s. Ages are days since the barrier "
                "was reported. This overview contains no personal data.",
                "%(num)d structural barriers on %(date)s. Ages are days since the barrier "
                "was reported. This overview contains no personal data.",
                agenda.total_count,
                date=format_date(agenda.generated_at, "long"),
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    if not agenda.by_category:
        story.append(_p(_("There are no structural barriers on the agenda."), styles["body"]))
    for group in agenda.by_category:
        heading = ngettext(
            "%(category)s: %(num)d barrier, %(days)s old",
            "%(category)s: %(num)d barriers, oldest %(days)s",
            group.count,
            category=label("category", group.category),
            days=ngettext("%(num)d day", "%(num)d days", group.oldest_age_days),
        )
        story += [_p(heading, styles["h2"]), _table(_rows(group.rules, styles))]
    if agenda.by_rule:
        story += [
            Spacer(1, 6 * mm),
            _p(_("By rule or law, across categories"), styles["h2"]),
            _table(_rows(agenda.by_rule, styles)),
        ]
    document.build(story)
    return buffer.getvalue()
