"""Operations on case review sessions, packs and lessons; they flush, never commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from maatwerk.accounts.models import Organisation, User
from maatwerk.anonymisation import scrub
from maatwerk.audit.operations import record_audit
from maatwerk.catalogue.models import Area, Intervention, OperationalGoal
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Domain
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.households.models import Household
from maatwerk.plans.models import Plan, TransitionEvent
from maatwerk.workflow import fire_transition, initial_state

from .models import (
    CasePack,
    CaseReviewSession,
    Lesson,
    LessonDomain,
    LessonEffect,
    SessionParticipant,
)
from .packs import (
    build_content,
    build_texts,
    cases_per_municipality,
    catalogue_places,
    has_learning_consent,
    learning_consent_clause,
    scrub_for,
)
from .reading import (
    NOT_YET_HELD,
    PARTICIPANT_ROLES,
    PURPOSE,
    can_view_session,
    is_programme,
    prune_withdrawn,
)

TITLE_LIMIT = 200
LESSON_RECORDED = "This lesson was already recorded."
TEXT_LIMIT = 4000


def _text(value: str | None, field: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed("This field is required.", fields={field: ["Required."]})
    if len(value) > limit:
        raise ValidationFailed("This text is too long.", fields={field: ["Too long."]})
    return value


def require_programme(actor: Any) -> None:
    """Only the programme team manages sessions (participants who may see it get a 403)."""
    if not is_programme(actor):
        raise Forbidden("Only the programme team can do this.")


def _require_state(
    session: CaseReviewSession,
    states: Sequence[str],
    message: str,
    *,
    pack: CasePack | None = None,
    actor: Any = None,
    action: str = "update",
) -> None:
    """Refuse in the wrong state; a refused change of a pack is audited as an attempt."""
    if session.status not in states:
        audit = _pack_attempt(pack, action, actor=actor) if pack is not None else None
        raise Conflict(message, audit=audit)


def _touch(session: CaseReviewSession) -> None:
    """What the session's representation shows changed (participants, cases, lessons,
    approvals): a new version, so an ETag read before it no longer matches."""
    session.updated_at = utcnow()


def _pack_event(pack: CasePack, action: str, *, actor: Any) -> None:
    """A change of a pack (text derived from one household) is an audited change."""
    record_audit(
        actor=actor,
        action=action,
        object_type="case_pack",
        object_id=str(pack.id),
        household_ids=[pack.plan.household_id],
        purpose=PURPOSE,
    )


def _pack_attempt(pack: CasePack, action: str, *, actor: Any) -> dict[str, Any]:
    """The audit of a refused change of a pack, written after the rollback (as denied)."""
    return {
        "actor": actor,
        "action": action,
        "object_type": "case_pack",
        "object_id": str(pack.id),
        "household_ids": [pack.plan.household_id],
        "purpose": PURPOSE,
    }


def _planned_on(planned_on: dt.date | None) -> dt.date | None:
    """A session's date: up to a year back (a session recorded after it took place) and up
    to two years ahead; a year typed wrong (1900, 2099) is refused."""
    if planned_on is None:
        return None
    today = dt.date.today()
    if not today - dt.timedelta(days=366) <= planned_on <= today + dt.timedelta(days=2 * 366):
        raise ValidationFailed(
            "A session's date lies at most a year back and two years ahead.",
            fields={"planned_on": ["Check the year."]},
        )
    return planned_on


def create_session(
    *, title: str, actor: Any, description: str = "", planned_on: dt.date | None = None
) -> CaseReviewSession:
    """Plan a new session (programme)."""
    require_programme(actor)
    session = CaseReviewSession(
        title=_text(title, "title", TITLE_LIMIT),
        description=_text(description, "description", TEXT_LIMIT, required=False),
        planned_on=_planned_on(planned_on),
        status=initial_state(CaseReviewSession.WORKFLOW),
        created_by_user_id=actor.id,
    )
    db.session.add(session)
    db.session.flush()
    return session


def fire_session_trigger(
    session: CaseReviewSession, trigger: str, *, actor: Any, reason: str | None = None
) -> None:
    """Fire prepare / hold / publish through the workflow engine (guards in maatwerk.workflow)."""
    require_programme(actor)
    prune_withdrawn(session)
    fire_transition(session, trigger, actor=actor, reason=reason)
    if session.status == "published":
        session.published_at = utcnow()
    session.updated_at = utcnow()
    db.session.flush()


def last_trigger(session: CaseReviewSession) -> str | None:
    """The step last taken in the session's workflow (None before the first)."""
    return db.session.scalar(
        select(TransitionEvent.trigger)
        .where(
            TransitionEvent.subject_type == CaseReviewSession.WORKFLOW,
            TransitionEvent.subject_id == session.id,
        )
        .order_by(TransitionEvent.id.desc())
        .limit(1)
    )


