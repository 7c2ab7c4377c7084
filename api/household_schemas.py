"""Schemas of households, members, consents, the access log and the AVG export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.core import with_etag
from api.plan_schemas import OrganisationRefSchema, UserRefSchema
from api.schemas import CamelSchema, PageArgsSchema, not_past, page_schema, text
from maatwerk.core.enums import ConsentPurpose, MemberPosition, ReferralSource
from maatwerk.households.ages import birth_date_problem
from maatwerk.workflow import ENGINE

# Ids are 32-bit integers in the database: larger ones are a 400, not a database error.
MAX_ID = 2_147_483_647
PLAN_WORKFLOWS = sorted({d.name for d in ENGINE.definitions if d.subject == "plan"})
REFERENCE = validate.Regexp(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    error="Letters, digits, '.', '_' and '-' only: a code, never a name.",
)


def representation_etag(kind: str, object_id: Any, body: Any) -> str:
    """A strong ETag for a resource without a version column: a digest of its JSON."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return f'"{kind}-{object_id}-{hashlib.sha256(canonical.encode()).hexdigest()[:32]}"'


def with_digest_etag(
    schema: type[Schema], kind: str, object_id: Any, obj: Any, status: int = 200
) -> tuple[Any, int, dict[str, str]]:
    """The object for @blp.response to serialise, with the digest ETag of that same dump."""
    body = schema().dump(obj)
    return with_etag(obj, representation_etag(kind, object_id, body), status)


def _not_blank(value: str) -> bool:
    if not value.strip():
        raise ValidationError("Must not be blank.")
    return True


def _plausible_birth(value: dt.date | None) -> bool:
    problem = birth_date_problem(value)
    if problem == "future":
        raise ValidationError("In the future.")
    if problem == "too_long_ago":
        raise ValidationError("More than 120 years back.")
    return True


# --- output -------------------------------------------------------------------------------


