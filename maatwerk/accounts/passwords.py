"""Password hashing with argon2id, and the password policy (ASVS 2.1).

The policy: at least 8 characters, long passphrases welcome (up to 1024), no composition
rules, and none of the most common passwords (data/common_passwords.txt).
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from maatwerk.accounts.models import User
from maatwerk.core.errors import ValidationFailed

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common_passwords.txt"

# OWASP Password Storage Cheat Sheet, argon2id minimum: 19 MiB memory, 2 iterations, 1 lane.
OWASP_MINIMUM = {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1}

# Verified when the account is unknown, so that an unknown login costs as much time as a
# wrong password (one verification, never a hash plus a verification).
_DUMMY_PASSWORD = "not-a-real-password-0"  # noqa: S105  # not a credential  # nosec B105


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
        type=Type.ID,
    )


@functools.lru_cache(maxsize=8)
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    hasher = PasswordHasher(
        time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism, type=Type.ID
    )
    return hasher.hash(_DUMMY_PASSWORD)


def hash_password(password: str) -> str:
    """Return an argon2id hash of the password."""
    return _hasher().hash(password)


def verify_password(user: User | None, password: str) -> bool:
    """True when the password matches; rehashes outdated hashes in place."""
    hasher = _hasher()
    stored = user.password_hash if user is not None else None
    if not stored:
        dummy = _dummy_hash(hasher.time_cost, hasher.memory_cost, hasher.parallelism)
        with contextlib.suppress(VerificationError, InvalidHashError):
            hasher.verify(dummy, password)
        return False
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    if user is not None and hasher.check_needs_rehash(stored):
        user.password_hash = hasher.hash(password)
    return True


@functools.cache
def common_passwords() -> frozenset[str]:
    """The list of common passwords, lower case."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def password_problem(password: str, *, login: str | None = None) -> str | None:
    """Why a new password is refused ('too_short', 'too_long', 'too_common') or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "too_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "too_long"
    folded = password.strip().lower()
    if folded in common_passwords() or (login and folded == login.strip().lower()):
        return "too_common"
    return None


PROBLEMS = {
    "too_short": ("The password is too short.", f"Use at least {MIN_PASSWORD_LENGTH} characters."),
    "too_long": ("The password is too long.", f"Use at most {MAX_PASSWORD_LENGTH} characters."),
    "too_common": (
        "The password is too common.",
        "This password is on the list of common passwords; choose another one.",
    ),
}


def check_password_policy(password: str, *, login: str | None = None) -> None:
    """Refuse a new password that breaks the policy (no composition rules, ASVS 2.1)."""
    problem = password_problem(password, login=login)
    if problem is not None:
        detail, reason = PROBLEMS[problem]
        raise ValidationFailed(detail, fields={"password": [reason]})
