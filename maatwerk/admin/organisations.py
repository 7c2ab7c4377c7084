"""The administrator's operations on organisations; they flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, or_, select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import check_organisation_name_free, create_organisation
from maatwerk.admin.access import audit_change, require_admin
from maatwerk.core.db import db
from maatwerk.core.enums import Sector
from maatwerk.core.errors import Conflict, NotFound, ValidationFailed
from maatwerk.core.names import clean_name
from maatwerk.plans.revisions import StaleVersion

NAME_LENGTH = 200


@dataclass(frozen=True)
class OrganisationFilters:
    """What the list of organisations is narrowed to."""

    query: str = ""
    sector: Sector | None = None


def list_organisations(
    actor: Any, filters: OrganisationFilters, *, page: int = 1, page_size: int = 25
) -> tuple[list[tuple[Organisation, int]], int]:
    """One page of organisations by name, each with its number of accounts; and the total."""
    require_admin(actor, "search", "organisation")
    where = []
    if filters.query.strip():
        where.append(
            func.lower(Organisation.name).contains(filters.query.strip().lower(), autoescape=True)
        )
    if filters.sector is not None:
        where.append(Organisation.sector == filters.sector)
    total = db.session.scalar(select(func.count(Organisation.id)).where(*where)) or 0
    # Only staff accounts have an organisation: the count says nothing about households.
    accounts = (
        select(func.count(User.id))
        .where(User.organisation_id == Organisation.id)
        .correlate(Organisation)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Organisation, accounts)
        .where(*where)
        .order_by(func.lower(Organisation.name), Organisation.id)
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return [(row[0], row[1]) for row in rows], total


def get_organisation(organisation_id: int, actor: Any) -> Organisation:
    """One organisation, for the administrator."""
    require_admin(actor, "read", "organisation")
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound("Not found.")
    return organisation


def _valid(name: str, sector: Sector | str) -> tuple[str, Sector]:
    name = clean_name(name)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Required."]
    elif len(name) > NAME_LENGTH:
        errors["name"] = [f"At most {NAME_LENGTH} characters."]
    try:
        sector = Sector(sector)
    except ValueError:
        errors["sector"] = ["Unknown."]
    if errors:
        raise ValidationFailed("The organisation cannot be saved.", fields=errors)
    return name, Sector(sector)


def add_organisation(*, name: str, sector: Sector | str, actor: Any) -> Organisation:
    """Create a partner organisation with a name no other organisation has."""
    require_admin(actor, "create", "organisation")
    name, sector = _valid(name, sector)
    organisation = create_organisation(name, sector)
    audit_change(actor, "create", "organisation", organisation.id)
    return organisation


def _require_version(organisation: Organisation, version: int | None) -> None:
    if version is not None and version != organisation.version:
        raise StaleVersion(f"organisation {organisation.id} is not at version {version}")


def update_organisation(
    organisation: Organisation,
    *,
    name: str,
    sector: Sector | str,
    actor: Any,
    version: int | None = None,
) -> Organisation:
    """Change the name and sector (on the version the administrator saw)."""
    require_admin(actor, "update", "organisation")
    _require_version(organisation, version)
    name, sector = _valid(name, sector)
    check_organisation_name_free(name, other_than=organisation.id)
    if (organisation.name, organisation.sector) != (name, sector):
        organisation.name, organisation.sector = name, sector
        db.session.flush()  # version_id_col: a concurrent edit fails here (StaleDataError)
        audit_change(actor, "update", "organisation", organisation.id)
    return organisation


def _referenced(organisation_id: int) -> bool:
    """True when any row of another table names the organisation (consents, actions,
    interventions, escalations, budgets ...): one statement over every foreign key."""
    target = Organisation.__table__.c.id
    clauses = [
        exists().where(fk.parent == organisation_id)
        for table in db.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column is target and table.name != User.__tablename__
    ]
    return bool(clauses) and bool(db.session.scalar(select(or_(*clauses))))


def delete_organisation(organisation: Organisation, *, actor: Any, version: int | None = None):
    """Delete an organisation nothing refers to (one created by mistake)."""
    require_admin(actor, "delete", "organisation")
    _require_version(organisation, version)
    has_accounts = db.session.scalar(
        select(User.id).where(User.organisation_id == organisation.id).limit(1)
    )
    if has_accounts is not None:
        raise Conflict("This organisation has accounts, so it cannot be deleted.")
    if _referenced(organisation.id):
        raise Conflict("This organisation is in use in the app, so it cannot be deleted.")
    organisation_id = organisation.id
    db.session.delete(organisation)
    db.session.flush()
    audit_change(actor, "delete", "organisation", organisation_id)
