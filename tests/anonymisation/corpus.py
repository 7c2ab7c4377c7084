"""A seeded corpus of Dutch case notes with every inserted identifier recorded by kind and span.

Each note belongs to a generated household (Faker nl_NL names, with tussenvoegsels and double
surnames); its member names are passed to the scrubber as ``known_names``, as the application
does. Notes also mention people outside the household (teachers, neighbours, professionals, an
ex-partner), who are not known to the scrubber.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass, field

from faker import Faker

from tests.anonymisation import generators as gen
from tests.anonymisation.templates import INNOCENT, TEMPLATES

REFERENCE_DATE = dt.date(2025, 6, 1)
SEED = 20250601


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int


@dataclass
class Doc:
    text: str
    known_names: list[str]
    spans: list[Span] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)  # innocent phrases that must survive
    source: str = "generated"
    sentences: int = 0


ORGS = [
    "de Kredietbank",
    "Lentis",
    "Accare",
    "het UWV",
    "de Belastingdienst",
    "Humanitas",
    "het Sociaal Team",
    "de woningcorporatie",
    "Veilig Thuis",
    "de Voedselbank",
    "Stichting Leergeld",
    "de gemeente",
    "Jeugdbescherming Noord",
    "de GGD",
    "het wijkteam",
]
GEMEENTEN = ["Veendam", "Stadskanaal", "Pekela", "Oldambt", "Midden-Groningen", "Emmen", "Assen"]
CITIES = ["Veendam", "Wildervank", "Stadskanaal", "Musselkanaal", "Winschoten", "Hoogezand"]
DOMAINS = ["ziggo.nl", "gmail.com", "hotmail.com", "kpnmail.nl", "live.nl", "outlook.com"]


class _Household:
    def __init__(self, fake: Faker, rng: random.Random):
        self.m = fake.first_name_female()
        self.f = fake.first_name_male()
        self.f_sur = fake.last_name()
        own = fake.last_name()
        self.m_sur = f"{self.f_sur}-{own}" if rng.random() < 0.15 else own
        self.children = [fake.first_name() for _ in range(rng.randint(2, 4))]
        self.known = [f"{self.m} {self.m_sur}", f"{self.f} {self.f_sur}"]
        self.known += [f"{c} {self.f_sur}" for c in self.children]


def _surname_after_title(surname: str, rng: random.Random) -> str:
    """Dutch style capitalises the tussenvoegsel when no first name precedes."""
    if surname[0].islower() and rng.random() < 0.6:
        return surname[0].upper() + surname[1:]
    return surname


def _possessive(name: str, rng: random.Random) -> str:
    if name[-1] in "sxz":
        return name + "'"
    return name + ("'s" if name[-1] in "aeiouy" or rng.random() < 0.3 else "s")


def _slot(name: str, h: _Household, fake: Faker, rng: random.Random) -> tuple[str, str | None]:
    names = {
        "m": h.m,
        "f": h.f,
        "c1": h.children[0],
        "c2": h.children[1],
        "m_full": f"{h.m} {h.m_sur}",
        "f_full": f"{h.f} {h.f_sur}",
        "fam": _surname_after_title(h.f_sur, rng),
        "t_first": fake.first_name_female(),
        "t_male": fake.first_name_male(),
        "t_sur": _surname_after_title(fake.last_name(), rng),
        "nb": fake.first_name_female(),
        "ex": fake.name(),
        "ex_first": fake.first_name_male(),
        "pro": f"{fake.first_name()} {fake.last_name()}",
        "gp_sur": _surname_after_title(fake.last_name(), rng),
    }
    if name in names:
        return names[name], "naam"
    if name == "m_sur":
        return _surname_after_title(h.m_sur, rng), "naam"
    if name == "f_sur":
        return _surname_after_title(h.f_sur, rng), "naam"
    if name == "m_init":
        second = f"{rng.choice('ACEHJMW')}." if rng.random() < 0.4 else ""
        return f"{h.m[0]}.{second} {h.m_sur}", "naam"
    if name == "c1_poss":
        return _possessive(h.children[0], rng), "naam"
    if name == "c1_lower":
        return h.children[0].lower(), "naam"
    if name == "phone":
        return gen.phone(rng), "telefoon"
    if name == "mobile":
        return gen.format_mobile(gen.mobile_digits(rng), rng), "telefoon"
    if name == "landline":
        return gen.format_landline(gen.landline_digits(rng), rng), "telefoon"
    if name == "bsn":
        return gen.bsn(rng), "bsn"
    if name == "iban":
        return gen.iban(fake, rng), "iban"
    if name == "email":
        person = rng.choice([h.m, h.f])
        sur = h.f_sur.replace(" ", "").lower() if rng.random() < 0.5 else ""
        local = f"{person.lower()}.{sur}" if sur else f"{person.lower()}{rng.randint(1, 99)}"
        return (f"{local}@{rng.choice(DOMAINS)}" if rng.random() < 0.7 else fake.email()), "e-mail"
    if name == "postcode":
        return gen.postcode(fake, rng), "postcode"
    if name == "addr":
        return f"{fake.street_name()} {gen.house_number(rng)}", "adres"
    if name == "street":
        return fake.street_name(), "adres"
    if name == "plate":
        return gen.plate(rng), "kenteken"
    if name == "dob_m":
        return gen.date_text(gen.birth_date(rng, 1965, 2003), rng), "geboortedatum"
    if name == "dob_c":
        return gen.date_text(gen.birth_date(rng, 2008, 2023), rng), "geboortedatum"
    if name == "bday":
        return gen.date_text(gen.birth_date(rng, 2010, 2022), rng, with_year=False), "geboortedatum"
    # Places of the region and exact amounts identify too (a village of a few thousand, a
    # debt to the euro): the scrubber replaces them since the privacy review of 2026.
    if name == "city":
        return rng.choice(CITIES), "plaats"
    if name == "gemeente":
        return rng.choice(GEMEENTEN), "plaats"
    if name == "amount":
        return rng.choice(
            [
                f"€ {rng.randint(1, 9)}.{rng.randint(0, 999):03d}",
                f"€{rng.randint(50, 900)},-",
                f"{rng.randint(1000, 9000)} euro",
                f"€ {rng.randint(100, 2500)}",
            ]
        ), "bedrag"
    innocent = {
        "org": lambda: rng.choice(ORGS),
        "year": lambda: str(rng.randint(2012, 2024)),
        "recent": lambda: gen.date_text(
            REFERENCE_DATE - dt.timedelta(days=rng.randint(-60, 500)), rng
        ),
        "time": lambda: rng.choice(["9.30", "10.00", "13.15", "14:30", "16.00"]),
        "count": lambda: str(rng.randint(2, 14)),
        "weeks": lambda: str(rng.randint(3, 40)),
        "group": lambda: str(rng.randint(1, 8)),
        "age": lambda: str(rng.randint(3, 17)),
    }
    return innocent[name](), None


def _render(template: str, h: _Household, fake: Faker, rng: random.Random, doc: Doc) -> None:
    for literal, field_name, _, _ in string.Formatter().parse(template):
        doc.text += literal
        if field_name is None:
            continue
        value, kind = _slot(field_name, h, fake, rng)
        start = len(doc.text)
        doc.text += value
        if kind:
            doc.spans.append(Span(kind, start, len(doc.text)))


def build_corpus(seed: int = SEED, notes: int = 150) -> list[Doc]:
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    docs = []
    order = list(range(len(TEMPLATES)))
    for _ in range(notes):
        h = _Household(fake, rng)
        doc = Doc(text="", known_names=list(h.known))
        picked = [TEMPLATES[k] for k in rng.sample(order, rng.randint(3, 6))]
        picked += rng.sample(INNOCENT, rng.randint(1, 3))
        rng.shuffle(picked)
        for n, template in enumerate(picked):
            if n:
                doc.text += rng.choice([" ", " ", "\n", "\n- "])
            _render(template, h, fake, rng, doc)
            doc.sentences += 1
        docs.append(doc)
    return docs
