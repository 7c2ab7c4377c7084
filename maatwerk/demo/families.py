"""The demo households: who lives where, who is in the family, and where their plan stands."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from maatwerk.core.enums import MemberPosition, ReferralSource
from maatwerk.demo.content import REFERENCE_DATE

# Where a household's plan ends up (a workflow state, or: "active_cycle2", evaluated once and
# in its second cycle; "withdrawn", closed by the system after the family withdrew consent;
# "light_active" / "light_closed", a plan_light plan).
MUNICIPALITY_CODES = {
    "Stadskanaal": "STK",
    "Veendam": "VDM",
    "Pekela": "PEK",
    "Oldambt": "OLD",
    "Midden-Groningen": "MGR",
    "Westerwolde": "WWD",
    "Borger-Odoorn": "BOD",
    "Aa en Hunze": "AEH",
    "Emmen": "EMM",
    "Hoogeveen": "HGV",
}

# (family name, municipality, story); the first is the documented Jansen household.
HOUSEHOLD_TABLE: list[tuple[str, str, str]] = [
    ("Jansen", "Stadskanaal", "prioritising"),
    ("Smit", "Stadskanaal", "active"),
    ("de Vries", "Stadskanaal", "paused"),
    ("Dijkstra", "Stadskanaal", "evaluating"),
    ("Hoekstra", "Stadskanaal", "closed"),
    ("Kuiper", "Stadskanaal", "exploring"),
    ("Veenstra", "Stadskanaal", "intake"),
    ("Meijer", "Veendam", "active"),
    ("Bos", "Veendam", "exploring"),
    ("Brouwer", "Veendam", "closed"),
    ("Koster", "Veendam", "light_active"),
    ("Wiersma", "Pekela", "active"),
    ("Huizing", "Pekela", "prioritising"),
    ("Oosterhuis", "Pekela", "evaluating"),
    ("Wolters", "Pekela", "withdrawn"),
    ("Hummel", "Oldambt", "active_cycle2"),
    ("Lanting", "Oldambt", "intake"),
    ("Mensinga", "Oldambt", "paused"),
    ("Zijlstra", "Oldambt", "light_closed"),
    ("Schonewille", "Midden-Groningen", "active"),
    ("Holtkamp", "Midden-Groningen", "prioritising"),
    ("Eising", "Midden-Groningen", "closed"),
    ("Nowak", "Midden-Groningen", "exploring"),
    ("Hadders", "Westerwolde", "active"),
    ("Hemmes", "Westerwolde", "evaluating"),
    ("Kremer", "Westerwolde", "intake"),
    ("Luinge", "Borger-Odoorn", "active"),
    ("Nijhof", "Borger-Odoorn", "prioritising"),
    ("Pieters", "Borger-Odoorn", "light_active"),
    ("Rozema", "Aa en Hunze", "exploring"),
    ("Smeenge", "Aa en Hunze", "closed"),
    ("Timmer", "Emmen", "active"),
    ("Yilmaz", "Emmen", "prioritising"),
    ("Vos", "Emmen", "paused"),
    ("Wubs", "Emmen", "evaluating"),
    ("Zwiers", "Emmen", "withdrawn"),
    ("Haile", "Emmen", "intake"),
    ("Brink", "Hoogeveen", "active"),
    ("Hamminga", "Hoogeveen", "exploring"),
    ("Fokkens", "Hoogeveen", "light_closed"),
]

NAMES = {
    "nl": {
        "mother": [
            "Anja",
            "Sandra",
            "Kim",
            "Melissa",
            "Priscilla",
            "Esther",
            "Jolanda",
            "Bianca",
            "Marloes",
            "Demi",
            "Chantal",
            "Naomi",
            "Tamara",
            "Wendy",
            "Lisa",
        ],
        "father": [
            "Johan",
            "Erwin",
            "Dennis",
            "Kevin",
            "Remco",
            "Henk",
            "Jeroen",
            "Arjen",
            "Harm",
            "Gert",
            "Bas",
            "Roy",
        ],
        "girl": [
            "Emma",
            "Julia",
            "Sophie",
            "Lotte",
            "Noa",
            "Yara",
            "Evi",
            "Sara",
            "Fleur",
            "Lieke",
            "Nina",
            "Isa",
        ],
        "boy": [
            "Daan",
            "Sem",
            "Lucas",
            "Finn",
            "Levi",
            "Milan",
            "Jesse",
            "Bram",
            "Thijs",
            "Ruben",
            "Luuk",
            "Ties",
        ],
        "grandmother": ["Geesje", "Aaltje", "Trijntje", "Hillie"],
    },
    "Yilmaz": {
        "mother": ["Ayşe"],
        "father": ["Mehmet"],
        "girl": ["Elif", "Zeynep"],
        "boy": ["Emir", "Yusuf"],
        "grandmother": ["Fatma"],
    },
    "Nowak": {
        "mother": ["Ewa"],
        "father": ["Piotr"],
        "girl": ["Zofia", "Lena"],
        "boy": ["Jakub", "Szymon"],
        "grandmother": ["Halina"],
    },
    "Haile": {
        "mother": ["Selam"],
        "father": ["Yonas"],
        "girl": ["Ruta", "Hana"],
        "boy": ["Daniel", "Samuel"],
        "grandmother": ["Tsega"],
    },
}

REFERRAL_WEIGHTS = {
    ReferralSource.EARLY_SIGNALLING: 35,
    ReferralSource.PARTNER: 35,
    ReferralSource.SELF: 20,
    ReferralSource.OTHER: 10,
}

# Days between referral and the reference date, by story (plans further along are older).
AGE_DAYS = {
    "intake": (12, 45),
    "exploring": (40, 110),
    "prioritising": (60, 170),
    "active": (120, 520),
    "active_cycle2": (420, 640),
    "paused": (150, 420),
    "evaluating": (280, 620),
    "closed": (330, 720),
    "withdrawn": (150, 500),
    "light_active": (40, 200),
    "light_closed": (120, 400),
}


@dataclass(frozen=True)
class MemberSpec:
    """One person in a demo household."""

    given_name: str
    family_name: str
    date_of_birth: dt.date
    position: MemberPosition


@dataclass(frozen=True)
class HouseholdSpec:
    """A demo household: reference, place, members, referral and its plan's story."""

    reference: str
    family_name: str
    municipality: str
    story: str
    members: tuple[MemberSpec, ...]
    referral_source: ReferralSource
    referred_on: dt.date

    @property
    def login(self) -> str:
        """The login of the family account (first parent)."""
        return "gezin." + self.family_name.lower().replace(" ", "")

    @property
    def child_ages(self) -> list[int]:
        return [_age(m.date_of_birth) for m in self.members if m.position is MemberPosition.CHILD]

    def fits(self, needs: str) -> bool:
        """Whether a goal meant for families with children, a teenager or a baby fits."""
        ages = self.child_ages
        return {
            "": True,
            "children": bool(ages),
            "teen": any(12 <= a <= 17 for a in ages),
            "baby": any(a < 1 for a in ages),
        }[needs]


