"""Generalised quasi-identifiers for the anonymised products (DESIGN §6).

Every quasi-identifier has a ladder of ever wider levels; level 0 is the most detailed one
that may ever leave the case file, the last level ("all") says nothing at all. Case packs use
level 0; the outcome export climbs the ladders until its k/l thresholds hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from maatwerk.core.enums import MemberPosition

ALL = "all"
NO_REGION = "no_region"
UNKNOWN = "unknown"

SINGLE_PARENT = "single_parent"
TWO_PARENTS = "two_parents"
OTHER = "other"
HOUSEHOLD_TYPES = (SINGLE_PARENT, TWO_PARENTS, OTHER)

# (upper bound inclusive, label) per level; the last label of a level catches the rest.
_CHILD_COUNT_LEVELS: tuple[tuple[tuple[int, str], ...], ...] = (
    ((0, "0"), (1, "1"), (2, "2"), (10**6, "3+")),
    ((0, "0"), (2, "1-2"), (10**6, "3+")),
    ((0, "0"), (10**6, "1+")),
)
_ADULT_AGE_LEVELS: tuple[tuple[tuple[int, str], ...], ...] = (
    ((24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54"), (64, "55-64"), (999, "65+")),
    ((34, "18-34"), (54, "35-54"), (999, "55+")),
)
_CHILD_AGES = ((3, "0-3"), (11, "4-11"), (17, "12-17"), (999, "18+"))

CHILD_COUNT_LEVELS = len(_CHILD_COUNT_LEVELS) + 1  # + "all"
ADULT_AGE_LEVELS = len(_ADULT_AGE_LEVELS) + 1
HOUSEHOLD_TYPE_LEVELS = 2  # exact, all
AREA_LEVELS = 3  # municipality, region, all


def _band(value: int, bands: tuple[tuple[int, str], ...]) -> str:
    for upper, name in bands:
        if value <= upper:
            return name
    return bands[-1][1]


def age_on(born: dt.date, on: dt.date) -> int:
    """Whole years of age on a date."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def household_type(positions: Iterable[MemberPosition | str]) -> str:
    """single_parent (one parent or carer), two_parents (two or more), other (none)."""
    parents = sum(1 for p in positions if MemberPosition(p) is MemberPosition.PARENT)
    if parents == 1:
        return SINGLE_PARENT
    return TWO_PARENTS if parents >= 2 else OTHER


def generalise_household_type(value: str, level: int) -> str:
    """Level 0: the type itself; level 1: all."""
    return value if level == 0 else ALL


def child_count_band(count: int | None, level: int = 0) -> str:
    """0, 1, 2, 3+ (level 0); 0, 1-2, 3+ (1); 0, 1+ (2); all (3)."""
    if level >= len(_CHILD_COUNT_LEVELS):
        return ALL
    if count is None:
        return UNKNOWN
    return _band(count, _CHILD_COUNT_LEVELS[level])


def adult_age_band(age: int | None, level: int = 0) -> str:
    """Ten-year bands (level 0), 18-34 / 35-54 / 55+ (1), all (2); unknown without a birth date."""
    if level >= len(_ADULT_AGE_LEVELS):
        return ALL
    if age is None:
        return UNKNOWN
    return _band(max(age, 18), _ADULT_AGE_LEVELS[level])


def child_age_band(age: int | None) -> str:
    """0-3, 4-11, 12-17, 18+ (a child member who came of age)."""
    return UNKNOWN if age is None else _band(max(age, 0), _CHILD_AGES)


def generalise_area(municipality: str, region: str | None, level: int) -> str:
    """The municipality (0), its region (1) or all (2)."""
    if level <= 0:
        return municipality
    if level == 1:
        return region or NO_REGION
    return ALL


def _in_order(present: set[str]) -> tuple[str, ...]:
    order = [name for _, name in _CHILD_AGES] + [UNKNOWN]
    return tuple(name for name in order if name in present)


@dataclass(frozen=True)
class Composition:
    """A household's composition, generalised to level 0 (no names, no exact ages)."""

    household_type: str
    child_count_band: str
    parent_age_bands: tuple[str, ...]
    child_age_bands: tuple[str, ...]  # the bands present, not one per child: no exact count
    oldest_parent_age: int | None


def composition_of(members: Iterable[object], on: dt.date) -> Composition:
    """Generalise members (objects with position and date_of_birth) as of a date."""
    members = list(members)
    positions = [MemberPosition(m.position) for m in members]  # type: ignore[attr-defined]

    def ages(position: MemberPosition) -> list[int | None]:
        return [
            age_on(m.date_of_birth, on) if m.date_of_birth else None  # type: ignore[attr-defined]
            for m, p in zip(members, positions, strict=True)
            if p is position
        ]

    parent_ages = ages(MemberPosition.PARENT)
    child_ages = ages(MemberPosition.CHILD)
    known = [a for a in parent_ages if a is not None]
    return Composition(
        household_type=household_type(positions),
        child_count_band=child_count_band(len(child_ages)),
        parent_age_bands=tuple(sorted(adult_age_band(a) for a in parent_ages)),
        child_age_bands=_in_order({child_age_band(a) for a in child_ages}),
        oldest_parent_age=max(known) if known else None,
    )
