"""What the demo teams do: shared actions per life domain, and the barriers they meet."""

from __future__ import annotations

from dataclasses import dataclass

from maatwerk.core.enums import BarrierCategory, Carrier, Domain


@dataclass(frozen=True)
class ActionTemplate:
    """A shared action; organisation keys from content.ORGANISATIONS, "regie" = coordinator's."""

    description: str
    carrier: Carrier
    lead: str | None
    participating: tuple[str, ...] = ()
    intervention: str | None = None
    cost: int | None = None
    only_in: tuple[str, ...] = ()  # municipalities where the intervention runs


@dataclass(frozen=True)
class BarrierTemplate:
    """A barrier a team runs into, and to whom it goes when escalated."""

    category: BarrierCategory
    description: str
    rule: str
    solution: str
    escalate_to: str  # organisation key that has a manager
    domains: tuple[Domain, ...]  # life domains of the actions it can block
    amount: int | None = None  # granted from the flexible budget when decided


E, S, C, P, M = Domain.ECONOMIC, Domain.SOCIAL, Domain.CULTURAL, Domain.PEDAGOGICAL, Domain.MENTAL
FAM, NET, PRO = Carrier.FAMILY, Carrier.NETWORK, Carrier.PROFESSIONAL

ACTIONS: dict[Domain, list[ActionTemplate]] = {
    E: [
        ActionTemplate(
            "Samen alle schulden op een rij zetten en een schuldregeling aanvragen",
            PRO,
            "geld",
            ("regie",),
            "Schuldhulpverlening",
        ),
        ActionTemplate(
            "Elke week met de budgetcoach het huishoudboekje bijhouden",
            FAM,
            "geld",
            ("welzijn",),
            "Budgetcoaching",
        ),
        ActionTemplate(
            "Betaalafspraak maken over de huurachterstand",
            PRO,
            "wonen",
            ("geld", "regie"),
            "Woonbegeleiding en huurschuldpreventie",
        ),
        ActionTemplate(
            "Zes maanden een vast bedrag per maand, met begeleiding als we willen",
            PRO,
            "regie",
            ("geld",),
            "Gewoon geld geven",
            3000,
            ("Stadskanaal",),
        ),
        ActionTemplate(
            "Toeslagen en kwijtschelding van gemeentelijke belastingen aanvragen",
            PRO,
            "regie",
            ("geld",),
        ),
        ActionTemplate(
            "Samen met een werkcoach werk zoeken voor een paar dagen per week",
            PRO,
            "regie",
            ("welzijn",),
        ),
    ],
    S: [
        ActionTemplate(
            "Een maatje zoeken dat een jaar lang elke week langskomt",
            NET,
            "welzijn",
            ("ervaring",),
            "Maatjesproject",
        ),
        ActionTemplate(
            "Aanmelden bij de sportclub; de contributie wordt betaald",
            PRO,
            "welzijn",
            ("regie",),
            "Kansen voor Kinderen",
            150,
        ),
        ActionTemplate("Oma en de buurvrouw vragen om twee middagen per week te helpen", NET, None),
        ActionTemplate("Samen naar de inloop in het dorpshuis", FAM, "welzijn"),
    ],
    C: [
        ActionTemplate(
            "Inschrijven voor een mbo-opleiding, met hulp van de jongerenwerker",
            PRO,
            "onderwijs",
            ("welzijn",),
            "Jongerenwerk en loopbaancoaching",
        ),
        ActionTemplate("Lessen lezen en schrijven volgen in de bibliotheek", FAM, "welzijn"),
        ActionTemplate(
            "Geldlessen op school voor de oudste, met een ouderavond",
            PRO,
            "onderwijs",
            ("geld",),
            "Financiële educatie",
        ),
        ActionTemplate("Computerles volgen in de bibliotheek", FAM, "welzijn"),
    ],
    P: [
        ActionTemplate(
            "De gezinswerker komt twee keer per week helpen met het dagritme",
            PRO,
            "zorg",
            ("regie",),
            "Praktische gezinsondersteuning",
        ),
        ActionTemplate(
            "Gesprek met de mentor over verzuim en een plan voor elke ochtend",
            PRO,
            "onderwijs",
            ("zorg",),
        ),
        ActionTemplate(
            "Kraamzorg blijft langer tot de hulp van de GGZ begint",
            PRO,
            "kraamzorg",
            ("ggz", "regie"),
            "Verlengde kraamzorg",
            1200,
        ),
        ActionTemplate(
            "Afspraken met verloskundige en kraamzorg over de eerste weken",
            PRO,
            "kraamzorg",
            ("zorg",),
            "Kansrijke Start",
        ),
    ],
    M: [
        ActionTemplate(
            "Gesprekken bij de GGZ-inloop in het dorpshuis",
            PRO,
            "ggz",
            ("welzijn",),
            "Laagdrempelige GGZ-inloop",
        ),
        ActionTemplate(
            "Behandeling bij de GGZ; de huisarts wordt op de hoogte gehouden",
            PRO,
            "ggz",
            ("zorg", "regie"),
        ),
        ActionTemplate(
            "Een ervaringsdeskundige gaat mee naar moeilijke afspraken",
            NET,
            "ervaring",
            ("regie",),
            "Ervaringsdeskundige gezinsbegeleiding",
        ),
        ActionTemplate("Elke dag een half uur wandelen met de buurvrouw", FAM, None),
    ],
}

