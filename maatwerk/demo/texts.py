"""What the demo families write: goals in their own words (B1 Dutch); comments and reasons."""

from __future__ import annotations

from dataclasses import dataclass

from maatwerk.core.enums import Domain


@dataclass(frozen=True)
class GoalText:
    """A goal as a family would put it."""

    title: str
    why: str
    strengths: str
    needs: str = ""  # "", "children", "teen" or "baby": who must be in the household
    actions: tuple[int, ...] = (0,)  # fitting actions: indexes into work.ACTIONS[domain]


E, S, C, P, M = Domain.ECONOMIC, Domain.SOCIAL, Domain.CULTURAL, Domain.PEDAGOGICAL, Domain.MENTAL

GOALS: dict[Domain, list[GoalText]] = {
    E: [
        GoalText(
            "We willen zonder schulden leven",
            "Elke maand is het geld op voor de maand om is. De brieven maken ons bang.",
            "We houden al een schriftje bij met wat we uitgeven.",
            actions=(0, 1, 3),
        ),
        GoalText(
            "Ik wil weten wat er elke maand binnenkomt en uitgaat",
            "Dan schrik ik niet meer van rekeningen.",
            "Ik ben goed met getallen.",
            actions=(1, 4),
        ),
        GoalText(
            "Ik wil werk vinden voor een paar dagen per week",
            "Ik wil mijn eigen geld verdienen en een voorbeeld zijn voor de kinderen.",
            "Ik ben altijd op tijd en ik heb in de schoonmaak gewerkt.",
            actions=(5,),
        ),
        GoalText(
            "We willen de huur weer op tijd betalen",
            "We willen niet uit ons huis hoeven.",
            "We willen graag een afspraak maken.",
            actions=(2,),
        ),
        GoalText(
            "We willen de energierekening kunnen betalen",
            "In de winter zetten we de verwarming bijna niet aan.",
            "We zijn zuinig en willen leren hoe het nog beter kan.",
            actions=(4, 1, 3),
        ),
    ],
    S: [
        GoalText(
            "Ik wil mensen om me heen hebben op wie ik kan rekenen",
            "Nu sta ik er alleen voor als het misgaat.",
            "Ik help zelf graag anderen, de buurvrouw vraagt mij vaak.",
            actions=(0, 2),
        ),
        GoalText(
            "Onze kinderen willen op een sportclub",
            "Ze willen erbij horen, net als hun vrienden.",
            "Ze zijn sportief en geven niet op.",
            needs="children",
            actions=(1,),
        ),
        GoalText(
            "We willen ons thuis voelen in het dorp",
            "Sinds de verhuizing kennen we bijna niemand.",
            "We zijn gastvrij en houden van koken voor anderen.",
            actions=(3, 0),
        ),
        GoalText(
            "Ik wil weer contact met mijn familie",
            "Ik mis mijn zus en mijn ouders.",
            "Ik kan goed luisteren.",
            actions=(0,),
        ),
    ],
    C: [
        GoalText(
            "Ik wil mijn diploma halen",
            "Met een diploma heb ik meer kans op werk.",
            "Ik zet door als ik iets wil.",
            actions=(0,),
        ),
        GoalText(
            "Ons oudste kind wil een opleiding kiezen die past",
            "Na de zomer moet er een keuze zijn, maar wat?",
            "Creatief, en goed met kleine kinderen.",
            needs="teen",
            actions=(0,),
        ),
        GoalText(
            "Ik wil beter leren lezen en schrijven",
            "Dan kan ik zelf de brieven van de gemeente lezen.",
            "Ik durf hulp te vragen.",
            actions=(1,),
        ),
        GoalText(
            "Ik wil leren werken met de computer",
            "Alles gaat nu via internet, ook de toeslagen.",
            "Mijn oudste kan me er een beetje mee helpen.",
            actions=(3,),
        ),
        GoalText(
            "We willen dat de kinderen leren omgaan met geld",
            "Wij hadden dat vroeger niet geleerd en willen het voor hen anders.",
            "De kinderen sparen al graag in een spaarpot.",
            needs="children",
            actions=(2,),
        ),
    ],
    P: [
        GoalText(
            "We willen rust in huis en vaste tijden voor de kinderen",
            "De kinderen slapen slecht en zijn moe op school.",
            "We houden veel van onze kinderen en willen het goed doen.",
            needs="children",
            actions=(0,),
        ),
        GoalText(
            "Ik wil weten hoe ik mijn kind kan helpen met de boosheid",
            "Er is thuis vaak ruzie en dat is voor iedereen zwaar.",
            "Ik blijf rustig als ik zelf goed in mijn vel zit.",
            needs="children",
            actions=(0,),
        ),
        GoalText(
            "We willen dat de kinderen elke dag naar school gaan",
            "Ze missen veel lessen en lopen achter.",
            "De kinderen vinden hun juf leuk.",
            needs="children",
            actions=(1,),
        ),
        GoalText(
            "Ik wil een goede start met onze baby",
            "Ik ben bang dat ik het niet goed doe.",
            "Mijn zus woont dichtbij en helpt graag.",
            needs="baby",
            actions=(3, 2),
        ),
    ],
    M: [
        GoalText(
            "Ik wil weer rust in mijn hoofd",
            "Ik slaap slecht door alle zorgen.",
            "Wandelen helpt me. Ik wil het weer vaker doen.",
            actions=(0, 3),
        ),
        GoalText(
            "Ik wil minder somber zijn",
            "Ik wil weer leuke dingen doen, samen met anderen.",
            "Ik kan goed praten met mijn vriendin.",
            actions=(1, 0),
        ),
        GoalText(
            "Ik wil meer vertrouwen in mezelf",
            "Ik denk vaak dat ik het toch niet kan.",
            "Ik heb al veel moeilijke dingen overwonnen.",
            actions=(2, 0),
        ),
        GoalText(
            "We willen minder stress over geld en post",
            "We maken de brieven bijna niet meer open.",
            "We willen het samen aanpakken.",
            actions=(2, 0),
        ),
    ],
}

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
