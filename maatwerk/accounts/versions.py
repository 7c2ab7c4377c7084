"""The version of an account as the administrator sees it (its ETag and edit forms)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from maatwerk.accounts.models import User
from maatwerk.core.db import db
from maatwerk.plans.revisions import StaleVersion


def bump_account_version(user: User, expected: int | None = None) -> int:
    """Count a change of what the administrator sees, atomically; with `expected`, only
    from that version (StaleVersion when someone else changed the account meanwhile)."""
    statement = update(User).where(User.id == user.id)
    if expected is not None:
        statement = statement.where(User.version == expected)
    new = db.session.execute(
        statement.values(version=User.version + 1).returning(User.version),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    if new is None:
        raise StaleVersion(f"account {user.id} is no longer at version {expected}")
    set_committed_value(user, "version", new)
    return new
