"""Operations on households, members and consents; they flush, never commit."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import phonenumbers
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from stdnum.nl import bsn as stdnum_bsn

from maatwerk.accounts.models import Organisation
from maatwerk.catalogue.models import Area
from maatwerk.core.actors import SYSTEM
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import ConsentPurpose, MemberPosition, ReferralSource, Role
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.households.ages import birth_date_problem, may_give_consent
from maatwerk.households.models import Consent, Household, Member, MemberRevision

CONSENT_TEXT_VERSION = "2024-1"


# A run of digits with the separators a BSN or a phone number is written with.
_NUMBER_RUN = re.compile(r"\+?\d[\d .()-]{6,}\d")


def check_reference(reference: str) -> None:
    """Refuse a reference that is a BSN or a phone number: the reference is shown to the
    managers of other organisations and no BSN is stored (DESIGN §4)."""
    for run in _NUMBER_RUN.findall(reference):
        digits = re.sub(r"\D", "", run)
        if len(digits) == 9 and stdnum_bsn.is_valid(digits):
            raise ValidationFailed(
                "A reference is a code, never a BSN or a phone number.",
                fields={"reference": ["Looks like a BSN."]},
            )
        if _is_phone_number(run):
            raise ValidationFailed(
                "A reference is a code, never a BSN or a phone number.",
                fields={"reference": ["Looks like a phone number."]},
            )


def _is_phone_number(text: str) -> bool:
    try:
        number = phonenumbers.parse(text, "NL")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def create_household(
    *,
    area: Area,
    reference: str,
    actor: Any,
    referral_source: ReferralSource | str = ReferralSource.PARTNER,
    referred_on: dt.date | None = None,
) -> Household:
    """Register a household under a non-identifying reference."""
    reference = reference.strip()
    if not reference:
        raise ValidationFailed("A reference is required.", fields={"reference": ["Required."]})
    check_reference(reference)
    if db.session.scalar(
        select(Household.id).where(func.lower(Household.reference) == reference.lower())
    ):
        raise Conflict("This reference is already in use.", fields={"reference": ["Already used."]})
    household = Household(
        area=area,
        reference=reference,
        referral_source=ReferralSource(referral_source),
        referred_on=referred_on,
    )
    try:
        with db.session.begin_nested():  # a concurrent intake may take the same reference
            db.session.add(household)
    except IntegrityError:
        raise Conflict(
            "This reference is already in use.", fields={"reference": ["Already used."]}
        ) from None
    return household


def _check_date_of_birth(born: dt.date | None) -> None:
    problem = birth_date_problem(born)
    if problem == "future":
        raise ValidationFailed(
            "The date of birth lies in the future.", fields={"dateOfBirth": ["In the future."]}
        )
    if problem == "too_long_ago":
        raise ValidationFailed(
            "The date of birth lies more than 120 years back: check the year.",
            fields={"dateOfBirth": ["More than 120 years back."]},
        )


def add_member(
    household: Household,
    *,
    given_name: str,
    family_name: str,
    position: MemberPosition | str,
    actor: Any,
    date_of_birth: dt.date | None = None,
) -> Member:
    """Add a person to the household. At intake (no plan yet) the professional taking it in;
    after that only the family itself or the plan's coordinator, not any team member. The
    household's family accounts are told when someone else adds a member (DESIGN §3)."""
    intake = not household.plans
    if not intake:
        _check_family_or_coordinator(household, actor, "create", "member")
    if not given_name.strip():
        raise ValidationFailed("A name is required.", fields={"givenName": ["Required."]})
    _check_date_of_birth(date_of_birth)
    member = Member(
        household=household,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        position=MemberPosition(position),
        date_of_birth=date_of_birth,
    )
    db.session.add(member)
    db.session.flush()
    if not intake:
        from maatwerk.audit.operations import record_audit
        from maatwerk.notifications.family import notify_family
        from maatwerk.notifications.models import FamilyNoticeKind
        from maatwerk.plans.reading import purpose_of

        record_audit(
            actor=actor,
            action="create",
            object_type="member",
            object_id=str(member.id),
            household_ids=[household.id],
            purpose=purpose_of(actor),
        )
        notify_family(household.id, FamilyNoticeKind.MEMBER_ADDED, member_id=member.id, actor=actor)
    return member


def _check_family_or_coordinator(
    household: Household, actor: Any, action: str, object_type: str
) -> None:
    """Refuse (403, audited as denied) anyone but the household's family and the
    coordinator of one of its plans."""
    from maatwerk.households.reading import is_family_or_coordinator  # reading imports us
    from maatwerk.plans.reading import purpose_of

    role = getattr(actor, "role", None)
    if role in (Role.FAMILY, Role.PROFESSIONAL) and is_family_or_coordinator(actor, household):
        return
    raise Forbidden(
        "Only the family or the plan's coordinator changes who belongs to the household.",
        audit={
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "object_id": None,
            "household_ids": [household.id],
            "purpose": purpose_of(actor),
        },
    )


MEMBER_FIELDS = {
    "given_name": "givenName",
    "family_name": "familyName",
    "date_of_birth": "dateOfBirth",
    "position": "position",
}


