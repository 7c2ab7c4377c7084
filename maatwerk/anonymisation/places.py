"""Places, schools and money amounts: details that point to one family in a small region.

- **Places**: the villages and municipalities of the Veenkoloniën (a fixed list below: the
  region's municipalities and their villages, a matter of public record) plus every area
  name the caller passes (the app's own area catalogue, all depths). Matched as whole words,
  case-insensitive, with a space or a hyphen between the parts of a multiword name
  ("Nieuw-Buinen", "nieuw buinen", "Ter Apel").
- **Schools**: "OBS De Kwinkslag", "CBS Het Kompas", "basisschool De Regenboog",
  "school 't Schrijverke": a school word followed by a capitalised name (after "school" and
  "basisschool" only with an article, so "school Maandag" stays).
- **Amounts**: an exact sum of money ("23456 euro", "€ 1.500,-", "EUR 2500", "€45,50") becomes
  "[bedrag]": with a debt or a rent it is a fingerprint of one household.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from maatwerk.anonymisation.model import Detection

# The Veenkoloniën and the municipalities around them: municipality names and villages.
REGION_PLACES = (
    # Stadskanaal
    "Stadskanaal",
    "Musselkanaal",
    "Onstwedde",
    "Alteveer",
    "Mussel",
    "Vledderveen",
    "Vledderhuizen",
    "Ter Maarsch",
    "Barnflair",
    "Cardinge",
    "Maarsveld",
    # Veendam
    "Veendam",
    "Wildervank",
    "Ommelanderwijk",
    "Zuidwending",
    "Borgercompagnie",
    "Bareveld",
    # Pekela
    "Pekela",
    "Oude Pekela",
    "Nieuwe Pekela",
    "Boven Pekela",
    "Doorsneesloot",
    # Oldambt
    "Oldambt",
    "Winschoten",
    "Scheemda",
    "Finsterwolde",
    "Midwolda",
    "Beerta",
    "Bad Nieuweschans",
    "Nieuw-Beerta",
    "Heiligerlee",
    "Nieuwolda",
    "Oostwold",
    "Drieborg",
    # Midden-Groningen
    "Midden-Groningen",
    "Hoogezand",
    "Sappemeer",
    "Muntendam",
    "Zuidbroek",
    "Siddeburen",
    "Foxhol",
    "Kolham",
    "Slochteren",
    "Harkstede",
    "Westerbroek",
    "Kropswolde",
    "Meeden",
    "Noordbroek",
    "Schildwolde",
    "Tjuchem",
    "Steendam",
    "Overschild",
    # Westerwolde
    "Westerwolde",
    "Ter Apel",
    "Ter Apelkanaal",
    "Vlagtwedde",
    "Sellingen",
    "Bourtange",
    "Bellingwolde",
    "Blijham",
    "Wedde",
    "Oudeschans",
    "Vriescheloo",
    "Jipsinghuizen",
    "Sellingerbeetse",
    "Zandberg",
    "Veelerveen",
    "Wollinghuizen",
    "Laude",
    # Borger-Odoorn
    "Borger-Odoorn",
    "Borger",
    "Odoorn",
    "Exloo",
    "Nieuw-Buinen",
    "Buinen",
    "Buinerveen",
    "2e Exloërmond",
    "Tweede Exloërmond",
    "1e Exloërmond",
    "Eerste Exloërmond",
    "Exloërmond",
    "Valthermond",
    "Valthe",
    "Klijndijk",
    "Drouwenermond",
    "Drouwen",
    "Gasselternijveen",
    "Gasselte",
    "Nieuw-Weerdinge",
    "Ees",
    "Eesergroen",
    "Bronneger",
    "Bronnegerveen",
    # Aa en Hunze
    "Aa en Hunze",
    "Gieten",
    "Annen",
    "Eext",
    "Gasteren",
    "Rolde",
    "Anloo",
    "Gieterveen",
    "Annerveenschekanaal",
    "Eexterveen",
    "Nieuw Annerveen",
    "Bonnen",
    # Emmen
    "Emmen",
    "Klazienaveen",
    "Nieuw-Amsterdam",
    "Emmer-Compascuum",
    "Erica",
    "Barger-Oosterveld",
    "Schoonebeek",
    "Zwartemeer",
    "Nieuw-Dordrecht",
    "Weiteveen",
    "Roswinkel",
    "Emmerhout",
    "Angelslo",
    "Bargeres",
    "Emmermeer",
    "Emmerschans",
    "Veenoord",
    "Nieuw-Schoonebeek",
    # Assen and Groningen, named by families as where they came from or go to
    "Assen",
    "Groningen",
)

_SCHOOL = re.compile(
    r"(?<![\w-])(?:"
    # an abbreviation: the name may follow without an article ("OBS Kwinkslag")
    r"(?:O|C|PC|RK|R\.K\.|K|G|S|VS)BS|IKC|SBO|SBAO|VSO|[Kk]indcentrum"
    r")\s+(?:(?:[Dd]e|[Hh]et|['\u2019]t)\s+)?[A-ZÀ-Ý][\w'\u2019-]*(?:\s+[A-ZÀ-Ý][\w'\u2019-]*)*"
    r"|(?<![\w-])(?:[Bb]asis|[Bb]rede\s+)?[Ss]chool\s+(?:[Dd]e|[Hh]et|['\u2019]t)\s+"
    r"[A-ZÀ-Ý][\w'\u2019-]*(?:\s+[A-ZÀ-Ý][\w'\u2019-]*)*"
)

_NUMBER = r"\d{1,3}(?:[.\s]\d{3})+(?:,(?:\d{1,2}|-{1,2}))?|\d+(?:,(?:\d{1,2}|-{1,2}))?"
_AMOUNT = re.compile(
    rf"(?:€|\bEUR\b|\beuro\b)\s?(?:{_NUMBER})"
    rf"|(?<![\d.,])(?:{_NUMBER})\s?(?:€|\beuro(?:'s)?\b|\bEUR\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _place_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        words = re.split(r"[\s-]+", name.strip())
        if not words or len("".join(words)) < 3:
            continue
        parts.append(r"[\s-]+".join(re.escape(w) for w in words))
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def find_places(text: str, extra_places: Iterable[str] = ()) -> list[Detection]:
    """Every place name of the region and of ``extra_places`` (the area catalogue)."""
    pattern = _place_pattern(tuple(sorted({*REGION_PLACES, *extra_places})))
    if pattern is None:
        return []
    return [Detection("plaats", m.start(), m.end()) for m in pattern.finditer(text)]


def find_schools(text: str) -> list[Detection]:
    """School names after a school word ("OBS De Kwinkslag", "basisschool De Regenboog")."""
    return [Detection("school", m.start(), m.end()) for m in _SCHOOL.finditer(text)]


def find_amounts(text: str) -> list[Detection]:
    """Exact sums of money, with the currency sign or word."""
    return [Detection("bedrag", m.start(), m.end()) for m in _AMOUNT.finditer(text)]
