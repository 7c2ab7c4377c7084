"""Names: the household's own members first, then the name lists and context rules."""

from __future__ import annotations

import pytest

from maatwerk.anonymisation import scrub


def clean(text: str, known=()) -> str:
    return scrub(text, known_names=known).text


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        ("Sanne belde.", ["Sanne de Boer"], "[naam] belde."),
        ("SANNE belde, sanne ook.", ["Sanne de Boer"], "[naam] belde, [naam] ook."),
        ("Gesprek met de Boer.", ["Sanne de Boer"], "Gesprek met [naam]."),
        ("Jans fiets.", ["Jan Kuiper"], "[naam] fiets."),
        ("Sanne's fiets.", ["Sanne Kuiper"], "[naam] fiets."),
        ("Zoe en Zoë.", ["Zoë Smit"], "[naam] en [naam]."),
        ("Mevrouw Bakker-de Vries.", ["Petra Bakker-de Vries"], "Mevrouw [naam]."),
        ("Mevrouw De Vries.", ["Petra Bakker-de Vries"], "Mevrouw [naam]."),
        ("Jan-Willem en Jan.", ["Jan-Willem Smit"], "[naam] en [naam]."),
        ("Familie Van der Meer.", ["Kees van der Meer"], "Familie [naam]."),
        (
            "Ik vond een roos; Roos vond hem ook.",
            ["Roos Smit"],
            "Ik vond een roos; [naam] vond hem ook.",
        ),
        ("met roos gesproken", ["Roos Smit"], "met [naam] gesproken"),
        ("Wil je bellen? Wil belde.", ["Wil Smit"], "Wil je bellen? [naam] belde."),
        ("Ben je er? Ben komt.", ["Ben Smit"], "Ben je er? [naam] komt."),
        (
            "Het is jong geleerd; de Jong belde.",
            ["Piet de Jong"],
            "Het is jong geleerd; [naam] belde.",
        ),
    ],
)
def test_household_names(text, known, expected):
    assert clean(text, known) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mevrouw Kok belde.", "Mevrouw [naam] belde."),
        ("mw. Visser en dhr. Bakker.", "mw. [naam] en dhr. [naam]."),
        ("De heer Jansen en juf Roos.", "De heer [naam] en juf [naam]."),
        ("Buurman Boddaugh helpt.", "Buurman [naam] helpt."),
        ("meneer oosterhuis belde", "meneer [naam] belde"),
        ("Zoon Daan en dochter roos.", "Zoon [naam] en dochter [naam]."),
        ("Met Xanthe Oosterhuis gesproken.", "Met [naam] gesproken."),
        ("Afspraak met J. de Vries.", "Afspraak met [naam]."),
        ("Afspraak met A.B. Boddaugh.", "Afspraak met [naam]."),
        ("Ninthe (7) en Tygo (5) komen.", "[naam] (7) en [naam] (5) komen."),
        (
            "Kinderen: Quirijn (7), Fenneke (5) en Sjoerdje.",
            "Kinderen: [naam] (7), [naam] (5) en [naam].",
        ),
        ("Vader van de kinderen, Maxim, is weg.", "Vader van de kinderen, [naam], is weg."),
        ("Met jan en petra gesproken.", "Met [naam] en [naam] gesproken."),
        ("Peter belde; Bakker ook.", "[naam] belde; [naam] ook."),
        ("Meneer Van Dijk en mevrouw De Jong.", "Meneer [naam] en mevrouw [naam]."),
        ("Noortje van 't Hof.", "[naam]."),
        ("Stiefvader Gerrit-Jan ter Horst.", "Stiefvader [naam]."),
        ("Mevrouw El Amrani.", "Mevrouw [naam]."),
        ("Bewindvoerder Rowan Tuithof.", "Bewindvoerder [naam]."),
    ],
)
def test_other_names(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "De kok van de school is ziek.",
        "Ze kreeg een roos van de buren.",
        "De visser en de bakker uit het dorp.",
        "Groen licht van de gemeente; Storm op komst.",
        "Wil je bellen? Ben je thuis?",
        "Het is een jong gezin; de wit geschilderde muur.",
        "Wandelen in het bos en langs de dijk.",
        "Het verhaal van de moeder is duidelijk.",
        "Gesprek met Lentis, het UWV en Veilig Thuis.",
        "Boodschappen bij Albert Heijn en de Jumbo.",
        "De Regenboog en Het Kompas.",
        "Op 12 jan. 2025 en in maart komt de GGD.",
        "Raad voor de Kinderbescherming en de Raad van State.",
        "Moeder is ziek; vader heeft gebeld; de juf gaf aan dat het beter gaat.",
        "Kader: in het kader van de Jeugdwet.",
        "Inloggen met DigiD en WhatsApp.",
        "Max. 3 personen per afspraak.",
    ],
)
def test_no_names(text):
    assert clean(text) == text
