"""One normaliser for the names people pick from a list (organisations, interventions, areas).

A name is stored cleaned: Unicode NFC (an "e" with a combining diaeresis is one "ë"), no
invisible format characters (zero-width space, soft hyphen, byte-order mark: category Cf)
nor control characters, every run of white space one space, no space at either end. Two
names are the same when their keys are equal: the cleaned name compatibility-normalised
(NFKC) and case-folded, so "GGZ  Veenkoloniën", "GGZ Veenkolonie\u0308n" and
"ggz veenkoloniën\u200b" are all one name and a picker never shows two look-alikes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

INVISIBLE = frozenset({"Cf", "Cc"})


def clean_name(value: str | None) -> str:
    """The name as stored: NFC, without invisible characters, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", value or "")
    # White space (tabs and new lines are control characters too) becomes a separator.
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in INVISIBLE)
    return unicodedata.normalize("NFC", " ".join(kept.split()))


def name_key(value: str | None) -> str:
    """What two names are compared on: the cleaned name, NFKC, case-folded."""
    return unicodedata.normalize("NFKC", clean_name(value).casefold())


def name_in(value: str, names: Iterable[str]) -> bool:
    """True when a name is a look-alike of (the same key as) one of the names."""
    key = name_key(value)
    return any(name_key(name) == key for name in names)
