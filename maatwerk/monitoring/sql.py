"""Portable SQL for the indicators: day differences, dates of timestamps, greatest/least.

SQLite and PostgreSQL spell these differently; each construct compiles per dialect so the
indicator queries stay one text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class days_between(FunctionElement):  # noqa: N801  (reads like a SQL function)
    """Days (fractional) from the second date or timestamp to the first."""

    type = Float()
    inherit_cache = True
    name = "days_between"


@compiles(days_between, "sqlite")
def _days_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    later_sql, earlier_sql = compiler.process(later, **kw), compiler.process(earlier, **kw)
    return f"(julianday({later_sql}) - julianday({earlier_sql}))"


@compiles(days_between, "postgresql")
def _days_postgresql(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    # A date counts as UTC midnight; a timestamp with time zone as its true instant.
    return (
        f"((EXTRACT(EPOCH FROM {compiler.process(later, **kw)})"
        f" - EXTRACT(EPOCH FROM {compiler.process(earlier, **kw)})) / 86400.0)"
    )


class day_of(FunctionElement):  # noqa: N801
    """The UTC calendar date of a timestamp."""

    type = Date()
    inherit_cache = True
    name = "day_of"


@compiles(day_of, "sqlite")
def _day_sqlite(element: day_of, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(next(iter(element.clauses)), **kw)})"


@compiles(day_of, "postgresql")
def _day_postgresql(element: day_of, compiler: Any, **kw: Any) -> str:
    value = compiler.process(next(iter(element.clauses)), **kw)
    return f"CAST(({value} AT TIME ZONE 'UTC') AS DATE)"


class _Extreme(FunctionElement):
    """GREATEST/LEAST: typed like their first argument."""

    inherit_cache = True

    def __init__(self, *clauses: Any) -> None:
        super().__init__(*clauses)
        self.type = next(iter(self.clauses)).type


class greatest(_Extreme):  # noqa: N801
    """The largest of its arguments."""

    inherit_cache = True
    name = "greatest"


class least(_Extreme):  # noqa: N801
    """The smallest of its arguments."""

    inherit_cache = True
    name = "least"


def _args(element: FunctionElement, compiler: Any, **kw: Any) -> str:
    return ", ".join(compiler.process(c, **kw) for c in element.clauses)


@compiles(greatest, "sqlite")
def _greatest_sqlite(element: greatest, compiler: Any, **kw: Any) -> str:
    return f"max({_args(element, compiler, **kw)})"


@compiles(greatest, "postgresql")
def _greatest_postgresql(element: greatest, compiler: Any, **kw: Any) -> str:
    return f"GREATEST({_args(element, compiler, **kw)})"


@compiles(least, "sqlite")
def _least_sqlite(element: least, compiler: Any, **kw: Any) -> str:
    return f"min({_args(element, compiler, **kw)})"


@compiles(least, "postgresql")
def _least_postgresql(element: least, compiler: Any, **kw: Any) -> str:
    return f"LEAST({_args(element, compiler, **kw)})"
