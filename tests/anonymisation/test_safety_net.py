"""The digit safety net: which runs of four or more digits are kept and which go."""

from __future__ import annotations

import pytest

from maatwerk.anonymisation import scrub


def clean(text: str) -> str:
    return scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 had het gezin een schuld.",
        "Schooljaar 2024/2025 en de periode 2019-2023.",
        "Nog 2.345,67 te betalen.",
        "1200 mensen op de wachtlijst, 1500 km gereden, 1200 minuten per jaar.",
        "Afspraak om 10.30 uur, daarna 13:45 en 9.00-10.30.",
        "Op 14-05-2025 gesprek.",
        "in 2024 10 gesprekken gevoerd",
        "Huisnummer 12, groep 7, 3 kinderen van 8 en 12 jaar.",
    ],
)
def test_kept(text):
    assert clean(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dossiernummer 2023-04561.", "Dossiernummer [nummer]."),
        ("Klantnummer 88 77 66 55.", "Klantnummer [nummer]."),
        ("Schuld van 1500 bij de bank.", "Schuld van [nummer] bij de bank."),
        ("Code 0598 12.", "Code [nummer]."),
        ("Nummer 1234 5678 90.", "Nummer [nummer]."),
        ("Zaaknummer Z/24/123456.", "Zaaknummer Z/[nummer]."),
        ("Postcode zonder letters 9641.", "Postcode zonder letters [nummer]."),
        ("Mobiel 06-1234567 (een cijfer te weinig).", "Mobiel [nummer] (een cijfer te weinig)."),
    ],
)
def test_removed(text, expected):
    assert clean(text) == expected


def test_leftover_of_a_partly_matched_identifier():
    # The phone number is valid up to the space; the digits after it must not survive.
    out = clean("Bel 06-12345678 9876 of later.")
    assert "9876" not in out


def test_exact_amounts_become_a_placeholder():
    assert clean("Schuld van € 1.500 en €1500,- en EUR 2500.") == (
        "Schuld van [bedrag] en [bedrag] en [bedrag]."
    )
    assert clean("Nog 1500 euro te betalen.") == "Nog [bedrag] te betalen."
