"""Digit clusters: runs of digit groups joined by the separators people type in numbers.

"06-12 34 56 78", "+31 (0)50 123 4567", "123.456.782" and "NL91 ABNA 0417 1643 00" all become
clusters of digit groups; the phone, BSN and safety-net detectors look for valid numbers among
consecutive groups of a cluster, so a number is found however it was split, even over a line
break, and never by cutting through a run of digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = re.compile(r"\d+")
_SEPARATOR_CHARS = set(" \t\u00a0\n-\u2013./()")
_HARD_SEPARATORS = set("-\u2013./")


@dataclass(frozen=True, slots=True)
class Group:
    start: int
    end: int
    digits: str


@dataclass(slots=True)
class Cluster:
    groups: list[Group]

    @property
    def start(self) -> int:
        return self.groups[0].start

    @property
    def end(self) -> int:
        return self.groups[-1].end

    @property
    def digit_count(self) -> int:
        return sum(len(g.digits) for g in self.groups)


def joins(between: str) -> bool:
    """Whether the text between two digit groups keeps them in one number."""
    if not between or len(between) > 3 or any(c not in _SEPARATOR_CHARS for c in between):
        return False
    if between.count("\n") > 1 or sum(c in _HARD_SEPARATORS for c in between) > 1:
        return False
    return between.count("(") <= 1 and between.count(")") <= 1


def clusters(text: str) -> list[Cluster]:
    result: list[Cluster] = []
    current: list[Group] = []
    for m in _DIGITS.finditer(text):
        group = Group(m.start(), m.end(), m.group())
        if current and joins(text[current[-1].end : group.start]):
            current.append(group)
        else:
            if current:
                result.append(Cluster(current))
            current = [group]
    if current:
        result.append(Cluster(current))
    return result


def has_plus(text: str, group: Group) -> int:
    """Start of a "+" (or "+ ") right before a group, or -1."""
    if text[max(0, group.start - 1) : group.start] == "+":
        return group.start - 1
    if text[max(0, group.start - 2) : group.start] == "+ ":
        return group.start - 2
    return -1


def isolated(text: str, start: int, end: int) -> bool:
    """Not glued to letters or digits on either side (a "(" or "+" before is fine)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def sub_sequences(cluster: Cluster, max_digits: int):
    """Consecutive group ranges (i, j, digits) of the cluster, shortest first per start."""
    groups = cluster.groups
    for i in range(len(groups)):
        digits = ""
        for j in range(i, len(groups)):
            digits += groups[j].digits
            if len(digits) > max_digits:
                break
            yield i, j, digits
