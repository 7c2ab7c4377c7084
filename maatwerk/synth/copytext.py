"""Rows as PostgreSQL COPY text (tab-separated, \\N for NULL, backslash escapes), so the
bytes can be made away from the database connection (in the generating process).

This runs for every one of the tens of millions of values synth writes, so each table gets
one line-formatting function, compiled once from its column types into a single f-string
(the way collections.namedtuple compiles its class): no call per value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Enum, Integer, Numeric, TypeDecorator

import maatwerk.models  # noqa: F401  (every table in the metadata)
from maatwerk.core.db import db
from maatwerk.synth.tables import COLUMNS

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_JSON = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def text_value(value: str) -> str:
    """A string with COPY's special characters escaped (tab, newline, return, backslash)."""
    if "\\" in value or not value.isprintable():
        return value.translate(_ESCAPES)
    return value


# Names the compiled f-strings use (an f-string expression may not hold a backslash).
_NAMESPACE = {"N": "\\N", "B": "\\", "E": text_value, "J": lambda v: text_value(_JSON(v))}


def _expression(index: int, column: Any) -> str:
    """The f-string field of one column: its value in COPY text."""
    v = f"r[{index}]"
    kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(kind, JSON):
        text = f"J({v})"
    elif isinstance(kind, Boolean):
        text = f"('t' if {v} else 'f')"
    elif isinstance(kind, Enum):
        text = v  # members format as their value
    elif isinstance(kind, Integer | Numeric | DateTime) or kind.python_type is not str:
        text = v  # str() of ints, Decimals, dates, aware datetimes is valid COPY input
        if not column.nullable:
            return "{" + v + "}"  # a None would fail loudly: 'None' is no number or time
    else:
        text = f"(E({v}) if B in {v} or not {v}.isprintable() else {v})"
    return "{N if " + v + " is None else " + text + "}"


@cache
def line_function(table: str) -> Callable[[tuple[Any, ...]], str]:
    """The compiled r -> 'v1<TAB>v2...' of the table's generated rows."""
    columns = db.metadata.tables[table].c
    fields = "\\t".join(_expression(i, columns[name]) for i, name in enumerate(COLUMNS[table]))
    source = f'def line(r):\n    return f"{fields}"\n'
    namespace = dict(_NAMESPACE)
    # The source is built from the model's column names and fixed expressions, never input.
    code = compile(source, f"<copytext {table}>", "exec")
    exec(code, namespace)  # noqa: S102  # generated from the table model  # nosec B102
    return namespace["line"]


def copy_text(table: str, rows: Iterable[tuple[Any, ...]]) -> bytes:
    """The rows in COPY text format, one line each."""
    lines = list(map(line_function(table), rows))
    lines.append("")
    return "\n".join(lines).encode()
