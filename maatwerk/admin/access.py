"""Who administers organisations and accounts, and the audit events of their changes."""

from __future__ import annotations

from typing import Any

from maatwerk.audit.operations import record_audit
from maatwerk.core.enums import Role
from maatwerk.core.errors import Forbidden

PURPOSE = "account_administration"
# The roles of the accounts the administrator manages; family accounts are family data.
STAFF_ROLES = (
    Role.PROFESSIONAL,
    Role.MANAGER,
    Role.PROGRAMME,
    Role.EXPERIENCE_EXPERT,
    Role.ADMIN,
)


def can_administer(user: Any) -> bool:
    """True for an active administrator account."""
    return getattr(user, "role", None) is Role.ADMIN and bool(getattr(user, "active", False))


def require_admin(actor: Any, action: str = "read", object_type: str = "account") -> None:
    """Refuse (403, audited) anyone but an active administrator."""
    if not can_administer(actor):
        raise Forbidden(
            "Only an administrator manages organisations and accounts.",
            audit={
                "actor": actor,
                "action": action,
                "object_type": object_type,
                "purpose": PURPOSE,
            },
        )


def audit_change(actor: Any, action: str, object_type: str, object_id: int) -> None:
    """Record an administrator's change (no household is ever involved)."""
    record_audit(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        purpose=PURPOSE,
    )
