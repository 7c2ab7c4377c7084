"""Small-cell protection, the one place every monitoring output relies on.

A cell counts households. Primary suppression hides every cell under the minimum (10).
Complementary suppression then works through the table's equations (a total and the cells
it adds up): an equation may never hide exactly one of its entries, and when its total is
shown, the hidden cells together must count either nothing or at least the minimum, so no
small cell can be derived by subtraction. It repeats until nothing changes.

Suppression runs when the rollups are refreshed; only cells that survive are stored, and
the reading side turns a missing cell into `< 10`. Pages, the API, CSV and the PDF all read
through `maatwerk.monitoring.reading`, so none of them ever sees a hidden figure.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

MIN_HOUSEHOLDS = 10


def minimum_households() -> int:
    """The configured minimum (MONITORING_MIN_HOUSEHOLDS), never below the default."""
    from flask import current_app, has_app_context

    if not has_app_context():
        return MIN_HOUSEHOLDS
    return max(MIN_HOUSEHOLDS, int(current_app.config.get("MONITORING_MIN_HOUSEHOLDS", 10)))


def small_cell_text(minimum: int = MIN_HOUSEHOLDS) -> str:
    """What a suppressed cell shows."""
    return f"< {minimum}"


@dataclass(frozen=True)
class Equation:
    """A total and the cells that make it up (a table row or column with its total)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def suppress(
    counts: Mapping[Hashable, int],
    equations: Iterable[Equation],
    *,
    minimum: int = MIN_HOUSEHOLDS,
    hidden: Iterable[Hashable] = (),
) -> set[Hashable]:
    """The cells to hide: primary (count < minimum) plus complementary, until stable
    (`hidden`: cells already hidden for another reason).

    `counts` must hold every cell that appears in an equation (zeros included).
    """
    equations = [e for e in equations if e.parts]
    hidden = {key for key, count in counts.items() if count < minimum} | set(hidden)
    changed = True
    while changed:
        changed = False
        for equation in equations:
            extra = _complement(equation, counts, hidden, minimum)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return hidden


def _complement(
    equation: Equation, counts: Mapping[Hashable, int], hidden: set[Hashable], minimum: int
) -> Hashable | None:
    """The next cell to hide for this equation, or None when it is safe."""
    hidden_parts = [p for p in equation.parts if p in hidden]
    total_hidden = equation.total in hidden
    n_hidden = len(hidden_parts) + total_hidden
    if n_hidden == 0:
        return None
    hidden_sum = sum(counts[p] for p in hidden_parts)
    needs_more = n_hidden == 1 or (not total_hidden and 0 < hidden_sum < minimum)
    if not needs_more:
        return None
    visible = [p for p in equation.parts if p not in hidden]
    if visible:
        return min(visible, key=lambda p: (counts[p], str(p)))
    return equation.total if not total_hidden else None


def leaks(hidden: set[Hashable], equations: Iterable[Equation]) -> list[Equation]:
    """Equations that hide exactly one entry (for checks; empty when protection holds)."""
    return [
        e for e in equations if e.parts and sum(1 for k in (e.total, *e.parts) if k in hidden) == 1
    ]


def unsafe_difference(broader: int, narrower: int, minimum: int = MIN_HOUSEHOLDS) -> bool:
    """True when subtracting a filtered cell from a broader one it is part of would describe
    a group of 1 to minimum - 1 households."""
    return 0 < broader - narrower < minimum


def protect_complements(
    counts: Mapping[Hashable, int],
    hidden: set[Hashable],
    broader: Mapping[Hashable, Sequence[Hashable]],
    *,
    minimum: int = MIN_HOUSEHOLDS,
) -> set[Hashable]:
    """Secondary suppression against differencing: a filtered cell is a subset of every
    broader cell (fewer filters: a larger area, all interventions, all domains), so the two
    published side by side give the complement's figure. Hide the filtered cell (never the
    broader one) when a shown broader cell minus it counts 1 to minimum - 1 households.

    `broader` maps each cell to every cell that contains it; the cells are taken from the
    broadest down, so a cell is checked against broader cells that are final. Returns the
    cells newly hidden."""
    newly: set[Hashable] = set()
    for cell in sorted(counts, key=lambda key: (len(broader.get(key, ())), str(key))):
        if cell in hidden or cell in newly:
            continue
        for wider in broader.get(cell, ()):
            if wider in hidden or wider in newly:
                continue
            if unsafe_difference(counts[wider], counts[cell], minimum):
                newly.add(cell)
                break
    return newly


def protect(
    counts: Mapping[Hashable, int],
    equations: Iterable[Equation],
    broader: Mapping[Hashable, Sequence[Hashable]],
    *,
    minimum: int = MIN_HOUSEHOLDS,
) -> set[Hashable]:
    """Every protection at once, until stable: primary and complementary suppression over the
    equations, then the differences between a filtered cell and the broader cells around
    it; hiding a cell for the one can require another for the other."""
    equations = list(equations)
    hidden = suppress(counts, equations, minimum=minimum)
    while True:
        extra = protect_complements(counts, hidden, broader, minimum=minimum)
        if not extra:
            return hidden
        hidden = suppress(counts, equations, minimum=minimum, hidden=hidden | extra)
