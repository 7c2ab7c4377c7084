"""Context of a word for the name detector: titles and roles before it, what it is glued to,
and lists of words that are no names (places, organisations, month abbreviations)."""

from __future__ import annotations

import re
from itertools import pairwise

from maatwerk.anonymisation.lexicon import PARTICLES, Lexicon, lexicon
from maatwerk.anonymisation.text import Token, word_set

TITLES = word_set(
    "mevrouw mevr mw meneer dhr hr heer juf juffrouw meester mr dr drs ir ing prof ds dominee "
    "pastor imam"
)
ROLES = word_set(
    """moeder vader mama papa mam pap zoon zoontje dochter dochtertje broer broertje zus zusje
    zuster oma opa tante oom neef nicht buurman buurvrouw buurjongen buurmeisje vriend vriendje
    vriendin vriendinnetje partner ex expartner echtgenoot echtgenote stiefvader stiefmoeder
    pleegmoeder pleegvader pleegzoon pleegdochter stiefzoon stiefdochter kleinzoon kleindochter
    baby kind kindje jongen meisje mentor mentrix docent leerkracht leraar lerares begeleider
    huisarts dokter arts psycholoog psychiater behandelaar therapeut casemanager regisseur
    gezinscoach coach wijkagent bewindvoerder curator consulent klantmanager jongerenwerker
    schuldhulpverlener werker collega cliënt client cliente familie fam gezin kinderen
    ouders"""
)
# Whole words that start or name an organisation (not substrings: "Jacobs", "Kerkstra").
ORG_WORDS = word_set("kerk moskee winkel obs cbs pcbs ikc kindcentrum buurthuis")
# Parts of compound organisation words ("Zorggroep", "Buurtteam", "Winkelcentrum").
ORG_STEMS = (
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
    "bibliotheek",
    "welzijn",
    "wonen",
    "kinderopvang",
    "opvang",
)


def non_name_phrases(text: str, tokens: list[Token], lex: Lexicon) -> set[int]:
    protected: set[int] = set()
    for i in range(len(tokens)):
        for phrase in lex.non_name_phrases:
            n = len(phrase)
            if i + n > len(tokens) or tokens[i].folded != phrase[0]:
                continue
            window = tokens[i : i + n]
            if all(t.folded == w for t, w in zip(window, phrase, strict=True)) and all(
                not text[x.end : y.start].strip(" -\u00a0") for x, y in pairwise(window)
            ):
                protected.update(range(i, i + n))
    return protected


def is_initial(text: str, tok: Token) -> bool:
    return (len(tok.text) == 1 and tok.text.isupper() and text.startswith(".", tok.end)) or (
        tok.text in ("Th", "Chr", "Ph", "Joh", "Wm") and text.startswith(".", tok.end)
    )


def trigger_before(text: str, tokens: list[Token], i: int) -> str | None:
    """ "title" or "role" when token i follows one ("mw. Kok", "de heer Jansen", "zoon Daan")."""
    if i == 0:
        return None
    prev = tokens[i - 1]
    between = text[prev.end : tokens[i].start]
    if between not in (" ", ". ", ".", "\u00a0", ": "):
        return None
    if re.search(r"\d\s?$", text[max(0, prev.start - 2) : prev.start]):
        return None  # postcode letters: "9641 MR Veendam", "8189mw Hoogezand"
    if prev.folded in TITLES:
        if prev.folded == "heer" and (i < 2 or tokens[i - 2].folded != "de"):
            return None
        return "title"
    if prev.folded in ROLES and "." not in between:
        return "role"
    return None


def apposition_after_role(text: str, tokens: list[Token], i: int) -> bool:
    """ "Vader van de kinderen, Maxim, is ...", "Broer van moeder, Pepijn, kan ...": a
    capitalised word between commas right after a role."""
    if i == 0 or text[tokens[i - 1].end : tokens[i].start] != ", ":
        return False
    return tokens[i - 1].folded in ROLES and text[tokens[i].end : tokens[i].end + 1] in ",;:)"


def after_first_name(text: str, tokens: list[Token], i: int, known: set[int]) -> bool:
    """ "Rowan Tuithof", "Van Dijk-Oosterhof": a word shaped like a street right after a first
    name, or joined to a capitalised name by a hyphen, is a surname."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    between = text[prev.end : tokens[i].start]
    if between == "-":
        return (prev.capitalised and not prev.sentence_start) or i - 1 in known
    if between != " ":
        return False
    return prev.capitalised and (prev.folded in lexicon().first_names or i - 1 in known)


_FORMAL_TITLES = word_set("mevrouw mevr mw meneer dhr hr heer")
_VERB_LIKE = re.compile(r"(?:ge|be|ver|ont|her)\w{3,}(?:d|t|en)")


def formal_title_before(tokens: list[Token], i: int) -> bool:
    """ "meneer oosterhuis" but not "juf gepraat": after a formal title only."""
    return i > 0 and tokens[i - 1].folded in _FORMAL_TITLES


def verb_like(f: str) -> bool:
    return bool(_VERB_LIKE.fullmatch(f))


def after_particle(text: str, tokens: list[Token], i: int) -> bool:
    if i == 0 or tokens[i].sentence_start:
        return False
    prev = tokens[i - 1]
    return prev.folded in PARTICLES and text[prev.end : tokens[i].start] in (" ", "\u00a0")


def possessive_of_name(f: str, lex: Lexicon) -> bool:
    base = f[:-1]
    return (
        len(f) > 3
        and f.endswith("s")
        and base in lex.first_names
        and base not in lex.name_words
        and base not in lex.common_words
    )


def is_org_word(f: str) -> bool:
    return f in ORG_WORDS or any(stem in f for stem in ORG_STEMS)


_MONTH_ABBR = word_set("jan feb mrt apr jun jul aug sep sept okt nov dec")


def after_month_number(text: str, tokens: list[Token], i: int) -> bool:
    """ "12 jan 2024": a month abbreviation after a day number is not the name Jan."""
    if tokens[i].folded not in _MONTH_ABBR:
        return False
    before = text[max(0, tokens[i].start - 4) : tokens[i].start]
    return bool(re.search(r"\d\s*$", before))
