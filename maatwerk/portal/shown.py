"""A one-time code kept for exactly one display after post/redirect/get.

The code the coordinator just made must not be in the URL, and a reload of the page that
shows it must not make a new one (that would cancel the code they may have read out). The
POST keeps it on the server-side session row (`user_sessions.pending_code`), encrypted with
a key derived from the session's random cookie key, which the database does not hold; the
GET takes it off again, so a reload shows it no more. Neither the database nor the cookie
alone gives the code away.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any

from flask import session

from maatwerk.accounts.sessions import SESSION_KEY, current_session


def _keystream(raw: str, nonce: str, length: int) -> bytes:
    stream = b""
    counter = 0
    while len(stream) < length:
        block = f"pending-code:{nonce}:{counter}".encode()
        stream += hmac.new(raw.encode(), block, hashlib.sha256).digest()
        counter += 1
    return stream[:length]


def keep_for_display(payload: dict[str, Any]) -> bool:
    """Keep the payload (with the code) for the next display; False without a session."""
    record, raw = current_session(), session.get(SESSION_KEY)
    if record is None or not raw:
        return False
    nonce = secrets.token_hex(16)
    data = json.dumps(payload).encode()
    sealed = bytes(a ^ b for a, b in zip(data, _keystream(raw, nonce, len(data)), strict=True))
    record.pending_code = f"{nonce}:{sealed.hex()}"
    return True


def take_for_display() -> dict[str, Any] | None:
    """The kept payload, once: it is gone from the session row afterwards."""
    record, raw = current_session(), session.get(SESSION_KEY)
    if record is None or not raw or not record.pending_code:
        return None
    value, record.pending_code = record.pending_code, None
    try:
        nonce, hexed = value.split(":", 1)
        sealed = bytes.fromhex(hexed)
        data = bytes(
            a ^ b for a, b in zip(sealed, _keystream(raw, nonce, len(sealed)), strict=True)
        )
        payload = json.loads(data)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None
