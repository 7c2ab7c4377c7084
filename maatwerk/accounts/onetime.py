"""One-time codes handed over on paper or by phone: the family's activation codes
(maatwerk.portal.activation) and the staff's account setup codes (maatwerk.admin.setup).

A code is random, shown once, stored only as its SHA-256 hash, expires, and is claimed
atomically so that of two concurrent uses only one succeeds. Operations flush, never commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from sqlalchemy import update

from maatwerk.core.db import db
from maatwerk.core.errors import ValidationFailed

# No 0/O, 1/I/L, 5/S, 2/Z: easy to read aloud and to type on a phone.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
GROUPS, GROUP_SIZE = 3, 4  # 12 characters: about 57 bits


def normalise_code(raw: str) -> str:
    """Upper case without spaces or dashes, so 'abcd-efgh' and 'ABCD EFGH' match."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def code_digest(code: str) -> str:
    """The stored form of a code: the SHA-256 of its normalised text."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    """A fresh random code in groups of four, e.g. ABCD-EFGH-JKMN."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(chars[i : i + GROUP_SIZE] for i in range(0, len(chars), GROUP_SIZE))


def revoke_unused(model: Any, *where: Any, now: dt.datetime) -> None:
    """Make the unused, unrevoked codes of `model` that match `where` stop working."""
    db.session.execute(
        update(model)
        .where(*where, model.used_at.is_(None), model.revoked_at.is_(None))
        .values(revoked_at=now),
        execution_options={"synchronize_session": False},
    )


def claim(model: Any, record_id: int, *, now: dt.datetime) -> bool:
    """Mark the code used; False when another use (or a revocation) came first."""
    claimed = db.session.execute(
        update(model)
        .where(model.id == record_id, model.used_at.is_(None), model.revoked_at.is_(None))
        .values(used_at=now),
        execution_options={"synchronize_session": False},
    ).rowcount
    return claimed == 1


class CodeDoesNotWork(ValidationFailed):
    """One answer for a wrong, expired, used or replaced code or a login it is not for
    (staff setup codes, family reset codes)."""

    def __init__(self) -> None:
        super().__init__(
            "This code does not work with this login.",
            fields={"code": ["This code does not work with this login."]},
        )


def lifetime_from(setting: str, default_hours: int = 72) -> dt.timedelta:
    """How long a code stays valid: the hours in the config `setting`, else the default."""
    from flask import current_app

    return dt.timedelta(hours=int(current_app.config.get(setting, default_hours)))
