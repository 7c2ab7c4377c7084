"""AVG/GDPR: everything stored about one household, as one JSON-ready document.

Loaded in a fixed number of queries whatever the number of plans, goals or actions.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from maatwerk.accounts.models import User
from maatwerk.audit.models import audit_event_households
from maatwerk.audit.queries import access_log
from maatwerk.barriers.models import Barrier
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import ScoredBy
from maatwerk.goals.models import Action
from maatwerk.households.export_related import (
    activation_codes,
    budget_grants,
    case_packs,
    family_notices,
)
from maatwerk.households.models import Consent, Household, Member, MemberRevision
from maatwerk.outcomes.models import ExperienceSurvey
from maatwerk.plans.models import Comment, Plan, PlanRevision, TeamMembership, TransitionEvent

FORMAT_VERSION = "1"


def _plan_options() -> list[LoaderOption]:
    user_with_organisation = (joinedload(User.organisation),)
    return [
        selectinload(Plan.team).joinedload(TeamMembership.user).options(*user_with_organisation),
        selectinload(Plan.goals),
        selectinload(Plan.actions).selectinload(Action.goals),
        selectinload(Plan.actions).selectinload(Action.participating_organisations),
        selectinload(Plan.actions).joinedload(Action.lead_organisation),
        selectinload(Plan.actions)
        .joinedload(Action.assigned_user)
        .options(*user_with_organisation),
        selectinload(Plan.actions).joinedload(Action.intervention),
        selectinload(Plan.barriers).selectinload(Barrier.escalated_to),
        selectinload(Plan.barriers).selectinload(Barrier.operational_goals),
        selectinload(Plan.barriers)
        .joinedload(Barrier.reported_by)
        .options(*user_with_organisation),
        selectinload(Plan.barriers).joinedload(Barrier.decided_by).options(*user_with_organisation),
        selectinload(Plan.scores),
        selectinload(Plan.comments).joinedload(Comment.author).options(*user_with_organisation),
        selectinload(Plan.revisions)
        .joinedload(PlanRevision.actor)
        .options(*user_with_organisation),
    ]


def _value(value: Any) -> Any:
    """JSON-ready scalars: dates and times in ISO 8601, enums by value, decimals as text."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return getattr(value, "value", value)


