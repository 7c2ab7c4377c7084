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
from maatwerk.anonymisation.text import Token

TITLES = frozenset(
    "mevrouw mevr mw meneer dhr hr heer juf juffrouw meester mr dr drs ir ing prof ds dominee "
    "pastor imam".split()
)
ROLES = frozenset(
    """moeder vader mama papa mam pap zoon zoontje dochter dochtertje broer broertje zus zusje
    zuster oma opa tante oom neef nicht buurman buurvrouw buurjongen buurmeisje vriend vriendje
    vriendin vriendinnetje partner ex expartner echtgenoot echtgenote stiefvader stiefmoeder
    pleegmoeder pleegvader pleegzoon pleegdochter stiefzoon stiefdochter kleinzoon kleindochter
    baby kind kindje jongen meisje mentor mentrix docent leerkracht leraar lerares begeleider
    huisarts dokter arts psycholoog psychiater behandelaar therapeut casemanager regisseur
    gezinscoach coach wijkagent bewindvoerder curator consulent klantmanager jongerenwerker
    schuldhulpverlener werker collega cliënt client cliente familie fam gezin kinderen
    ouders""".split()
)
_ORG_STEMS = (
    "zorg",
    "groep",
    "stichting",
    "centrum",
    "school",
    "team",
    "dienst",
    "bank",
    "loket",
    "fonds",
    "kliniek",
    "praktijk",
    "instituut",
    "vereniging",
    "college",
    "lyceum",
    "academie",
    "gemeente",
    "provincie",
    "ziekenhuis",
    "kerk",
    "moskee",
    "bibliotheek",
    "welzijn",
    "wonen",
    "kinderopvang",
    "opvang",
)
_AGE_AFTER = re.compile(r"\s*\(\s*\d{1,2}\s*(?:jaar|jr\.?|j\.?|mnd\.?|maanden)?\s*\)")
_LIST_GAP = re.compile(r"\s*(?:,|&|\ben\b|\bof\b)\s*")

# Word classes.
OTHER, INITIAL, PARTICLE, STRONG, WEAK, OPENING, LOWER = range(7)
_NAMEISH = (STRONG, WEAK, OPENING)


def find_names(text: str, tokens: list[Token], known: set[int]) -> list[Detection]:
    """Person names in ``text``; ``known`` holds indices of tokens already known to be names."""
    lex = lexicon()
    protected = _non_name_phrases(text, tokens, lex)
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
        for suffix in ("'s", "’s"):
            if text.startswith(suffix, end) and not text[end + 2 : end + 3].isalnum():
                end += 2
        found.append(Detection("naam", tokens[a].start, end))
    return found


def _non_name_phrases(text: str, tokens: list[Token], lex: Lexicon) -> set[int]:
    protected: set[int] = set()
    for i in range(len(tokens)):
        for phrase in lex.non_name_phrases:
            n = len(phrase)
            if i + n > len(tokens) or tokens[i].folded != phrase[0]:
                continue
            window = tokens[i : i + n]
            if all(t.folded == w for t, w in zip(window, phrase, strict=True)) and all(
                not text[x.end : y.start].strip(" -\u00a0") for x, y in zip(window, window[1:])
            ):
                protected.update(range(i, i + n))
    return protected


def _is_initial(text: str, tok: Token) -> bool:
    return (
        len(tok.text) == 1
        and tok.text.isupper()
        and text.startswith(".", tok.end)
        or tok.text in ("Th", "Chr", "Ph", "Joh", "Wm")
        and text.startswith(".", tok.end)
    )


def _trigger_before(text: str, tokens: list[Token], i: int) -> str | None:
    """"title" or "role" when token i follows one ("mw. Kok", "de heer Jansen", "zoon Daan")."""
    if i == 0:
        return None
    prev = tokens[i - 1]
    between = text[prev.end : tokens[i].start]
    if between not in (" ", ". ", ".", "\u00a0", ": "):
        return None
    if prev.folded in TITLES:
        if prev.folded == "heer" and (i < 2 or tokens[i - 2].folded != "de"):
            return None
        return "title"
    if prev.folded in ROLES and "." not in between:
        return "role"
    return None


def _classify(
    text: str, tokens: list[Token], i: int, lex: Lexicon, known: set[int], protected: set[int]
) -> int:
    tok = tokens[i]
    f = tok.folded
    if i in known:
        return STRONG
    if _is_initial(text, tok):
        return INITIAL
    if f in PARTICLES and (tok.text.islower() or tok.text in ("Van", "De", "Ter", "Ten", "El")):
        return PARTICLE
    if f in LEADING_PARTICLES and i + 1 < len(tokens) and tokens[i + 1].folded in PARTICLES:
        return PARTICLE
    trigger = _trigger_before(text, tokens, i)
    if f in TITLES or f in ROLES:
        return OTHER
    if text[tok.end : tok.end + 1].isdigit() or (i and text[tokens[i - 1].end - 1].isdigit()):
        return OTHER  # glued to digits: "12jan", codes
    if tok.all_caps or tok.inner_caps:
        return WEAK if trigger == "title" and not tok.all_caps else OTHER
    blocked = i in protected or f in lex.non_name_words or _is_org_word(f) or is_street_word(tok.text)
    if _after_month_number(text, tokens, i):
        return OTHER
    if tok.capitalised:
        if trigger:
            return STRONG
        if blocked:
            return OTHER
        if lex.is_name(f) or _possessive_of_name(f, lex):
            if tok.sentence_start and f in lex.common_words:
                return OTHER
            return STRONG
        if f in lex.common_words:
            return OTHER
        return OPENING if tok.sentence_start else WEAK
    # lower case
    is_name = lex.is_name(f) or _possessive_of_name(f, lex)
    ambiguous = f in lex.name_words or f in lex.common_words or len(f) < 3
    if trigger and not blocked and f not in lex.common_words:
        if is_name or trigger == "title":
            return STRONG
    if is_name and not ambiguous and not blocked:
        return STRONG
    return LOWER if is_name else OTHER


def _possessive_of_name(f: str, lex: Lexicon) -> bool:
    base = f[:-1]
    return (
        len(f) > 3
        and f.endswith("s")
        and base in lex.first_names
        and base not in lex.name_words
        and base not in lex.common_words
    )


def _is_org_word(f: str) -> bool:
    return any(stem in f for stem in _ORG_STEMS)


_MONTH_ABBR = frozenset("jan feb mrt apr jun jul aug sep sept okt nov dec".split())


def _after_month_number(text: str, tokens: list[Token], i: int) -> bool:
    """"12 jan 2024": a month abbreviation after a day number is not the name Jan."""
    if tokens[i].folded not in _MONTH_ABBR:
        return False
    before = text[max(0, tokens[i].start - 4) : tokens[i].start]
    return bool(re.search(r"\d\s*$", before))


def _connected(text: str, left: Token, right: Token, left_class: int) -> bool:
    between = text[left.end : right.start]
    if left_class == INITIAL:
        return between in (".", ". ", ".\u00a0", ".-")
    if between in (" ", "\u00a0", "-"):
        return True
    # "van 't Hof", "d'Hondt"
    return between in (" '", " ’", "'", "’") and (right.folded == "t" or left.folded == "d")


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
    return tok.folded in lex.surnames or (cls == WEAK and tok.folded not in lex.first_names)


def _accept(text: str, tokens: list[Token], classes: list[int], a: int, b: int) -> bool:
    span = classes[a : b + 1]
    names = [c for c in span if c in _NAMEISH]
    if not names:
        return False
    if STRONG in span:
        return True
    if _trigger_before(text, tokens, a):
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
