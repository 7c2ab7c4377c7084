"""The word lists shipped with the scrubber (``data/*.txt``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from maatwerk.anonymisation.text import fold, fold_phrase, word_set

# Tussenvoegsels: lower-case words that belong to a surname ("van der Meer", "in 't Veld").
# Words are split at apostrophes, so "'t" arrives as "t". "Het" is left out: it starts the names
# of schools and organisations ("Het Kompas") far more often than a surname.
PARTICLES = word_set("van de der den t ter ten te von la le el al da di du dos del des")
# "in 't Veld", "op den Kamp", "uit den Bogaard": particles only before another particle.
LEADING_PARTICLES = word_set("in op uit")


def _read(name: str) -> list[str]:
    text = resources.files("maatwerk.anonymisation").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _words(name: str) -> frozenset[str]:
    return frozenset(fold(w) for line in _read(name) for w in line.split())


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]  # cores: "vries" for "de Vries", and each part of "El Amrani"
    name_words: frozenset[str]  # names that are also Dutch words
    common_words: frozenset[str]
    non_name_words: frozenset[str]  # single-word entries of non_names.txt
    non_name_phrases: tuple[tuple[str, ...], ...]  # multi-word entries, folded

    def is_name(self, folded: str) -> bool:
        return folded in self.first_names or folded in self.surnames


@cache
def lexicon() -> Lexicon:
    first = frozenset(fold(w) for w in _read("first_names.txt"))
    surnames: set[str] = set()
    for line in _read("surnames.txt"):
        surnames.update(w for w in fold_phrase(line) if w not in PARTICLES)
    entries = [e.strip() for line in _read("non_names.txt") for e in line.split(",")]
    phrases = [fold_phrase(e) for e in entries if e]
    return Lexicon(
        first_names=first,
        surnames=frozenset(surnames),
        name_words=_words("name_words.txt"),
        common_words=_words("common_words.txt"),
        non_name_words=frozenset(p[0] for p in phrases if len(p) == 1),
        non_name_phrases=tuple(sorted({p for p in phrases if len(p) > 1}, key=len, reverse=True)),
    )
