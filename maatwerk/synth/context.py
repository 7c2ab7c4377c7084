"""What the generator needs from the database, as plain ids: areas, organisations, the
synthetic professionals, managers, interventions and operational goals.

An empty database first gets the demo catalogue (places, partner organisations, the
programme's operational goals, the service directory and the staff accounts, through the
demo's own get-or-create loaders), a municipality organisation for every municipality, and
enough synthetic professionals for the households about to be added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, insert, select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role, ScoredBy, Sector
from maatwerk.demo.catalogue import Catalogue, load_catalogue
from maatwerk.demo.content import MANAGERS, email_for
from maatwerk.demo.families import MUNICIPALITY_CODES, NAMES
from maatwerk.households.models import Household
from maatwerk.monitoring.statements import STATEMENTS
from maatwerk.synth.vocab import FAMILY_NAMES

REFERENCE_PREFIX = "SYN-"  # households.reference of every synthetic household
LOGIN_PREFIX = "synth."  # users.login of every synthetic account

# Inhabitants (thousands), to spread households over the municipalities.
WEIGHTS = {
    "Emmen": 107,
    "Midden-Groningen": 61,
    "Hoogeveen": 56,
    "Oldambt": 39,
    "Stadskanaal": 32,
    "Veendam": 28,
    "Westerwolde": 26,
    "Borger-Odoorn": 25,
    "Aa en Hunze": 25,
    "Pekela": 12,
}
# The demo's municipality organisations keep their keys; the others get one here.
DEMO_MUNICIPALITY_KEYS = {"Stadskanaal": "stadskanaal", "Veendam": "veendam", "Emmen": "emmen"}
# Organisations whose professionals join teams (besides the municipality's own).
TEAM_ORGANISATIONS = ("welzijn", "wonen", "ggz", "zorg", "kraamzorg", "onderwijs", "geld")
# Plans per synthetic professional: coordinators, and team members of other organisations.
COORDINATOR_CASELOAD = 80
MEMBER_CASELOAD = 150
WELZIJN_COORDINATES = 0.3  # share of plans coordinated by welfare instead of the municipality


@dataclass(frozen=True)
class Municipality:
    """A municipality with its places and its own organisation."""

    name: str
    code: str
    weight: int
    place_ids: tuple[int, ...]
    organisation_key: str


@dataclass(frozen=True)
class Context:
    """Plain ids of everything the households refer to."""

    municipalities: tuple[Municipality, ...]
    organisations: dict[str, int]  # key -> organisation id
    professionals: dict[str, tuple[int, ...]]  # organisation key -> synthetic user ids
    managers: dict[str, int]  # organisation key -> manager user id
    programme_user_id: int
    interventions: dict[str, int]  # name -> id
    operational_goals: dict[str, int]  # code -> id
    family_statements: tuple[tuple[str, int | None], ...]  # (key, operational goal id)
    professional_statements: tuple[tuple[str, int | None], ...]
    password_hash: str
    user_organisation: dict[int, int]  # synthetic professional -> organisation id


def municipality_key(name: str) -> str:
    """The organisation key of a municipality's own organisation."""
    return DEMO_MUNICIPALITY_KEYS.get(name) or name.lower().replace(" ", "-")


def _ensure_municipality_organisations(catalogue: Catalogue) -> None:
    existing = {o.name: o for o in db.session.scalars(select(Organisation))}
    for name in catalogue.municipalities:
        key = municipality_key(name)
        if key not in catalogue.organisations:
            full = f"Gemeente {name}"
            catalogue.organisations[key] = existing.get(full) or create_organisation(
                full, Sector.MUNICIPALITY
            )