def _age(born: dt.date) -> int:
    return (REFERENCE_DATE - born).days // 365


def _born(rng: random.Random, years_min: int, years_max: int) -> dt.date:
    return REFERENCE_DATE - dt.timedelta(days=rng.randint(years_min * 365, years_max * 365 + 300))


def _members(rng: random.Random, family_name: str) -> list[MemberSpec]:
    pool = NAMES.get(family_name, NAMES["nl"])
    shape = rng.choices(["mother", "father", "couple", "with_grandmother"], [45, 10, 40, 5])[0]
    parent_age = rng.randint(22, 46)
    parents = []
    if shape in ("mother", "couple", "with_grandmother"):
        parents.append(("mother", parent_age))
    if shape in ("father", "couple"):
        parents.append(("father", parent_age + rng.randint(-2, 5)))
    members = [
        MemberSpec(rng.choice(pool[kind]), family_name, _born(rng, age, age), MemberPosition.PARENT)
        for kind, age in parents
    ]
    if shape == "with_grandmother":
        members.append(
            MemberSpec(
                rng.choice(pool["grandmother"]),
                family_name,
                _born(rng, 62, 75),
                MemberPosition.OTHER_ADULT,
            )
        )
    max_child_age = min(17, parent_age - 19)
    count = rng.choices(range(6), [8, 25, 30, 20, 10, 7])[0]
    used: set[str] = set()
    for _ in range(count):
        kind = rng.choice(["girl", "boy"])
        names = [n for n in pool[kind] if n not in used] or pool[kind]
        name = rng.choice(names)
        used.add(name)
        age = rng.randint(0, max(0, max_child_age))
        members.append(MemberSpec(name, family_name, _born(rng, age, age), MemberPosition.CHILD))
    return members


def _jansen_members() -> list[MemberSpec]:
    parent, child = MemberPosition.PARENT, MemberPosition.CHILD
    return [
        MemberSpec("Sandra", "Jansen", dt.date(1989, 3, 14), parent),
        MemberSpec("Erwin", "Jansen", dt.date(1986, 11, 2), parent),
        MemberSpec("Daan", "Jansen", dt.date(2014, 6, 21), child),
        MemberSpec("Lotte", "Jansen", dt.date(2017, 1, 9), child),
        MemberSpec("Noa", "Jansen", dt.date(2021, 9, 30), child),
    ]


def household_specs(rng: random.Random) -> list[HouseholdSpec]:
    """Every demo household, generated deterministically from the seeded generator."""
    specs = []
    counters: dict[str, int] = {}
    for family_name, municipality, story in HOUSEHOLD_TABLE:
        code = MUNICIPALITY_CODES[municipality]
        counters[code] = counters.get(code, 0) + 1
        low, high = AGE_DAYS[story]
        members = _jansen_members() if family_name == "Jansen" else _members(rng, family_name)
        source = rng.choices(list(REFERRAL_WEIGHTS), list(REFERRAL_WEIGHTS.values()))[0]
        if family_name == "Jansen":
            source = ReferralSource.EARLY_SIGNALLING
        specs.append(
            HouseholdSpec(
                reference=f"{code}-{counters[code]:03d}",
                family_name=family_name,
                municipality=municipality,
                story=story,
                members=tuple(members),
                referral_source=source,
                referred_on=REFERENCE_DATE - dt.timedelta(days=rng.randint(low, high)),
            )
        )
    return specs
