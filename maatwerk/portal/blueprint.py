"""The portal's blueprint and what its templates share; the route modules attach to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from markupsafe import Markup, escape

from maatwerk.core.enums import Carrier
from maatwerk.goals.models import Action
from maatwerk.portal import labels
from maatwerk.web import bdi

bp = Blueprint("portal", __name__)


def fmt_date(value: dt.date | dt.datetime | None) -> str:
    """A date in words: 15 november 2026."""
    return format_date(value, "long") if value is not None else ""


def fmt_when(value: dt.datetime | None) -> str:
    """A moment in words, in local time: 15 november 2026, 14:05."""
    return format_datetime(value, "d MMMM yyyy, HH:mm") if value is not None else ""


def fmt_time(value: dt.datetime | None) -> str:
    """The time of day, in local time: 14:05."""
    return format_datetime(value, "HH:mm") if value is not None else ""


def who_does(action: Action) -> Markup | str:
    """Who carries a step, in plain words (names isolated with <bdi>: an Arabic name keeps
    the Dutch words around it in their place)."""
    if action.carrier is not Carrier.PROFESSIONAL:
        return str(labels.label(labels.CARRIERS, action.carrier))
    person = action.assigned_user.display_name if action.assigned_user else None
    organisation = action.lead_organisation.name if action.lead_organisation else None
    if person and organisation:
        sentence = escape(_("%(name)s from %(organisation)s"))
        return sentence % {"name": bdi(person), "organisation": bdi(organisation)}
    if person or organisation:
        return bdi(person or organisation)
    return str(labels.CARRIERS["professional"])


@bp.context_processor
def _template_helpers() -> dict[str, Any]:
    return {
        "L": labels,
        "fmt_date": fmt_date,
        "fmt_when": fmt_when,
        "fmt_time": fmt_time,
        "who_does": who_does,
    }
