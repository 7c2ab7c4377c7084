"""What the demo families and teams write: goals in the family's own words (B1 Dutch),
shared actions, barriers and comments."""

from __future__ import annotations

from dataclasses import dataclass

from maatwerk.core.enums import BarrierCategory, Carrier, Domain


@dataclass(frozen=True)
class GoalText:
    """A goal as a family would put it."""

    title: str
    why: str
    strengths: str
    needs: str = ""  # "", "children", "teen" or "baby": who must be in the household


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
    amount: int | None = None  # granted from the flexible budget when decided


E, S, C, P, M = Domain.ECONOMIC, Domain.SOCIAL, Domain.CULTURAL, Domain.PEDAGOGICAL, Domain.MENTAL
FAM, NET, PRO = Carrier.FAMILY, Carrier.NETWORK, Carrier.PROFESSIONAL

GOALS: dict[Domain, list[GoalText]] = {
    E: [
        GoalText(
            "We willen zonder schulden leven",
            "Elke maand is het geld op voor de maand om is. De brieven maken ons bang.",
            "We houden al een schriftje bij met wat we uitgeven.",
        ),
        GoalText(
            "Ik wil weten wat er elke maand binnenkomt en uitgaat",
            "Dan schrik ik niet meer van rekeningen.",
            "Ik ben goed met getallen.",
        ),
        GoalText(
            "Ik wil werk vinden voor een paar dagen per week",
            "Ik wil mijn eigen geld verdienen en een voorbeeld zijn voor de kinderen.",
            "Ik ben altijd op tijd en ik heb in de schoonmaak gewerkt.",
        ),
        GoalText(
            "We willen de huur weer op tijd betalen",
            "We willen niet uit ons huis hoeven.",
            "We willen graag een afspraak maken.",
        ),
        GoalText(
            "We willen de energierekening kunnen betalen",
            "In de winter zetten we de verwarming bijna niet aan.",
            "We zijn zuinig en willen leren hoe het nog beter kan.",
        ),
    ],
    S: [
        GoalText(
            "Ik wil mensen om me heen hebben op wie ik kan rekenen",
            "Nu sta ik er alleen voor als het misgaat.",
            "Ik help zelf graag anderen, de buurvrouw vraagt mij vaak.",
        ),
        GoalText(
            "Onze zoon wil op voetbal",
            "Hij wil erbij horen, net als zijn vrienden.",
            "Hij is sportief en geeft niet op.",
            needs="children",
        ),
        GoalText(
            "We willen ons thuis voelen in het dorp",
            "Sinds de verhuizing kennen we bijna niemand.",
            "We zijn gastvrij en houden van koken voor anderen.",
        ),
        GoalText(
            "Ik wil weer contact met mijn familie",
            "Ik mis mijn zus en mijn ouders.",
            "Ik kan goed luisteren.",
        ),
    ],
    C: [
        GoalText(
            "Ik wil mijn diploma halen",
            "Met een diploma heb ik meer kans op werk.",
            "Ik zet door als ik iets wil.",
        ),
        GoalText(
            "Onze dochter wil een opleiding kiezen die bij haar past",
            "Ze weet nog niet wat ze na de zomer wil doen.",
            "Ze is creatief en kan goed met kleine kinderen omgaan.",
            needs="teen",
        ),
        GoalText(
            "Ik wil beter leren lezen en schrijven",
            "Dan kan ik zelf de brieven van de gemeente lezen.",
            "Ik durf hulp te vragen.",
        ),
        GoalText(
            "Ik wil leren werken met de computer",
            "Alles gaat nu via internet, ook de toeslagen.",
            "Mijn oudste kan me er een beetje mee helpen.",
        ),
    ],
    P: [
        GoalText(
            "We willen rust in huis en vaste tijden voor de kinderen",
            "De kinderen slapen slecht en zijn moe op school.",
            "We houden veel van onze kinderen en willen het goed doen.",
            needs="children",
        ),
        GoalText(
            "Ik wil weten hoe ik mijn zoon kan helpen met zijn boosheid",
            "Er is thuis vaak ruzie en dat is voor iedereen zwaar.",
            "Ik blijf rustig als ik zelf goed in mijn vel zit.",
            needs="children",
        ),
        GoalText(
            "We willen dat de kinderen elke dag naar school gaan",
            "Ze missen veel lessen en lopen achter.",
            "De kinderen vinden hun juf leuk.",
            needs="children",
        ),
        GoalText(
            "Ik wil een goede start met onze baby",
            "Ik ben bang dat ik het niet goed doe.",
            "Mijn zus woont dichtbij en helpt graag.",
            needs="baby",
        ),
    ],
    M: [
        GoalText(
            "Ik wil weer rust in mijn hoofd",
            "Ik slaap slecht door alle zorgen.",
            "Wandelen helpt me. Ik wil het weer vaker doen.",
        ),
        GoalText(
            "Ik wil minder somber zijn",
            "Ik wil weer leuke dingen doen met de kinderen.",
            "Ik kan goed praten met mijn vriendin.",
        ),
        GoalText(
            "Ik wil meer vertrouwen in mezelf",
            "Ik denk vaak dat ik het toch niet kan.",
            "Ik heb al veel moeilijke dingen overwonnen.",
        ),
        GoalText(
            "We willen minder stress over geld en post",
            "We maken de brieven bijna niet meer open.",
            "We willen het samen aanpakken.",
        ),
    ],
}

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

