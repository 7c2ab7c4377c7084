"""The words of the synthetic families and teams: small vocabularies combined into many texts.

Goal titles are put together from an opener, a core in the family's own words and an
optional time fragment; first-person cores ("mijn") get an "ik" opener, plural cores
("ons") a "we" opener. Everything is B1 Dutch, as the families would say it.
"""

from __future__ import annotations

import re

from maatwerk.core.enums import BarrierCategory, Domain
from maatwerk.demo.work import ALL, BarrierTemplate

E, S, C, P, M = Domain.ECONOMIC, Domain.SOCIAL, Domain.CULTURAL, Domain.PEDAGOGICAL, Domain.MENTAL

SINGULAR_OPENERS = ("Ik wil", "Ik wil graag", "Ik wil echt")
PLURAL_OPENERS = ("We willen", "Wij willen graag", "We willen samen")
WHEN = ("", "", "", " voor de zomer", " dit jaar", " binnen een half jaar", " stap voor stap")

GOAL_CORES: dict[Domain, tuple[str, ...]] = {
    E: (
        "zonder schulden leven",
        "de huur weer op tijd betalen",
        "weten wat er elke maand binnenkomt en uitgaat",
        "werk vinden voor een paar dagen per week",
        "de energierekening kunnen betalen",
        "rondkomen van ons geld",
        "geen brieven van de deurwaarder meer krijgen",
        "zelf onze administratie bijhouden",
        "een potje sparen voor onverwachte kosten",
        "de toeslagen goed regelen",
    ),
    S: (
        "mensen om ons heen hebben op wie we kunnen rekenen",
        "ons thuis voelen in het dorp",
        "weer contact hebben met mijn familie",
        "dat de kinderen op een sportclub kunnen",
        "nieuwe vrienden maken",
        "minder alleen zijn",
        "meedoen met activiteiten in de buurt",
        "hulp van de buren durven vragen",
    ),
    C: (
        "mijn diploma halen",
        "beter leren lezen en schrijven",
        "leren werken met de computer",
        "dat de kinderen leren omgaan met geld",
        "een opleiding kiezen die past",
        "beter Nederlands leren spreken",
        "een cursus volgen",
        "mijn rijbewijs halen",
    ),
    P: (
        "rust in huis en vaste tijden voor de kinderen",
        "dat de kinderen elke dag naar school gaan",
        "minder ruzie thuis",
        "weten hoe ik mijn kind kan helpen met de boosheid",
        "een goede start met onze baby",
        "dat de kinderen goed slapen",
        "samen leuke dingen doen met de kinderen",
        "duidelijke afspraken maken met onze kinderen",
    ),
    M: (
        "weer rust in mijn hoofd",
        "minder somber zijn",
        "meer vertrouwen in mezelf",
        "minder stress over geld en post",
        "beter slapen",
        "weer plezier hebben in het leven",
        "leren omgaan met spanning",
        "hulp voor mijn zorgen durven vragen",
    ),
}

WHY: dict[Domain, tuple[str, ...]] = {
    E: (
        "Elke maand is het geld op voor de maand om is.",
        "De brieven maken ons bang.",
        "We willen niet uit ons huis hoeven.",
        "Dan schrik ik niet meer van rekeningen.",
    ),
    S: (
        "Nu sta ik er alleen voor als het misgaat.",
        "Sinds de verhuizing kennen we bijna niemand.",
        "De kinderen willen erbij horen, net als hun vrienden.",
    ),
    C: (
        "Met een diploma heb ik meer kans op werk.",
        "Dan kan ik zelf de brieven van de gemeente lezen.",
        "Alles gaat nu via internet, ook de toeslagen.",
    ),
    P: (
        "De kinderen slapen slecht en zijn moe op school.",
        "Er is thuis vaak ruzie en dat is voor iedereen zwaar.",
        "Ze missen veel lessen en lopen achter.",
    ),
    M: (
        "Ik slaap slecht door alle zorgen.",
        "Ik denk vaak dat ik het toch niet kan.",
        "We maken de brieven bijna niet meer open.",
    ),
}

STRENGTHS = (
    "We houden veel van onze kinderen.",
    "Ik zet door als ik iets wil.",
    "We houden al een schriftje bij met wat we uitgeven.",
    "Ik help zelf graag anderen.",
    "Mijn zus woont dichtbij en helpt graag.",
    "Ik ben altijd op tijd.",
    "We zijn zuinig en willen leren hoe het beter kan.",
    "Wandelen helpt me.",
    "Ik kan goed luisteren.",
    "We willen het samen aanpakken.",
    "",
)

FAMILY_NAMES = (
    "Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Dijkstra", "Kuiper", "Veenstra",
    "Hoekstra", "Huizing", "Wolters", "Wiersma", "Oosting", "Boerema", "Nijboer", "Schuiling",
    "Dijkhuis", "Tiddens", "Hofstede", "Wubbels", "Hummel", "Lanting", "Mensinga", "Zijlstra",
    "Holtkamp", "Eising", "Hadders", "Hemmes", "Kremer", "Luinge", "Nijhof", "Pieters",
    "Rozema", "Smeenge", "Timmer", "Brink", "Hamminga", "Fokkens", "Bruins", "de Haan",
    "Kloosterman", "Stuiver", "Kamps", "Wijnholds", "Tuin", "Zwiers", "Wubs", "Lubbers",
    "Koops", "Drenth", "Moes", "Venema", "Yilmaz", "Nowak", "Haile", "El Amrani", "Kaya",
    "Kowalski", "Bouma", "Scholten", "Post", "Kok",
)  # fmt: skip

TEAM_COMMENTS = (
    "Volgende week huisbezoek samen met de collega van de GGZ.",
    "Afspraak met de budgetcoach staat; papieren graag meenemen.",
    "Ik neem contact op met school over de ochtenden.",
    "De aanvraag is verstuurd; we horen binnen zes weken iets.",
    "Goed gesprek gehad; we gaan eerst voor rust in huis.",
)
FAMILY_COMMENTS = (
    "Fijn dat jullie meedenken. Dinsdag kan ik niet, woensdag wel.",
    "Het gaat beter met slapen sinds de gesprekken.",
    "Mogen we het gesprek bij ons thuis doen?",
    "De brief is binnen, ik neem hem mee.",
)

WITHDRAW_REASON = "Het gezin heeft de toestemming om het plan te delen ingetrokken."
RESOLVE_STRUCTURAL_REASON = "De programmaraad heeft de regel aangepast; het knelpunt is opgelost."

# The one barrier category the demo's templates do not cover.
OTHER_BARRIER = BarrierTemplate(
    BarrierCategory.OTHER,
    "Het gezin heeft geen vervoer naar de afspraken in de stad.",
    "",
    "Vrijwilligers van het dorpshuis rijden het gezin naar de afspraken.",
    "welzijn",
    ALL,
)

_SINGULAR = re.compile(r"\b(mijn|mezelf|ik)\b")
_PLURAL = re.compile(r"\b(ons|onze|we|wij)\b")


def goal_phrases(domain: Domain) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every core of the domain with the openers that agree with it."""
    phrases = []
    for core in GOAL_CORES[domain]:
        if _SINGULAR.search(core):
            openers = SINGULAR_OPENERS
        elif _PLURAL.search(core):
            openers = PLURAL_OPENERS
        else:
            openers = SINGULAR_OPENERS + PLURAL_OPENERS
        phrases.append((openers, core))
    return tuple(phrases)
