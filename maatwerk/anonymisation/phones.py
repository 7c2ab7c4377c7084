"""Phone numbers in every common Dutch form, validated with ``phonenumbers``.

Candidates come from our own cluster finder (any split: "06-12345678", "06 12 34 56 78",
"(050) 123 4567", "0598-123456", "+31 (0)6 1234 5678", "0031 6 12345678", over a line break)
and from ``phonenumbers.PhoneNumberMatcher``; a candidate counts when ``phonenumbers`` calls it
a valid number (region NL, or any region when written with + or 00).
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

from maatwerk.anonymisation.clusters import Cluster, clusters, has_plus, isolated, sub_sequences
from maatwerk.anonymisation.model import Detection


@lru_cache(maxsize=4096)
def valid_phone(digits: str, international: bool) -> bool:
    """Whether ``digits`` (as typed, without separators) is a valid phone number."""
    if international or digits.startswith("00"):
        rest = digits[2:] if digits.startswith("00") else digits
        if rest.startswith("31"):
            national = rest[2:]
            national = "0" + (national[1:] if national.startswith("0") else national)
        else:
            return _valid("+" + rest, None)
    else:
        national = digits
    if not national.startswith("0") or national.startswith("00"):
        return False
    if len(national) not in (8, 10, 11):
        return False
    return _valid(national, "NL")


def _valid(number: str, region: str | None) -> bool:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)


def find_phones(text: str) -> list[Detection]:
    found = [d for c in clusters(text) for d in _in_cluster(text, c)]
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        # Short numbers ("14 0598", the municipal number) look like dates: "14-03-24".
        raw, start = match.raw_string, match.start
        if raw.startswith("(") and ")" not in raw:
            start += 1  # "(06-12345678)": the bracket belongs to the sentence
        digits = sum(c.isdigit() for c in raw)
        if digits >= 10 and isolated(text, match.start, match.end):
            found.append(Detection("telefoon", start, match.end))
    return found


def _in_cluster(text: str, cluster: Cluster) -> list[Detection]:
    best: dict[int, tuple[int, int]] = {}  # start group -> (end group, start offset)
    for i, j, digits in sub_sequences(cluster, 15):
        if len(digits) < 8:
            continue
        group = cluster.groups[i]
        plus = has_plus(text, group)
        start = plus if plus >= 0 else group.start
        if plus < 0 and text[max(0, start - 1) : start] == "(" and text[group.end] == ")":
            start -= 1  # "(050) 123 4567", but not "(06-12345678)"
        end = cluster.groups[j].end
        if not isolated(text, start, end) and not (plus >= 0 or text[start] == "("):
            continue
        if text[end : end + 1].isalnum():
            continue
        if valid_phone(digits, plus >= 0):
            best[i] = (j, start)
    found = []
    i = 0
    n = len(cluster.groups)
    while i < n:
        if i in best:
            j, start = best[i]
            found.append(Detection("telefoon", start, cluster.groups[j].end))
            i = j + 1
        else:
            i += 1
    return found