# --- participants ---------------------------------------------------------------------------


def invite_participant(session: CaseReviewSession, user_id: int, *, actor: Any) -> None:
    """Invite a partner professional, manager or experience expert by account."""
    require_programme(actor)
    _require_state(session, ("planned", "prepared", "held"), "This session was published.")
    user = db.session.get(User, user_id)
    if user is None or user.role not in PARTICIPANT_ROLES or not user.active:
        raise ValidationFailed(
            "Invite a partner professional or an experience expert.",
            fields={"userId": ["Not a partner professional or experience expert."]},
        )
    if session.is_participant(user):
        raise Conflict("This person is already invited.")
    session.participants.append(
        SessionParticipant(user_id=user.id, user=user, invited_by_user_id=actor.id)
    )
    _touch(session)
    db.session.flush()


def remove_participant(session: CaseReviewSession, user_id: int, *, actor: Any) -> None:
    """Take an invitation back (not after publication: who took part is on the record)."""
    require_programme(actor)
    _require_state(session, ("planned", "prepared", "held"), "This session was published.")
    for participant in session.participants:
        if participant.user_id == user_id:
            session.participants.remove(participant)
            _touch(session)
            db.session.flush()
            return
    raise ValidationFailed("Not invited.", fields={"userId": ["Not invited."]})


# --- cases and packs ------------------------------------------------------------------------


def candidate_plans(
    session: CaseReviewSession, *, actor: Any, area_id: int | None = None, limit: int = 50
) -> list[Plan]:
    """Plans of households with learning consent that are not in the session yet (audited)."""
    require_programme(actor)
    taken = {p.plan.household_id for p in session.cases}
    query = (
        select(Plan)
        .join(Household, Household.id == Plan.household_id)
        .where(learning_consent_clause(Household.id))
        .options(
            selectinload(Plan.household).selectinload(Household.area).selectinload(Area.parent),
            selectinload(Plan.goals),
        )
        .order_by(Plan.updated_at.desc(), Plan.id.desc())
        .limit(limit + len(taken))
    )
    if area_id is not None:
        areas = select(Area.id).where((Area.id == area_id) | (Area.parent_id == area_id))
        query = query.where(Household.area_id.in_(areas))
    plans = [p for p in db.session.scalars(query) if p.household_id not in taken][:limit]
    record_audit(
        actor=actor,
        action="search",
        object_type="case_candidate",
        household_ids=sorted({p.household_id for p in plans}),
        purpose=PURPOSE,
    )
    return plans


def _plan_for_case(plan_id: int) -> Plan | None:
    return db.session.scalar(
        select(Plan)
        .where(Plan.id == plan_id)
        .options(
            selectinload(Plan.household).selectinload(Household.members),
            selectinload(Plan.household).selectinload(Household.consents),
            selectinload(Plan.household).selectinload(Household.area),
            selectinload(Plan.goals),
            selectinload(Plan.actions),
            selectinload(Plan.barriers),
            selectinload(Plan.scores),
        )
    )


