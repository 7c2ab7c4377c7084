"""Programme catalogue of the demo: operational goals and the intervention directory."""

from __future__ import annotations

from dataclasses import dataclass

from maatwerk.core.enums import Domain, ProgrammeLine


@dataclass(frozen=True)
class OperationalGoalData:
    """One operational goal of the programme plan (seed 000, "evaluatie op de HET-kant")."""

    code: str
    text: str
    line: ProgrammeLine
    phase_plan: int
    measurement: str


TG, FIELD, LEARN = (
    ProgrammeLine.TARGET_GROUP,
    ProgrammeLine.FIELD,
    ProgrammeLine.EFFECTIVENESS_LEARNING,
)

OPERATIONAL_GOALS: list[OperationalGoalData] = [
    OperationalGoalData(
        "OD-01",
        "Jongeren zijn tevreden over hun mogelijkheden om een opleiding te volgen "
        "die bij hen past.",
        TG,
        2,
        "Ervaringsvragenlijst jongeren; verandering in score cultureel kapitaal.",
    ),
    OperationalGoalData(
        "OD-02",
        "Huishoudens voelen zich prettig in hun wijk of omgeving.",
        TG,
        2,
        "Ervaringsvragenlijst gezinnen; verandering in score sociaal kapitaal per dorp of wijk.",
    ),
    OperationalGoalData(
        "OD-03",
        "Huishoudens zijn tevreden over hun arbeidsmarktpositie.",
        TG,
        2,
        "Ervaringsvragenlijst; verandering in score economisch kapitaal.",
    ),
    OperationalGoalData(
        "OD-04",
        "Huishoudens ervaren dat ze kunnen terugvallen op informele hulp in hun omgeving.",
        TG,
        2,
        "Aandeel acties gedragen door het netwerk; ervaringsvragenlijst.",
    ),
    OperationalGoalData(
        "OD-05",
        "Ouders ervaren dat ze hun kinderen een veilige en stimulerende pedagogische "
        "omgeving kunnen bieden.",
        TG,
        3,
        "Verandering in score pedagogisch kapitaal; ervaringsvragenlijst ouders.",
    ),
    OperationalGoalData(
        "OD-06",
        "Kinderen, jongeren en volwassenen hebben vertrouwen in zichzelf.",
        TG,
        2,
        "Verandering in score mentaal kapitaal; ervaringsvragenlijst.",
    ),
    OperationalGoalData(
        "OD-07",
        "Huishoudens zijn vroeg in beeld, zodat ze op het juiste moment de juiste steun krijgen.",
        FIELD,
        2,
        "Dagen van aanmelding tot start plan; aandeel aanmeldingen via vroegsignalering.",
    ),
    OperationalGoalData(
        "OD-08",
        "Kinderen, jongeren en volwassenen die hulp en steun nodig hebben, worden beter bereikt.",
        FIELD,
        2,
        "Aantal gestarte plannen per dorp of wijk, per jaar.",
    ),
    OperationalGoalData(
        "OD-09",
        "Gezinnen ervaren dat de samenhang tussen hun problemen vanuit hun eigen "
        "perspectief wordt verkend.",
        FIELD,
        2,
        "Aantal leefgebieden met doelen per plan; ervaringsvragenlijst.",
    ),
    OperationalGoalData(
        "OD-10",
        "Gezinnen ervaren dat zij zelf bepalen welke problemen prioriteit hebben.",
        FIELD,
        2,
        "Aandeel actieve plannen bevestigd door het gezin; aandeel prioriteiten gezet door "
        "het gezin; ervaringsvragenlijst.",
    ),
    OperationalGoalData(
        "OD-11",
        "De randvoorwaarden voor samenwerking rond maatwerk zijn gerealiseerd.",
        FIELD,
        2,
        "Knelpunten gemeld en opgelost; dagen tot oplossing; aandeel acties met twee of "
        "meer organisaties.",
    ),
    OperationalGoalData(
        "OD-12",
        "Professionals ervaren meer tijd en ruimte om maatwerk te leveren.",
        FIELD,
        2,
        "Ervaringsvragenlijst professionals; knelpunten in de categorie capaciteit.",
    ),
    OperationalGoalData(
        "OD-13",
        "De randvoorwaarden voor duurzame relaties zijn gerealiseerd.",
        FIELD,
        2,
        "Wisselingen van regisseur per plan-jaar.",
    ),
    OperationalGoalData(
        "OD-14",
        "Langdurige inzet is gerealiseerd.",
        FIELD,
        2,
        "Looptijd van plannen; aantal cycli per plan.",
    ),
    OperationalGoalData(
        "OD-15",
        "Er is continuïteit in beleid en uitvoering.",
        FIELD,
        2,
        "Structurele knelpunten en hoe lang ze open staan; wisselingen in teams.",
    ),
    OperationalGoalData(
        "OD-16",
        "We weten wat effectief is.",
        LEARN,
        2,
        "Verandering in uitkomstscores per interventie (met aantallen).",
    ),
    OperationalGoalData(
        "OD-17",
        "We leren van elkaar.",
        LEARN,
        2,
        "Gehouden casuïstiekbesprekingen, gepubliceerde lessen, deelnemende organisaties "
        "en ervaringsdeskundigen.",
    ),
]


