"""Reading households: authorised here and audited (DESIGN §3, §8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption
from sqlalchemy.sql.elements import ColumnElement

from maatwerk.accounts.models import Organisation, User
from maatwerk.audit.models import audit_event_households
from maatwerk.audit.operations import record_audit
from maatwerk.audit.queries import AccessLogEntry, access_log
from maatwerk.core.db import db
from maatwerk.core.enums import ConsentPurpose, PlanRole, Role
from maatwerk.core.errors import DomainError, Forbidden
from maatwerk.households.models import Consent, Household, Member
from maatwerk.plans.access import active_membership, can_view_plan, organisation_has_consent
from maatwerk.plans.models import Plan, TeamMembership
from maatwerk.plans.reading import denied, purpose_of


def can_view_household(user: User, household: Household) -> bool:
    """The family itself, or a professional on the team of one of its plans whose
    organisation holds active plan_sharing consent."""
    if user.role is Role.FAMILY:
        return user.household_id == household.id
    if user.role not in (Role.PROFESSIONAL, Role.MANAGER):
        return False
    return organisation_has_consent(household, user.organisation_id) and any(
        active_membership(plan, user) is not None for plan in household.plans
    )


def get_household(household_id: int, user: User, *, action: str = "read") -> Household:
    """Load a household the user may see; audit the access (404 otherwise)."""
    household = _load_household(household_id)
    if household is None or not can_view_household(user, household):
        raise denied(user, action, "household", household_id, [household_id] if household else [])
    record_audit(
        actor=user,
        action=action,
        object_type="household",
        object_id=str(household.id),
        household_ids=[household.id],
        purpose=purpose_of(user),
    )
    return household


def household_options() -> list[LoaderOption]:
    """Eager loads for a household's representation and its access checks."""
    return [
        joinedload(Household.area),
        selectinload(Household.members),
        selectinload(Household.consents).joinedload(Consent.organisation),
        selectinload(Household.consents).joinedload(Consent.given_by),
        selectinload(Household.consents)
        .joinedload(Consent.recorded_by)
        .joinedload(User.organisation),
        selectinload(Household.plans).selectinload(Plan.team).joinedload(TeamMembership.user),
    ]


def _load_household(household_id: int) -> Household | None:
    return db.session.scalar(
        select(Household).where(Household.id == household_id).options(*household_options())
    )


@dataclass(frozen=True)
class VisibleHousehold:
    """A household as one user sees it: with only the plans that user may open."""

    household: Household
    plans: list[Plan]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.household, name)

    @property
    def plan_ids(self) -> list[int]:
        """Ids of the plans the user may open."""
        return [plan.id for plan in self.plans]


def household_view(household: Household, user: User) -> VisibleHousehold:
    """The household with the plans this user may open (no other plan's id leaks)."""
    if user.role is Role.FAMILY:
        return VisibleHousehold(household, list(household.plans))
    return VisibleHousehold(household, [p for p in household.plans if can_view_plan(user, p)])


def visible_households_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the households can_view_household allows."""
    if user.role is Role.FAMILY:
        return Household.id == (user.household_id or -1)
    if user.role not in (Role.PROFESSIONAL, Role.MANAGER) or user.organisation_id is None:
        return Household.id.is_(None)
    on_team = exists().where(
        Plan.household_id == Household.id,
        TeamMembership.plan_id == Plan.id,
        TeamMembership.user_id == user.id,
        TeamMembership.ended_at.is_(None),
    )
    consent = exists().where(
        Consent.household_id == Household.id,
        Consent.organisation_id == user.organisation_id,
        Consent.in_force(ConsentPurpose.PLAN_SHARING, dt.date.today()),
    )
    return and_(on_team, consent)


def list_households(
    user: User, *, reference: str | None, page: int, page_size: int
) -> tuple[list[VisibleHousehold], int]:
    """One page of the households the user may see, newest first; audited as a search."""
    query = select(Household).where(visible_households_clause(user))
    if reference:
        query = query.where(
            func.lower(Household.reference).contains(reference.strip().lower(), autoescape=True)
        )
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    households = db.session.scalars(
        query.options(*household_options())
        .order_by(Household.created_at.desc(), Household.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    record_audit(
        actor=user,
        action="search",
        object_type="household",
        object_id=None,
        household_ids=[h.id for h in households],
        purpose=purpose_of(user),
    )
    return [household_view(h, user) for h in households], total


def is_family_or_coordinator(user: User, household: Household) -> bool:
    """The household's own family, or the coordinator of one of its plans."""
    if user.role is Role.FAMILY:
        return user.household_id == household.id
    for plan in household.plans:
        membership = active_membership(plan, user)
        if membership is not None and membership.plan_role is PlanRole.COORDINATOR:
            return True
    return False


