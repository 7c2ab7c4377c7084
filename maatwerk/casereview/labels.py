"""Words for the codes of case packs and lessons, translatable (English msgids)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from maatwerk.web.labels import label as web_label

HOUSEHOLD_TYPES = {
    "single_parent": _l("Single parent"),
    "two_parents": _l("Two parents"),
    "other": _l("Other household"),
    "all": _l("Any household"),
}
AREA_LEVELS = {
    "municipality": _l("Municipality"),
    "region": _l("Region"),
    "all": _l("Programme area"),
}
EFFECTS = {
    "worked": _l("Worked"),
    "did_not_work": _l("Did not work"),
    "mixed": _l("Worked in part"),
}
TEXT_FIELDS = {
    "title": _l("Goal"),
    "why_it_matters": _l("Why it matters"),
    "strengths": _l("Strengths to use"),
}
EVENTS = {
    "plan_started": _l("Plan started"),
    "status": _l("Plan status"),
    "goal": _l("Goal added"),
    "barrier": _l("Barrier reported"),
    "barrier_resolved": _l("Barrier resolved"),
    "score": _l("Outcome score"),
}
BANDS = {"unknown": _l("unknown"), "all": _l("any")}
PARTICIPANT_ROLES = {
    "professional": _l("Professional"),
    "manager": _l("Manager"),
    "experience_expert": _l("Experience expert"),
}
TABLES: dict[str, dict[str, Any]] = {
    "household_type": HOUSEHOLD_TYPES,
    "area_level": AREA_LEVELS,
    "effect": EFFECTS,
    "text_field": TEXT_FIELDS,
    "event": EVENTS,
    "band": BANDS,
    "participant_role": PARTICIPANT_ROLES,
}


def cr_label(kind: str, code: Any) -> str:
    """The translated word for a case review code; other kinds go to the pages' labels."""
    if code is None:
        return ""
    table = TABLES.get(kind)
    if table is None:
        return web_label(kind, code)
    found = table.get(str(getattr(code, "value", code)))
    return str(found) if found is not None else str(code)


EVENT_KINDS = {
    "status": "state",
    "goal": "domain",
    "barrier": "barrier_category",
    "barrier_resolved": "barrier_category",
    "score": "moment",
}


def event_value(event: dict[str, Any]) -> str:
    """The value of a timeline event in words (a state, a domain, a category, a moment)."""
    kind = EVENT_KINDS.get(event["event"])
    return web_label(kind, event.get("value")) if kind else ""


# The domain's messages of this package (DomainError details, shown translated on the pages):
# listed here so that extraction finds them.
DOMAIN_MESSAGES = [
    _l("This was changed in the meantime. Look at the page as it is now and try again."),
    _l("The household withdrew its learning consent."),
    _l("This household is already a case in this session."),
    _l("This person is already invited."),
    _l("Only its author or the programme team can remove this lesson."),
    _l("Only partners can search the knowledge base."),
    _l("Only the programme team can do this."),
    _l("Only the session's participants can record lessons."),
    _l("Not invited."),
    _l("This field is required."),
    _l("This text is too long."),
    _l("Unknown reference."),
    _l("Unknown text."),
    _l("Unknown value."),
    _l("Not a plan with learning consent."),
    _l("Invite a partner professional or an experience expert."),
    _l("Cases can only be chosen before the session is held."),
    _l("The session was held: its packs stay as they are."),
    _l("The session was held: its cases stay."),
    _l("This session was published."),
    _l("Lessons are recorded while the session is held."),
    _l("Published lessons stay."),
    _l("This lesson was already recorded."),
]


# What a placeholder in a scrubbed text stands for, counted ("2 names, 1 phone number").
REPLACED = {
    "naam": lambda n: ngettext("%(num)d name", "%(num)d names", n),
    "bsn": lambda n: ngettext("%(num)d BSN", "%(num)d BSNs", n),
    "iban": lambda n: ngettext("%(num)d bank account number", "%(num)d bank account numbers", n),
    "telefoon": lambda n: ngettext("%(num)d phone number", "%(num)d phone numbers", n),
    "e-mail": lambda n: ngettext("%(num)d e-mail address", "%(num)d e-mail addresses", n),
    "postcode": lambda n: ngettext("%(num)d postcode", "%(num)d postcodes", n),
    "adres": lambda n: ngettext("%(num)d address", "%(num)d addresses", n),
    "plaats": lambda n: ngettext("%(num)d place name", "%(num)d place names", n),
    "school": lambda n: ngettext("%(num)d school name", "%(num)d school names", n),
    "bedrag": lambda n: ngettext("%(num)d amount of money", "%(num)d amounts of money", n),
    "kenteken": lambda n: ngettext("%(num)d licence plate", "%(num)d licence plates", n),
    "geboortedatum": lambda n: ngettext("%(num)d date of birth", "%(num)d dates of birth", n),
    "nummer": lambda n: ngettext("%(num)d other number", "%(num)d other numbers", n),
}


def replaced_summary(counts: list[tuple[str, int]]) -> str:
    """The placeholders of one scrubbed text in words: "2 names, 1 phone number replaced"."""
    if not counts:
        return _("Nothing replaced.")
    words = [REPLACED[kind](n) if kind in REPLACED else f"{n} [{kind}]" for kind, n in counts]
    return _("%(replaced)s replaced.", replaced=", ".join(words))