@dataclass(frozen=True)
class InterventionData:
    """One entry of the service directory (sociale kaart)."""

    name: str
    description: str
    organisations: tuple[str, ...]  # organisation keys of content.ORGANISATIONS
    domains: tuple[Domain, ...]
    municipalities: tuple[str, ...]  # empty: the whole region


E, S, C, P, M = Domain.ECONOMIC, Domain.SOCIAL, Domain.CULTURAL, Domain.PEDAGOGICAL, Domain.MENTAL

INTERVENTIONS: list[InterventionData] = [
    InterventionData(
        "Kansen voor Kinderen",
        "Gezinsaanpak die ouders en kinderen helpt om kansen te pakken op school, in de "
        "sport en thuis, met ruimte voor tijdelijk extra inkomen.",
        ("welzijn", "onderwijs"),
        (P, C, E),
        ("Hoogeveen", "Pekela", "Stadskanaal"),
    ),
    InterventionData(
        "Praktische gezinsondersteuning",
        "Een vaste gezinswerker helpt thuis mee met dagritme, post, geld en opvoeding.",
        ("zorg", "welzijn"),
        (P, E, S),
        ("Pekela", "Veendam", "Oldambt"),
    ),
    InterventionData(
        "Kansrijke Start",
        "Steun voor aanstaande en jonge ouders in de eerste 1000 dagen, samen met "
        "verloskundigen, kraamzorg en huisartsen.",
        ("kraamzorg", "zorg", "ggz"),
        (P, M, S),
        (),
    ),
    InterventionData(
        "Gewoon geld geven",
        "Experiment: gezinnen krijgen een tijd een vast bedrag per maand, zonder "
        "voorwaarden, met begeleiding als ze dat willen.",
        ("stadskanaal", "geld"),
        (E, M),
        ("Stadskanaal",),
    ),
    InterventionData(
        "Financiële educatie",
        "Lessen over geld voor kinderen in het basis- en voortgezet onderwijs en hun ouders.",
        ("onderwijs", "geld"),
        (E, C),
        (),
    ),
    InterventionData(
        "Verlengde kraamzorg",
        "Kraamzorg blijft langer in het gezin, bijvoorbeeld zolang er een wachtlijst is "
        "voor GGZ-hulp.",
        ("kraamzorg",),
        (P, M),
        (),
    ),
    InterventionData(
        "Schuldhulpverlening",
        "Hulp bij het in kaart brengen en regelen van schulden, tot een schuldregeling aan toe.",
        ("geld", "stadskanaal", "veendam", "emmen"),
        (E,),
        (),
    ),
    InterventionData(
        "Budgetcoaching",
        "Een budgetcoach leert het gezin om zelf overzicht te houden over inkomsten en uitgaven.",
        ("geld", "welzijn"),
        (E,),
        (),
    ),
    InterventionData(
        "Maatjesproject",
        "Een vrijwilliger trekt een jaar op met een ouder of jongere, voor steun en gezelschap.",
        ("welzijn", "ervaring"),
        (S, M),
        (),
    ),
    InterventionData(
        "Ervaringsdeskundige gezinsbegeleiding",
        "Een ervaringsdeskundige loopt mee met het gezin en helpt om hulp te vragen en te houden.",
        ("ervaring",),
        (M, S),
        (),
    ),
    InterventionData(
        "Woonbegeleiding en huurschuldpreventie",
        "Bij een huurachterstand zoekt de woonconsulent snel contact en maakt een betaalafspraak.",
        ("wonen", "geld"),
        (E, S),
        ("Stadskanaal", "Veendam", "Pekela"),
    ),
    InterventionData(
        "Laagdrempelige GGZ-inloop",
        "Zonder verwijzing praten met een GGZ-medewerker in het dorpshuis.",
        ("ggz", "welzijn"),
        (M,),
        ("Stadskanaal", "Emmen", "Borger-Odoorn"),
    ),
    InterventionData(
        "Jongerenwerk en loopbaancoaching",
        "Jongerenwerkers en de school helpen jongeren een opleiding of baan te kiezen die "
        "bij ze past.",
        ("welzijn", "onderwijs"),
        (C, E),
        (),
    ),
]

# Short statements of the experience survey (DESIGN §4) -> operational goal code.
SURVEY_STATEMENTS: dict[str, tuple[str, str]] = {
    "own_priorities": ("OD-10", "Wij bepalen zelf welke problemen voorrang krijgen."),
    "coherence": ("OD-09", "Er is gekeken naar al onze zorgen samen."),
    "informal_help": ("OD-04", "Ik kan terugvallen op mensen om mij heen."),
    "self_confidence": ("OD-06", "Ik heb vertrouwen in mezelf."),
    "neighbourhood": ("OD-02", "Ik woon prettig in mijn dorp of wijk."),
}