def get_household_file(
    household_id: int, user: User, *, action: str, object_type: str
) -> Household:
    """The household for its family or coordinator only (access log, export); audited."""
    household = _load_household(household_id)
    if (
        household is None
        or not can_view_household(user, household)
        or not is_family_or_coordinator(user, household)
    ):
        raise denied(user, action, object_type, household_id, [household_id] if household else [])
    record_audit(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=str(household.id),
        household_ids=[household.id],
        purpose=purpose_of(user),
    )
    return household


def get_consent(consent_id: int, user: User, *, action: str = "read") -> Consent:
    """Load a consent of a household the user may see; audit the access (404 otherwise)."""
    consent = db.session.get(Consent, consent_id)
    household = _load_household(consent.household_id) if consent is not None else None
    if consent is None or household is None or not can_view_household(user, household):
        raise denied(user, action, "consent", consent_id, [household.id] if household else [])
    record_audit(
        actor=user,
        action=action,
        object_type="consent",
        object_id=str(consent.id),
        household_ids=[household.id],
        purpose=purpose_of(user),
    )
    return consent


def get_consent_to_withdraw(consent_id: int, user: User) -> Consent:
    """A consent the user may withdraw: the family's own, or as the coordinator."""
    consent = get_consent(consent_id, user, action="update")
    if not is_family_or_coordinator(user, consent.household):
        raise Forbidden(
            "Only the family or the coordinator can withdraw consent.",
            audit={
                "actor": user,
                "action": "update",
                "object_type": "consent",
                "object_id": str(consent.id),
                "household_ids": [consent.household_id],
                "purpose": purpose_of(user),
            },
        )
    return consent


def get_member_to_rectify(household_id: int, member_id: int, user: User) -> Member:
    """A member whose details the user may correct: the family's own, or as the coordinator
    (404 for a household the user may not see, 403 for the rest of its team); audited."""
    household = get_household(household_id, user, action="update")
    member = next((m for m in household.members if m.id == member_id), None)
    if member is None:
        raise denied(user, "update", "member", member_id, [household.id])
    if not is_family_or_coordinator(user, household):
        raise Forbidden(
            "Only the family or the coordinator corrects a member's details.",
            audit={
                "actor": user,
                "action": "update",
                "object_type": "member",
                "object_id": str(member.id),
                "household_ids": [household.id],
                "purpose": purpose_of(user),
            },
        )
    record_audit(
        actor=user,
        action="update",
        object_type="member",
        object_id=str(member.id),
        household_ids=[household.id],
        purpose=purpose_of(user),
    )
    return member


def household_access_log(
    household: Household, *, page: int, page_size: int
) -> tuple[list[AccessLogEntry], int]:
    """One page of who accessed the household's file, newest first, and the total."""
    link = audit_event_households.c
    mine = link.household_id == household.id
    total = db.session.scalar(select(func.count()).select_from(audit_event_households).where(mine))
    offset = (page - 1) * page_size
    if offset >= (total or 0):
        return [], total or 0
    before_id = None
    if offset:
        first_on_page = db.session.scalar(
            select(link.event_id).where(mine).order_by(link.event_id.desc()).offset(offset).limit(1)
        )
        before_id = (first_on_page or 0) + 1
    entries = access_log(db.session, household.id, limit=page_size, before_id=before_id)
    return entries, total or 0


class InvalidInput(DomainError):
    """A reference in the request that does not resolve (a bad request, field by field)."""

    status = 400
    title = "Invalid input"


def consent_references(
    household: Household, organisation_id: int, given_by_member_id: int | None
) -> tuple[Organisation, Member | None]:
    """The organisation and consenting member a consent request names."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise InvalidInput("Unknown organisation.", fields={"organisationId": ["Unknown."]})
    if given_by_member_id is None:
        return organisation, None
    member = next((m for m in household.members if m.id == given_by_member_id), None)
    if member is None:
        raise InvalidInput(
            "Consent is given by a member of this household.",
            fields={"givenByMemberId": ["Not a member of this household."]},
        )
    return organisation, member
