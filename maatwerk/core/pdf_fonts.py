"""The font of every PDF the app makes: one TrueType family, embedded as a subset.

The built-in PDF fonts (Helvetica) know Latin-1 only, so a family's own words ("Şükrü",
"Łukasz", Arabic) printed as ■. Every PDF now uses one registered TrueType family under
fixed names (REGULAR, BOLD, ITALIC, BOLD_ITALIC), found once per process in this order:

1. the directory configured with MAATWERK_PDF_FONT_DIR (config PDF_FONT_DIR);
2. DejaVu Sans in the standard system font directories (Debian: fonts-dejavu-core);
3. Bitstream Vera, which reportlab's own wheel ships: so every machine has a font.

What the family's font cannot draw goes through fit(): the nearest character it has, else
REPLACEMENT, never an empty box and never silently nothing (docs/PDF_FONTS.md).
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "MaatwerkSans"
BOLD = "MaatwerkSans-Bold"
ITALIC = "MaatwerkSans-Italic"
BOLD_ITALIC = "MaatwerkSans-BoldItalic"
ENVIRONMENT = "MAATWERK_PDF_FONT_DIR"
# A character no font here can draw: "?" is in every font, reads as "a sign that could not
# be printed" and cannot be mistaken for a printing fault the way an empty box (tofu) can.
REPLACEMENT = "?"

# Where distributions install DejaVu Sans (Debian/Ubuntu fonts-dejavu-core first).
SYSTEM_DIRECTORIES = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
)
BUNDLED_DIRECTORY = Path(reportlab.__file__).parent / "fonts"


@dataclass(frozen=True)
class Family:
    """A font family's file names: regular and bold required, the italics optional."""

    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


FAMILIES = (
    Family(
        "DejaVu Sans",
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ),
    Family(
        "Noto Sans",
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-Italic.ttf",
        "NotoSans-BoldItalic.ttf",
    ),
    Family("Bitstream Vera Sans", "Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"),
)

# Typographic characters a font may lack, by what plain text has instead.
_PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u2039": "'",
    "\u203a": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2022": "*",
    "\u20ac": "EUR",
}
# Scripts written right to left whose letters join (Arabic, Syriac, Thaana, NKo) or that
# are written right to left (Hebrew): drawn in order only when shaped (uharfbuzz).
_SHAPED_SCRIPTS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_MARKUP = frozenset("<>&")  # never produced by fit(): its output goes into Paragraph markup


class FontError(RuntimeError):
    """No usable font family in the configured directory."""


@dataclass(frozen=True)
class Fonts:
    """The family in use: its name, where it was found and what it can draw."""

    family: str
    directory: Path
    covered: frozenset[int] = field(repr=False)
    shaped: bool  # HarfBuzz shapes it (uharfbuzz installed): joined Arabic, right to left


class _Fit(dict[int, str]):
    """str.translate table: each character the first time it is met, then remembered."""

    def __init__(self, covered: frozenset[int]) -> None:
        super().__init__()
        self.covered = covered

    def __missing__(self, code: int) -> str:
        value = self[code] = substitute(chr(code), self.covered)
        return value


_lock = threading.Lock()
_configured: str | None = None
_current: tuple[Fonts, _Fit] | None = None


def find_family(directory: str | Path) -> Family | None:
    """The first known family whose regular and bold files are in directory."""
    folder = Path(directory)
    for family in FAMILIES:
        if (folder / family.regular).is_file() and (folder / family.bold).is_file():
            return family
    return None


def _candidates() -> list[Path]:
    configured = _configured if _configured is not None else os.environ.get(ENVIRONMENT, "")
    if configured:
        if find_family(configured) is None:
            names = ", ".join(f"{f.regular} and {f.bold}" for f in FAMILIES)
            raise FontError(f"{ENVIRONMENT}={configured} holds none of: {names}.")
        return [Path(configured)]
    return [*map(Path, SYSTEM_DIRECTORIES), BUNDLED_DIRECTORY]


def configure(directory: str | None) -> None:
    """Look in directory first from now on ('' or None: MAATWERK_PDF_FONT_DIR, else the
    system's DejaVu, else Vera); raises FontError when it holds no known family."""
    global _configured, _current
    with _lock:
        previous = _configured
        _configured = directory or None
        try:
            _candidates()
        except FontError:
            _configured = previous
            raise
        if _configured != previous:
            _current = None  # registered anew on the next use


def _unregister() -> None:
    """Forget the family's names (registerFont keeps a TrueType font it already has).

    By hand, not TTFont.unregister(): a face registered under two names (an italic that
    falls back to the regular file) would take the other name with it."""
    registered = pdfmetrics._fonts  # reportlab keeps its registry in module dictionaries
    old = [registered.pop(name, None) for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC)]
    faces = pdfmetrics._dynFaceNames
    for face, font in list(faces.items()):
        if any(font is o for o in old):
            del faces[face]


