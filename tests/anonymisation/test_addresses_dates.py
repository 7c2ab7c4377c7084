"""Street addresses and dates of birth."""

from __future__ import annotations

import datetime as dt

import pytest

from maatwerk.anonymisation import scrub

REFERENCE = dt.date(2025, 6, 1)


def clean(text: str) -> str:
    return scrub(text, reference_date=REFERENCE).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Woont op de Hoofdstraat 12a.", "Woont op de [adres]."),
        ("Woont op de Kerkstraat 3-5.", "Woont op de [adres]."),
        ("Adres: Noorderdiep 104.", "Adres: [adres]."),
        ("Woont op Hoofdstraat 12 A.", "Woont op [adres]."),
        ("Woont op de Kerkstraat 12-II.", "Woont op de [adres]."),
        ("Het gezin woont op de Kanaalweg.", "Het gezin woont op de [adres]."),
        ("Bushalte aan de Hoofdstraat, bij de kerk.", "Bushalte aan de [adres], bij de kerk."),
        ("woont aan de kanaalweg", "woont aan de [adres]"),
        ("kerkstraat 12 is het adres", "[adres] is het adres"),
        ("Aan de Burgemeester van der Veenstraat 5.", "Aan de [adres]."),
        ("Op de J.C. Kapteynlaan 9.", "Op de [adres]."),
        ("Adres: Molenstreek 4, 9641 AB Veendam.", "Adres: [adres], [postcode] [plaats]."),
        ("Woont op Zuidwending 12.", "Woont op [adres]."),
        ("Kanaal A NZ 12 in Emmer-Compascuum.", "[adres] in [plaats]."),
    ],
)
def test_addresses(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Zorgverzekering en Verzekering zijn geregeld.",
        "Het fietspad en de snelweg; de weg is lang.",
        "Het Gerechtshof in Leeuwarden; de arbeidsmarkt in Harderwijk.",
        "Op de Loopbaan, nee: de loopbaan van vader.",
        "Westerhof belde; mevrouw Westerhof ook.",
        "Zij wonen al 12 jaar in de wijk.",
        "Huisnummer 12, 3 kinderen, groep 7.",
    ],
)
def test_no_address(text):
    assert "[adres]" not in clean(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geboren op 12-03-2015.", "Geboren op [geboortedatum]."),
        ("geb. 3 maart 2016, woont thuis", "geb. [geboortedatum], woont thuis"),
        ("Geboortedatum: 12/03/85.", "Geboortedatum: [geboortedatum]."),
        ("Is jarig op 3 maart.", "Is jarig op [geboortedatum]."),
        ("Geboren in 1979.", "Geboren in [geboortedatum]."),
        ("Geboren in maart 1979.", "Geboren in [geboortedatum]."),
        ("Tygo (14-02-2019) is ziek.", "[naam] ([geboortedatum]) is ziek."),
        ("Moeder, 1-1-1980, is ziek.", "Moeder, [geboortedatum], is ziek."),
        ("Sinds 12 mrt. 2009 gescheiden.", "Sinds [geboortedatum] gescheiden."),
        ("Datum 1985-03-12 genoteerd.", "Datum [geboortedatum] genoteerd."),
        ("* 05.06.2020", "* [geboortedatum]"),
    ],
)
def test_dates_of_birth(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Afspraak op 14-05-2025 om 10.30 uur.",
        "Op 3 maart 2024 is het plan getekend.",
        "Op 3 maart komt de GGD.",
        "(geb. 12-03-1985) en sinds 2015 geen werk.",
        "In 2019 gestart, in maart 2020 gestopt.",
        "Evaluatie 1-6-2025.",
    ],
)
def test_recent_dates_and_years_stay(text):
    out = clean(text)
    assert out.count("[geboortedatum]") == text.count("geb.")


def test_date_rule_uses_the_reference_date():
    text = "Op 14-05-2014 gestart."
    assert scrub(text, reference_date=dt.date(2025, 6, 1)).text == "Op [geboortedatum] gestart."
    assert scrub(text, reference_date=dt.date(2020, 6, 1)).text == text
