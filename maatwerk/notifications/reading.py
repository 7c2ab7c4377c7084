"""A user's notifications and the unread count shown in the page header."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from maatwerk.core.db import db
from maatwerk.core.errors import NotFound
from maatwerk.notifications.models import Notification


def unread_count(user: Any) -> int:
    """How many notifications the user has not read yet (0 when logged out)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.recipient_user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


def list_notifications(
    user: Any, *, unread_only: bool = False, page: int = 1, page_size: int = 25
) -> tuple[list[Notification], int]:
    """One page of the user's notifications, unread first, newest first."""
    query = select(Notification).where(Notification.recipient_user_id == user.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    unread_first = Notification.read_at.is_not(None)
    items = db.session.scalars(
        query.options(joinedload(Notification.barrier))
        .order_by(unread_first, Notification.created_at.desc(), Notification.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return list(items), total


def get_notification(notification_id: int, user: Any) -> Notification:
    """One of the user's own notifications (404 for anyone else's)."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.recipient_user_id != user.id:
        raise NotFound("Not found.")
    return notification
