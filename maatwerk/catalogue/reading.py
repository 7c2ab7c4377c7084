"""Looking up catalogue entries referenced in requests."""

from __future__ import annotations

from maatwerk.catalogue.models import Intervention
from maatwerk.core.db import db
from maatwerk.core.errors import ValidationFailed


def get_intervention(intervention_id: int, field: str = "interventionId") -> Intervention:
    """An intervention by id, or a validation error naming the field."""
    intervention = db.session.get(Intervention, intervention_id)
    if intervention is None:
        raise ValidationFailed("Unknown intervention.", fields={field: ["Unknown intervention."]})
    return intervention
