"""Intake: a professional registers a household with its members, consents and first plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select

from maatwerk.accounts.models import Organisation, User
from maatwerk.audit.operations import record_audit
from maatwerk.catalogue.models import Area
from maatwerk.core.db import db
from maatwerk.core.enums import ConsentPurpose, ReferralSource, Role
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.households.models import Household
from maatwerk.households.operations import (
    add_member,
    check_reference,
    create_household,
    give_consent,
)
from maatwerk.households.reading import InvalidInput
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import create_plan
from maatwerk.plans.reading import purpose_of

# give_consent's field names as the intake request names them.
_INTAKE_FIELDS = {"givenBy": "givenByMemberIndex", "validUntil": "validUntil"}


def _organisations(consents: Sequence[Mapping[str, Any]]) -> dict[int, Organisation]:
    ids = {c["organisation_id"] for c in consents}
    found = {
        o.id: o for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(ids)))
    }
    unknown = {
        f"consents.{i}.organisationId": ["Unknown organisation."]
        for i, c in enumerate(consents)
        if c["organisation_id"] not in found
    }
    if unknown:
        raise InvalidInput("Unknown organisation.", fields=unknown)
    return found


def _check_coordinator_consent(actor: User, consents: Sequence[Mapping[str, Any]]) -> None:
    today = dt.date.today()
    if not any(
        c["organisation_id"] == actor.organisation_id
        and ConsentPurpose(c["purpose"]) is ConsentPurpose.PLAN_SHARING
        and (c.get("valid_until") is None or c["valid_until"] >= today)
        for c in consents
    ):
        raise InvalidInput(
            "As coordinator, your organisation needs the family's plan_sharing consent.",
            fields={"consents": ["Add plan_sharing consent for your own organisation."]},
        )


def intake_household(
    *,
    actor: User,
    reference: str,
    area_id: int,
    members: Sequence[Mapping[str, Any]],
    consents: Sequence[Mapping[str, Any]],
    workflow: str = "plan_standard",
    referral_source: ReferralSource | str = ReferralSource.PARTNER,
    referred_on: dt.date | None = None,
) -> tuple[Household, Plan]:
    """Register a household, its members and consents, and start its plan with the
    acting professional as coordinator; flushes, never commits."""
    if actor.role is not Role.PROFESSIONAL:
        raise Forbidden("Only a professional registers a household.")
    area = db.session.get(Area, area_id)
    if area is None:
        raise InvalidInput("Unknown area.", fields={"areaId": ["Unknown area."]})
    for index, consent in enumerate(consents):
        if not 0 <= consent["given_by_member_index"] < len(members):
            raise InvalidInput(
                "Consent is given by one of the members.",
                fields={f"consents.{index}.givenByMemberIndex": ["No such member."]},
            )
    organisations = _organisations(consents)
    _check_coordinator_consent(actor, consents)
    check_reference(reference.strip())
    taken = func.lower(Household.reference) == reference.strip().lower()
    if db.session.scalar(select(Household.id).where(taken)):
        raise Conflict("This reference is already in use; choose another one.")
    household = create_household(
        area=area,
        reference=reference,
        actor=actor,
        referral_source=referral_source,
        referred_on=referred_on,
    )
    people = [add_member(household, actor=actor, **member) for member in members]
    for index, consent in enumerate(consents):
        try:
            give_consent(
                household,
                organisation=organisations[consent["organisation_id"]],
                purpose=consent["purpose"],
                given_by=people[consent["given_by_member_index"]],
                valid_until=consent.get("valid_until"),
                actor=actor,
            )
        except ValidationFailed as error:
            # The field as the intake names it: which consent, given by which member.
            error.fields = {
                f"consents.{index}.{_INTAKE_FIELDS.get(name, name)}": messages
                for name, messages in error.fields.items()
            }
            raise
    plan = create_plan(household, coordinator=actor, actor=actor, workflow_name=workflow)
    record_audit(
        actor=actor,
        action="create",
        object_type="household",
        object_id=str(household.id),
        household_ids=[household.id],
        purpose=purpose_of(actor),
    )
    return household, plan
