"""k-anonymity with l-diversity by full-domain generalisation and suppression (DESIGN §6).

Each quasi-identifier has a ladder of levels (see ``generalise``). Every combination of
levels is a node of the generalisation lattice; a node is acceptable when, after suppressing
the records of the equivalence classes that are smaller than k or not l-diverse, at most the
allowed share of records is suppressed and at least one record is left. The lowest acceptable
node wins (fewest steps up the ladders), then the one that suppresses least: generalised step
by step only as far as needed. No acceptable node at all: ``ThresholdsNotMet``.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QuasiIdentifier:
    """A quasi-identifier: its record key, number of levels and generaliser(value, level)."""

    name: str
    levels: int
    generalise: Callable[[Any, int], str]


@dataclass(frozen=True)
class Anonymised:
    """The released rows (generalised quasi-identifiers and sensitive values) and how."""

    rows: list[dict[str, Any]]
    indices: list[int]  # which input record each row is (never released itself)
    levels: dict[str, int]
    suppressed: int
    k: int
    l: int  # noqa: E741 - the established name of the diversity parameter


class ThresholdsNotMet(Exception):
    """No generalisation of these records meets k and l within the suppression limit."""

    def __init__(self, records: int, k: int, l: int) -> None:  # noqa: E741
        super().__init__(f"{records} records cannot be released with k={k}, l={l}")
        self.records = records
        self.k = k
        self.l = l


def is_diverse(values: Sequence[Any], l: int) -> bool:  # noqa: E741
    """At least l distinct values (None counts as one); a class in which nobody has a value
    at all discloses nothing about anyone and passes."""
    return len(set(values)) >= l or all(v is None for v in values)


def anonymise(
    records: Sequence[Mapping[str, Any]],
    quasi_identifiers: Sequence[QuasiIdentifier],
    sensitive: Sequence[str],
    *,
    k: int,
    l: int = 2,  # noqa: E741
    max_suppression: float = 0.1,
) -> Anonymised:
    """Generalise and suppress until every class has >= k records and is l-diverse."""
    if k < 1 or l < 1:
        raise ValueError("k and l must be positive")
    n = len(records)
    allowed = math.floor(max_suppression * n)
    # cache[q][level][i]: the generalised value of record i for quasi-identifier q
    cache = [
        [[qi.generalise(r[qi.name], level) for r in records] for level in range(qi.levels)]
        for qi in quasi_identifiers
    ]
    nodes = sorted(
        itertools.product(*(range(qi.levels) for qi in quasi_identifiers)),
        key=lambda node: (sum(node), node),
    )
    best: tuple[int, tuple[int, ...], list[int]] | None = None
    for node in nodes:
        if best is not None and sum(node) > sum(best[1]):
            break
        kept = _kept(records, cache, node, sensitive, k, l)
        suppressed = n - len(kept)
        if kept and suppressed <= allowed and (best is None or suppressed < best[0]):
            best = (suppressed, node, kept)
    if best is None:
        raise ThresholdsNotMet(n, k, l)
    suppressed, node, kept = best
    rows = []
    for i in kept:
        row = {qi.name: cache[q][node[q]][i] for q, qi in enumerate(quasi_identifiers)}
        row.update({name: records[i][name] for name in sensitive})
        rows.append(row)
    levels = {qi.name: node[q] for q, qi in enumerate(quasi_identifiers)}
    return Anonymised(rows=rows, indices=kept, levels=levels, suppressed=suppressed, k=k, l=l)


def _kept(
    records: Sequence[Mapping[str, Any]],
    cache: list[list[list[str]]],
    node: tuple[int, ...],
    sensitive: Sequence[str],
    k: int,
    l: int,  # noqa: E741
) -> list[int]:
    """Indices of the records in classes that meet k and l at this node, in input order."""
    classes: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(records)):
        classes[tuple(cache[q][level][i] for q, level in enumerate(node))].append(i)
    kept = [
        i
        for members in classes.values()
        if len(members) >= k
        and all(is_diverse([records[i][name] for i in members], l) for name in sensitive)
        for i in members
    ]
    return sorted(kept)
