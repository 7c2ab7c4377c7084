"""Load the demo catalogue and staff accounts: get-or-create by natural key, never update."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation
from maatwerk.accounts.passwords import hash_password
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import AreaKind, Role
from maatwerk.demo.content import (
    AREAS,
    DEMO_PASSWORD,
    ORGANISATIONS,
    STAFF,
    email_for,
    phone_for,
)
from maatwerk.demo.programme import INTERVENTIONS, OPERATIONAL_GOALS
from maatwerk.households.models import Member


class SharedHash:
    """The demo password hashed once, on first use, and reused for every demo account."""

    def __init__(self) -> None:
        self._value: str | None = None

    @property
    def value(self) -> str:
        if self._value is None:
            self._value = hash_password(DEMO_PASSWORD)
        return self._value


@dataclass
class Catalogue:
    """What the household stories need from the catalogue, by key."""

    municipalities: dict[str, Area] = field(default_factory=dict)
    places: dict[str, list[Area]] = field(default_factory=dict)  # municipality -> places
    organisations: dict[str, Organisation] = field(default_factory=dict)
    interventions: dict[str, Intervention] = field(default_factory=dict)
    operational_goals: dict[str, OperationalGoal] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    password: SharedHash = field(default_factory=SharedHash)


def _area(name: str, kind: AreaKind, parent: Area | None, region: str | None) -> Area:
    parent_clause = Area.parent_id.is_(None) if parent is None else Area.parent_id == parent.id
    area = db.session.scalar(select(Area).where(Area.name == name, parent_clause))
    if area is None:
        area = Area(name=name, kind=kind, parent=parent, region=region)
        db.session.add(area)
    return area


def load_areas(catalogue: Catalogue) -> None:
    """Municipalities with their region, and their villages and districts."""
    for municipality_name, (region, places) in AREAS.items():
        municipality = _area(municipality_name, AreaKind.MUNICIPALITY, None, region)
        db.session.flush()
        catalogue.municipalities[municipality_name] = municipality
        catalogue.places[municipality_name] = [
            _area(name, kind, municipality, None) for name, kind in places
        ]
    db.session.flush()


def load_organisations(catalogue: Catalogue) -> None:
    """The partner organisations, one or more per sector."""
    existing = {o.name: o for o in db.session.scalars(select(Organisation))}
    for key, (name, sector) in ORGANISATIONS.items():
        organisation = existing.get(name) or create_organisation(name, sector)
        catalogue.organisations[key] = organisation


def load_operational_goals(catalogue: Catalogue) -> None:
    """The operational goals of the programme plan."""
    existing = {g.code: g for g in db.session.scalars(select(OperationalGoal))}
    for data in OPERATIONAL_GOALS:
        goal = existing.get(data.code)
        if goal is None:
            goal = OperationalGoal(
                code=data.code,
                text=data.text,
                programme_line=data.line,
                phase_plan=data.phase_plan,
                measurement=data.measurement,
            )
            db.session.add(goal)
        catalogue.operational_goals[data.code] = goal
    db.session.flush()


def load_interventions(catalogue: Catalogue) -> None:
    """The service directory: interventions with providers, domains and areas."""
    existing = {i.name: i for i in db.session.scalars(select(Intervention))}
    for data in INTERVENTIONS:
        intervention = existing.get(data.name)
        if intervention is None:
            intervention = Intervention(
                name=data.name,
                description=data.description,
                organisations=[catalogue.organisations[k] for k in data.organisations],
                areas=[catalogue.municipalities[m] for m in data.municipalities],
                domain_links=[InterventionDomain(domain=d) for d in data.domains],
            )
            db.session.add(intervention)
        catalogue.interventions[data.name] = intervention
    db.session.flush()


def new_user(
    catalogue: Catalogue,
    *,
    login: str,
    display_name: str,
    role: Role,
    organisation: Organisation | None = None,
    member: Member | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> User:
    """An account with the shared demo hash (one argon2 hash for all: loading stays fast)."""
    user = User(
        login=login,
        display_name=display_name,
        role=role,
        organisation=organisation,
        member=member,
        email=email,
        phone=phone,
        password_hash=catalogue.password.value,
        active=True,
    )
    db.session.add(user)
    return user


def load_staff(catalogue: Catalogue) -> None:
    """Professionals, managers, programme, experience expert and admin accounts."""
    existing = {u.login: u for u in db.session.scalars(select(User).where(User.login.in_(STAFF)))}
    for login, (display_name, role, org_key) in STAFF.items():
        user = existing.get(login)
        if user is None:
            user = new_user(
                catalogue,
                login=login,
                display_name=display_name,
                role=role,
                organisation=catalogue.organisations[org_key] if org_key else None,
                email=email_for(login),
                phone=phone_for(login),
            )
        catalogue.users[login] = user
    db.session.flush()


def load_catalogue() -> Catalogue:
    """Everything but the households, in dependency order."""
    catalogue = Catalogue()
    load_areas(catalogue)
    load_organisations(catalogue)
    load_operational_goals(catalogue)
    load_interventions(catalogue)
    load_staff(catalogue)
    return catalogue
