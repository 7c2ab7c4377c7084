"""Street addresses: street name + house number + addition, and known street names alone.

A street is recognised by its suffix (straat, weg, laan, plein, dijk, kade, diep, wijk, pad,
singel, gracht, dreef, hof, steeg, erf, baan, ...). With a house number it is taken in any case
("kerkstraat 12"); without one only when written with a capital ("op de Kanaalweg") or after a
residence cue ("woont aan de kanaalweg"). Any capitalised name followed by a house number is an
address when a postcode follows or a residence cue ("woont op", "adres:") precedes it.
Words that merely end like a street ("Gerechtshof", "Harderwijk", a surname like "Westerhof"
without a number) are left alone.
"""

from __future__ import annotations

import re

from maatwerk.anonymisation.lexicon import lexicon
from maatwerk.anonymisation.model import Detection
from maatwerk.anonymisation.numbers import postcode_at
from maatwerk.anonymisation.text import Token, fold, word_set

SUFFIXES = (
    "straat",
    "weg",
    "laan",
    "plein",
    "dijk",
    "kade",
    "diep",
    "wijk",
    "pad",
    "singel",
    "gracht",
    "dreef",
    "hof",
    "steeg",
    "erf",
    "baan",
    "boulevard",
    "ring",
    "park",
    "plantsoen",
    "markt",
    "wal",
    "haven",
    "streek",
    "allee",
    "dwarsdiep",
)
_SUFFIX_RE = re.compile(r"(?:" + "|".join(SUFFIXES) + r")$")
# Words ending like a street that are not streets (folded).
_NOT_STREETS = word_set(
    """gerechtshof kerkhof binnenhof hof weg kerkweg snelweg rijbaan loopbaan werkplein
    carrierepad fietspad voetpad zijpad wandelpad leerpad zorgpad behandelpad traject
    woonwijk buitenwijk nieuwbouwwijk probleemwijk vinexwijk wijk gracht markt arbeidsmarkt
    woningmarkt jaarmarkt weekmarkt vismarkt huizenmarkt haven thuishaven veilige erf bederf
    verf sterf zwerf erf hofje binnenplein schoolplein speelplein marktplein dorpsplein
    schoolpark kinderdijk ring kring oorring vingerring beltring bodyring park pretpark
    attractiepark natuurpark vakantiepark"""
)
_SHORT_SUFFIXES = ("hof", "erf", "pad", "wal", "weg", "ring", "park")
HOUSE_NUMBER = (
    r"(?:nr\.?\s*|nummer\s+)?\d{1,5}"
    r"(?:[-/]\d{1,4}(?![\d-]))?"
    r"(?:-?[a-zA-Z]{1,2}(?![\w-])|\s[A-Z](?![\w-])|\s?-?(?:bis|hs|I{1,3}|IV)(?![\w-])"
    r"|-(?:huis|bov|boven|rd)(?![\w-]))?"
)
_NUMBER_AFTER = re.compile(
    r"(?:\s+(?:OZ|WZ|NZ|ZZ|O\.Z\.|W\.Z\.|N\.Z\.|Z\.Z\.))?,?\s" + r"(?P<num>" + HOUSE_NUMBER + r")"
    r"(?![\d.,]*\d)(?!\s?(?:euro|eur|uur|%|procent|jaar|maanden|weken|dagen|kinderen)\b)"
)
_STREET_PREFIXES = word_set(
    """burgemeester burg dokter dr professor prof mr ds pastoor kapitein generaal koningin
    koning prins prinses graaf gravin hertog sint st oude nieuwe noorder zuider ooster wester
    noord zuid oost west boven beneden groot grote klein kleine lange korte hoge lage eerste
    tweede derde van de der den het t ter ten"""
)
_RESIDENCE_CUE = re.compile(
    r"\b(?:woont|wonen|woonde|woonachtig|verhuisd|verhuist|verhuizen|verhuizing|adres|"
    r"woonadres|postadres|bezoekadres|ingeschreven)\b(?:\s*(?:is|was|:|nu|sinds kort))?"
    r"\s*(?:(?:aan|op|in|naar)\s+)?(?:(?:de|het|'t)\s+)?",
    re.IGNORECASE,
)
_CAP_WORD = r"[A-ZÀ-Ý][\w'\u2019.-]*"
_CAP_WORDS = _CAP_WORD + r"(?:\s+(?:" + _CAP_WORD + r"|van|de|der|den|ter|ten|'t)){0,3}"
_BEFORE_POSTCODE = re.compile(
    r"(?P<street>" + _CAP_WORDS + r")\s+(?P<num>" + HOUSE_NUMBER + r")"
    r"\s*[,\n]?\s*(?P<postcode>)(?=[1-9]\d{3}\s?[A-Za-z]{2}(?![\w]))"
)
_AFTER_CUE = re.compile(r"(?P<street>" + _CAP_WORDS + r")\s+(?P<num>" + HOUSE_NUMBER + r")\b")
_KANAAL = re.compile(
    r"\b(?:Kanaal|Compascuumkanaal|Oosterdiep|Westerdiep)\s+[A-Z](?:\s+(?:OZ|WZ|NZ|ZZ))?"
    r"\s+" + HOUSE_NUMBER
)


