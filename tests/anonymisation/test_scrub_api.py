"""The public API: result shape, offsets, determinism, idempotence, speed."""

from __future__ import annotations

import datetime as dt
import time

from maatwerk.anonymisation import KINDS, Replacement, ScrubResult, placeholder, scrub
from maatwerk.anonymisation.model import Detection
from maatwerk.anonymisation.scrubber import merge
from tests.anonymisation.corpus import REFERENCE_DATE, build_corpus

TEXT = "Mevrouw Kok (06-12345678) woont op de Kerkstraat 12, 9641 AB Veendam."


def test_result_and_offsets_into_the_original():
    result = scrub(TEXT)
    assert isinstance(result, ScrubResult)
    assert result.text == "Mevrouw [naam] ([telefoon]) woont op de [adres], [postcode] [plaats]."
    assert [r.kind for r in result.replacements] == [
        "naam",
        "telefoon",
        "adres",
        "postcode",
        "plaats",
    ]
    assert [TEXT[r.start : r.end] for r in result.replacements] == [
        "Kok",
        "06-12345678",
        "Kerkstraat 12",
        "9641 AB",
        "Veendam",
    ]
    assert result.replacements[0] == Replacement("naam", 8, 11)
    assert result.replacements[0].placeholder == "[naam]"
    assert result.count("naam") == 1


def test_placeholders_are_dutch_and_typed():
    assert [placeholder(k) for k in KINDS] == [
        "[e-mail]",
        "[iban]",
        "[bsn]",
        "[telefoon]",
        "[postcode]",
        "[kenteken]",
        "[geboortedatum]",
        "[adres]",
        "[school]",
        "[plaats]",
        "[naam]",
        "[bedrag]",
        "[nummer]",
    ]


def test_empty_and_clean_text():
    assert scrub("").text == ""
    assert scrub("Geen bijzonderheden.").replacements == []


def test_overlapping_detections_merge_into_the_longest_kind():
    merged = merge(
        [Detection("naam", 0, 4), Detection("e-mail", 0, 20), Detection("nummer", 25, 30)]
    )
    assert merged == [Detection("e-mail", 0, 20), Detection("nummer", 25, 30)]
    assert scrub("jan.devries@ziggo.nl", known_names=["Jan de Vries"]).text == "[e-mail]"


def test_deterministic_and_idempotent():
    docs = build_corpus(notes=40)
    for doc in docs:
        first = scrub(doc.text, known_names=doc.known_names, reference_date=REFERENCE_DATE)
        second = scrub(doc.text, known_names=doc.known_names, reference_date=REFERENCE_DATE)
        assert first == second
        again = scrub(first.text, known_names=doc.known_names, reference_date=REFERENCE_DATE)
        assert again.text == first.text


def test_known_names_accept_any_iterable_and_blanks():
    names = (n for n in ["Sanne de Boer", "", "  "])
    assert scrub("Sanne belde.", known_names=names).text == "[naam] belde."


def test_fast_enough():
    docs = build_corpus(notes=60)
    start = time.perf_counter()
    for doc in docs:
        scrub(doc.text, known_names=doc.known_names, reference_date=dt.date(2025, 6, 1))
    assert time.perf_counter() - start < 5
