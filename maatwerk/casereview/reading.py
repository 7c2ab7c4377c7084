"""Who sees which session and which pack, loaded and audited here (DESIGN §3, §6, §8).

The programme sees every session and every pack. An invited participant (partner
professional, manager or experience expert) sees the sessions they were invited to and,
once the session is prepared, only the approved packs whose household's learning consent
still holds. Everyone else gets a 404. Every pack shown is an audited read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from maatwerk.accounts.models import User
from maatwerk.audit.operations import record_audit
from maatwerk.core.actors import SYSTEM
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Role
from maatwerk.core.errors import NotFound
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan

from .models import CasePack, CaseReviewSession, Lesson, SessionParticipant
from .packs import has_learning_consent

PURPOSE = "learning"
PARTICIPANT_ROLES = (Role.PROFESSIONAL, Role.MANAGER, Role.EXPERIENCE_EXPERT)
# Roles that may read the knowledge base: the partners, not families and not administrators.
PARTNER_ROLES = (*PARTICIPANT_ROLES, Role.PROGRAMME)
NOT_YET_HELD = ("planned", "prepared")


def is_programme(user: Any) -> bool:
    return getattr(user, "role", None) is Role.PROGRAMME


def not_found(user: Any, object_type: str, object_id: Any, action: str = "read") -> NotFound:
    """A 404 that is audited as a denied attempt."""
    return NotFound(
        "Not found.",
        audit={
            "actor": user,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "household_ids": [],
            "purpose": PURPOSE,
        },
    )


def pack_options() -> list[Any]:
    """Everything a pack needs to be shown and consent-checked, in a fixed number of queries."""
    return [
        selectinload(CasePack.texts),
        selectinload(CasePack.plan).selectinload(Plan.household).selectinload(Household.consents),
    ]


def _participant_options() -> Any:
    return (
        selectinload(CaseReviewSession.participants)
        .selectinload(SessionParticipant.user)
        .selectinload(User.organisation)
    )


def session_options() -> list[Any]:
    return [
        _participant_options(),
        selectinload(CaseReviewSession.cases).options(*pack_options()),
        selectinload(CaseReviewSession.lessons).options(*lesson_options()),
    ]


def session_list_options() -> list[Any]:
    """What a list of sessions shows (counts, participants), in a fixed number of queries."""
    consents = (
        selectinload(CaseReviewSession.cases)
        .selectinload(CasePack.plan)
        .selectinload(Plan.household)
        .selectinload(Household.consents)
    )
    return [_participant_options(), consents, selectinload(CaseReviewSession.lessons)]


def lesson_options() -> list[Any]:
    return [
        selectinload(Lesson.session),
        selectinload(Lesson.domain_links),
        selectinload(Lesson.interventions),
        selectinload(Lesson.operational_goals),
        selectinload(Lesson.organisations),
    ]


def can_view_session(user: Any, session: CaseReviewSession) -> bool:
    return is_programme(user) or (
        getattr(user, "role", None) in PARTICIPANT_ROLES and session.is_participant(user)
    )


def prune_withdrawn(session: CaseReviewSession, on: dt.date | None = None) -> list[int]:
    """Remove the packs whose household withdrew its learning consent from a session that
    has not been held yet; returns the household ids removed."""
    if session.status not in NOT_YET_HELD:
        return []
    gone = [p for p in session.cases if not has_learning_consent(p.plan.household, on)]
    for pack in gone:
        record_audit(
            actor=SYSTEM,
            action="delete",
            object_type="case_pack",
            object_id=str(pack.id),
            household_ids=[pack.plan.household_id],
            purpose=PURPOSE,
        )
        session.cases.remove(pack)
    if gone:
        session.updated_at = utcnow()  # fewer cases: a new version of the session
        db.session.flush()
    return [p.plan.household_id for p in gone]


def get_session(session_id: int, user: Any) -> CaseReviewSession:
    """A session the user may see (withdrawn cases pruned), else an audited 404."""
    session = db.session.scalar(
        select(CaseReviewSession)
        .where(CaseReviewSession.id == session_id)
        .options(*session_options())
    )
    if session is None or not can_view_session(user, session):
        raise not_found(user, "case_review", session_id)
    prune_withdrawn(session)
    return session


def list_sessions(user: Any) -> list[CaseReviewSession]:
    """The sessions the user may see: all for the programme, else the invited ones."""
    query = select(CaseReviewSession).options(*session_list_options())
    if not is_programme(user):
        if getattr(user, "role", None) not in PARTICIPANT_ROLES:
            return []
        query = query.where(
            exists().where(
                SessionParticipant.session_id == CaseReviewSession.id,
                SessionParticipant.user_id == user.id,
            )
        )
    order = (CaseReviewSession.planned_on.desc().nulls_first(), CaseReviewSession.id.desc())
    return list(db.session.scalars(query.order_by(*order)))


def shown_packs(session: CaseReviewSession, user: Any) -> list[CasePack]:
    """The packs this user may see: every pack for the programme; for participants the
    approved ones with consent, once the session is prepared."""
    if is_programme(user):
        return [p for p in session.cases if p.has_learning_consent]
    if not can_view_session(user, session) or session.status == "planned":
        return []
    return [p for p in session.cases if p.approved]


def audit_pack_views(
    user: Any, packs: Iterable[CasePack], *, action: str = "read", object_type: str = "case_pack"
) -> None:
    """One audit event for the packs shown, naming every household (late: it locks the
    chain on PostgreSQL). One pack: its id is the object id; several (a session's list,
    its hand-out): no object id, like a list of plans. Nothing shown: no event."""
    packs = list(packs)
    if not packs:
        return
    record_audit(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=str(packs[0].id) if len(packs) == 1 else None,
        household_ids=sorted({pack.plan.household_id for pack in packs}),
        purpose=PURPOSE,
    )


def presented_packs(
    session: CaseReviewSession, user: Any, *, action: str = "read"
) -> list[CasePack]:
    """The approved packs of a session as a whole, for its hand-out (action "print") or its
    projection ("read"), audited here: the packs shown as in audit_pack_views; with no pack
    to show, one event on the session (the hand-out still shows its lessons)."""
    packs = [p for p in shown_packs(session, user) if p.approved]
    if packs:
        audit_pack_views(user, packs, action=action)
    else:
        record_audit(
            actor=user,
            action=action,
            object_type="case_review",
            object_id=str(session.id),
            purpose=PURPOSE,
        )
    return packs


def get_pack(session: CaseReviewSession, pack_id: int, user: Any) -> CasePack:
    """One pack this user may see, else an audited 404 (the read itself is not audited here:
    the caller audits what it shows)."""
    for pack in shown_packs(session, user):
        if pack.id == pack_id:
            return pack
    raise not_found(user, "case_pack", pack_id)


def get_review_pack(session: CaseReviewSession, pack_id: int, user: Any) -> CasePack:
    """A pack for the programme's review of its scrubbed texts (the family's original words
    are never part of it), else an audited 404: the review is the programme's only."""
    if not is_programme(user):
        raise not_found(user, "case_pack", pack_id)
    return get_pack(session, pack_id, user)


def get_lesson(lesson_id: int, user: Any) -> Lesson:
    """A published lesson (knowledge base), or a lesson of a session the user may see."""
    lesson = db.session.scalar(
        select(Lesson).where(Lesson.id == lesson_id).options(*lesson_options())
    )
    if lesson is None or getattr(user, "role", None) not in PARTNER_ROLES:
        raise not_found(user, "lesson", lesson_id)
    if lesson.session.status != "published" and not can_view_session(user, lesson.session):
        raise not_found(user, "lesson", lesson_id)
    return lesson
