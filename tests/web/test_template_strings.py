"""Every text a template shows goes through the translation functions (issue 5: "every
string translatable"): outside `{{ _() }}`, `{% trans %}` and the Jinja expressions, a
template holds markup only. The catalogue tests (test_i18n.py) then prove that each of those
strings has a Dutch translation, so neither language shows words of the other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

TRANS_BLOCK = re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.S)
NOT_TEXT = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
# Attributes people read (screen readers, tooltips, empty fields) must be translated too.
READ_ATTRIBUTES = re.compile(
    r"\b(?:aria-label|aria-description|title|placeholder|alt)=\"([^\"]*)\"", re.I
)
# An attribute list written outside a tag (a macro that prints attributes), not text.
ATTRIBUTES_ONLY = re.compile(r'^(?:[\w-]+="[^"]*"\s*)+$')
WORD = re.compile(r"[^\W\d_]{2,}")
# Names, not words of a language.
ALLOWED = {"Maatwerk API v1"}


def untranslated(source: str) -> list[str]:
    """Literal text and readable attribute values outside the translation functions."""
    source = NOT_TEXT.sub(" ", TRANS_BLOCK.sub(" ", source))
    without_jinja = JINJA.sub("", source)
    found = [
        value
        for value in READ_ATTRIBUTES.findall(without_jinja)
        if WORD.search(value) and value.strip() not in ALLOWED
    ]
    for line in TAG.sub("\n", JINJA.sub(" ", source)).splitlines():
        text = line.strip()
        if not WORD.search(text) or text in ALLOWED or ATTRIBUTES_ONLY.match(text):
            continue
        if re.fullmatch(r"(?:&[#\w]+;|[\s\W])+", text):  # entities and punctuation only
            continue
        found.append(text)
    return found


def test_the_check_finds_literal_text():
    planted = (
        '<p>{{ _("Our plan") }}</p><p>Ons plan</p><button aria-label="Sluiten">x</button>'
        '{% trans %}Hello{% endtrans %}<script src="/static/x.js"></script>'
        '<img alt="{{ _("Logo") }}"> &nbsp;&ndash; {{ name }}'
    )
    assert untranslated(planted) == ["Sluiten", "Ons plan"]


@pytest.mark.parametrize(
    "template",
    sorted(TEMPLATES.rglob("*.html")),
    ids=lambda path: str(path.relative_to(TEMPLATES)),
)
def test_templates_show_no_untranslated_text(template: Path):
    found = untranslated(template.read_text(encoding="utf-8"))
    assert not found, f"untranslated text in templates/{template.relative_to(TEMPLATES)}: {found}"
