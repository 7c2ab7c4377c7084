"""Words and number formats of the monitoring outputs (English msgids, Dutch catalogue)."""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from maatwerk.core.enums import Domain, ProgrammeLine
from maatwerk.monitoring.indicators import Indicator, Kind
from maatwerk.monitoring.reading import Figure
from maatwerk.monitoring.statements import BY_KEY, FAMILY
from maatwerk.monitoring.suppression import small_cell_text

DOMAINS = {
    Domain.ECONOMIC: _l("Economic capital"),
    Domain.SOCIAL: _l("Social capital"),
    Domain.CULTURAL: _l("Cultural capital"),
    Domain.PEDAGOGICAL: _l("Pedagogical capital"),
    Domain.MENTAL: _l("Mental capital"),
}
LINES = {
    ProgrammeLine.TARGET_GROUP: _l("Target group"),
    ProgrammeLine.FIELD: _l("Field of work"),
    ProgrammeLine.EFFECTIVENESS_LEARNING: _l("Effectiveness and learning"),
}
DASH = "\u2013"  # an en dash: no figure
TRENDS = {"up": _l("higher"), "down": _l("lower"), "same": _l("unchanged")}
TREND_MARKS = {"up": "▲", "down": "▼", "same": "="}
DIMENSIONS = {
    "area": _l("By municipality and village"),
    "intervention": _l("By intervention"),
    "domain": _l("By life domain"),
}


def region_label() -> str:
    return _("All municipalities")


def direct_label(municipality: str) -> str:
    return _("%(municipality)s, no village recorded", municipality=municipality)


def all_interventions_label() -> str:
    return _("All interventions")


def all_domains_label() -> str:
    return _("All domains")


def title(indicator: Indicator, domain: Domain | None = None) -> str:
    """The indicator's name as a heading, with whose survey or which domain."""
    if indicator.statement:
        statement = BY_KEY[indicator.statement]
        who = _("Families") if statement.respondent is FAMILY else _("Professionals")
        return _("%(who)s: “%(text)s”", who=who, text=str(indicator.title))
    if domain is not None:
        return f"{indicator.title} ({DOMAINS[domain]})"
    return str(indicator.title)


def number(value: float, decimals: int) -> str:
    """A number in the page's locale."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(value, decimals), format=pattern)


def shown(indicator: Indicator, figure: Figure, minimum: int = 10) -> str:
    """What a cell shows: the figure, `< 10`, or a dash."""
    if not figure.applicable:
        return _("n/a")
    if figure.suppressed:
        return small_cell_text(minimum)
    if figure.value is None:
        return DASH
    if indicator.kind is Kind.SHARE:
        return number(figure.value, 0) + "%"
    return number(figure.value, indicator.decimals)


def households(figure: Figure, minimum: int = 10) -> str:
    """The number of households behind a figure, or `< 10`."""
    if not figure.applicable or (not figure.suppressed and figure.households is None):
        return DASH
    if figure.suppressed:
        return small_cell_text(minimum)
    return number(figure.households or 0, 0)


def trend_words(trend: str | None) -> str:
    return str(TRENDS[trend]) if trend else ""


def template_helpers() -> dict[str, Any]:
    """What the monitoring templates use."""
    return {
        "m_title": title,
        "m_shown": shown,
        "m_households": households,
        "m_trend": trend_words,
        "m_marks": TREND_MARKS,
        "m_lines": LINES,
        "m_domains": DOMAINS,
        "m_dimensions": DIMENSIONS,
    }
