"""k-anonymity with l-diversity by full-domain generalisation and suppression (DESIGN §6).

Each quasi-identifier has a ladder of levels (see ``generalise``). Every combination of
levels is a node of the generalisation lattice; a node is acceptable when, after suppressing
the records of the equivalence classes that are smaller than k, at most the allowed share of
records is suppressed and at least one record is left. The lowest acceptable node wins
(fewest steps up the ladders), then the one that suppresses fewest records, then fewest
values: generalised step by step only as far as needed. No acceptable node: ``ThresholdsNotMet``.

l-diversity is then enforced per class and sensitive attribute by value suppression: a
missing value (None) is no value, so a class passes for an attribute when it has at least l
distinct non-missing values, or none at all; otherwise that attribute is set to None for the
whole class. One score among twelve missing ones is therefore never released: whoever knows
that a household of the class was measured would learn its value.
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
    suppressed_values: int = 0  # sensitive values set to None for l-diversity


class ThresholdsNotMet(Exception):
    """No generalisation of these records meets k and l within the suppression limit."""

    def __init__(self, records: int, k: int, l: int) -> None:  # noqa: E741
        super().__init__(f"{records} records cannot be released with k={k}, l={l}")
        self.records = records
        self.k = k
        self.l = l


def is_diverse(values: Sequence[Any], l: int) -> bool:  # noqa: E741
    """At least l distinct values among the present ones (None is no value); a class in
    which nobody has a value discloses nothing about anyone and passes."""
    present = {v for v in values if v is not None}
    return not present or len(present) >= l


def anonymise(
    records: Sequence[Mapping[str, Any]],
    quasi_identifiers: Sequence[QuasiIdentifier],
    sensitive: Sequence[str],
    *,
    k: int,
    l: int = 2,  # noqa: E741
    max_suppression: float = 0.1,
) -> Anonymised:
    """Generalise and suppress until every class has >= k records; blank the sensitive
    attributes that are not l-diverse in a class."""
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
    best: tuple[tuple[int, int], tuple[int, ...], list[list[int]], set] | None = None
    for node in nodes:
        if best is not None and sum(node) > sum(best[1]):
            break
        kept = _kept_classes(records, cache, node, k)
        suppressed = n - sum(len(members) for members in kept)
        if not kept or suppressed > allowed:
            continue
        blanked = _blanked(records, kept, sensitive, l)
        hidden = sum(1 for c, name in blanked for i in kept[c] if records[i][name] is not None)
        cost = (suppressed, hidden)
        if best is None or cost < best[0]:
            best = (cost, node, kept, blanked)
    if best is None:
        raise ThresholdsNotMet(n, k, l)
    (suppressed, suppressed_values), node, kept, blanked = best
    indices = sorted(i for members in kept for i in members)
    blank = {(i, name) for c, name in blanked for i in kept[c]}
    rows = []
    for i in indices:
        row = {qi.name: cache[q][node[q]][i] for q, qi in enumerate(quasi_identifiers)}
        row.update({name: None if (i, name) in blank else records[i][name] for name in sensitive})
        rows.append(row)
    levels = {qi.name: node[q] for q, qi in enumerate(quasi_identifiers)}
    return Anonymised(
        rows=rows,
        indices=indices,
        levels=levels,
        suppressed=suppressed,
        k=k,
        l=l,
        suppressed_values=suppressed_values,
    )


def _kept_classes(
    records: Sequence[Mapping[str, Any]],
    cache: list[list[list[str]]],
    node: tuple[int, ...],
    k: int,
) -> list[list[int]]:
    """The equivalence classes (record indices) of at least k records at this node."""
    classes: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(records)):
        classes[tuple(cache[q][level][i] for q, level in enumerate(node))].append(i)
    return [members for members in classes.values() if len(members) >= k]


def _blanked(
    records: Sequence[Mapping[str, Any]],
    classes: list[list[int]],
    sensitive: Sequence[str],
    l: int,  # noqa: E741
) -> set[tuple[int, str]]:
    """(class number, attribute) pairs that are not l-diverse: released as None."""
    return {
        (c, name)
        for c, members in enumerate(classes)
        for name in sensitive
        if not is_diverse([records[i][name] for i in members], l)
    }
