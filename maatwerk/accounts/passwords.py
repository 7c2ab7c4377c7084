"""Password hashing with argon2id."""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from maatwerk.accounts.models import User

# A valid hash of a random password, verified when the account is unknown so that an
# unknown login costs as much time as a wrong password.
_DUMMY_PASSWORD = "not-a-real-password-0"  # noqa: S105


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
        type=Type.ID,
    )


def hash_password(password: str) -> str:
    """Return an argon2id hash of the password."""
    return _hasher().hash(password)


def verify_password(user: User | None, password: str) -> bool:
    """True when the password matches; rehashes outdated hashes in place."""
    hasher = _hasher()
    stored = user.password_hash if user is not None else None
    if not stored:
        hasher.verify(hasher.hash(_DUMMY_PASSWORD), _DUMMY_PASSWORD)
        return False
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    if user is not None and hasher.check_needs_rehash(stored):
        user.password_hash = hasher.hash(password)
    return True
