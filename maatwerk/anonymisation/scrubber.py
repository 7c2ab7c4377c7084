"""The scrubber: removes identifying details from Dutch free text (DESIGN §6).

``scrub(text, known_names=...)`` replaces, in this order of strength,

1. the household's own member names, known from the database (``known.py``);
2. e-mail addresses, IBANs, BSNs, phone numbers, licence plates, postcodes, dates of birth and
   street addresses (``numbers.py``, ``phones.py``, ``dates.py``, ``addresses.py``); school
   names, the region's and the catalogue's place names and exact money amounts
   (``places.py``);
3. other person names, from the shipped name lists and context (``names.py``);
4. finally every run of four or more digits that is not a year, a recent date, a time, an
   amount or a count (``safety.py``),

by typed Dutch placeholders: "[naam]", "[bsn]", "[iban]", "[telefoon]", "[e-mail]",
"[postcode]", "[adres]", "[geboortedatum]", "[kenteken]", "[school]", "[plaats]", "[bedrag]"
and "[nummer]" (the safety net).
All detectors look at the original text; overlapping finds are merged into one replacement of
the kind that covered most of it. The result is deterministic for a given text, household and
reference date, and scrubbing scrubbed text again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from maatwerk.anonymisation.addresses import find_addresses
from maatwerk.anonymisation.dates import find_birth_dates
from maatwerk.anonymisation.known import KnownNames
from maatwerk.anonymisation.model import KINDS, Detection, Replacement, ScrubResult, placeholder
from maatwerk.anonymisation.names import find_names
from maatwerk.anonymisation.numbers import (
    find_bsns,
    find_emails,
    find_ibans,
    find_plates,
    find_postcodes,
)
from maatwerk.anonymisation.phones import find_phones
from maatwerk.anonymisation.places import find_amounts, find_places, find_schools
from maatwerk.anonymisation.safety import find_leftover_numbers
from maatwerk.anonymisation.text import tokenize


def scrub(
    text: str,
    *,
    known_names: Iterable[str] = (),
    known_places: Iterable[str] = (),
    reference_date: dt.date | None = None,
) -> ScrubResult:
    """Scrub ``text``. ``known_names`` are the household members' names as stored ("Petra
    Bakker-de Vries", "Sanne"); ``known_places`` the area catalogue's names, scrubbed with
    the region's own villages (``places.py``); ``reference_date`` (default: today) decides
    which dates are old enough to be taken for dates of birth."""
    if not text:
        return ScrubResult(text or "", [])
    reference = reference_date or dt.date.today()
    tokens = tokenize(text)
    known = KnownNames(known_names)
    household = known.find(text, tokens) if known else []

    detections: list[Detection] = list(household)
    detections += find_emails(text)
    detections += find_ibans(text)
    detections += find_bsns(text)
    detections += find_phones(text)
    detections += find_plates(text)
    detections += find_postcodes(text)
    detections += find_birth_dates(text, reference)
    detections += find_addresses(text, tokens)
    detections += find_schools(text)
    detections += find_places(text, known_places)
    detections += find_amounts(text)

    known_tokens = {t.index for t in tokens if any(d.start <= t.start < d.end for d in household)}
    detections += find_names(text, tokens, known_tokens)
    merged = merge(detections)
    merged = merge(merged + find_leftover_numbers(text, merged))

    pieces = []
    position = 0
    replacements = []
    for d in merged:
        pieces.append(text[position : d.start])
        pieces.append(placeholder(d.kind))
        replacements.append(Replacement(d.kind, d.start, d.end))
        position = d.end
    pieces.append(text[position:])
    return ScrubResult("".join(pieces), replacements)


def merge(detections: list[Detection]) -> list[Detection]:
    """Union overlapping detections; the merged span takes the kind of its longest part (on a
    tie the stronger kind, in the order of ``KINDS``)."""
    ordered = sorted(detections, key=lambda d: (d.start, -d.end))
    merged: list[Detection] = []
    group: list[Detection] = []
    end = -1
    for d in ordered:
        if d.end <= d.start:
            continue
        if group and d.start < end:
            group.append(d)
            end = max(end, d.end)
            continue
        if group:
            merged.append(_combine(group, end))
        group = [d]
        end = d.end
    if group:
        merged.append(_combine(group, end))
    return merged


def _combine(group: list[Detection], end: int) -> Detection:
    best = min(group, key=lambda d: (-d.length, KINDS.index(d.kind)))
    return Detection(best.kind, group[0].start, end)
