"""What the barrier and budget handlers share: responses with their ETag, the If-Match check
and the organisations a payload names."""

from __future__ import annotations

from flask import g, url_for

from api.barrier_schemas import BarrierSchema
from api.core import etag_of, require_if_match, with_etag
from maatwerk.accounts.reading import get_organisations
from maatwerk.barriers.presenting import present_barrier


def barrier_response(barrier, status: int = 200):
    """The barrier as the user may see it, with its ETag (and Location when created)."""
    body, _, headers = with_etag(present_barrier(barrier, g.actor), etag_of("barrier", barrier))
    if status == 201:
        headers["Location"] = url_for("barriers.BarrierById", barrier_id=barrier.id)
    return body, status, headers


def require_barrier_version(barrier) -> None:
    require_if_match(
        etag_of("barrier", barrier), lambda: BarrierSchema().dump(present_barrier(barrier, g.actor))
    )


def organisations(data: dict, key: str = "organisation_ids"):
    """The organisations a payload names, or None when it names none."""
    return get_organisations(data[key], "organisationIds") if key in data else None


def budget_response(budget, status: int = 200):
    body, _, headers = with_etag(budget, etag_of("flexible-budget", budget))
    if status == 201:
        headers["Location"] = url_for("barriers.BudgetById", budget_id=budget.id)
    return body, status, headers
