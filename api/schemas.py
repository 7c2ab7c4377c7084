"""Schema conventions of the API: lowerCamelCase properties, unknown fields refused, input
as typed as the spec says (integers as JSON integers, dates as YYYY-MM-DD, amounts as
strings)."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from contextvars import ContextVar
from typing import Any

import marshmallow as ma
from marshmallow import ValidationError, fields, validate

from maatwerk.goals.dates import too_far_ahead

CENT = decimal.Decimal("0.01")
# PostgreSQL's integer: an integer input beyond it cannot name or count anything stored.
MAX_INT = 2**31 - 1
# True while a schema loads typed input (a JSON body); False for text input (a query string,
# where "16" is how an integer is written). api/core.py's parser sets it per location.
TYPED_INPUT: ContextVar[bool] = ContextVar("typed_input", default=True)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def camelcase(name: str) -> str:
    """snake_case -> lowerCamelCase."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class TypedInteger(fields.Integer):
    """An integer that typed input sends as a JSON integer: not "16", nor 16.0."""

    def _validated(self, value: Any) -> int:
        if TYPED_INPUT.get() and not isinstance(value, int):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


def iso_date(value: str) -> dt.date:
    """A date as YYYY-MM-DD exactly (ISO 8601's calendar date), not "2027-2-3"."""
    if not ISO_DATE.fullmatch(value):
        raise ValueError("Not a date as YYYY-MM-DD.")
    return dt.date.fromisoformat(value)


class IsoDate(fields.Date):
    """A date field that takes YYYY-MM-DD only."""

    DESERIALIZATION_FUNCS = {"iso": iso_date, "iso8601": iso_date}


class CamelSchema(ma.Schema):
    """Base schema: lowerCamelCase JSON names, RAISE on unknown fields; every integer typed
    (TypedInteger) and within the bounds of the database unless it has bounds of its own,
    every date YYYY-MM-DD (IsoDate)."""

    class Meta:
        unknown = ma.RAISE

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        field_obj.data_key = camelcase(field_obj.data_key or field_name)
        typed(field_obj)


def typed(field: fields.Field) -> None:
    """The conventions hold for every schema without each field spelling them out: the field
    (a copy per schema instance), and the items of a list, becomes the stricter subclass of
    its own class."""
    if type(field) is fields.Integer:
        field.__class__ = TypedInteger
    if type(field) is fields.Date:
        field.__class__ = IsoDate
    bounded = any(isinstance(v, validate.Range) for v in field.validators)
    if isinstance(field, fields.Integer) and not field.dump_only and not bounded:
        field.validators.append(validate.Range(min=-MAX_INT - 1, max=MAX_INT))
    if isinstance(field, fields.List):
        typed(field.inner)
    if isinstance(field, fields.Tuple):
        for item in field.tuple_fields:
            typed(item)


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
    in the OpenAPI (type string, pattern); a JSON number is refused, as the spec says. More
    than two decimals or an amount out of bounds is refused, never rounded or truncated."""

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
        if not isinstance(value, str):
            raise ValidationError('An amount in euros as a string, such as "125.50".')
        if not re.fullmatch(self.pattern, value):
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
