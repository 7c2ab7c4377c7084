"""Schemas of the caller (/me), organisations, areas, interventions, operational goals and
workflow definitions."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from api.household_schemas import MAX_ID
from api.schemas import CamelSchema, PageArgsSchema, page_schema, text
from maatwerk.core.enums import AreaKind, Domain, ProgrammeLine, Role, Sector


class OrganisationSchema(CamelSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    sector = fields.Enum(Sector, by_value=True, required=True)


class MeSchema(CamelSchema):
    id = fields.Integer(required=True)
    login = fields.String(required=True)
    display_name = fields.String(required=True)
    role = fields.Enum(Role, by_value=True, required=True)
    organisation = fields.Nested(OrganisationSchema, allow_none=True)
    household_id = fields.Integer(
        allow_none=True, metadata={"description": "Family accounts: their household"}
    )


class AreaItemSchema(CamelSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.Enum(AreaKind, by_value=True, required=True)


class AreaSchema(AreaItemSchema):
    parent_id = fields.Integer(allow_none=True)
    region = fields.String(allow_none=True)
    children = fields.List(
        fields.Nested(AreaItemSchema),
        required=True,
        metadata={"description": "Villages, districts or neighbourhoods within this area"},
    )


RETIRED_AT = {"description": "When it was retired: no longer offered for new use (null: offered)"}


class InterventionSchema(CamelSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)
    domains = fields.List(fields.Enum(Domain, by_value=True), required=True)
    organisations = fields.List(fields.Nested(OrganisationSchema), required=True)
    areas = fields.List(fields.Nested(AreaItemSchema), required=True)
    retired_at = fields.AwareDateTime(allow_none=True, required=True, metadata=RETIRED_AT)


class OperationalGoalSchema(CamelSchema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    text = fields.String(required=True)
    programme_line = fields.Enum(ProgrammeLine, by_value=True, required=True)
    phase_plan = fields.Integer(required=True)
    measurement = fields.String(required=True)
    retired_at = fields.AwareDateTime(allow_none=True, required=True, metadata=RETIRED_AT)


class OrganisationQueryArgsSchema(PageArgsSchema):
    sector = fields.Enum(Sector, by_value=True)


class AreaQueryArgsSchema(PageArgsSchema):
    parent_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "Only the areas within this one (default: municipalities)"},
    )


class InterventionQueryArgsSchema(PageArgsSchema):
    domain = fields.Enum(Domain, by_value=True)
    area_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "Offered in this area, its municipality or its villages"},
    )
    q = text(100, metadata={"description": "Words in the name or description"})
    include_retired = fields.Boolean(
        load_default=False, metadata={"description": "Also the retired interventions"}
    )


class OperationalGoalQueryArgsSchema(PageArgsSchema):
    programme_line = fields.Enum(ProgrammeLine, by_value=True)
    phase_plan = fields.Integer(validate=validate.Range(min=1, max=100))
    include_retired = fields.Boolean(
        load_default=False, metadata={"description": "Also the retired operational goals"}
    )


# --- changes by the programme (api/catalogue_edit.py) -------------------------------------


def _not_blank(value: str) -> bool:
    if not value.strip():
        raise ValidationError("Must not be blank.")
    return True


# Documented, so that generated clients and tests never send what every request refuses
# (maatwerk/core/inputs.py: text with the NUL character is a 400 before any handler).
NO_NUL = {"pattern": r"^[^\x00]*$"}
NOT_BLANK = {"pattern": r"^[^\x00]*[^\s\x00][^\x00]*$"}


def _name(max_length: int, **kwargs) -> fields.String:
    return fields.String(
        validate=[validate.Length(min=1, max=max_length), _not_blank],
        metadata=NOT_BLANK,
        **kwargs,
    )


def _ids(description: str) -> fields.List:
    return fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)),
        validate=validate.Length(max=200),
        metadata={"description": description},
    )


bounded = text  # the goal schemas have a field named text
PLACE_KINDS = [AreaKind.VILLAGE, AreaKind.DISTRICT, AreaKind.NEIGHBOURHOOD]
RETIRED = {"description": "true retires it (gone from pickers and lists), false offers it again"}


class AreaCreateSchema(CamelSchema):
    parent_id = fields.Integer(
        required=True,
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "The municipality (or, for a neighbourhood, the village)"},
    )
    name = _name(120, required=True)
    kind = fields.String(
        required=True,
        validate=validate.OneOf([k.value for k in PLACE_KINDS]),
        metadata={"description": "village, district or neighbourhood (not a municipality)"},
    )


class AreaPatchSchema(CamelSchema):
    name = _name(120, required=True)


class InterventionFieldsSchema(CamelSchema):
    name = _name(200)
    description = text(5000, metadata=NO_NUL)
    domains = fields.List(
        fields.Enum(Domain, by_value=True), validate=validate.Length(min=1, max=len(Domain))
    )
    organisation_ids = _ids("The organisations offering it")
    area_ids = _ids("Where it is offered (none: the whole region)")


class InterventionPatchSchema(InterventionFieldsSchema):
    retired = fields.Boolean(metadata=RETIRED)


class InterventionCreateSchema(InterventionFieldsSchema):
    name = _name(200, required=True)
    description = text(5000, load_default="", metadata=NO_NUL)
    domains = fields.List(
        fields.Enum(Domain, by_value=True),
        required=True,
        validate=validate.Length(min=1, max=len(Domain)),
    )


class OperationalGoalPatchSchema(CamelSchema):
    """The code stays: monitoring's indicators are defined per code."""

    text = _name(5000)
    programme_line = fields.Enum(ProgrammeLine, by_value=True)
    phase_plan = fields.Integer(validate=validate.Range(min=1, max=100))
    measurement = bounded(5000, metadata=NO_NUL)
    retired = fields.Boolean(metadata=RETIRED)


