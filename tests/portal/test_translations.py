"""Every text of the portal has a Dutch translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def portal_msgids() -> set[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "maatwerk" / "portal").glob("*.py")):
        found.update(_ids(extract_from_file("python", str(path), keywords=KEYWORDS)))
    for path in sorted((ROOT / "templates" / "portal").glob("*.html")):
        messages = extract_from_file(
            "jinja2.ext:babel_extract",
            str(path),
            keywords=KEYWORDS,
            options={"extensions": "jinja2.ext.i18n"},
        )
        found.update(_ids(messages))
    return found


def _ids(messages) -> list[str]:
    return [m[1][0] if isinstance(m[1], tuple) else m[1] for m in messages]


def dutch() -> dict[str, object]:
    strings: dict[str, object] = {}
    with CATALOGUE.open("rb") as handle:
        for message in read_po(handle):
            if message.id and message.string and not message.fuzzy:
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                strings.setdefault(key, message.string)
    return strings


def test_every_portal_text_has_a_dutch_translation_with_the_same_placeholders():
    translations = dutch()
    missing = sorted(msgid for msgid in portal_msgids() if msgid not in translations)
    assert missing == []
    for msgid in portal_msgids():
        dutch_text = translations[msgid]
        forms = dutch_text if isinstance(dutch_text, tuple) else (dutch_text,)
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(msgid)), msgid


def test_the_dutch_catalogue_has_no_errors():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    assert list(catalogue.check()) == []