def is_street_word(word: str, *, with_number: bool = False) -> bool:
    """Whether ``word`` is shaped like a Dutch street name ("Kerkstraat", "Noorderdiep").
    ``with_number``: a house number or a residence cue vouches for it, so the shape is enough;
    otherwise it must also be capitalised and not a listed place, surname or first name."""
    f = fold(word)
    m = _SUFFIX_RE.search(f)
    if not m or f in _NOT_STREETS:
        return False
    prefix = f[: m.start()].rstrip("-")
    # "Bohof 3" is a street, "Bohof" alone needs a residence cue or a longer name.
    minimum = 3 if f.endswith(_SHORT_SUFFIXES) and not with_number else 2
    if len(prefix) < minimum:
        return False
    if with_number:
        return True
    if not word[0].isupper():
        return False
    lex = lexicon()
    return f not in lex.non_name_words and f not in lex.surnames and f not in lex.first_names


def find_addresses(text: str, tokens: list[Token]) -> list[Detection]:
    found: list[Detection] = []
    cue_ends = {m.end() for m in _RESIDENCE_CUE.finditer(text)}
    for i, tok in enumerate(tokens):
        after = _NUMBER_AFTER.match(text, tok.end)
        if not is_street_word(tok.text, with_number=True):  # the shape only
            continue
        if not (after or tok.start in cue_ends or _named_as_place(text, tokens, i)):
            continue
        start = _extend_left(text, tokens, i)
        end = after.end() if after else tok.end
        found.append(Detection("adres", start, end))
    for m in _BEFORE_POSTCODE.finditer(text):
        if postcode_at(text, m.start("postcode")):
            found.append(Detection("adres", _trim_street(m), m.end("num")))
    for cue_end in cue_ends:
        m = _AFTER_CUE.match(text, cue_end)
        if m and not _is_place(m.group("street")):
            found.append(Detection("adres", m.start(), m.end("num")))
    found.extend(Detection("adres", m.start(), m.end()) for m in _KANAAL.finditer(text))
    return found


_LOCATIVES = word_set(
    "de het t aan op in naar via bij langs richting vanaf over nabij uit van tot achter"
)


def _named_as_place(text: str, tokens: list[Token], i: int) -> bool:
    """A street name without a number: capitalised, mid-sentence, after a preposition or
    article ("op de Kanaalweg", "aan de Hoofdstraat", "via Noorderdiep"), and not a noun that
    merely ends like a street ("Verzekering")."""
    tok = tokens[i]
    if not is_street_word(tok.text) or tok.sentence_start or tok.folded.endswith("ering"):
        return False
    if i == 0 or text[tokens[i - 1].end : tok.start] not in (" ", " '", "\u00a0"):
        return False
    return tokens[i - 1].folded in _LOCATIVES


def _extend_left(text: str, tokens: list[Token], i: int) -> int:
    """Take in prefix words of a street name ("Burgemeester van der Veenstraat", "Meint
    Veningastraat"), but never a lower-case article or preposition on its left edge."""
    lex = lexicon()
    k = i
    while k > 0 and i - k < 4:
        prev = tokens[k - 1]
        between = text[prev.end : tokens[k].start]
        initial = len(prev.text) == 1 and prev.text.isupper() and between in (".", ". ")
        if between not in (" ", ". ", "\u00a0") and not initial:
            break
        f = prev.folded
        capital_word = (
            prev.capitalised
            and not prev.sentence_start
            and f not in lex.common_words
            and f not in lex.non_name_words
            and not prev.all_caps
        )
        if f in _STREET_PREFIXES or capital_word or initial:
            k -= 1
            continue
        break
    while k < i and not tokens[k].capitalised:
        k += 1
    return tokens[k].start


def _trim_street(m: re.Match[str]) -> int:
    """Start of the street in a postcode-anchored match: leading common words, places and the
    like ("Gisteren", "Veendam") are not part of it."""
    lex = lexicon()
    words = list(re.finditer(r"\S+", m.group("street")))
    start = m.start("street")
    for w in words[:-1]:
        f = fold(w.group())
        if f in lex.common_words or f in lex.non_name_words:
            start = m.start("street") + words[words.index(w) + 1].start()
        else:
            break
    return start


def _is_place(street: str) -> bool:
    lex = lexicon()
    return fold(street.split()[0]) in lex.non_name_words