def add_case(session: CaseReviewSession, plan_id: int, *, actor: Any) -> CasePack:
    """Select a plan as a case: generate its pack (generalised, texts scrubbed), unapproved."""
    require_programme(actor)
    _require_state(session, NOT_YET_HELD, "Cases can only be chosen before the session is held.")
    plan = _plan_for_case(plan_id)
    # Unknown and without learning consent answer alike: nothing to learn about a household.
    if plan is None or not has_learning_consent(plan.household):
        raise ValidationFailed(
            "Not a plan with learning consent.",
            fields={"planId": ["Not a plan with learning consent."]},
            # The refused attempt is on the household's record (no pack was made).
            audit={
                "actor": actor,
                "action": "create",
                "object_type": "case_pack",
                "object_id": None,
                "household_ids": [plan.household_id] if plan is not None else [],
                "purpose": PURPOSE,
            },
        )
    if any(p.plan.household_id == plan.household_id for p in session.cases):
        raise Conflict("This household is already a case in this session.")
    position = max((p.position for p in session.cases), default=0) + 1
    pack = CasePack(plan=plan, position=position, content={})
    fill_pack(pack, plan)
    session.cases.append(pack)
    _touch(session)
    db.session.flush()
    record_audit(
        actor=actor,
        action="create",
        object_type="case_pack",
        object_id=str(pack.id),
        household_ids=[plan.household_id],
        purpose=PURPOSE,
    )
    return pack


def fill_pack(pack: CasePack, plan: Plan) -> None:
    """(Re)generate the pack's facts and texts; any approval lapses."""
    pack.content = build_content(plan, cases_per_municipality(), on=dt.date.today())
    pack.texts = build_texts(plan)
    pack.generated_at = pack.updated_at = utcnow()
    pack.approved_at = None
    pack.approved_by_user_id = None


def regenerate_pack(pack: CasePack, *, actor: Any) -> None:
    """Rebuild a pack from the plan as it is now (edits and approval are lost)."""
    require_programme(actor)
    _require_state(
        pack.session,
        NOT_YET_HELD,
        "The session was held: its packs stay as they are.",
        pack=pack,
        actor=actor,
    )
    pack.texts.clear()
    db.session.flush()
    fill_pack(pack, _plan_for_case(pack.plan_id) or pack.plan)
    _touch(pack.session)
    db.session.flush()
    _pack_event(pack, "update", actor=actor)


def remove_case(pack: CasePack, *, actor: Any) -> None:
    """Take a case out of a session that has not been held yet."""
    require_programme(actor)
    session = pack.session
    _require_state(
        session,
        NOT_YET_HELD,
        "The session was held: its cases stay.",
        pack=pack,
        actor=actor,
        action="delete",
    )
    _pack_event(pack, "delete", actor=actor)
    session.cases.remove(pack)
    _touch(session)
    db.session.flush()


def edit_pack_text(pack: CasePack, text_id: int, new_text: str, *, actor: Any) -> None:
    """Replace one text by the reviewer's version, scrubbed again; approval lapses."""
    require_programme(actor)
    _require_state(
        pack.session,
        NOT_YET_HELD,
        "The session was held: its packs stay as they are.",
        pack=pack,
        actor=actor,
    )
    found = next((t for t in pack.texts if t.id == text_id), None)
    if found is None:
        raise ValidationFailed(
            "Unknown text.",
            fields={"textId": ["Not a text of this pack."]},
            audit=_pack_attempt(pack, "update", actor=actor),
        )
    cleaned = scrub_for(pack.plan.household, _text(new_text, "text", TEXT_LIMIT))
    if cleaned != found.text:
        found.text = cleaned
        found.edited = True
    if pack.approved_at is not None:
        _touch(pack.session)  # the session's count of approved cases goes down
    pack.approved_at = None
    pack.approved_by_user_id = None
    pack.updated_at = utcnow()
    db.session.flush()
    _pack_event(pack, "update", actor=actor)


def approve_pack(pack: CasePack, *, actor: Any) -> None:
    """The programme reviewer approves the scrubbed pack for the session: from now on its
    texts, derived from the household, are shown to the participants (audited). Approving
    an approved pack changes nothing (same version, no event): a double click is harmless."""
    require_programme(actor)
    _require_state(
        pack.session,
        NOT_YET_HELD,
        "The session was held: its packs stay as they are.",
        pack=pack,
        actor=actor,
    )
    if not pack.has_learning_consent:
        raise Conflict(
            "The household withdrew its learning consent.",
            audit=_pack_attempt(pack, "update", actor=actor),
        )
    if pack.approved_at is not None:
        return
    pack.approved_at = pack.updated_at = utcnow()
    pack.approved_by_user_id = actor.id
    _touch(pack.session)
    db.session.flush()
    _pack_event(pack, "update", actor=actor)