def rectify_member(member: Member, *, actor: Any, **changes: Any) -> MemberRevision | None:
    """Correct a member's details; the earlier values stay in a MemberRevision (the history).
    Returns None when nothing changed. Access is checked by the caller."""
    if "given_name" in changes and not (changes["given_name"] or "").strip():
        raise ValidationFailed("A name is required.", fields={"givenName": ["Required."]})
    _check_date_of_birth(changes.get("date_of_birth"))
    if "position" in changes:
        changes["position"] = MemberPosition(changes["position"])
    for name in ("given_name", "family_name"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    diff: dict[str, list] = {}
    for name, value in changes.items():
        if name not in MEMBER_FIELDS:
            raise ValueError(f"not a member field: {name}")
        before = getattr(member, name)
        if before != value:
            diff[MEMBER_FIELDS[name]] = [_plain(before), _plain(value)]
            setattr(member, name, value)
    if not diff:
        return None
    revision = MemberRevision(
        member_id=member.id,
        household_id=member.household_id,
        changes=diff,
        actor_user_id=getattr(actor, "id", None),
        actor_role=str(getattr(getattr(actor, "role", None), "value", actor.role)),
    )
    db.session.add(revision)
    db.session.flush()
    return revision


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "value", value)


def may_record_consent(actor: Any, household: Household) -> bool:
    """Who records a consent (DESIGN §3: the family owns consent per organisation): the
    family's own account; the coordinator of one of the household's plans; and, while the
    household has no plan yet (the intake, in one transaction), the professional taking it
    in. Any other team member does not."""
    from maatwerk.households.reading import is_family_or_coordinator  # reading imports us

    role = getattr(actor, "role", None)
    if role is Role.FAMILY:
        return actor.household_id == household.id
    if role is not Role.PROFESSIONAL:
        return False
    if not household.plans:
        return True
    return is_family_or_coordinator(actor, household)


def withdrawn_by_family(household: Household, organisation: Organisation, purpose: Any) -> bool:
    """True when the latest consent of this organisation and purpose ended because the family
    withdrew it (a withdrawal from before this was recorded counts as the family's)."""
    earlier = [
        c
        for c in household.consents
        if c.organisation_id == organisation.id and c.purpose is purpose
    ]
    if not earlier:
        return False
    latest = max(earlier, key=lambda c: (c.given_at, c.id or 0))
    return latest.withdrawn_at is not None and latest.withdrawn_by_role in (None, "family")


def give_consent(
    household: Household,
    *,
    organisation: Organisation,
    purpose: ConsentPurpose | str,
    actor: Any,
    given_by: Member | None = None,
    valid_until: dt.date | None = None,
) -> Consent:
    """Record the household's consent for an organisation and purpose (DESIGN §4: given by
    which member, recorded by which user).

    A family account gives it as the member it belongs to unless it names another member. A
    professional only records what a named member of 16 or older gave, as the coordinator
    (or at intake), and never gives again what the family withdrew itself."""
    from maatwerk.plans.reading import purpose_of

    purpose = ConsentPurpose(purpose)
    family = getattr(actor, "role", None) is Role.FAMILY
    if not may_record_consent(actor, household):
        raise Forbidden(
            "Only the family or the plan's coordinator records consent.",
            audit={
                "actor": actor,
                "action": "create",
                "object_type": "consent",
                "object_id": None,
                "household_ids": [household.id],
                "purpose": purpose_of(actor),
            },
        )
    if given_by is None and family:
        given_by = actor.member  # DESIGN §4: family accounts link to a member
    if given_by is None:
        raise ValidationFailed(
            "A professional records the consent a family member gave: say which member.",
            fields={"givenBy": ["Required."]},
        )
    if given_by.household_id != household.id:
        raise ValidationFailed(
            "Consent is given by a member of this household.",
            fields={"givenBy": ["Not a member of this household."]},
        )
    if not may_give_consent(given_by):
        raise ValidationFailed(
            "Consent is given by a parent or another adult, or by a member aged 16 or older.",
            fields={"givenBy": ["Too young to give consent."]},
        )
    if valid_until is not None and valid_until < dt.date.today():
        raise ValidationFailed(
            "The end date lies in the past.", fields={"validUntil": ["In the past."]}
        )
    for existing in household.consents:
        if (
            existing.organisation_id == organisation.id
            and existing.purpose is purpose
            and existing.withdrawn_at is None
        ):
            raise Conflict("This organisation already has this consent.")
    if not family and withdrawn_by_family(household, organisation, purpose):
        raise Conflict(
            "The family withdrew this consent itself: only the family gives it again, "
            "in the portal."
        )
    consent = Consent(
        household=household,
        organisation=organisation,
        purpose=purpose,
        given_by=given_by,
        recorded_by_user_id=getattr(actor, "id", None),
        text_version=CONSENT_TEXT_VERSION,
        valid_until=valid_until,
    )
    db.session.add(consent)
    db.session.flush()
    return consent


def withdraw_consent(consent: Consent, *, actor: Any) -> Consent:
    """Withdraw a consent; without any plan_sharing consent left, open plans are withdrawn."""
    from maatwerk.workflow import ENGINE, fire_transition

    if consent.withdrawn_at is not None:
        raise Conflict("This consent was already withdrawn.")
    consent.withdrawn_at = utcnow()
    role = getattr(actor, "role", None)
    consent.withdrawn_by_role = str(getattr(role, "value", role) or "system")
    household = consent.household
    if consent.purpose is ConsentPurpose.PLAN_SHARING and not any(
        c.purpose is ConsentPurpose.PLAN_SHARING and c.is_active() for c in household.consents
    ):
        for plan in household.plans:
            if plan.status not in ENGINE.definition_for(plan).final:
                fire_transition(
                    plan, "withdraw", actor=SYSTEM, reason="All plan-sharing consent withdrawn."
                )
    db.session.flush()
    return consent