class OperationalGoalCreateSchema(CamelSchema):
    code = fields.String(
        validate=validate.Regexp(r"^[A-Z]{1,5}-[0-9]{1,4}$", error="A code such as OD-18."),
        metadata={"description": "Default: the next OD-number"},
    )
    text = _name(5000, required=True)
    programme_line = fields.Enum(ProgrammeLine, by_value=True, required=True)
    phase_plan = fields.Integer(required=True, validate=validate.Range(min=1, max=100))
    measurement = bounded(5000, load_default="", metadata=NO_NUL)


# --- workflows ---------------------------------------------------------------------------


class GuardSchema(CamelSchema):
    name = fields.String(required=True)
    message = fields.String(required=True)


class TransitionSchema(CamelSchema):
    trigger = fields.String(required=True)
    sources = fields.List(fields.String(), required=True)
    any_source = fields.Boolean(required=True)
    dest = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)
    guards = fields.List(fields.Nested(GuardSchema), required=True)
    reason_required = fields.Boolean(required=True)
    effects = fields.List(fields.String(), required=True)


class WorkflowSummarySchema(CamelSchema):
    name = fields.String(required=True)
    version = fields.Integer(required=True)
    subject = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    states = fields.List(fields.String(), required=True)
    initial = fields.String(required=True)
    final = fields.List(fields.String(), required=True)
    diagram_url = fields.String(required=True)


class WorkflowSchema(WorkflowSummarySchema):
    transitions = fields.List(fields.Nested(TransitionSchema), required=True)


class WorkflowQueryArgsSchema(CamelSchema):
    version = fields.Integer(
        validate=validate.Range(min=1, max=10000),
        metadata={"description": "A version of the definition (default: the latest)"},
    )


OrganisationPageSchema = page_schema(OrganisationSchema, "OrganisationPageSchema")
AreaPageSchema = page_schema(AreaSchema, "AreaPageSchema")
InterventionPageSchema = page_schema(InterventionSchema, "InterventionPageSchema")
OperationalGoalPageSchema = page_schema(OperationalGoalSchema, "OperationalGoalPageSchema")
