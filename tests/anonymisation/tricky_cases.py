"""Hand-written hard cases: names that are also words, lower-case names, possessives,
tussenvoegsels, initials, double surnames, addresses without numbers, identifiers split over
spaces and line breaks, and innocent numbers and words that must survive.

Each case lists its identifiers in text order as (kind, exact text); ``keep`` lists innocent
phrases that must still be in the scrubbed text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.anonymisation.corpus import Doc, Span


@dataclass
class Case:
    text: str
    ids: list[tuple[str, str]] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)


CASES = [
    # names that are also words
    Case("Mevrouw Kok vertelt dat de kok van school ziek is.", [("naam", "Kok")], keep=["de kok"]),
    Case(
        "Dochter Roos kreeg een roos van haar vriendje Bram.",
        [("naam", "Roos"), ("naam", "Bram")],
        known=["Roos Visser"],
        keep=["een roos"],
    ),
    Case(
        "De visser in de haven kent meneer Visser goed.", [("naam", "Visser")], keep=["De visser"]
    ),
    Case(
        "Roos en Merel spelen buiten; de merel zingt in een roos.",
        [("naam", "Roos"), ("naam", "Merel")],
        keep=["de merel", "een roos"],
    ),
    Case(
        "Wil je de brief van Ben lezen? Ben zelf was er niet.",
        [("naam", "Ben"), ("naam", "Ben")],
        known=["Ben Kok"],
        keep=["Wil je"],
    ),
    Case("Mark heeft zijn baan bij de Jumbo verloren.", [("naam", "Mark")], keep=["Jumbo", "baan"]),
    Case(
        "Mevrouw de Wit en meneer de Jong; de wit geschilderde muur is jong.",
        [("naam", "de Wit"), ("naam", "de Jong")],
        keep=["de wit geschilderde", "is jong"],
    ),
    Case(
        "Meester Bos van groep 7 en juf Merel wandelen met de klas in het bos.",
        [("naam", "Bos"), ("naam", "Merel")],
        keep=["in het bos", "groep 7"],
    ),
    Case(
        "De kok, de visser en de bakker uit het dorp. Groen licht van de gemeente.",
        keep=["De kok, de visser en de bakker", "Groen licht"],
    ),
    Case("Storm en regen: de kinderen bleven thuis.", keep=["Storm en regen"]),
    # lower-case names
    Case("gesprek met jan en petra over de schulden", [("naam", "jan"), ("naam", "petra")]),
    Case("met sanne gesproken, zij wil naar de havo", [("naam", "sanne")], known=["Sanne de Boer"]),
    Case("meneer oosterhuis belde om 9.30 uur terug", [("naam", "oosterhuis")], keep=["9.30"]),
    Case(
        "moeder heeft met roos en de juf gepraat",
        [("naam", "roos")],
        known=["Roos Veenstra"],
        keep=["moeder heeft"],
    ),
    # possessives, diacritics
    Case(
        "Jans fiets en Sanne's telefoon zijn gestolen.",
        [("naam", "Jans"), ("naam", "Sanne's")],
        known=["Jan de Boer", "Sanne de Boer"],
    ),
    Case(
        "Zoë heeft het moeilijk; Zoe's juf maakt zich zorgen.",
        [("naam", "Zoë"), ("naam", "Zoe's")],
        known=["Zoë Smit"],
    ),
    Case(
        "Hoe gaat het met Jose en José?", [("naam", "Jose"), ("naam", "José")], known=["José Lima"]
    ),
    # tussenvoegsels, initials, double surnames
    Case(
        "Afspraak met J. de Vries en A.B. van der Meer van de woningcorporatie.",
        [("naam", "J. de Vries"), ("naam", "A.B. van der Meer")],
    ),
    Case(
        "Petra Bakker-de Vries en haar zoon Daan komen langs.",
        [("naam", "Petra Bakker-de Vries"), ("naam", "Daan")],
        known=["Petra Bakker-de Vries", "Daan Bakker"],
    ),
    Case(
        "Mevrouw Bakker-de Vries belde terug.",
        [("naam", "Bakker-de Vries")],
        known=["Petra Bakker-de Vries"],
    ),
    Case(
        "Meneer Van der Berg en mevrouw De Jong waren aanwezig.",
        [("naam", "Van der Berg"), ("naam", "De Jong")],
    ),
    Case(
        "De heer El Amrani en mevrouw Y\u0131lmaz kwamen samen.",
        [("naam", "El Amrani"), ("naam", "Y\u0131lmaz")],
    ),
    Case(
        "Noortje van 't Hof en Jan-Willem de Groot.",
        [("naam", "Noortje van 't Hof"), ("naam", "Jan-Willem de Groot")],
    ),
    Case("Stiefvader Gerrit-Jan ter Horst komt niet.", [("naam", "Gerrit-Jan ter Horst")]),
    Case(
        "Familie Van Dijk-Oosterhof heeft een nieuwe huurachterstand.",
        [("naam", "Van Dijk-Oosterhof")],
    ),
    # names outside the lists
    Case("Buurman Boddaugh helpt met de tuin.", [("naam", "Boddaugh")]),
    Case(
        "Xanthe Oosterhuis en Quirine Tjoelker waren er ook.",
        [("naam", "Xanthe Oosterhuis"), ("naam", "Quirine Tjoelker")],
    ),
    Case(
        "Kinderen: Quirijn (7), Fenneke (5) en Sjoerdje.",
        [("naam", "Quirijn"), ("naam", "Fenneke"), ("naam", "Sjoerdje")],
    ),
    Case("Fatima (8) en Mohamed (6) gaan naar de BSO.", [("naam", "Fatima"), ("naam", "Mohamed")]),
    Case(
        "Gesprek op de Hoofdstraat 12a met wijkagent Smit.",
        [("adres", "Hoofdstraat 12a"), ("naam", "Smit")],
    ),
    # addresses
    Case(
        "Het gezin woont op de Kanaalweg, vlak bij de school.",
        [("adres", "Kanaalweg")],
        keep=["de school"],
    ),
    Case(
        "Adres: Noorderdiep 104, 9611 AB Sappemeer.",
        [("adres", "Noorderdiep 104"), ("postcode", "9611 AB")],
    ),
    Case("Ze woont in de Kerkstraat 3-5 boven de bakker.", [("adres", "Kerkstraat 3-5")]),
    Case(
        "Zij woont aan de Burgemeester van der Veenstraat 5.",
        [("adres", "Burgemeester van der Veenstraat 5")],
    ),
    Case("woont aan de kanaalweg sinds de scheiding", [("adres", "kanaalweg")]),
    Case("Postcode 9641ab, huisnummer 12.", [("postcode", "9641ab")], keep=["huisnummer 12"]),
    # identifiers split over spaces and line breaks
    Case("Bel moeder op 06 - 1234\n5678 (na 16.00 uur).", [("telefoon", "06 - 1234\n5678")]),
    Case(
        "Telefoon: 050 - 123 45 67 of +31 (0)6 4123 4567.",
        [("telefoon", "050 - 123 45 67"), ("telefoon", "+31 (0)6 4123 4567")],
    ),
    Case(
        "telnr 0612345678, (0598) 61 23 45 en +31-6-51234567",
        [
            ("telefoon", "0612345678"),
            ("telefoon", "(0598) 61 23 45"),
            ("telefoon", "+31-6-51234567"),
        ],
    ),
    Case(
        "BSN: 1234 56 782; het sofinummer van vader is 111.222.333 en van zoon 123 456\n782.",
        [("bsn", "1234 56 782"), ("bsn", "111.222.333"), ("bsn", "123 456\n782")],
    ),
    Case(
        "Rekeningnummer NL91 ABNA\n0417 1643 00 (ABN), oude rekening nl20ingb0001234567.",
        [("iban", "NL91 ABNA\n0417 1643 00"), ("iban", "nl20ingb0001234567")],
    ),
    Case(
        "Mail naar petra.bakker@ziggo.nl of SANNE.DEBOER@GMAIL.COM of p.bakker (at) gmail.com",
        [
            ("e-mail", "petra.bakker@ziggo.nl"),
            ("e-mail", "SANNE.DEBOER@GMAIL.COM"),
            ("e-mail", "p.bakker (at) gmail.com"),
        ],
    ),
    Case(
        "Kenteken 12-ABC-3, de oude auto AB-123-C, de brommer ks-12-tx en de aanhanger 5TXB43.",
        [
            ("kenteken", "12-ABC-3"),
            ("kenteken", "AB-123-C"),
            ("kenteken", "ks-12-tx"),
            ("kenteken", "5TXB43"),
        ],
    ),
    # dates of birth
    Case(
        "Sanne is geboren op 3 maart 2016 en is jarig op 3 maart.",
        [("naam", "Sanne"), ("geboortedatum", "3 maart 2016"), ("geboortedatum", "3 maart")],
        known=["Sanne de Boer"],
    ),
    Case("Geb. datum moeder: 12/03/85.", [("geboortedatum", "12/03/85")]),
    Case(
        "Tygo (14-02-2019) gaat naar groep 3.", [("naam", "Tygo"), ("geboortedatum", "14-02-2019")]
    ),
    Case("Vader, geboren in 1979, werkt in de zorg.", [("geboortedatum", "1979")]),
    # other numbers of an identifier, and innocent numbers that stay
    Case("Dossiernummer 2023-04561 bij de Kredietbank.", [("nummer", "2023-04561")]),
    Case("Klantnummer 88 77 66 55 bij Essent.", [("nummer", "88 77 66 55")], keep=["Essent"]),
    Case(
        "In 2024 had het gezin € 1.500 schuld en 1500 euro achterstand; 3 kinderen, huisnummer 12.",
        [("bedrag", "€ 1.500"), ("bedrag", "1500 euro")],
        keep=["2024", "3 kinderen", "huisnummer 12"],
    ),
    Case(
        "Op 14-05-2025 om 10.30 uur is er een gesprek; de volgende keer 9.00-10.30.",
        keep=["14-05-2025", "10.30 uur", "9.00-10.30"],
    ),
    Case(
        "Het gezin staat al 8 maanden op de wachtlijst bij Lentis; 1200 mensen wachten.",
        keep=["8 maanden", "Lentis", "1200 mensen"],
    ),
    Case(
        "De Regenboog belde over groep 5; schooljaar 2024/2025 en de kosten € 45,50.",
        [("bedrag", "€ 45,50")],
        keep=["De Regenboog", "groep 5", "2024/2025"],
    ),
    # places of the region (also when not in the area catalogue), schools and exact amounts
    Case(
        "We wonen in Nieuw-Buinen, vroeger in Ter Apel en Onstwedde. Oma woont in Exloo en "
        "de kinderen gaan in Musselkanaal naar OBS De Kwinkslag. Kredietbank: 23456 euro.",
        [
            ("plaats", "Nieuw-Buinen"),
            ("plaats", "Ter Apel"),
            ("plaats", "Onstwedde"),
            ("plaats", "Exloo"),
            ("plaats", "Musselkanaal"),
            ("school", "OBS De Kwinkslag"),
            ("bedrag", "23456 euro"),
        ],
        keep=["We wonen in", "Oma woont in", "Kredietbank"],
    ),
    Case(
        "Sanne zit op basisschool Het Kompas in nieuw-buinen; haar broer op CBS De Wegwijzer "
        "in 2e Exloërmond. Huur EUR 725,- per maand.",
        [
            ("naam", "Sanne"),
            ("school", "basisschool Het Kompas"),
            ("plaats", "nieuw-buinen"),
            ("school", "CBS De Wegwijzer"),
            ("plaats", "2e Exloërmond"),
            ("bedrag", "EUR 725,-"),
        ],
        keep=["per maand"],
    ),
    Case(
        "Na school maandag naar de bieb in Oude Pekela; de school De Zonnewijzer belt terug.",
        [("plaats", "Oude Pekela"), ("school", "school De Zonnewijzer")],
        keep=["Na school maandag", "de bieb"],
    ),
    Case(
        "Het kind van de buren, Sem, speelt vaak mee bij Albert Heijn.",
        [("naam", "Sem")],
        keep=["Albert Heijn"],
    ),
    Case(
        "Zorgverzekering via Menzis; bij de Huisartsenpost in Veendam. Verzekering loopt.",
        [("plaats", "Veendam")],
        keep=["Zorgverzekering via Menzis", "Huisartsenpost in", "Verzekering loopt"],
    ),
]


def tricky_docs() -> list[Doc]:
    docs = []
    for case in CASES:
        doc = Doc(text=case.text, known_names=list(case.known), keep=list(case.keep))
        doc.source = "tricky"
        doc.sentences = 1
        position = 0
        for kind, value in case.ids:
            start = case.text.index(value, position)
            doc.spans.append(Span(kind, start, start + len(value)))
            position = start + len(value)
        docs.append(doc)
    return docs