# --- lessons --------------------------------------------------------------------------------


def _by_ids(model: type, ids: Sequence[int], field: str) -> list[Any]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    found = {o.id: o for o in db.session.scalars(select(model).where(model.id.in_(ids)))}
    if len(found) != len(ids):
        raise ValidationFailed("Unknown reference.", fields={field: ["Unknown id."]})
    return [found[i] for i in ids]


def _session_names(session: CaseReviewSession) -> list[str]:
    names: list[str] = []
    for pack in session.cases:
        names += [m.full_name for m in pack.plan.household.members]
    return names


def record_lesson(
    session: CaseReviewSession,
    *,
    actor: Any,
    title: str,
    description: str,
    effect: LessonEffect | str,
    domains: Sequence[Domain | str] = (),
    intervention_ids: Sequence[int] = (),
    operational_goal_ids: Sequence[int] = (),
    organisation_ids: Sequence[int] = (),
) -> Lesson:
    """Record what the session learned (participants and programme, while the session is
    held); the texts are scrubbed with the names of every household in the session."""
    if not can_view_session(actor, session):
        raise Forbidden("Only the session's participants can record lessons.")
    _require_state(session, ("held",), "Lessons are recorded while the session is held.")
    fields: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for field, value, limit in (
        ("title", title, TITLE_LIMIT),
        ("description", description, TEXT_LIMIT),
    ):
        try:
            texts[field] = _text(value, field, limit)
        except ValidationFailed as error:
            fields.update(error.fields)
    try:
        effect = LessonEffect(effect)
    except ValueError:
        fields["effect"] = ["Unknown value."]
    try:
        domains = sorted({Domain(d) for d in domains})
    except ValueError:
        fields["domains"] = ["Unknown value."]
    if fields:
        # Every field at once, so the form can mark all that need changing.
        raise ValidationFailed("Unknown value.", fields=fields)
    names, places = _session_names(session), catalogue_places()
    title = scrub(texts["title"], known_names=names, known_places=places).text
    description = scrub(texts["description"], known_names=names, known_places=places).text
    interventions = _by_ids(Intervention, intervention_ids, "interventionIds")
    operational_goals = _by_ids(OperationalGoal, operational_goal_ids, "operationalGoalIds")
    organisations = _by_ids(Organisation, organisation_ids, "organisationIds")
    _refuse_a_second_copy(session, actor, title, description)
    lesson = Lesson(
        title=title,
        description=description,
        effect=effect,
        recorded_by_user_id=actor.id,
        domain_links=[LessonDomain(domain=d) for d in domains],
        interventions=interventions,
        operational_goals=operational_goals,
        organisations=organisations,
    )
    session.lessons.append(lesson)
    _touch(session)
    db.session.flush()
    return lesson


def _refuse_a_second_copy(
    session: CaseReviewSession, actor: Any, title: str, description: str
) -> None:
    """The same lesson by the same author twice (a double click) is recorded once."""
    # Lock the session row so that two requests at the same moment check one after the other;
    # its version is read again under the lock, so the second one counts the first's lesson.
    db.session.refresh(session, attribute_names=["version"], with_for_update=True)
    same = select(Lesson.id).where(
        Lesson.session_id == session.id,
        Lesson.recorded_by_user_id == actor.id,
        Lesson.title == title,
        Lesson.description == description,
    )
    if db.session.scalar(same.limit(1)) is not None:
        raise Conflict(LESSON_RECORDED)


def require_lesson_author(lesson: Lesson, actor: Any) -> None:
    """Only its author or the programme may remove a lesson."""
    if not (is_programme(actor) or lesson.recorded_by_user_id == getattr(actor, "id", None)):
        raise Forbidden("Only its author or the programme team can remove this lesson.")


def delete_lesson(lesson: Lesson, *, actor: Any) -> None:
    """Remove a lesson before publication (its author or the programme)."""
    require_lesson_author(lesson, actor)
    session = lesson.session
    _require_state(session, ("held",), "Published lessons stay.")
    session.lessons.remove(lesson)
    _touch(session)
    db.session.flush()
