"""Who acts: a user account, or the system itself (e.g. consent withdrawal)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """The application acting on its own, never a person."""

    id: None = None
    organisation_id: None = None
    role: str = "system"


SYSTEM = SystemActor()
