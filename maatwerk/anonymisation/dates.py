"""Dates of birth.

Decision (DESIGN §6 asks for dates of birth, not all dates): a date becomes "[geboortedatum]"
when

1. a birth cue stands at most 30 characters before it in the same sentence ("geboren",
   "geb.", "geboortedatum", "geboortejaar", "is jarig op", "verjaardag"; "°" and "*" right
   before it): then also a date without a year ("jarig op 12 maart"), a month and year
   ("geboren in maart 1985") or a bare year ("geboren in 1985");
2. it stands in brackets right after a capitalised word: "Sanne (12-03-2015)";
3. it is a complete date (day, month, year) more than 10 years before the reference date.
   Case notes are about the present; a full date that old is nearly always someone's birth
   date (and otherwise an old personal event that identifies as well).

Recent dates without such a cue (appointments, "op 14-05-2025 gesprek") are kept: the case
pack's timeline needs them and they do not identify a person. There is no "[datum]".
Numeric (12-03-1985, 12/3/85, 12.03.1985, 1985-03-12) and written Dutch forms (12 maart 1985,
12 mrt. '85, 1e januari 2001) are read; two-digit years are taken in the last 100 years.
"""

from __future__ import annotations

import datetime as dt
import re

from maatwerk.anonymisation.model import Detection

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(
    r"(?<![\w/.,-])(?P<d>\d{1,2})\s?(?P<s>[-/.])\s?(?P<m>\d{1,2})\s?(?P=s)\s?(?P<y>\d{4}|\d{2})"
    r"(?![\w/]|[-.,]\d)"
)
_ISO = re.compile(r"(?<![\w/.,-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w/-])")
_WRITTEN = re.compile(
    r"(?<![\w])(?P<d>\d{1,2})(?:e|ste|de)?\s+(?P<month>" + _MONTH + r")\b\.?"
    r"(?:,?\s+(?P<y>'\d{2}|\d{4})(?![\w]))?",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(r"\b(?P<month>" + _MONTH + r")\b\.?\s+(?P<y>\d{4})\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w.,-])(?:19|20)\d{2}(?![\w.,-]?\d)")
_CUE = re.compile(
    r"(?:\bgeboren\b|\bgeb\b\.?|\bgeboortedatum\b|\bgeb\.?\s?datum\b|\bgeboortedag\b"
    r"|\bgeboortejaar\b|\bverjaardag\b|\bjarig\b|\bd\.?o\.?b\b\.?)",
    re.IGNORECASE,
)
_SYMBOL_CUE = re.compile(r"[°*]\s?$")
_CAPITAL_WORD_BEFORE = re.compile(r"[A-ZÀ-Ý][\w'\u2019-]*\s*\(\s*$")


def _year(raw: str, reference: dt.date) -> int:
    raw = raw.lstrip("'")
    if len(raw) == 4:
        return int(raw)
    year = 2000 + int(raw)
    return year if year <= reference.year else year - 100


def _cued(text: str, start: int) -> bool:
    if _SYMBOL_CUE.search(text[max(0, start - 2) : start]):
        return True
    window_start = max(0, start - 30)
    window = text[window_start:start]
    last = None
    for m in _CUE.finditer(window):
        last = m
    if last is None:
        return False
    between = window[last.end() :]
    # Same sentence, and the first number after the cue: "geb. 12-3-1985) sinds 2015" cues
    # the date of birth, not the year after it.
    return not re.search(r"[!?\n\d()\[\]]|\.\s+[A-Z]", between)


def _in_brackets_after_name(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    return bool(_CAPITAL_WORD_BEFORE.search(before)) and text[end : end + 3].lstrip().startswith(
        ")"
    )


def find_birth_dates(text: str, reference: dt.date) -> list[Detection]:
    cutoff = _years_before(reference, 10)
    found: list[Detection] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        found.append(Detection("geboortedatum", start, end))

    def overlaps(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in taken)

    full_dates: list[tuple[int, int, dt.date | None]] = []
    for m in _NUMERIC.finditer(text):
        full_dates.append((m.start(), m.end(), _make(m["y"], m["m"], m["d"], reference)))
    for m in _ISO.finditer(text):
        full_dates.append((m.start(), m.end(), _make(m["y"], m["m"], m["d"], reference)))
    for m in _WRITTEN.finditer(text):
        month = MONTHS[m["month"].lower()]
        if not m["y"] and len(m["month"]) > 4 and m.group().endswith("."):
            m = _WRITTEN.match(text, m.start(), m.end() - 1)  # "op 3 maart." ends a sentence
        if m["y"]:
            full_dates.append((m.start(), m.end(), _make(m["y"], str(month), m["d"], reference)))
        else:
            day = int(m["d"])
            if 1 <= day <= 31 and (
                _cued(text, m.start()) or _in_brackets_after_name(text, m.start(), m.end())
            ):
                add(m.start(), m.end())
                taken.append((m.start(), m.end()))
    for start, end, date in full_dates:
        if date is None or overlaps(start, end):
            continue
        if date < cutoff or _cued(text, start) or _in_brackets_after_name(text, start, end):
            add(start, end)
            taken.append((start, end))
    for m in _MONTH_YEAR.finditer(text):
        if not overlaps(m.start(), m.end()) and _cued(text, m.start()):
            add(m.start(), m.end())
            taken.append((m.start(), m.end()))
    for m in _YEAR.finditer(text):
        if not overlaps(m.start(), m.end()) and _cued(text, m.start()):
            add(m.start(), m.end())
    return found


def _make(year: str, month: str, day: str, reference: dt.date) -> dt.date | None:
    try:
        return dt.date(_year(year, reference), int(month), int(day))
    except ValueError:
        return None


def _years_before(reference: dt.date, years: int) -> dt.date:
    try:
        return reference.replace(year=reference.year - years)
    except ValueError:  # 29 February
        return reference.replace(year=reference.year - years, day=28)
