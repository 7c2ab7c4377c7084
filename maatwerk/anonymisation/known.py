"""The household's own members: names known from the database, the strongest signal.

Every member name ("Petra Bakker-de Vries", "Jan-Willem de Jong", "Zoë") is expanded into the
forms a note uses: the full name, each given name (and each part of a hyphenated one), the
surname with and without its tussenvoegsels, each part of a double surname, and the first given
name with the surname. Matching is whole-word, case- and diacritic-insensitive, and also takes
the possessive ("Jans", "Sanne's"). A form that is also an ordinary Dutch word ("Roos", "Kok",
"de Jong" -> "Jong") is only taken when written with a capital, so "een roos" survives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from maatwerk.anonymisation.lexicon import LEADING_PARTICLES, PARTICLES, lexicon
from maatwerk.anonymisation.model import Detection
from maatwerk.anonymisation.text import Token, fold_phrase, word_set

# After these a capitalised "Ben" or "Wil" at the start of a sentence is the verb: "Wil je ...".
_PRONOUNS = word_set("je jij u ik we wij ze zij hij het er jullie")
# Before these a lower-case "roos" or "kok" is the word, not the household member.
_DETERMINERS = word_set(
    """de het een die deze dat dit mijn jouw zijn haar hun onze ons uw elke ieder geen welke
    veel weinig wat zo'n zulke"""
)


@dataclass(frozen=True, slots=True)
class Variant:
    words: tuple[str, ...]
    strict: bool  # an ordinary Dutch word too: needs a capital, or in lower case no article
    common: bool  # a frequent word ("ben", "wil"): only with a capital


def _is_particle(word: str) -> bool:
    return word.lower() in PARTICLES or word.lower() in LEADING_PARTICLES


def _variants_of(name: str) -> set[Variant]:
    lex = lexicon()
    words = name.split()
    if not words:
        return set()
    # Where the surname starts: the first particle, or a hyphenated word after the given names
    # ("Petra Bakker-de Vries"), or else the last word.
    start = len(words) - 1
    for i, w in enumerate(words):
        if i >= 1 and (_is_particle(w) or "-" in w):
            start = i
            break
    if _is_particle(words[0]):
        start = 0
    given_words = words[:start]
    surname_words = words[start:]

    forms: set[tuple[str, ...]] = {fold_phrase(name)}
    for w in given_words:
        forms.add(fold_phrase(w))
        forms.update((part,) for part in fold_phrase(w))
    if given_words:
        forms.add(fold_phrase(" ".join(given_words)))
    surname = fold_phrase(" ".join(surname_words))
    forms.add(surname)
    # Parts of a double surname, each with and without its particles.
    for part in " ".join(surname_words).split("-"):
        folded = fold_phrase(part)
        if folded:
            forms.add(folded)
            core = tuple(w for w in folded if w not in PARTICLES and w not in LEADING_PARTICLES)
            if core:
                forms.add(core)
    if given_words:
        forms.add(fold_phrase(given_words[0]) + surname)

    variants = set()
    for form in forms:
        if not form or all(w in PARTICLES or w in LEADING_PARTICLES for w in form):
            continue
        single = len(form) == 1
        common = single and (len(form[0]) <= 2 or form[0] in lex.common_words)
        strict = single and (common or form[0] in lex.name_words)
        variants.add(Variant(form, strict, common))
    return variants


class KnownNames:
    """A matcher for one household's member names."""

    def __init__(self, names: Iterable[str]):
        self._by_first: dict[str, list[Variant]] = {}
        for name in names:
            for v in _variants_of(name or ""):
                self._by_first.setdefault(v.words[0], []).append(v)
        for vs in self._by_first.values():
            vs.sort(key=lambda v: len(v.words), reverse=True)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str, tokens: list[Token]) -> list[Detection]:
        found: list[Detection] = []
        i = 0
        while i < len(tokens):
            end = self._match_at(text, tokens, i)
            if end is None:
                i += 1
                continue
            last, stop = end
            found.append(Detection("naam", tokens[i].start, stop))
            i = last + 1
        return found

    def _match_at(self, text: str, tokens: list[Token], i: int) -> tuple[int, int] | None:
        tok = tokens[i]
        candidates = list(self._by_first.get(tok.folded, ()))
        # Possessive glued to a one-word name: "Jans", "Sannes".
        if tok.folded.endswith("s") and len(tok.folded) > 3:
            candidates += [v for v in self._by_first.get(tok.folded[:-1], ()) if len(v.words) == 1]
        for v in candidates:
            last = _match_words(text, tokens, i, v.words)
            if last is None:
                continue
            if v.strict and not _strict_ok(tokens, i, v.common):
                continue
            return last, _with_possessive(text, tokens[last].end)
        return None


def _match_words(text: str, tokens: list[Token], i: int, words: tuple[str, ...]) -> int | None:
    """Index of the last token when ``words`` occur at token ``i`` (possessive -s allowed)."""
    for k, word in enumerate(words):
        j = i + k
        if j >= len(tokens):
            return None
        tok = tokens[j]
        if k > 0:
            between = text[tokens[j - 1].end : tok.start]
            if between.strip(" \u00a0'\u2019-") or len(between) > 3:
                return None
        final = k == len(words) - 1
        if tok.folded != word and not (final and tok.folded == word + "s" and len(word) > 2):
            return None
    return i + len(words) - 1


def _strict_ok(tokens: list[Token], i: int, common: bool) -> bool:
    tok = tokens[i]
    if not tok.capitalised:
        # "met roos gesproken" is the daughter, "een roos" the flower.
        return not common and (i == 0 or tokens[i - 1].folded not in _DETERMINERS)
    if tok.all_caps and len(tok.text) <= 3:
        return False
    if tok.sentence_start and tok.folded in lexicon().common_words:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.folded in _PRONOUNS:
            return False
    return True


def _with_possessive(text: str, end: int) -> int:
    """Extend over "'s", "\u2019s" or a bare apostrophe right after a name."""
    for suffix in ("'s", "\u2019s"):
        if text.startswith(suffix, end) and not text[end + 2 : end + 3].isalnum():
            return end + 2
    return end