BARRIERS: list[BarrierTemplate] = [
    BarrierTemplate(
        BarrierCategory.WAITING_LIST,
        "Wachtlijst van veertien weken voor behandeling; zo lang kan moeder niet wachten.",
        "Wachtlijst specialistische GGZ",
        "Kraamzorg of gezinswerker verlengen tot de behandeling begint.",
        "ggz",
    ),
    BarrierTemplate(
        BarrierCategory.BUDGET,
        "Contributie en sportkleding vallen buiten de minimaregeling.",
        "Beleidsregels minimaregelingen",
        "Eenmalig bedrag uit het maatwerkbudget.",
        "geld",
        175,
    ),
    BarrierTemplate(
        BarrierCategory.RULES,
        "De schuldregeling kan niet starten: een schuldeiser reageert niet op brieven.",
        "Wet gemeentelijke schuldhulpverlening",
        "Tussenoplossing: schuld overnemen met een saneringskrediet.",
        "geld",
        850,
    ),
    BarrierTemplate(
        BarrierCategory.RULES,
        "De corporatie start een ontruimingsprocedure bij drie maanden huurachterstand.",
        "Incassobeleid woningcorporatie",
        "Procedure stilzetten zolang de betaalafspraak loopt.",
        "wonen",
        600,
    ),
    BarrierTemplate(
        BarrierCategory.INFORMATION_SHARING,
        "School en gezinswerker weten niet of ze gegevens met elkaar mogen delen.",
        "AVG",
        "Toestemming per organisatie vastleggen in het plan.",
        "ggz",
    ),
    BarrierTemplate(
        BarrierCategory.CAPACITY,
        "Er is deze maanden geen gezinswerker vrij in dit dorp.",
        "",
        "Tijdelijk een gezinswerker uit een ander team inzetten.",
        "ggz",
    ),
    BarrierTemplate(
        BarrierCategory.COLLABORATION,
        "Twee organisaties plannen los van elkaar huisbezoeken; het gezin raakt overbelast.",
        "",
        "Eén vast aanspreekpunt en één gezamenlijke agenda.",
        "geld",
    ),
    BarrierTemplate(
        BarrierCategory.BUDGET,
        "Reiskosten naar de opleiding zijn te hoog en er is geen regeling boven de 18 jaar.",
        "Regeling leerlingenvervoer",
        "Regionale reiskostenregeling voor studenten.",
        "geld",
    ),
]

# Decisions and reasons, by the trigger they go with.
REASONS: dict[str, list[str]] = {
    "pause": [
        "Moeder is opgenomen; we pakken het op als ze weer thuis is.",
        "Het gezin wil even rust na de verhuizing.",
        "Wachten op de uitslag van de schuldregeling.",
    ],
    "resume": ["Het gezin is er weer klaar voor."],
    "close": [
        "De doelen zijn bereikt; het gezin redt het zelf.",
        "Het gezin is verhuisd buiten de regio.",
        "Samen besloten te stoppen; de belangrijkste zorgen zijn weg.",
    ],
    "decide": [
        "Bedrag toegekend uit het maatwerkbudget.",
        "Akkoord; de procedure wordt stilgezet.",
    ],
    "resolve": ["In het team opgelost: één vast aanspreekpunt afgesproken."],
    "make_structural": ["Komt vaker voor; op de agenda van de programmaraad."],
    "cancel": ["Niet meer nodig; het gezin heeft het zelf geregeld."],
}

FAMILY_COMMENTS = [
    "Fijn dat jullie meedenken. Dinsdag kan ik niet, woensdag wel.",
    "Het gaat beter met slapen sinds de gesprekken.",
    "Ik heb de brief van de deurwaarder in de map gedaan.",
    "Mogen we het gesprek bij ons thuis doen?",
]
TEAM_COMMENTS = [
    "Volgende week huisbezoek samen met de collega van de GGZ.",
    "Afspraak met de budgetcoach staat; papieren graag meenemen.",
    "Goed gesprek gehad. Het gezin wil eerst rust in huis, daarna het geld.",
    "Ik neem contact op met school over de ochtenden.",
]
