"""The family's plan PDF draws each goal's life-domain pictogram: read back from the PDF's
content streams with pypdf, every goal's title comes after the drawing of its own domain's
icon (the exact path operators of that icon), in the family's order."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, NameObject, NumberObject, TextStringObject
from reportlab.pdfgen import canvas

from maatwerk.core.enums import Domain
from maatwerk.plans.pdf_graphics import domain_icon
from tests.plans.test_pdf import make_story, plan_pdf

Op = tuple[bytes, tuple[Any, ...]]


def _operand(value: Any) -> Any:
    if isinstance(value, NumberObject | float | int):
        return round(float(value), 3)
    if isinstance(value, NameObject) and value.startswith("/F"):
        return "/F"  # font resource names are numbered per document
    if isinstance(value, TextStringObject):
        return value.get_original_bytes()
    return value if isinstance(value, bytes) else str(value)


def operations(data: bytes) -> list[list[Op]]:
    """Each page's drawing operations, operands normalised."""
    reader = PdfReader(io.BytesIO(data))
    return [
        [
            (operator, tuple(_operand(v) for v in operands))
            for operands, operator in ContentStream(page.get_contents(), reader).operations
        ]
        for page in reader.pages
    ]


def icon_operations(domain: str) -> list[Op]:
    """What drawing the domain's icon alone puts on a page, after its scaling."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    icon = domain_icon(domain)
    icon.wrapOn(page, 100, 100)
    icon.drawOn(page, 0, 0)
    page.showPage()
    page.save()
    (ops,) = operations(buffer.getvalue())
    start = ops.index((b"q", ())) + 1
    assert ops[start][0] == b"cm"  # the icon's own scale: the drawing follows
    end = len(ops) - 1 - ops[::-1].index((b"Q", ()))
    return ops[start + 1 : end]


def drawn(data: bytes, titles: list[str]) -> list[tuple[str, str]]:
    """In drawing order: ("icon", domain) wherever a domain's icon is drawn in full, and
    ("title", title) wherever one of `titles` is written."""
    icons = {domain.value: icon_operations(domain.value) for domain in Domain}
    wanted = {title.encode("cp1252"): title for title in titles}
    events = []
    for ops in operations(data):
        for i, (operator, operands) in enumerate(ops):
            for domain, icon in icons.items():
                if ops[i : i + len(icon)] == icon:
                    events.append(("icon", domain))
            if operator == b"Tj" and operands and operands[0] in wanted:
                events.append(("title", wanted[operands[0]]))
    return events


def test_every_icon_is_a_distinct_drawing():
    icons = [icon_operations(domain.value) for domain in Domain]
    assert all(len(icon) > 10 for icon in icons)
    assert len({tuple(icon) for icon in icons}) == len(icons)


def test_each_goal_comes_with_its_domain_icon(db_session):
    story = make_story()
    goals = [story.money, story.sleep, story.friends, story.proposal]
    titles = [goal.title for goal in goals]
    expected = []
    for goal in goals:
        expected += [("icon", goal.domain.value), ("title", goal.title)]
    # The family's priorities (economic, mental, social), then the proposal (cultural).
    assert [g.domain for g in goals] == [
        Domain.ECONOMIC,
        Domain.MENTAL,
        Domain.SOCIAL,
        Domain.CULTURAL,
    ]
    assert drawn(plan_pdf(story), titles) == expected
    assert drawn(plan_pdf(story, "en"), titles) == expected