def _person(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    organisation = user.organisation
    return {
        "id": user.id,
        "displayName": user.display_name,
        "role": _value(user.role),
        "organisation": organisation.name if organisation is not None else None,
    }


def _member(member: Member) -> dict[str, Any]:
    return {
        "id": member.id,
        "givenName": member.given_name,
        "familyName": member.family_name,
        "dateOfBirth": _value(member.date_of_birth),
        "position": _value(member.position),
    }


def _consent(consent: Consent) -> dict[str, Any]:
    return {
        "id": consent.id,
        "organisation": {"id": consent.organisation_id, "name": consent.organisation.name},
        "purpose": _value(consent.purpose),
        "givenByMemberId": consent.given_by_member_id,
        "recordedBy": _person(consent.recorded_by),
        "textVersion": consent.text_version,
        "givenAt": _value(consent.given_at),
        "validUntil": _value(consent.valid_until),
        "withdrawnAt": _value(consent.withdrawn_at),
        "withdrawnByRole": consent.withdrawn_by_role,
    }


def _action(action: Action) -> dict[str, Any]:
    lead = action.lead_organisation
    return {
        "id": action.id,
        "description": action.description,
        "carrier": _value(action.carrier),
        "status": action.status,
        "goalIds": sorted(goal.id for goal in action.goals),
        "leadOrganisation": lead.name if lead is not None else None,
        "participatingOrganisations": [o.name for o in action.participating_organisations],
        "assignedTo": _person(action.assigned_user),
        "intervention": action.intervention.name if action.intervention is not None else None,
        "dueDate": _value(action.due_date),
        "cost": _value(action.cost),
        "proposedBy": _value(action.proposed_by),
        "createdAt": _value(action.created_at),
        "updatedAt": _value(action.updated_at),
    }


def _barrier(barrier: Barrier) -> dict[str, Any]:
    return {
        "id": barrier.id,
        "actionId": barrier.action_id,
        "category": _value(barrier.category),
        "ruleConcerned": barrier.rule_concerned,
        "description": barrier.description,
        "proposedSolution": barrier.proposed_solution,
        "status": barrier.status,
        "structural": barrier.structural,
        "escalatedTo": [o.name for o in barrier.escalated_to],
        "operationalGoals": [g.code for g in barrier.operational_goals],
        "decision": barrier.decision,
        "amountGranted": _value(barrier.amount_granted),
        "reportedBy": _person(barrier.reported_by),
        "reportedAt": _value(barrier.reported_at),
        "decidedBy": _person(barrier.decided_by),
        "decidedAt": _value(barrier.decided_at),
        "resolvedAt": _value(barrier.resolved_at),
    }


def _event(event: TransitionEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "occurredAt": _value(event.occurred_at),
        "workflow": event.workflow_name,
        "workflowVersion": event.workflow_version,
        "subjectType": event.subject_type,
        "subjectId": event.subject_id,
        "trigger": event.trigger,
        "from": event.from_state,
        "to": event.to_state,
        "actorRole": event.actor_role,
        "actor": _person(event.actor),
        "reason": event.reason,
    }


def _plan(plan: Plan, events: list[TransitionEvent]) -> dict[str, Any]:
    return {
        "id": plan.id,
        "workflow": plan.workflow_name,
        "workflowVersion": plan.workflow_version,
        "status": plan.status,
        "cycle": plan.cycle,
        "version": plan.version,
        "confirmedVersion": plan.confirmed_version,
        "confirmedAt": _value(plan.confirmed_at),
        "startedOn": _value(plan.started_on),
        "closedAt": _value(plan.closed_at),
        "closureReason": plan.closure_reason,
        "team": [
            {
                "person": _person(m.user),
                "planRole": _value(m.plan_role),
                "startedAt": _value(m.started_at),
                "endedAt": _value(m.ended_at),
            }
            for m in plan.team
        ],
        "goals": [
            {
                "id": g.id,
                "domain": _value(g.domain),
                "title": g.title,
                "whyItMatters": g.why_it_matters,
                "strengths": g.strengths,
                "priorityRank": g.priority_rank,
                "status": g.status,
                "proposedBy": _value(g.proposed_by),
                "targetDate": _value(g.target_date),
                "createdAt": _value(g.created_at),
                "updatedAt": _value(g.updated_at),
            }
            for g in plan.goals
        ],
        "actions": [_action(a) for a in plan.actions],
        "barriers": [_barrier(b) for b in plan.barriers],
        "scores": [
            {
                "id": s.id,
                "cycle": s.cycle,
                "domain": _value(s.domain),
                "score": s.score,
                "scoredBy": _value(s.scored_by),
                "moment": _value(s.moment),
                "scoredOn": _value(s.scored_on),
            }
            for s in plan.scores
        ],
        "comments": [
            {
                "id": c.id,
                "author": _person(c.author),
                "body": c.body,
                "createdAt": _value(c.created_at),
            }
            for c in plan.comments
        ],
        "revisions": [
            {
                "version": r.version,
                "summary": r.summary,
                "actor": _person(r.actor),
                "createdAt": _value(r.created_at),
                "snapshot": r.snapshot,
            }
            for r in plan.revisions
        ],
        "transitionEvents": [_event(e) for e in events],
    }


def _surveys(plan_ids: list[int], *, family_answers: bool) -> list[dict[str, Any]]:
    """The plans' experience surveys. The family's answers rate the team, so the team never
    reads them (api/monitoring.py): only the family's own download holds them."""
    respondents = list(ScoredBy) if family_answers else [ScoredBy.PROFESSIONAL]
    surveys = db.session.scalars(
        select(ExperienceSurvey)
        .where(ExperienceSurvey.plan_id.in_(plan_ids), ExperienceSurvey.respondent.in_(respondents))
        .options(selectinload(ExperienceSurvey.answers))
        .order_by(ExperienceSurvey.id)
    )
    return [
        {
            "id": s.id,
            "planId": s.plan_id,
            "cycle": s.cycle,
            "respondent": _value(s.respondent),
            "moment": _value(s.moment),
            "answeredOn": _value(s.answered_on),
            "answers": [
                {
                    "statementKey": a.statement_key,
                    "score": a.score,
                    "operationalGoalId": a.operational_goal_id,
                }
                for a in s.answers
            ],
        }
        for s in surveys
    ]


def _access_log(household_id: int) -> list[dict[str, Any]]:
    link = audit_event_households.c
    total = db.session.scalar(
        select(func.count())
        .select_from(audit_event_households)
        .where(link.household_id == household_id)
    )
    return [
        {
            "occurredAt": _value(entry.occurred_at),
            "organisation": entry.organisation,
            "role": entry.role,
            "action": _value(entry.action),
            "objectType": entry.object_type,
            "purpose": entry.purpose,
            "outcome": _value(entry.outcome),
        }
        for entry in access_log(db.session, household_id, limit=max(total or 0, 1))
    ]


def _member_revisions(household_id: int) -> list[dict[str, Any]]:
    revisions = db.session.scalars(
        select(MemberRevision)
        .where(MemberRevision.household_id == household_id)
        .order_by(MemberRevision.id)
    )
    return [
        {
            "memberId": r.member_id,
            "changes": {field: {"from": old, "to": new} for field, (old, new) in r.changes.items()},
            "actorRole": r.actor_role,
            "createdAt": _value(r.created_at),
        }
        for r in revisions
    ]


def export_household(household: Household, *, with_accounts: bool) -> dict[str, Any]:
    """All data of the household: members, consents, plans and all they hold, surveys, its
    case in case reviews, activation codes, budget grants, the family's notices and its
    access log. The family's own download (with_accounts) adds its accounts and its own
    survey answers, which the team never reads. Expects members and consents loaded
    (reading.py)."""
    plans = db.session.scalars(
        select(Plan)
        .where(Plan.household_id == household.id)
        .options(*_plan_options())
        .order_by(Plan.id)
    ).all()
    plan_ids = [plan.id for plan in plans]
    events = db.session.scalars(
        select(TransitionEvent)
        .where(TransitionEvent.plan_id.in_(plan_ids))
        .options(joinedload(TransitionEvent.actor).joinedload(User.organisation))
        .order_by(TransitionEvent.id)
    ).all()
    events_by_plan: dict[int, list[TransitionEvent]] = {}
    for event in events:
        events_by_plan.setdefault(event.plan_id or 0, []).append(event)
    # Login names and contact details are for the family's own download only.
    member_ids = [m.id for m in household.members] if with_accounts else []
    accounts = db.session.scalars(
        select(User).where(User.member_id.in_(member_ids)).order_by(User.id)
    ).all()
    area = household.area
    return {
        "formatVersion": FORMAT_VERSION,
        "exportedAt": _value(utcnow()),
        "household": {
            "id": household.id,
            "reference": household.reference,
            "area": {"id": area.id, "name": area.name},
            "referralSource": _value(household.referral_source),
            "referredOn": _value(household.referred_on),
            "createdAt": _value(household.created_at),
        },
        "members": [_member(m) for m in household.members],
        "memberRevisions": _member_revisions(household.id),
        "accounts": [
            {
                "memberId": u.member_id,
                "login": u.login,
                "displayName": u.display_name,
                "email": u.email,
                "phone": u.phone,
                "active": u.active,
                "createdAt": _value(u.created_at),
                "lastLoginAt": _value(u.last_login_at),
                "passwordChangedAt": _value(u.password_changed_at),
                "twoStepVerificationSince": _value(u.mfa_enabled_at),
            }
            for u in accounts
        ],
        "consents": [_consent(c) for c in household.consents],
        "plans": [_plan(plan, events_by_plan.get(plan.id, [])) for plan in plans],
        "experienceSurveys": _surveys(plan_ids, family_answers=with_accounts),
        "caseReviews": case_packs(plan_ids, _person, _value),
        "activationCodes": activation_codes(
            [m.id for m in household.members], _person, _value, with_accounts=with_accounts
        ),
        "budgetGrants": budget_grants(plan_ids, _person, _value),
        "familyNotices": family_notices(
            [m.id for m in household.members], _value, with_accounts=with_accounts
        ),
        "accessLog": _access_log(household.id),
    }
