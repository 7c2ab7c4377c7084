"""Schemas of the administrator's API: organisations and staff accounts."""

from __future__ import annotations

from marshmallow import fields, validate

from api.plan_schemas import MAX_ID, OrganisationRefSchema
from api.schemas import CamelSchema, PageArgsSchema, page_schema, text
from maatwerk.admin.access import STAFF_ROLES
from maatwerk.core.enums import Sector

STAFF_ROLE_VALUES = [role.value for role in STAFF_ROLES]


class AdminOrganisationSchema(CamelSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    sector = fields.Enum(Sector, by_value=True, required=True)
    created_at = fields.AwareDateTime(required=True)


class AdminOrganisationListItemSchema(AdminOrganisationSchema):
    account_count = fields.Integer(
        required=True, metadata={"description": "Staff accounts of the organisation."}
    )


AdminOrganisationPageSchema = page_schema(
    AdminOrganisationListItemSchema, "AdminOrganisationPageSchema"
)


class AdminOrganisationQueryArgsSchema(PageArgsSchema):
    q = text(200, metadata={"description": "Part of the name, whatever its capitals."})
    sector = fields.Enum(Sector, by_value=True)


class AdminOrganisationCreateSchema(CamelSchema):
    name = text(200, required=True)
    sector = fields.Enum(Sector, by_value=True, required=True)


class AdminOrganisationPatchSchema(CamelSchema):
    name = text(200)
    sector = fields.Enum(Sector, by_value=True)


class AdminAccountSchema(CamelSchema):
    id = fields.Integer(required=True)
    login = fields.String(required=True)
    display_name = fields.String(required=True)
    role = fields.String(required=True, metadata={"enum": STAFF_ROLE_VALUES})
    organisation = fields.Nested(OrganisationRefSchema, allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    active = fields.Boolean(required=True)
    password_set = fields.Function(
        lambda user: user.password_hash is not None,
        metadata={"description": "False until the user chose a password with a setup code."},
    )
    mfa_enabled = fields.Function(lambda user: user.mfa_enabled_at is not None)
    created_at = fields.AwareDateTime(required=True)
    last_login_at = fields.AwareDateTime(
        allow_none=True,
        metadata={"description": "The last login, on a page or for an API token; null: never"},
    )


AdminAccountPageSchema = page_schema(AdminAccountSchema, "AdminAccountPageSchema")


class AdminAccountQueryArgsSchema(PageArgsSchema):
    q = text(200, metadata={"description": "Part of the login or the name."})
    role = fields.String(validate=validate.OneOf(STAFF_ROLE_VALUES))
    organisation_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    active = fields.Boolean()


class AdminAccountCreateSchema(CamelSchema):
    login = text(80, required=True)
    display_name = text(200, required=True)
    role = fields.String(required=True, validate=validate.OneOf(STAFF_ROLE_VALUES))
    organisation_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        allow_none=True,
        load_default=None,
        metadata={"description": "Required for professionals and managers."},
    )
    email = text(254, allow_none=True, load_default=None)
    phone = text(40, allow_none=True, load_default=None)


class AdminAccountPatchSchema(CamelSchema):
    display_name = text(200)
    email = text(254, allow_none=True)
    phone = text(40, allow_none=True)


class SetupCodeSchema(CamelSchema):
    code = fields.String(
        required=True,
        metadata={"description": "Shown only now: the user chooses a password with it."},
    )
    expires_at = fields.AwareDateTime(required=True)


class AdminAccountCreatedSchema(AdminAccountSchema):
    setup_code = fields.Nested(SetupCodeSchema, required=True)
