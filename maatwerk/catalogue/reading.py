"""Looking up catalogue entries referenced in requests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select

from maatwerk.catalogue.models import Area, Intervention
from maatwerk.core.db import db
from maatwerk.core.errors import ValidationFailed


def get_intervention(intervention_id: int, field: str = "interventionId") -> Intervention:
    """An intervention by id, or a validation error naming the field."""
    intervention = db.session.get(Intervention, intervention_id)
    if intervention is None:
        raise ValidationFailed("Unknown intervention.", fields={field: ["Unknown intervention."]})
    return intervention


def get_area(area_id: int, field: str = "areaId") -> Area:
    """An area by id, or a validation error naming the field."""
    area = db.session.get(Area, area_id)
    if area is None:
        raise ValidationFailed("Unknown area.", fields={field: ["Unknown area."]})
    return area


def get_areas(ids: Iterable[int], field: str = "areaIds") -> list[Area]:
    """Areas by id, in the given order; unknown ids are a validation error."""
    ids = list(dict.fromkeys(ids))
    found = {a.id: a for a in db.session.scalars(select(Area).where(Area.id.in_(ids)))}
    if any(i not in found for i in ids):
        raise ValidationFailed("Unknown area.", fields={field: ["Unknown area."]})
    return [found[i] for i in ids]


def offered(model: type, *keep: int | None) -> Any:
    """A condition for the pickers: entries not retired, and those already chosen (`keep`),
    so that an old action or barrier still shows the one it names."""
    kept = [i for i in keep if i is not None]
    return (
        or_(model.retired_at.is_(None), model.id.in_(kept)) if kept else model.retired_at.is_(None)
    )
