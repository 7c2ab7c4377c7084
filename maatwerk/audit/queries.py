"""The family's view of the audit trail: who looked at or changed its file, and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, scoped_session

from maatwerk.accounts.models import Organisation
from maatwerk.audit.models import AuditAction, AuditEvent, AuditOutcome, audit_event_households

SYSTEM_LABEL = "Systeem"
FAMILY_LABEL = "Gezin"
UNKNOWN_LABEL = "Onbekend"


@dataclass(frozen=True)
class AccessLogEntry:
    """One line of the access log; ids and organisation names only, no personal data."""

    id: int
    occurred_at: dt.datetime
    organisation: str
    role: str
    action: AuditAction
    object_type: str
    purpose: str
    outcome: AuditOutcome


def _organisation_label(role: str, name: str | None) -> str:
    if name:
        return name
    if role == "system":
        return SYSTEM_LABEL
    if role == "family":
        return FAMILY_LABEL
    return UNKNOWN_LABEL


def access_log(
    session: Session | scoped_session,
    household_id: int,
    *,
    limit: int = 200,
    before_id: int | None = None,
) -> list[AccessLogEntry]:
    """A household's audit events, newest first, in one query; page on with before_id."""
    query = (
        select(
            AuditEvent.id,
            AuditEvent.occurred_at,
            AuditEvent.role,
            AuditEvent.action,
            AuditEvent.object_type,
            AuditEvent.purpose,
            AuditEvent.outcome,
            Organisation.name,
        )
        .join(audit_event_households, audit_event_households.c.event_id == AuditEvent.id)
        .outerjoin(Organisation, Organisation.id == AuditEvent.organisation_id)
        .where(audit_event_households.c.household_id == household_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    return [
        AccessLogEntry(
            id=row.id,
            occurred_at=row.occurred_at,
            organisation=_organisation_label(row.role, row.name),
            role=row.role,
            action=row.action,
            object_type=row.object_type,
            purpose=row.purpose,
            outcome=row.outcome,
        )
        for row in session.execute(query)
    ]