def pool_targets(total_households: int, shares: dict[str, float]) -> dict[str, int]:
    """How many synthetic professionals each organisation needs for this many households."""
    coordinating = 1 - WELZIJN_COORDINATES
    targets = {
        municipality_key(name): math.ceil(
            total_households * share * coordinating / COORDINATOR_CASELOAD
        )
        for name, share in shares.items()
    }
    member = math.ceil(total_households * 0.25 / MEMBER_CASELOAD)
    for key in TEAM_ORGANISATIONS:
        targets[key] = member
    targets["welzijn"] += math.ceil(total_households * WELZIJN_COORDINATES / COORDINATOR_CASELOAD)
    return {key: max(2, n) for key, n in targets.items()}


def _ensure_professionals(
    catalogue: Catalogue, targets: dict[str, int]
) -> dict[str, tuple[int, ...]]:
    """Create the missing synthetic professionals (one shared hash); their ids per org."""
    now = utcnow()
    givens = NAMES["nl"]["mother"] + NAMES["nl"]["father"]
    rows = []
    for key, target in targets.items():
        prefix = f"{LOGIN_PREFIX}{key}."
        have = db.session.scalar(
            select(func.count()).select_from(User).where(User.login.like(prefix + "%"))
        )
        for n in range(have or 0, target):
            login = f"{prefix}{n + 1:05d}"
            given = givens[(n * 7 + len(key)) % len(givens)]
            family = FAMILY_NAMES[(n * 13 + len(key) * 3) % len(FAMILY_NAMES)]
            rows.append(
                {
                    "login": login,
                    "display_name": f"{given} {family}",
                    "role": Role.PROFESSIONAL,
                    "organisation_id": catalogue.organisations[key].id,
                    "email": email_for(login),
                    "password_hash": catalogue.password.value,
                    "active": True,
                    "created_at": now,
                }
            )
    if rows:
        db.session.execute(insert(User), rows)
    pools: dict[str, tuple[int, ...]] = {}
    for key in targets:
        ids = db.session.scalars(
            select(User.id)
            .where(User.login.like(f"{LOGIN_PREFIX}{key}.%"), User.role == Role.PROFESSIONAL)
            .order_by(User.id)
        )
        pools[key] = tuple(ids)
    return pools


def synthetic_households() -> int:
    """How many synthetic households the database holds."""
    query = select(func.count()).where(Household.reference.like(REFERENCE_PREFIX + "%"))
    return db.session.scalar(query) or 0


def build_context(households: int) -> Context:
    """Ensure the catalogue and enough professionals for `households` more; return the ids."""
    catalogue = load_catalogue()
    _ensure_municipality_organisations(catalogue)
    total = sum(WEIGHTS.values())
    shares = {name: WEIGHTS.get(name, 10) / total for name in catalogue.municipalities}
    pools = _ensure_professionals(
        catalogue, pool_targets(synthetic_households() + households, shares)
    )
    municipalities = tuple(
        Municipality(
            name=name,
            code=MUNICIPALITY_CODES.get(name, name[:3].upper()),
            weight=WEIGHTS.get(name, 10),
            place_ids=tuple(p.id for p in catalogue.places[name]) or (area.id,),
            organisation_key=municipality_key(name),
        )
        for name, area in catalogue.municipalities.items()
    )
    goals = {code: g.id for code, g in catalogue.operational_goals.items()}
    organisations = {key: o.id for key, o in catalogue.organisations.items()}

    def statements(who: ScoredBy) -> tuple[tuple[str, int | None], ...]:
        return tuple((s.key, goals.get(s.goal_code)) for s in STATEMENTS if s.respondent is who)

    return Context(
        municipalities=municipalities,
        organisations=organisations,
        professionals=pools,
        managers={key: catalogue.users[login].id for key, login in MANAGERS.items()},
        programme_user_id=catalogue.users["programma"].id,
        interventions={name: i.id for name, i in catalogue.interventions.items()},
        operational_goals=goals,
        family_statements=statements(ScoredBy.FAMILY),
        professional_statements=statements(ScoredBy.PROFESSIONAL),
        password_hash=catalogue.password.value,
        user_organisation={uid: organisations[key] for key, ids in pools.items() for uid in ids},
    )
