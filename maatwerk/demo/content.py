"""Catalogue data of the demo: places, partner organisations and staff accounts.

Municipalities and villages are real; organisations other than municipalities and all
people are fictitious.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from maatwerk.core.enums import AreaKind, Role, Sector

# Every demo date is computed from this fixed day, so that loading is deterministic.
REFERENCE_DATE = dt.date(2026, 9, 1)

DEMO_PASSWORD = "maatwerk-demo"  # noqa: S105  # documented demo password  # nosec B105
EMAIL_DOMAIN = "example.org"

GRONINGEN = "Groninger Veenkoloniën"
DRENTHE = "Drentse Veenkoloniën"
SOUTH_EAST_DRENTHE = "Zuidoost-Drenthe"

V, D = AreaKind.VILLAGE, AreaKind.DISTRICT

# municipality -> (region, [(place, kind), ...])
AREAS: dict[str, tuple[str, list[tuple[str, AreaKind]]]] = {
    "Stadskanaal": (
        GRONINGEN,
        [
            ("Stadskanaal", V),
            ("Musselkanaal", V),
            ("Onstwedde", V),
            ("Alteveer", V),
            ("Mussel", V),
            ("Vledderveen", V),
        ],
    ),
    "Veendam": (
        GRONINGEN,
        [("Veendam", V), ("Wildervank", V), ("Ommelanderwijk", V), ("Zuidwending", V)],
    ),
    "Pekela": (GRONINGEN, [("Oude Pekela", V), ("Nieuwe Pekela", V), ("Boven Pekela", V)]),
    "Oldambt": (
        GRONINGEN,
        [
            ("Winschoten", V),
            ("Scheemda", V),
            ("Finsterwolde", V),
            ("Midwolda", V),
            ("Beerta", V),
            ("Bad Nieuweschans", V),
        ],
    ),
    "Midden-Groningen": (
        GRONINGEN,
        [
            ("Hoogezand", V),
            ("Sappemeer", V),
            ("Muntendam", V),
            ("Zuidbroek", V),
            ("Siddeburen", V),
            ("Foxhol", V),
        ],
    ),
    "Westerwolde": (
        GRONINGEN,
        [
            ("Ter Apel", V),
            ("Vlagtwedde", V),
            ("Sellingen", V),
            ("Bourtange", V),
            ("Bellingwolde", V),
            ("Blijham", V),
        ],
    ),
    "Borger-Odoorn": (
        DRENTHE,
        [
            ("Borger", V),
            ("Odoorn", V),
            ("Exloo", V),
            ("Nieuw-Buinen", V),
            ("Valthermond", V),
            ("2e Exloërmond", V),
        ],
    ),
    "Aa en Hunze": (
        DRENTHE,
        [("Gieten", V), ("Annen", V), ("Rolde", V), ("Gasselternijveen", V), ("Gieterveen", V)],
    ),
    "Emmen": (
        SOUTH_EAST_DRENTHE,
        [
            ("Emmerhout", D),
            ("Angelslo", D),
            ("Bargeres", D),
            ("Klazienaveen", V),
            ("Nieuw-Amsterdam", V),
            ("Emmer-Compascuum", V),
            ("Erica", V),
            ("Schoonebeek", V),
        ],
    ),
    "Hoogeveen": (
        SOUTH_EAST_DRENTHE,
        [
            ("Krakeel", D),
            ("Erflanden", D),
            ("Hollandscheveld", V),
            ("Elim", V),
            ("Nieuwlande", V),
            ("Pesse", V),
        ],
    ),
}

# Short keys used throughout the demo -> (name, sector).
ORGANISATIONS: dict[str, tuple[str, Sector]] = {
    "stadskanaal": ("Gemeente Stadskanaal", Sector.MUNICIPALITY),
    "veendam": ("Gemeente Veendam", Sector.MUNICIPALITY),
    "emmen": ("Gemeente Emmen", Sector.MUNICIPALITY),
    "wonen": ("Woonstichting Kanaalstreek", Sector.HOUSING),
    "welzijn": ("Welzijnsgroep Veenhorst", Sector.WELFARE),
    "ggz": ("GGZ Veenkoloniën", Sector.MENTAL_HEALTH),
    "zorg": ("Zorgcollectief De Wieken", Sector.CARE),
    "kraamzorg": ("Kraamzorg De Turfstek", Sector.CARE),
    "onderwijs": ("Onderwijsgroep Kanaalzijde", Sector.EDUCATION),
    "kennis": ("Kenniswerkplaats Veenkoloniën", Sector.KNOWLEDGE),
    "ervaring": ("Stichting Ervaringskracht Veenkoloniën", Sector.EXPERIENCE_EXPERTS),
    "geld": ("Geldzaken Collectief Noordoost", Sector.OTHER),
}

# login -> (display name, role, organisation key or None)
STAFF: dict[str, tuple[str, Role, str | None]] = {
    "regisseur.stadskanaal": ("Marieke Hofstede", Role.PROFESSIONAL, "stadskanaal"),
    "professional.ggz": ("Sander Wubbels", Role.PROFESSIONAL, "ggz"),
    "professional.wonen": ("Ingrid Bakker", Role.PROFESSIONAL, "wonen"),
    "manager.ggz": ("Henk Schuiling", Role.MANAGER, "ggz"),
    "programma": ("Annelies Kuipers", Role.PROGRAMME, None),
    "ervaringsdeskundige": ("Joke Drenth", Role.EXPERIENCE_EXPERT, "ervaring"),
    "beheer": ("Functioneel beheer", Role.ADMIN, None),
    # More coordinators and team members in other municipalities and sectors.
    "regisseur.veendam": ("Roelof Tiddens", Role.PROFESSIONAL, "veendam"),
    "regisseur.emmen": ("Fatima El Amrani", Role.PROFESSIONAL, "emmen"),
    "welzijn.oldambt": ("Gerda Oosting", Role.PROFESSIONAL, "welzijn"),
    "welzijn.drenthe": ("Bert Kamping", Role.PROFESSIONAL, "welzijn"),
    "woonconsulent.kanaalstreek": ("Petra Smid", Role.PROFESSIONAL, "wonen"),
    "professional.geld": ("Jan Koops", Role.PROFESSIONAL, "geld"),
    "professional.zorg": ("Linda Mulder", Role.PROFESSIONAL, "zorg"),
    "professional.kraamzorg": ("Esther Venema", Role.PROFESSIONAL, "kraamzorg"),
    "professional.onderwijs": ("Mark Lubbers", Role.PROFESSIONAL, "onderwijs"),
    "manager.stadskanaal": ("Wim Dijkhuis", Role.MANAGER, "stadskanaal"),
    "manager.wonen": ("Karin Boerema", Role.MANAGER, "wonen"),
    "manager.geld": ("Theo Nijboer", Role.MANAGER, "geld"),
    "manager.zorg": ("Anita Wolthuis", Role.MANAGER, "zorg"),
    "manager.welzijn": ("Gerrit Moes", Role.MANAGER, "welzijn"),
    "analist.programma": ("Yvonne Pots", Role.PROGRAMME, "kennis"),
}

# Coordinator per municipality (the login of a professional above).
COORDINATORS: dict[str, str] = {
    "Stadskanaal": "regisseur.stadskanaal",
    "Veendam": "regisseur.veendam",
    "Pekela": "regisseur.veendam",
    "Oldambt": "welzijn.oldambt",
    "Midden-Groningen": "welzijn.oldambt",
    "Westerwolde": "welzijn.oldambt",
    "Emmen": "regisseur.emmen",
    "Borger-Odoorn": "welzijn.drenthe",
    "Aa en Hunze": "welzijn.drenthe",
    "Hoogeveen": "welzijn.drenthe",
}

# Managers decide barriers escalated to their organisation.
MANAGERS: dict[str, str] = {
    "ggz": "manager.ggz",
    "stadskanaal": "manager.stadskanaal",
    "wonen": "manager.wonen",
    "geld": "manager.geld",
    "zorg": "manager.zorg",
    "welzijn": "manager.welzijn",
}


def email_for(login: str) -> str:
    """The demo e-mail address of a staff account."""
    return f"{login}@{EMAIL_DOMAIN}"


def phone_for(login: str) -> str:
    """The demo work phone of a staff account: a landline, written nationally or
    internationally, or a mobile number (fixed per login, so loading stays deterministic)."""
    n = int(hashlib.sha256(login.encode()).hexdigest(), 16)
    subscriber = f"{200000 + n % 800000}"
    return (
        f"0599-{subscriber}",
        f"+31 598 {subscriber[:3]} {subscriber[3:]}",
        f"06-{12000000 + n % 8000000}",
    )[n % 3]


# The professional who joins a team for an organisation key ("welzijn" depends on province).
PROFESSIONAL_FOR: dict[str, str] = {
    "ggz": "professional.ggz",
    "wonen": "woonconsulent.kanaalstreek",
    "geld": "professional.geld",
    "zorg": "professional.zorg",
    "kraamzorg": "professional.kraamzorg",
    "onderwijs": "professional.onderwijs",
}
DRENTHE_MUNICIPALITIES = frozenset({"Borger-Odoorn", "Aa en Hunze", "Emmen", "Hoogeveen"})


def professional_for(org_key: str, municipality: str) -> str | None:
    """The login of the professional who represents the organisation on a team here."""
    if org_key == "welzijn":
        return "welzijn.drenthe" if municipality in DRENTHE_MUNICIPALITIES else "welzijn.oldambt"
    return PROFESSIONAL_FOR.get(org_key)
