"""Structured identifiers: e-mail, IBAN, BSN, postcode and licence plate."""

from __future__ import annotations

import re

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from maatwerk.anonymisation.clusters import clusters, isolated, sub_sequences
from maatwerk.anonymisation.model import Detection
from maatwerk.anonymisation.text import word_set

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+\s?(?:@|\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])"
)


def find_emails(text: str) -> list[Detection]:
    return [Detection("e-mail", m.start(), m.end()) for m in EMAIL_RE.finditer(text)]


# --- IBAN --------------------------------------------------------------------------------------

_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\s?\d{2}")
_IBAN_SEPARATORS = set(" \t\n.-\u00a0")
_NL_SHAPE = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def find_ibans(text: str) -> list[Detection]:
    """IBANs with a valid checksum, written compact, in groups, in lower case or over a line
    break. A Dutch-shaped IBAN (NL, 2 digits, 4 letters, 10 digits) with a wrong checksum is
    taken as well: a typo does not make an account number less identifying."""
    found = []
    for m in _IBAN_START.finditer(text):
        chars: list[tuple[str, int]] = [
            (c, m.start() + k) for k, c in enumerate(m.group()) if c.isalnum()
        ]
        pos = m.end()
        while pos < len(text) and len(chars) < 34:
            c = text[pos]
            if c.isalnum() and c.isascii():
                chars.append((c, pos))
                pos += 1
            elif c in _IBAN_SEPARATORS and pos + 1 < len(text) and text[pos + 1].isalnum():
                pos += 1
            else:
                break
        for length in range(len(chars), 13, -1):
            compact = "".join(c for c, _ in chars[:length]).upper()
            end = chars[length - 1][1] + 1
            if text[end : end + 1].isalnum():
                continue
            if stdnum_iban.is_valid(compact) or _NL_SHAPE.fullmatch(compact):
                found.append(Detection("iban", m.start(), end))
                break
    return found


# --- BSN ---------------------------------------------------------------------------------------

_BSN_CUE = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofi-?nummer|sofinr)\b\.?\s*(?:nummer|nr\.?)?\s*"
    r"(?:[:=]|is)?\s*",
    re.IGNORECASE,
)
_BSN_SEPARATORS = set(" .-\u00a0\n")


def find_bsns(text: str) -> list[Detection]:
    """9 digits (or 8, read with a leading zero) passing the elfproef, in any grouping; after
    a cue ("BSN", "burgerservicenummer", "sofinummer") 8 or 9 digits whatever the checksum."""
    cue_ends = {m.end() for m in _BSN_CUE.finditer(text)}
    found = []
    for cluster in clusters(text):
        best: dict[int, tuple[int, int]] = {}
        for i, j, digits in sub_sequences(cluster, 9):
            start, end = cluster.groups[i].start, cluster.groups[j].end
            if len(digits) not in (8, 9) or not isolated(text, start, end):
                continue
            if any(c not in _BSN_SEPARATORS for c in text[start:end] if not c.isdigit()):
                continue
            cued = start in cue_ends
            # 8 digits only as one run or after a cue: "12-03-1985" is a date, not a BSN.
            if len(digits) == 8 and i != j and not cued:
                continue
            if cued or stdnum_bsn.is_valid(digits):
                best[i] = (j, end)
        i = 0
        while i < len(cluster.groups):
            if i in best:
                j, end = best[i]
                found.append(Detection("bsn", cluster.groups[i].start, end))
                i = j + 1
            else:
                i += 1
    return found


# --- postcode ----------------------------------------------------------------------------------

_POSTCODE_RE = re.compile(r"(?<![\w.,-])[1-9]\d{3}(?P<sep>\s?)(?P<letters>[A-Za-z]{2})(?![\w])")
# Two-letter words that can follow a number in prose ("in 2024 en", "1500 pm").
_TWO_LETTER_WORDS = word_set(
    """en in op om of al na te ze je we is er ik nu zo ga ja ok uw eu pm am bv mb kg km cm mm ml
    hl dl cl gb tb mw kw zn nr ca de da he hé oa ex id tv af an as ad ah eh oh nl ov ib mo bo
    wo do vr za zo ma di"""
)


def find_postcodes(text: str) -> list[Detection]:
    return [
        Detection("postcode", m.start(), m.end())
        for m in _POSTCODE_RE.finditer(text)
        if _plausible_postcode(m)
    ]


def postcode_at(text: str, position: int) -> bool:
    """Whether a postcode starts at ``position``."""
    m = _POSTCODE_RE.match(text, position)
    return m is not None and _plausible_postcode(m)


def _plausible_postcode(m: re.Match[str]) -> bool:
    letters = m.group("letters")
    if not letters.isupper() and m.group("sep"):
        # "in 2019 af", "1500 en": lower-case letters after a space are usually a word.
        year_like = 1900 <= int(m.group()[:4]) <= 2099
        if letters.lower() in _TWO_LETTER_WORDS or year_like:
            return False
    return letters.isupper() or letters.islower()  # "1234 Ab" is not how anyone writes it


# --- licence plates ----------------------------------------------------------------------------

SIDECODES = (
    "XX-99-99",
    "99-99-XX",
    "99-XX-99",
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
    "X-99-XXX",
    "9-XX-999",
    "999-XX-9",
)


def _sidecode_pattern(code: str, separator: str, letters: str) -> str:
    parts = []
    for part in code.split("-"):
        cls = letters if part[0] == "X" else r"\d"
        parts.append(f"{cls}{{{len(part)}}}")
    return separator.join(parts)


def _plate_regex() -> re.Pattern[str]:
    dashed = "|".join(_sidecode_pattern(c, "-", "[A-Za-z]") for c in SIDECODES)
    compact = "|".join(_sidecode_pattern(c, "", "[A-Z]") for c in SIDECODES)
    return re.compile(rf"(?<![\w-])(?:{dashed}|{compact})(?![\w-])")


PLATE_RE = _plate_regex()


def find_plates(text: str) -> list[Detection]:
    """Dutch licence plates in sidecodes 1-14, with dashes or without. Without dashes the
    letters must be capitals; with dashes all capitals or all lower case ("12-abc-3")."""
    found = []
    for m in PLATE_RE.finditer(text):
        letters = [c for c in m.group() if c.isalpha()]
        if not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
            continue
        found.append(Detection("kenteken", m.start(), m.end()))
    return found