ALL = (E, S, C, P, M)

BARRIERS: list[BarrierTemplate] = [
    BarrierTemplate(
        BarrierCategory.WAITING_LIST,
        "Wachtlijst van veertien weken voor behandeling; zo lang kan moeder niet wachten.",
        "Wachtlijst specialistische GGZ",
        "Kraamzorg of gezinswerker verlengen tot de behandeling begint.",
        "ggz",
        (M, P),
    ),
    BarrierTemplate(
        BarrierCategory.BUDGET,
        "Contributie en sportkleding vallen buiten de minimaregeling.",
        "Beleidsregels minimaregelingen",
        "Eenmalig bedrag uit het maatwerkbudget.",
        "geld",
        (S,),
        175,
    ),
    BarrierTemplate(
        BarrierCategory.RULES,
        "De schuldregeling kan niet starten: een schuldeiser reageert niet op brieven.",
        "Wet gemeentelijke schuldhulpverlening",
        "Tussenoplossing: schuld overnemen met een saneringskrediet.",
        "geld",
        (E,),
        850,
    ),
    BarrierTemplate(
        BarrierCategory.RULES,
        "De corporatie start een ontruimingsprocedure bij drie maanden huurachterstand.",
        "Incassobeleid woningcorporatie",
        "Procedure stilzetten zolang de betaalafspraak loopt.",
        "wonen",
        (E,),
        600,
    ),
    BarrierTemplate(
        BarrierCategory.INFORMATION_SHARING,
        "School en gezinswerker weten niet of ze gegevens met elkaar mogen delen.",
        "AVG",
        "Toestemming per organisatie vastleggen in het plan.",
        "zorg",
        (P, C),
    ),
    BarrierTemplate(
        BarrierCategory.CAPACITY,
        "Er is deze maanden geen gezinswerker vrij in dit dorp.",
        "",
        "Tijdelijk een gezinswerker uit een ander team inzetten.",
        "zorg",
        (P,),
    ),
    BarrierTemplate(
        BarrierCategory.COLLABORATION,
        "Twee organisaties plannen los van elkaar huisbezoeken; het gezin raakt overbelast.",
        "",
        "Eén vast aanspreekpunt en één gezamenlijke agenda.",
        "welzijn",
        ALL,
    ),
    BarrierTemplate(
        BarrierCategory.BUDGET,
        "Reiskosten naar de opleiding zijn te hoog en er is geen regeling boven de 18 jaar.",
        "Regeling leerlingenvervoer",
        "Regionale reiskostenregeling voor studenten.",
        "welzijn",
        (C,),
        240,
    ),
    BarrierTemplate(
        BarrierCategory.CAPACITY,
        "Geen plek bij de GGZ-inloop in dit dorp; de dichtstbijzijnde is te ver met de bus.",
        "",
        "Een GGZ-medewerker komt eens per twee weken naar het dorpshuis.",
        "ggz",
        (M,),
    ),
]
