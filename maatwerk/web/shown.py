"""Edit conflicts on entries without a history (catalogue entries, organisations, accounts).

A plan's items merge against the plan's snapshot of the version the form showed
(web/conflicts.py). Entries without a history carry what the form showed in a hidden field
instead (`shown`, JSON of the edited fields). After a conflict the form comes back on the
current version, merged three ways: a field the user left alone takes the current value, a
field they changed keeps their input (and is named when someone else changed it too), so
saving again never undoes a colleague's change unseen.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from wtforms import Field, Form


def plain(value: Any) -> Any:
    """A value as the form and the JSON compare it: lists sorted, None as empty text."""
    if isinstance(value, list | tuple | set):
        return sorted(str(getattr(v, "value", v)) for v in value)
    if value is None:
        return ""
    return str(getattr(value, "value", value))


def show(form: Form, values: Mapping[str, Any]) -> None:
    """Remember in the form what it shows of the entry (its `shown` hidden field)."""
    set_field(form["shown"], json.dumps({k: plain(v) for k, v in values.items()}, sort_keys=True))


def set_field(field: Field, value: Any) -> None:
    """Give a bound field a new value that its widget renders (not the submitted one)."""
    field.data = value
    field.raw_data = None


def merge(form: Form, current: Mapping[str, Any], version: int) -> list[str]:
    """After a conflict: the form on the current version, three ways merged; returns the
    labels of the fields both the user and someone else changed (the user's input kept)."""
    try:
        was = json.loads(form["shown"].data or "{}")
    except ValueError:
        was = {}
    if not isinstance(was, dict):
        was = {}
    both = []
    for name, now in current.items():
        field = form[name]
        mine = plain(field.data)
        if name in was and mine == was[name]:
            set_field(field, now)  # left alone: what is there now
        elif plain(now) != was.get(name, plain(now)):
            both.append(str(field.label.text))  # changed on both sides: the input, named
    show(form, current)
    set_field(form["version"], version)
    return both
