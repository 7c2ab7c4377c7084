"""Two-step verification: TOTP (RFC 6238, pyotp) and single-use recovery codes.

Enrolment: `start_enrolment` stores a new secret (pending), `confirm_enrolment` switches it on
once the first code is right and returns the recovery codes (shown once, stored hashed).
A TOTP code is accepted once: the last accepted time step is stored and an older or equal
step is refused (ASVS 2.8.4). Operations flush, never commit.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import pyotp
from flask import current_app
from sqlalchemy import delete, func, or_, select, update

from maatwerk.accounts.models import RecoveryCode, User
from maatwerk.accounts.versions import bump_account_version
from maatwerk.core.db import db, utcnow

RECOVERY_CODES = 10
# Lower case without look-alikes (0/o, 1/l/i): 10 characters ≈ 50 bits per code.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
VALID_WINDOW = 1  # one 30-second step either side, for clocks that drift


def mfa_required(user: Any) -> bool:
    """True when the configuration requires two-step verification for the user's role."""
    role = getattr(getattr(user, "role", None), "value", None)
    return role in tuple(current_app.config.get("MFA_REQUIRED_ROLES") or ())


def mfa_enabled(user: User) -> bool:
    """True when the user switched two-step verification on."""
    return user.mfa_enabled_at is not None and bool(user.mfa_secret)


def needs_second_step(user: User) -> bool:
    """A login of this user needs a code (or, when required and not set up, enrolment)."""
    return mfa_enabled(user) or mfa_required(user)


def start_enrolment(user: User) -> str:
    """Store a new, not yet confirmed secret and return it."""
    if mfa_enabled(user):
        raise ValueError("two-step verification is already on")
    user.mfa_secret = pyotp.random_base32()
    user.mfa_last_step = None
    db.session.flush()
    return user.mfa_secret


def provisioning_uri(user: User) -> str:
    """The otpauth:// URI authenticator apps read (as text or QR code)."""
    issuer = current_app.config.get("MFA_ISSUER", "Maatwerk")
    return pyotp.TOTP(user.mfa_secret).provisioning_uri(name=user.login, issuer_name=issuer)


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def _matching_step(secret: str, code: str) -> int | None:
    """The time step the code belongs to (within the window), or None."""
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow()
    current = totp.timecode(now)
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        step = current + offset
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(user: User, code: str) -> bool:
    """True for a right code that was not used before; the step is claimed atomically."""
    if not user.mfa_secret:
        return False
    step = _matching_step(user.mfa_secret, _normalise(code))
    if step is None:
        return False
    claimed = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.mfa_last_step.is_(None), User.mfa_last_step < step),
        )
        .values(mfa_last_step=step),
        execution_options={"synchronize_session": False},
    ).rowcount
    if claimed == 1:
        user.mfa_last_step = step
        db.session.flush()
        return True
    return False


def _recovery_hash(user_id: int, code: str) -> str:
    return hashlib.sha256(f"{user_id}:{_normalise(code)}".encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes by fresh ones and return them (shown once)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=_recovery_hash(user.id, code)) for code in codes
    )
    db.session.flush()
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """True when the code is one of the user's unused recovery codes; it is used up."""
    if len(_normalise(code)) != 10:
        return False
    used = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _recovery_hash(user.id, code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow()),
        execution_options={"synchronize_session": False},
    ).rowcount
    return used == 1


def verify_second_step(user: User, code: str) -> bool:
    """A TOTP code or, failing that, a recovery code."""
    return verify_totp(user, code) or use_recovery_code(user, code)


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Switch two-step verification on when the code matches the pending secret; returns the
    recovery codes, or None for a wrong code."""
    if mfa_enabled(user) or not user.mfa_secret or not verify_totp(user, code):
        return None
    user.mfa_enabled_at = utcnow()
    db.session.flush()
    bump_account_version(user)  # the administrator sees whether it is on
    return new_recovery_codes(user)


def remaining_recovery_codes(user: User) -> int:
    """How many unused recovery codes the user has."""
    return db.session.scalar(
        select(func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    )
