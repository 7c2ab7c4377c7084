"""Looking up accounts and organisations referenced in requests."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.core.db import db
from maatwerk.core.enums import Role
from maatwerk.core.errors import ValidationFailed


def get_professional(user_id: int, field: str = "userId") -> User:
    """An active professional by id, or a validation error naming the field."""
    user = db.session.get(User, user_id)
    if user is None or user.role is not Role.PROFESSIONAL or not user.active:
        raise ValidationFailed("Unknown professional.", fields={field: ["Unknown professional."]})
    return user


def get_organisations(ids: Iterable[int], field: str) -> list[Organisation]:
    """Organisations by id, in the given order; unknown ids are a validation error."""
    ids = list(ids)
    if not ids:
        return []
    found = {
        o.id: o for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(ids)))
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationFailed("Unknown organisation.", fields={field: ["Unknown organisation."]})
    return [found[i] for i in ids]