class AreaRefSchema(CamelSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class MemberSchema(CamelSchema):
    id = fields.Integer(required=True)
    household_id = fields.Integer(required=True)
    given_name = fields.String(required=True)
    family_name = fields.String(required=True)
    date_of_birth = fields.Date(allow_none=True)
    position = fields.Enum(MemberPosition, by_value=True, required=True)


class ConsentSchema(CamelSchema):
    id = fields.Integer(required=True)
    household_id = fields.Integer(required=True)
    organisation = fields.Nested(OrganisationRefSchema, required=True)
    purpose = fields.Enum(ConsentPurpose, by_value=True, required=True)
    given_by_member_id = fields.Integer(allow_none=True)
    recorded_by = fields.Nested(UserRefSchema, allow_none=True)
    text_version = fields.String(required=True)
    given_at = fields.AwareDateTime(required=True)
    valid_until = fields.Date(allow_none=True)
    withdrawn_at = fields.AwareDateTime(allow_none=True)
    active = fields.Function(lambda consent: consent.is_active(), required=True)
    version = fields.Integer(required=True)


class HouseholdSummarySchema(CamelSchema):
    id = fields.Integer(required=True)
    reference = fields.String(required=True)
    area = fields.Nested(AreaRefSchema, required=True)
    referral_source = fields.Enum(ReferralSource, by_value=True, required=True)
    referred_on = fields.Date(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    plan_ids = fields.List(
        fields.Integer(),
        required=True,
        metadata={"description": "The plans of this household you may open."},
    )


class HouseholdSchema(HouseholdSummarySchema):
    members = fields.List(fields.Nested(MemberSchema), required=True)
    consents = fields.List(fields.Nested(ConsentSchema), required=True)


class AccessLogEntrySchema(CamelSchema):
    occurred_at = fields.AwareDateTime(required=True)
    organisation = fields.String(required=True, metadata={"description": "Who: organisation"})
    role = fields.String(required=True)
    action = fields.String(attribute="action.value", required=True)
    object_type = fields.String(required=True)
    outcome = fields.String(attribute="outcome.value", required=True)


def _raw(description: str, **kwargs: Any) -> fields.Raw:
    return fields.Raw(required=True, metadata={"description": description}, **kwargs)


class HouseholdExportSchema(CamelSchema):
    """The AVG download: every record of the household (the document is built in the domain)."""

    format_version = _raw("Version of this export format", attribute="formatVersion")
    exported_at = fields.String(
        required=True,
        attribute="exportedAt",
        metadata={"format": "date-time", "description": "When the export was made (UTC)"},
    )
    household = _raw("The household", attribute="household")
    members = _raw("Its members", attribute="members")
    member_revisions = _raw(
        "Corrections of members' details: earlier and new value, who and when",
        attribute="memberRevisions",
    )
    accounts = _raw("The family's accounts", attribute="accounts")
    consents = _raw("Every consent, also withdrawn ones", attribute="consents")
    plans = _raw(
        "Plans with team, goals, actions, barriers, scores, comments, revisions and "
        "transition events",
        attribute="plans",
    )
    experience_surveys = _raw("Experience surveys and answers", attribute="experienceSurveys")
    case_reviews = _raw(
        "The household's case in case review sessions: anonymised facts and texts",
        attribute="caseReviews",
    )
    activation_codes = _raw(
        "Portal activation codes made for members: when, by whom, used or revoked (no code)",
        attribute="activationCodes",
    )
    budget_grants = _raw(
        "Money granted from flexible budgets for the household's barriers",
        attribute="budgetGrants",
    )
    family_notices = _raw(
        "Notices to the family accounts: a member added, an account made or reset by someone else",
        attribute="familyNotices",
    )
    access_log = _raw("Who accessed the file, newest first", attribute="accessLog")


# --- input --------------------------------------------------------------------------------


class MemberPatchSchema(CamelSchema):
    """A correction of a member's details; the earlier values stay in the history."""

    given_name = fields.String(validate=[validate.Length(min=1, max=100), _not_blank])
    family_name = text(100)
    date_of_birth = fields.Date(allow_none=True, validate=_plausible_birth)
    position = fields.Enum(MemberPosition, by_value=True)


class MemberCreateSchema(CamelSchema):
    given_name = fields.String(
        required=True, validate=[validate.Length(min=1, max=100), _not_blank]
    )
    family_name = text(100, load_default="")
    date_of_birth = fields.Date(load_default=None, allow_none=True, validate=_plausible_birth)
    position = fields.Enum(MemberPosition, by_value=True, required=True)


class IntakeConsentSchema(CamelSchema):
    organisation_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    purpose = fields.Enum(ConsentPurpose, by_value=True, required=True)
    given_by_member_index = fields.Integer(
        required=True,
        validate=validate.Range(min=0, max=19),
        metadata={"description": "Position (from 0) of the consenting member in `members`"},
    )
    valid_until = fields.Date(load_default=None, allow_none=True, validate=not_past)


class IntakeSchema(CamelSchema):
    reference = fields.String(required=True, validate=[validate.Length(min=1, max=40), REFERENCE])
    area_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    referral_source = fields.Enum(
        ReferralSource, by_value=True, load_default=ReferralSource.PARTNER
    )
    referred_on = fields.Date(load_default=None, allow_none=True, validate=_plausible_birth)
    members = fields.List(
        fields.Nested(MemberCreateSchema), required=True, validate=validate.Length(min=1, max=20)
    )
    consents = fields.List(
        fields.Nested(IntakeConsentSchema), required=True, validate=validate.Length(min=1, max=50)
    )
    workflow = fields.String(load_default="plan_standard", validate=validate.OneOf(PLAN_WORKFLOWS))

    @validates_schema
    def _consents_fit_members(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[int, dict[str, list[str]]] = {}
        seen: set[tuple[int, ConsentPurpose]] = set()
        for index, consent in enumerate(data.get("consents", [])):
            if consent["given_by_member_index"] >= len(data.get("members", [])):
                errors.setdefault(index, {})["givenByMemberIndex"] = ["No such member."]
            key = (consent["organisation_id"], consent["purpose"])
            if key in seen:
                errors.setdefault(index, {})["purpose"] = ["Given twice for this organisation."]
            seen.add(key)
        if errors:
            raise ValidationError({"consents": errors})


class ConsentCreateSchema(CamelSchema):
    organisation_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    purpose = fields.Enum(ConsentPurpose, by_value=True, required=True)
    given_by_member_id = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={
            "description": "The member (16 or older) who gave the consent: required when a "
            "professional records it; a family account gives it as its own member by default"
        },
    )
    valid_until = fields.Date(load_default=None, allow_none=True, validate=not_past)


class HouseholdQueryArgsSchema(PageArgsSchema):
    reference = text(40)


HouseholdPageSchema = page_schema(HouseholdSummarySchema, "HouseholdPageSchema")
AccessLogPageSchema = page_schema(AccessLogEntrySchema, "AccessLogPageSchema")