def _register() -> tuple[Fonts, _Fit]:
    for folder in _candidates():
        family = find_family(folder)
        if family is None:
            continue
        _unregister()
        faces = {}
        for name, file, fallback in (
            (REGULAR, family.regular, None),
            (BOLD, family.bold, None),
            (ITALIC, family.italic, family.regular),
            (BOLD_ITALIC, family.bold_italic, family.bold),
        ):
            path = folder / file
            if not path.is_file() and fallback is not None:
                path = folder / fallback
            faces[name] = TTFont(name, str(path))
            pdfmetrics.registerFont(faces[name])
        for bold, italic, name in (
            (0, 0, REGULAR),
            (1, 0, BOLD),
            (0, 1, ITALIC),
            (1, 1, BOLD_ITALIC),
        ):
            addMapping(REGULAR, bold, italic, name)
        # What the family's words may use: drawn by the regular and the bold face alike.
        # Beyond the Basic Multilingual Plane reportlab's ToUnicode map is not valid, so
        # such characters go through fit() like missing ones (the text stays extractable).
        regular, bold = faces[REGULAR].face.charToGlyph, faces[BOLD].face.charToGlyph
        covered = frozenset(c for c in regular if c in bold and c <= 0xFFFF)
        fonts = Fonts(family.name, folder, covered, bool(faces[REGULAR].shapable))
        return fonts, _Fit(covered)
    raise FontError("no font found (not even reportlab's own Vera)")  # pragma: no cover


def _state() -> tuple[Fonts, _Fit]:
    global _current
    current = _current
    if current is None:
        with _lock:
            if _current is None:
                _current = _register()
            current = _current
    return current


def fonts() -> Fonts:
    """The registered family (registered on first use, once per process)."""
    return _state()[0]


def substitute(char: str, covered: frozenset[int]) -> str:
    """What to print for one character given what the font covers."""
    if ord(char) in covered or char in "\n\t":
        return char
    if char.isspace():
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Mn", "Me"):
        return ""  # invisible (controls, joiners, direction marks) or a mark on its base
    # The letter without its accents ("ń" → "n"), a ligature's letters ("ﬁ" → "fi").
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    for candidate in (plain, _PLAIN.get(char, "")):
        usable = candidate and not _MARKUP.intersection(candidate)
        if usable and all(ord(c) in covered for c in candidate):
            return candidate
    return REPLACEMENT


def fit(text: str) -> str:
    """text with every character the font cannot draw replaced (safe inside markup)."""
    table = _state()[1]  # also registers the family before any markup names it
    if text.isascii() and text.isprintable():
        return text
    return text.translate(table)


_STANDARD = {
    "Helvetica": REGULAR,
    "Helvetica-Bold": BOLD,
    "Helvetica-Oblique": ITALIC,
    "Helvetica-BoldOblique": BOLD_ITALIC,
    "Courier": REGULAR,  # the sample "Code" style: no monospaced face is registered
    "Courier-Bold": BOLD,
}


def sample_styles() -> StyleSheet1:
    """reportlab's sample style sheet in the registered family instead of the built-in fonts."""
    fonts()
    sheet = getSampleStyleSheet()
    for style in sheet.byName.values():
        for attribute in ("fontName", "bulletFontName"):
            name = getattr(style, attribute, None)
            if name in _STANDARD:
                setattr(style, attribute, _STANDARD[name])
    return sheet


def needs_shaping(text: str) -> bool:
    """Whether text has right-to-left letters and a shaper is there to draw them in order."""
    return not text.isascii() and _SHAPED_SCRIPTS.search(text) is not None and fonts().shaped


_TAG = re.compile(r"<[^>]*>")


def reads_right_to_left(text: str) -> bool:
    """Whether the text's base direction is right to left: its first letter with a strong
    direction (Unicode bidi class L, R or AL; markup tags skipped) is Hebrew or Arabic.
    "Afspraak met أحمد" reads left to right, "موعد مع Anna" right to left."""
    for char in _TAG.sub("", text):
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False


def shaped(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """style, or a copy that shapes, for text that needs shaping (see needs_shaping); a
    left-aligned style is right-aligned for text that reads right to left."""
    if not needs_shaping(text):
        return style
    return _shaped_style(style, right=style.alignment == TA_LEFT and reads_right_to_left(text))


_SHAPED_STYLES: dict[tuple[int, bool], ParagraphStyle] = {}


def _shaped_style(style: ParagraphStyle, *, right: bool) -> ParagraphStyle:
    """The shaping copy of a style (right-aligned or not), made once per style."""
    key = (id(style), right)
    found = _SHAPED_STYLES.get(key)
    if found is None or found.parent is not style:
        suffix = "-shaped-rtl" if right else "-shaped"
        extra = {"alignment": TA_RIGHT} if right else {}
        found = _SHAPED_STYLES[key] = ParagraphStyle(
            f"{style.name}{suffix}", style, shaping=1, **extra
        )
    return found
