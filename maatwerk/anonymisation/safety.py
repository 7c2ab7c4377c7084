"""The safety net: no run of four or more digits that may belong to an identifier survives.

After all detectors ran, the remaining text (identifiers already taken are masked) is searched
for digit clusters (groups joined by spaces, dots, dashes, slashes, brackets or a line break).
A cluster with four or more digits becomes "[nummer]" unless it is one of these, which are kept:

* a year, 1900-2099 ("in 2024"), or a range of years ("2023-2024", "2024/2025");
* a date with day, month and year that the date-of-birth rule left (a recent date);
* a time, "10.30" or "10:30", or a range of times ("9.00-10.30");
* an amount: with a euro sign or "EUR"/"euro" next to it ("€ 1.500", "1500 euro", "€1500,-"),
  or written with decimals ("1.234,56");
* a count with a unit after it: "1500 mensen", "1200 km", "4000 uur" (see ``UNITS``).

Everything else with four or more digits goes, also when split: "06 12 34 56 78", "1234 5678"
and the leftovers of a partly matched phone number or IBAN. Space-separated digit groups are
read as one number when there are three or more of them (six digits or more), or two starting
with a 0 or +; otherwise each group is judged on its own ("in 2024 10 gesprekken" keeps both).
Numbers of one to three digits (house numbers, ages, "groep 7") are never touched.
"""

from __future__ import annotations

import datetime as dt
import re

from maatwerk.anonymisation.clusters import Cluster, Group, clusters
from maatwerk.anonymisation.model import Detection
from maatwerk.anonymisation.text import word_set

UNITS = word_set(
    "euro eur uur km kilometer m2 m² kg gram liter dagen weken maanden jaar jaren kinderen mensen "
    "personen gezinnen huishoudens procent % keer x punten woningen deelnemers inwoners "
    "leerlingen clienten cliënten aanvragen meldingen minuten min uren seconden dagdelen stuks "
    "meter euro's"
)
_UNIT_AFTER = re.compile(
    r"\s?(?:" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:€|\beur\b|\beuro\b)\s?-?\s?$", re.IGNORECASE)
_DECIMALS_AFTER = re.compile(r",(?:\d{2}|-{1,2}|—)(?!\d)")
_YEAR = r"(?:19|20)\d{2}"
_YEARS = re.compile(_YEAR + r"(?:\s?[-/\u2013]\s?(?:" + _YEAR + r"|\d{2}))?")
_TIMES = re.compile(r"(\d{1,2})[.:](\d{2})(?:\s?[-\u2013]\s?(\d{1,2})[.:](\d{2}))?")
_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})|((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")


def find_leftover_numbers(text: str, taken: list[Detection]) -> list[Detection]:
    masked = list(text)
    for d in taken:
        masked[d.start : d.end] = "\x00" * (d.end - d.start)
    masked_text = "".join(masked)
    found = []
    for cluster in clusters(masked_text):
        for part in _parts(masked_text, cluster):
            if part.digit_count >= 4 and not _keep(masked_text, part):
                found.append(Detection("nummer", _start_with_plus(masked_text, part), part.end))
    return found


def _parts(text: str, cluster: Cluster) -> list[Cluster]:
    """Split a cluster at spaces unless its groups look like one chunked number."""
    groups = cluster.groups
    spaced = [i for i in range(1, len(groups)) if _soft(text[groups[i - 1].end : groups[i].start])]
    if not spaced:
        return [cluster]
    first = groups[0]
    chunked = cluster.digit_count >= 6 and (
        (len(groups) >= 3 and not all(re.fullmatch(_YEAR, g.digits) for g in groups))
        or first.digits.startswith("0")
        or text[max(0, first.start - 2) : first.start].strip() == "+"
    )
    if chunked:
        return [cluster]
    parts: list[Cluster] = []
    current: list[Group] = [groups[0]]
    for i in range(1, len(groups)):
        if i in spaced:
            parts.append(Cluster(current))
            current = []
        current.append(groups[i])
    parts.append(Cluster(current))
    return parts


def _soft(between: str) -> bool:
    """Only white space between two groups (no dash, dot, slash or bracket)."""
    return not between.strip()


def _keep(text: str, part: Cluster) -> bool:
    raw = text[part.start : part.end]
    if _YEARS.fullmatch(raw) or _is_time(raw) or _valid_date(raw):
        return True
    before = text[max(0, part.start - 8) : part.start]
    if _CURRENCY_BEFORE.search(before):
        return True
    after = text[part.end : part.end + 14]
    return bool(_DECIMALS_AFTER.match(after) or _UNIT_AFTER.match(after))


def _is_time(raw: str) -> bool:
    m = _TIMES.fullmatch(raw)
    if not m:
        return False
    hours = [int(h) for h in (m[1], m[3]) if h]
    minutes = [int(x) for x in (m[2], m[4]) if x]
    return all(h <= 23 for h in hours) and all(x <= 59 for x in minutes)


def _valid_date(raw: str) -> bool:
    m = _DATE.fullmatch(raw)
    if not m:
        return False
    try:
        if m[1]:
            year = int(m[4]) if len(m[4]) == 4 else 2000 + int(m[4])
            dt.date(year, int(m[3]), int(m[1]))
        else:
            dt.date(int(m[5]), int(m[6]), int(m[7]))
    except ValueError:
        return False
    return True


def _start_with_plus(text: str, part: Cluster) -> int:
    start = part.start
    if text[max(0, start - 1) : start] in ("+", "("):
        return start - 1
    return start
