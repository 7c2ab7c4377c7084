"""Notifications follow the barrier workflow itself: whichever page, API call or script
fires escalate, decide, make_structural or resolve_structural, the people concerned hear
of it. A before_flush listener turns each new barrier TransitionEvent into notifications
in the same transaction (and queues their e-mail for after the commit)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from maatwerk.notifications.models import NotificationKind

KINDS = {
    "escalate": NotificationKind.BARRIER_ESCALATED,
    "decide": NotificationKind.BARRIER_DECIDED,
    "make_structural": NotificationKind.BARRIER_STRUCTURAL,
    "resolve_structural": NotificationKind.BARRIER_RESOLVED,
}


def recipients(session: Session, barrier: Any, trigger: str) -> list[Any]:
    """Who hears of this trigger: the coordinator, the professional who reported the barrier
    (while they still see it) and the managers of the organisations it was escalated to;
    the programme too when it becomes structural."""
    from maatwerk.accounts.models import User
    from maatwerk.barriers.reading import view_of
    from maatwerk.core.enums import Role

    people = [barrier.plan.coordinator]
    reporter = barrier.reported_by
    if reporter is not None and reporter.active and view_of(reporter, barrier) is not None:
        people.append(reporter)
    organisation_ids = [o.id for o in barrier.escalated_to]
    if organisation_ids:
        people += session.scalars(
            select(User)
            .where(
                User.role == Role.MANAGER,
                User.organisation_id.in_(organisation_ids),
                User.active,
            )
            .order_by(User.id)
        ).all()
    if trigger == "make_structural":
        people += session.scalars(
            select(User).where(User.role == Role.PROGRAMME, User.active).order_by(User.id)
        ).all()
    return people


@event.listens_for(Session, "before_flush")
def _notify_on_barrier_transitions(session: Session, flush_context: Any, instances: Any) -> None:
    from maatwerk.barriers.models import Barrier
    from maatwerk.notifications.operations import add_notifications
    from maatwerk.plans.models import TransitionEvent

    fired = [
        obj
        for obj in session.new
        if isinstance(obj, TransitionEvent)
        and obj.subject_type == Barrier.WORKFLOW
        and obj.trigger in KINDS
    ]
    if not fired:
        return
    with session.no_autoflush:
        for transition in sorted(fired, key=lambda t: t.occurred_at or 0):
            barrier = session.get(Barrier, transition.subject_id)
            if barrier is None:
                continue
            add_notifications(
                session,
                recipients(session, barrier, transition.trigger),
                KINDS[transition.trigger],
                barrier_id=barrier.id,
                actor_id=transition.actor_user_id,
            )
            if transition.trigger in DONE_WAITING:
                _close_escalation_notices(session, barrier.id, transition.occurred_at)


# Triggers after which an escalated barrier no longer waits for a decision.
DONE_WAITING = ("decide", "make_structural")


def _close_escalation_notices(session: Session, barrier_id: int, when: Any) -> None:
    """The 'waits for a decision' notifications of this barrier are done: mark them read."""
    from maatwerk.core.db import utcnow
    from maatwerk.notifications.models import Notification, NotificationKind

    for notification in session.scalars(
        select(Notification).where(
            Notification.barrier_id == barrier_id,
            Notification.kind == NotificationKind.BARRIER_ESCALATED,
            Notification.read_at.is_(None),
        )
    ):
        notification.read_at = when or utcnow()
