"""Other person names: the shipped name lists plus context rules.

Each word is classed, then runs of name-like words (initials, tussenvoegsels, names) are taken
as one name when there is evidence enough:

* a word from the name lists, written with a capital (not a common word opening a sentence:
  "Wil je", "Groen licht"), or in lower case when it is not also an ordinary Dutch word
  ("met jan gesproken" yes, "een roos" and "de kok" no);
* any capitalised word right after a title or role ("mevrouw Kok", "juf Ninthe", "buurman
  Boddaugh"); after a title even a lower-case word that is not a common one ("meneer jansen");
* two or more capitalised words in a row mid-sentence ("Xanthe Oosterhuis"), initials before a
  surname ("J. de Vries", "A.B. Boddaugh"), a word followed by an age ("Ninthe (7)");
* a capitalised word listed next to an accepted name ("Sanne, Ninthe en Tygo").

Places, organisations, months and the like (``data/non_names.txt``), acronyms, street names and
words such as "DigiD" are not names unless a title precedes them.
"""

from __future__ import annotations

import re

from maatwerk.anonymisation.addresses import is_street_word
from maatwerk.anonymisation.lexicon import LEADING_PARTICLES, PARTICLES, Lexicon, lexicon
from maatwerk.anonymisation.model import Detection
from maatwerk.anonymisation.name_context import (
    ROLES,
    TITLES,
    after_first_name,
    after_month_number,
    after_particle,
    apposition_after_role,
    formal_title_before,
    is_initial,
    is_org_word,
    non_name_phrases,
    possessive_of_name,
    trigger_before,
    verb_like,
)
from maatwerk.anonymisation.text import Token

_AGE_AFTER = re.compile(r"\s*\(\s*\d{1,2}\s*(?:jaar|jr\.?|j\.?|mnd\.?|maanden)?\s*\)")
_LIST_GAP = re.compile(r"\s*(?:\(\s*\d{1,2}[^()]{0,12}\)\s*)?(?:,|&|\ben\b|\bof\b)\s*")

# Tussenvoegsels written with a capital: Dutch style without a first name before them ("De
# Vries", "Van Dijk"), and Arabic, French, Italian, Portuguese and German ones.
_CAPITAL_PARTICLES = frozenset(
    ("Van", "De", "Der", "Den", "Ter", "Ten", "El", "Al", "La", "Le", "Da", "Di", "Du", "Dos")
)

# Word classes.
OTHER, INITIAL, PARTICLE, STRONG, WEAK, OPENING, LOWER = range(7)
_NAMEISH = (STRONG, WEAK, OPENING)


def find_names(text: str, tokens: list[Token], known: set[int]) -> list[Detection]:
    """Person names in ``text``; ``known`` holds indices of tokens already known to be names."""
    lex = lexicon()
    protected = non_name_phrases(text, tokens, lex)
    classes = [_classify(text, tokens, i, lex, known, protected) for i in range(len(tokens))]
    runs = _runs(text, tokens, classes)
    accepted: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []
    for a, b in runs:
        if _accept(text, tokens, classes, a, b):
            accepted.append((a, b))
        elif all(classes[k] in (WEAK, OPENING) for k in range(a, b + 1)) and a == b:
            pending.append((a, b))
    _accept_listed(text, tokens, accepted, pending)
    found = []
    for a, b in sorted(accepted):
        end = tokens[b].end
        for suffix in ("'s", "\u2019s"):
            if text.startswith(suffix, end) and not text[end + 2 : end + 3].isalnum():
                end += 2
        found.append(Detection("naam", tokens[a].start, end))
    return found


