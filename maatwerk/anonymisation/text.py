"""Text helpers for the scrubber: folding, tokens and sentence positions.

All detectors work on the original text and report spans in it; folding (lower case, without
diacritics) is only used to compare words, token by token, so offsets never shift.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word: letters, with combining marks (a decomposed "é" stays one word).
WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")

# Characters after which a new sentence (or a list item, heading, field) starts.
_SENTENCE_END = set(".!?:;\n•")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without diacritics: "Zoë" -> "zoe", "IJzerman" -> "ijzerman"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_phrase(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase ("Van der Berg" -> ("van", "der", "berg"))."""
    return tuple(fold(m.group()) for m in WORD_RE.finditer(phrase))


@dataclass(slots=True)
class Token:
    """One word of the text with what the detectors need to know about its position."""

    index: int
    start: int
    end: int
    text: str
    folded: str
    capitalised: bool
    sentence_start: bool

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def inner_caps(self) -> bool:
        """A capital after the first letter that is not a double-name start: "DigiD", "WhatsApp"."""
        rest = self.text[1:]
        return any(c.isupper() for c in rest) and not self.text.startswith(("IJ", "Mc", "Mac"))


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“”\u2018\u2019([-\u2013*":
        if text[i] == "-" and i > 0 and text[i - 1] not in " \t\n":
            return False  # a hyphen inside a word, "Bakker-de Vries"
        i -= 1
    if i < 0:
        return True
    if text[i] == "\n" or text[i] in "!?:;•":
        return True
    if text[i] == ".":
        # "J. de Vries", "mw. Kok", "geb. 1985": a period after an initial or an abbreviation
        # does not end the sentence; after a number ("op 12-3. Daarna") or a word it does.
        j = i - 1
        while j >= 0 and text[j].isalpha():
            j -= 1
        word = text[j + 1 : i]
        if len(word) == 1 and word.isupper():
            return False
        return fold(word) not in ABBREVIATIONS
    return False


def word_set(words: str) -> frozenset[str]:
    """A set of words from a whitespace-separated string."""
    return frozenset(words.split())


ABBREVIATIONS = word_set(
    "mw mevr dhr hr mr dr drs ir ing prof ds geb nr tel fam bijv evt ca resp zgn jl st burg"
)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for i, m in enumerate(WORD_RE.finditer(text)):
        word = m.group()
        tokens.append(
            Token(
                index=i,
                start=m.start(),
                end=m.end(),
                text=word,
                folded=fold(word),
                capitalised=word[0].isupper(),
                sentence_start=_is_sentence_start(text, m.start()),
            )
        )
    return tokens


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]


def joined_by_space(text: str, left: Token, right: Token) -> bool:
    """Only spaces (or one hyphen, as in double surnames) between two words of one name."""
    between = gap(text, left, right)
    return between in (" ", "-", "\u00a0", "  ") or between.strip(" \u00a0") == "-"


def word_boundary_ok(text: str, start: int, end: int) -> bool:
    """True when [start, end) is not glued to letters or digits on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def is_sentence_end(char: str) -> bool:
    return char in _SENTENCE_END
