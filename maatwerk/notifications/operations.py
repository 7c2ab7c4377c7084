"""Making and reading notifications; they flush, never commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import has_app_context
from sqlalchemy import update

from maatwerk.accounts.models import User
from maatwerk.core.db import db, utcnow
from maatwerk.notifications.mail import compose, queue_mail
from maatwerk.notifications.models import Notification, NotificationKind


def add_notifications(
    session: Any,
    recipients: Iterable[User | None],
    kind: NotificationKind,
    *,
    barrier_id: int | None,
    actor_id: int | None,
) -> list[Notification]:
    """One notification per active recipient (never the actor), with an e-mail signal.

    Adds to the session without flushing (callable from a before_flush listener).
    """
    made: list[Notification] = []
    seen: set[int] = {actor_id or 0}
    for user in recipients:
        if user is None or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        notification = Notification(recipient_user_id=user.id, kind=kind, barrier_id=barrier_id)
        session.add(notification)
        made.append(notification)
        mail = compose(kind, user.email or "") if has_app_context() else None
        if mail is not None:
            queue_mail(session, notification, mail)
    return made


def mark_read(notification: Notification, *, actor: User) -> None:
    """Mark one of the actor's own notifications as read (once)."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor as read; how many there were."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.recipient_user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0