def _classify(
    text: str, tokens: list[Token], i: int, lex: Lexicon, known: set[int], protected: set[int]
) -> int:
    tok = tokens[i]
    f = tok.folded
    if i in known:
        return STRONG
    if is_initial(text, tok):
        return INITIAL
    if f in PARTICLES and (tok.text.islower() or tok.text in _CAPITAL_PARTICLES):
        return PARTICLE
    if f in LEADING_PARTICLES and i + 1 < len(tokens) and tokens[i + 1].folded in PARTICLES:
        return PARTICLE
    trigger = trigger_before(text, tokens, i) if i - 1 not in protected else None
    if f in TITLES or (
        f in ROLES
        and not (
            tok.capitalised and after_first_name(text, tokens, i, known)  # "Lotte Arts"
        )
    ):
        return OTHER
    if text[tok.end : tok.end + 1].isdigit() or text[tok.start - 1 : tok.start].isdigit():
        return OTHER  # glued to digits: "12jan", codes
    if len(f) == 1 or re.match(r"\.\s?\d", text[tok.end : tok.end + 3]):
        return OTHER  # "Z/24/123456", "Max. 3 personen"
    if tok.all_caps or tok.inner_caps:
        return WEAK if trigger == "title" and not tok.all_caps else OTHER
    street = is_street_word(tok.text) and not after_first_name(text, tokens, i, known)
    blocked = i in protected or f in lex.non_name_words or is_org_word(f) or street
    if blocked and i and tok.capitalised and text[tokens[i - 1].end : tok.start] == "-":
        prev = tokens[i - 1]  # "Al-Farsi", "Bakker-Groningen": part of a double name
        blocked = not (prev.capitalised and not prev.sentence_start) or i in protected
    if after_month_number(text, tokens, i):
        return OTHER
    if tok.capitalised:
        # A title makes any word a name ("mevrouw Haren"); a role not a place or organisation
        # ("Centrum Jeugd en Gezin Veendam").
        if trigger == "title" or (
            (trigger or apposition_after_role(text, tokens, i)) and not blocked
        ):
            return STRONG
        if blocked:
            return OTHER
        if f in lex.common_words and after_particle(text, tokens, i):
            return WEAK  # "Noortje van 't Wel", "mevrouw de Wit": a capital mid-sentence
        if lex.is_name(f) or possessive_of_name(f, lex):
            if tok.sentence_start and f in lex.common_words:
                return OTHER
            return STRONG
        if f in lex.common_words:
            return OTHER
        return OPENING if tok.sentence_start else WEAK
    # lower case
    is_name = lex.is_name(f) or possessive_of_name(f, lex)
    ambiguous = f in lex.name_words or f in lex.common_words or len(f) < 3
    formal = trigger == "title" and formal_title_before(tokens, i) and not verb_like(f)
    if trigger and not blocked and f not in lex.common_words and (is_name or formal):
        return STRONG
    if is_name and not ambiguous and not blocked:
        return STRONG
    return LOWER if is_name else OTHER


def _connected(text: str, left: Token, right: Token, left_class: int) -> bool:
    between = text[left.end : right.start]
    if left_class == INITIAL:
        return between in (".", ". ", ".\u00a0", ".-")
    if between in (" ", "\u00a0", "-"):
        return True
    # "van 't Hof", "d'Hondt"
    apostrophe = between in (" '", " \u2019", "'", "\u2019")
    return apostrophe and (right.folded == "t" or left.folded == "d")


def _runs(text: str, tokens: list[Token], classes: list[int]) -> list[tuple[int, int]]:
    runs = []
    i = 0
    n = len(tokens)
    while i < n:
        if classes[i] in (OTHER, LOWER):
            i += 1
            continue
        j = i
        while j + 1 < n and classes[j + 1] not in (OTHER, LOWER, OPENING):
            if not _connected(text, tokens[j], tokens[j + 1], classes[j]):
                break
            if classes[i] == OPENING and j == i and not tokens[j + 1].capitalised:
                break  # "Mail jan.devries@...": an opening word joins capitalised names only
            j += 1
        # Trim particles and initials that are not followed by a name, and particles before a
        # first name ("het verhaal van Sanne": "van" is not part of the name).
        a, b = i, j
        while b >= a and classes[b] in (PARTICLE, INITIAL):
            b -= 1
        k = a
        while k <= b and classes[k] == PARTICLE:
            k += 1
        if k > a and k <= b and not _takes_particle(tokens[k], classes[k]):
            a = k
        if b >= a:
            runs.append((a, b))
        i = j + 1
    return runs


def _takes_particle(tok: Token, cls: int) -> bool:
    """Whether a word can carry a tussenvoegsel: a surname, or an unknown capitalised word."""
    lex = lexicon()
    if tok.folded in lex.first_names:
        return False  # "het verhaal van Sanne", "e-mail van Mohamed"
    # A household member's surname brings its own tussenvoegsel (known.py); here only listed
    # surnames and unknown capitalised words take one.
    return tok.folded in lex.surnames or cls == WEAK


def _accept(text: str, tokens: list[Token], classes: list[int], a: int, b: int) -> bool:
    span = classes[a : b + 1]
    if span[0] == PARTICLE and tokens[a].text == "De" and a and is_org_word(tokens[a - 1].folded):
        return False  # "Winkelcentrum De Kolk", "basisschool De Vries"
    names = [c for c in span if c in _NAMEISH]
    if not names:
        return False
    if STRONG in span:
        return True
    if trigger_before(text, tokens, a):
        return True
    if INITIAL in span:
        return True
    if len(names) >= 2:
        return True
    if span[0] == PARTICLE and tokens[a].text == "Van":
        return True
    return bool(_AGE_AFTER.match(text, tokens[b].end))


def _accept_listed(
    text: str,
    tokens: list[Token],
    accepted: list[tuple[int, int]],
    pending: list[tuple[int, int]],
) -> None:
    """Accept single capitalised words listed next to an accepted name ("Sanne en Ninthe")."""
    changed = True
    while changed and pending:
        changed = False
        for run in list(pending):
            a, b = run
            for x, y in accepted:
                left = tokens[y].end <= tokens[a].start and _LIST_GAP.fullmatch(
                    text[tokens[y].end : tokens[a].start]
                )
                right = tokens[b].end <= tokens[x].start and _LIST_GAP.fullmatch(
                    text[tokens[b].end : tokens[x].start]
                )
                if left or right:
                    accepted.append(run)
                    pending.remove(run)
                    changed = True
                    break
