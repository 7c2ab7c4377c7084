"""Schema conventions of the API: lowerCamelCase properties, unknown fields refused."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate


def camelcase(name: str) -> str:
    """snake_case -> lowerCamelCase."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class CamelSchema(ma.Schema):
    """Base schema: lowerCamelCase JSON names, RAISE on unknown fields."""

    class Meta:
        unknown = ma.RAISE

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        field_obj.data_key = camelcase(field_obj.data_key or field_name)


class InvalidParamSchema(CamelSchema):
    """One offending field of a validation error."""

    name = fields.String(required=True)
    reason = fields.String(required=True)


class ProblemSchema(CamelSchema):
    """RFC 9457 problem details."""

    type = fields.String(metadata={"example": "about:blank"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    invalid_params = fields.List(fields.Nested(InvalidParamSchema))
    current = fields.Dict(metadata={"description": "Current representation (412 only)"})


class PageArgsSchema(CamelSchema):
    """Pagination query parameters."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    page_size = fields.Integer(load_default=25, validate=validate.Range(min=1, max=100))


def page_schema(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A page envelope schema for a list of items."""
    return type(
        name,
        (CamelSchema,),
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "page": fields.Integer(required=True),
            "page_size": fields.Integer(required=True),
            "total_count": fields.Integer(required=True),
        },
    )


def text(max_length: int, *, required: bool = False, **kwargs) -> fields.String:
    """A bounded string field (oversized input is a 400, never a 500)."""
    return fields.String(
        required=required,
        validate=validate.Length(min=1 if required else 0, max=max_length),
        **kwargs,
    )
