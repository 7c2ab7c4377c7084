"""The notifications page (/meldingen) and the unread badge's helper for every template."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required

from maatwerk.barriers.labels import label
from maatwerk.core import inputs
from maatwerk.core.db import db
from maatwerk.notifications.models import NotificationKind
from maatwerk.notifications.operations import mark_all_read, mark_read
from maatwerk.notifications.reading import get_notification, list_notifications, unread_count

bp = Blueprint("notification_pages", __name__)
PAGE_SIZE = 30


@bp.app_context_processor
def _unread_badge():
    # base.html: {% set n = unread_count(current_user) %} (one query, only when called).
    return {"unread_count": unread_count}


def now_label(notification) -> str:
    """Where the barrier stands now, when that is no longer what the notification said
    (an escalation that was decided since); empty otherwise."""
    barrier = notification.barrier
    if barrier is None or notification.kind is not NotificationKind.BARRIER_ESCALATED:
        return ""
    if barrier.status == "escalated":
        return ""
    return _(
        "No longer waiting for a decision; now: %(state)s.", state=label("state", barrier.status)
    )


@bp.get("/meldingen")
@login_required
def notifications():
    """My notifications, unread first."""
    user = current_user._get_current_object()
    page_number = inputs.page_number()
    items, total = list_notifications(user, page=page_number, page_size=PAGE_SIZE)
    unread = unread_count(user)
    db.session.commit()
    return render_template(
        "notifications/list.html",
        notifications=items,
        total=total,
        unread=unread,
        page_number=page_number,
        pages=max(1, -(-total // PAGE_SIZE)),
        kind_label=lambda kind: label("notification", kind),
        now_label=now_label,
        fmt_when=lambda value: format_datetime(value, "short"),
    )


@bp.post("/meldingen/<int(max=2147483647):notification_id>/openen")
@login_required
def open_notification(notification_id: int):
    """Mark a notification read and go to what it is about."""
    user = current_user._get_current_object()
    notification = get_notification(notification_id, user)
    mark_read(notification, actor=user)
    db.session.commit()
    if notification.barrier_id is not None:
        return redirect(url_for("barrier_pages.detail", barrier_id=notification.barrier_id))
    return redirect(url_for("notification_pages.notifications"))


@bp.post("/meldingen/gelezen")
@login_required
def read_all():
    """Mark every notification read."""
    count = mark_all_read(actor=current_user._get_current_object())
    db.session.commit()
    flash(_("%(count)d notifications marked as read.", count=count), "success")
    return redirect(url_for("notification_pages.notifications"))
