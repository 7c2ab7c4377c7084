"""What the monitoring and reflection handlers share: the programme-only check, the cached
JSON documents of the indicators, and reflection responses with their ETag."""

from __future__ import annotations

from typing import Any

from flask import current_app, g

from api.core import etag_of, require_if_match, with_etag
from api.monitoring_schemas import ReflectionSchema
from api.schemas import CamelSchema
from maatwerk.core.enums import Role
from maatwerk.core.errors import NotFound
from maatwerk.monitoring.reading import Context, Filters


def require_programme() -> None:
    if g.actor.role is not Role.PROGRAMME:
        raise NotFound("Not found.")


def filters_of(args: dict[str, Any], context: Context) -> Filters:
    return Filters(
        year=args.get("year") or context.default_year(),
        area_id=args.get("area_id"),
        intervention_id=args.get("intervention_id"),
        domain=args.get("domain"),
        programme_line=args.get("programme_line"),
        phase_plan=args.get("phase_plan"),
    )


def cache_key(args: dict[str, Any]) -> tuple:
    return tuple(sorted(args.items()))


def json_body(schema: CamelSchema, document: dict[str, Any]) -> bytes:
    """The response body exactly as @blp.response would make it from the document.

    The outputs only change with the rollups: they are kept per process until the next
    refresh (maatwerk/monitoring/published.py), the schema dump with them.
    """
    return current_app.json.response(schema.dump(document)).get_data()


def reflection_response(session, status: int = 200):
    return with_etag(session, etag_of("reflection", session), status)


def require_reflection_version(session) -> None:
    require_if_match(etag_of("reflection", session), lambda: ReflectionSchema().dump(session))
