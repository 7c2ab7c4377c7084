"""Schema conventions of the API: lowerCamelCase properties, unknown fields refused."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from typing import Any

import marshmallow as ma
from marshmallow import ValidationError, fields, validate

from maatwerk.goals.dates import too_far_ahead

CENT = decimal.Decimal("0.01")


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


def not_past(value: dt.date | None) -> bool:
    """A date given now may not lie before today."""
    # An input rule (API here, the pages' WTForms validator not_in_past), not a domain one:
    # a date that has passed since it was set stays valid, and the demo and synth loaders
    # build histories with dates that lie in the past through the same operations.
    if value is not None and value < dt.date.today():
        raise ValidationError("Lies in the past.")
    return True


def ahead_within_reach(value: dt.date | None) -> bool:
    """A target or due date: not before today, nor more than ten years ahead."""
    not_past(value)
    if too_far_ahead(value):
        raise ValidationError("More than 10 years ahead.")
    return True


class Money(fields.Decimal):
    """An amount in euros: a JSON string with two decimals ("125.50") both ways, declared so
    in the OpenAPI (type string, pattern). Input may also be a JSON number; more than two
    decimals or an amount out of bounds is refused, never rounded or truncated."""

    def __init__(self, *, minimum: str = "0", maximum: str = "1000000", **kwargs: Any) -> None:
        self.lowest, self.highest = decimal.Decimal(minimum), decimal.Decimal(maximum)
        digits = len(str(int(self.highest)))
        self.pattern = rf"^\d{{1,{digits}}}(\.\d{{1,2}})?$"
        metadata = {
            "type": "string",  # apispec would say number: the value is a string both ways
            "pattern": self.pattern,
            "example": "125.50",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(as_string=True, metadata=metadata, **kwargs)

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return str(decimal.Decimal(value).quantize(CENT))

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> decimal.Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.make_error("invalid")
        if isinstance(value, str) and not re.fullmatch(self.pattern, value):
            raise ValidationError(
                "An amount in euros such as 125.50: not negative, at most two decimals."
            )
        number = super()._deserialize(value, attr, data, **kwargs)
        if not self.lowest <= number <= self.highest:
            raise ValidationError(f"Between {self.lowest} and {self.highest}.")
        if number != number.quantize(CENT):
            raise ValidationError("At most two decimals.")
        return number


def money(
    *, required: bool = False, minimum: str = "0", description: str = "", **kwargs: Any
) -> Money:
    """A money field (see Money): every amount in the API is one of these."""
    if description:
        kwargs.setdefault("metadata", {})["description"] = description
    return Money(required=required, minimum=minimum, **kwargs)
