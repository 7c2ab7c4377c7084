"""The read model of one plan (GET /plans/{id}): authorised and audited like get_plan, but
loaded as plain rows in a fixed handful of statements instead of a graph of ORM objects.

The plan page of the API is the most frequent read. Loading it through the ORM with eager
loads cost about ten statements and most of the request in object construction and loader
bookkeeping (docs/PERFORMANCE.md); here every statement is a column select with joins, and
the rows become light namespaces shaped like the ORM objects, so `PlanSchema` stays the one
definition of the representation.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, literal, select, union_all
from sqlalchemy.orm import aliased

from maatwerk.accounts.models import Organisation, User
from maatwerk.audit.operations import record_audit
from maatwerk.barriers.models import Barrier
from maatwerk.catalogue.models import Intervention
from maatwerk.core.db import db
from maatwerk.goals.models import Action, Goal, action_goals, action_organisations
from maatwerk.households.models import Household
from maatwerk.plans.access import visible_plans_parameters, visible_plans_template
from maatwerk.plans.models import Plan, TeamMembership
from maatwerk.plans.reading import denied, purpose_of

PLAN_COLUMNS = (
    Plan.id,
    Plan.household_id,
    Plan.workflow_name,
    Plan.workflow_version,
    Plan.status,
    Plan.cycle,
    Plan.version,
    Plan.confirmed_version,
    Plan.confirmed_at,
    Plan.started_on,
    Plan.closed_at,
    Plan.closure_reason,
    Plan.updated_at,
)
GOAL_COLUMNS = (
    Goal.id,
    Goal.plan_id,
    Goal.domain,
    Goal.title,
    Goal.why_it_matters,
    Goal.strengths,
    Goal.priority_rank,
    Goal.status,
    Goal.proposed_by,
    Goal.target_date,
    Goal.version,
    Goal.updated_at,
)
ACTION_COLUMNS = (
    Action.id,
    Action.plan_id,
    Action.description,
    Action.carrier,
    Action.status,
    Action.intervention_id,
    Action.due_date,
    Action.cost,
    Action.proposed_by,
    Action.version,
    Action.updated_at,
)


def _ns(row: Any, *names: str) -> SimpleNamespace:
    return SimpleNamespace(**{name: getattr(row, name) for name in names})


def _organisation(org_id: int | None, name: str | None) -> SimpleNamespace | None:
    return None if org_id is None else SimpleNamespace(id=org_id, name=name)


def _user(user_id, display_name, email, phone, org_id, org_name) -> SimpleNamespace | None:
    if user_id is None:
        return None
    return SimpleNamespace(
        id=user_id,
        display_name=display_name,
        email=email,
        phone=phone,
        organisation=_organisation(org_id, org_name),
    )


PLAN_ID = bindparam("plan_id", type_=Plan.id.type)


@cache
def _plan_row_statement(kind: str):
    """The plan row and whether the reader may see it, built once per kind of account."""
    return (
        select(*PLAN_COLUMNS, Household.reference, visible_plans_template(kind).label("visible"))
        .join(Household, Household.id == Plan.household_id)
        .where(Plan.id == PLAN_ID)
    )


def _plan_row(plan_id: int, user: User):
    kind, parameters = visible_plans_parameters(user)
    return (
        db.session.connection()
        .execute(_plan_row_statement(kind), {"plan_id": plan_id, **parameters})
        .one_or_none()
    )


def _rows(statement, plan_id: int):
    """Run a statement built once (its cache key is memoised on it) on the session's
    connection: Core rows, no ORM loading."""
    return db.session.connection().execute(statement, {"plan_id": plan_id})


@cache
def _team_statement():
    org = aliased(Organisation)
    return (
        select(
            TeamMembership.id,
            TeamMembership.plan_role,
            TeamMembership.started_at,
            User.id.label("user_id"),
            User.display_name,
            User.email,
            User.phone,
            org.id.label("org_id"),
            org.name.label("org_name"),
        )
        .join(User, User.id == TeamMembership.user_id)
        .outerjoin(org, org.id == User.organisation_id)
        .where(TeamMembership.plan_id == PLAN_ID, TeamMembership.ended_at.is_(None))
        .order_by(TeamMembership.id)
    )


@cache
def _goals_statement():
    return select(*GOAL_COLUMNS).where(Goal.plan_id == PLAN_ID).order_by(Goal.id)


def _team(plan_id: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            id=r.id,
            plan_role=r.plan_role,
            started_at=r.started_at,
            ended_at=None,
            user_id=r.user_id,
            user=_user(r.user_id, r.display_name, r.email, r.phone, r.org_id, r.org_name),
        )
        for r in _rows(_team_statement(), plan_id)
    ]


def _goals(plan_id: int) -> list[SimpleNamespace]:
    names = [c.key for c in GOAL_COLUMNS]
    return [_ns(row, *names) for row in _rows(_goals_statement(), plan_id)]


@cache
def _actions_statement():
    """The plan's actions with their references, and per action its goal ids and
    participating organisations: one row per (action, link), an action without links on
    one row of its own (one statement, whatever the number of actions)."""
    lead, assigned_org = aliased(Organisation), aliased(Organisation)
    goal_links = select(
        literal("goal").label("kind"),
        action_goals.c.action_id,
        action_goals.c.goal_id.label("ref_id"),
        literal(None).label("name"),
    ).where(action_goals.c.plan_id == PLAN_ID)
    organisation_links = (
        select(
            literal("organisation").label("kind"),
            action_organisations.c.action_id,
            Organisation.id.label("ref_id"),
            Organisation.name.label("name"),
        )
        .join(Organisation, Organisation.id == action_organisations.c.organisation_id)
        .join(Action, Action.id == action_organisations.c.action_id)
        .where(Action.plan_id == PLAN_ID)
    )
    links = union_all(goal_links, organisation_links).subquery("links")
    return (
        select(
            *ACTION_COLUMNS,
            lead.id.label("lead_id"),
            lead.name.label("lead_name"),
            User.id.label("user_id"),
            User.display_name,
            User.email,
            User.phone,
            assigned_org.id.label("user_org_id"),
            assigned_org.name.label("user_org_name"),
            Intervention.name.label("intervention_name"),
            links.c.kind.label("link_kind"),
            links.c.ref_id.label("link_id"),
            links.c.name.label("link_name"),
        )
        .outerjoin(lead, lead.id == Action.lead_organisation_id)
        .outerjoin(User, User.id == Action.assigned_user_id)
        .outerjoin(assigned_org, assigned_org.id == User.organisation_id)
        .outerjoin(Intervention, Intervention.id == Action.intervention_id)
        .outerjoin(links, links.c.action_id == Action.id)
        .where(Action.plan_id == PLAN_ID)
        .order_by(Action.id, links.c.kind, links.c.ref_id)
    )


def _actions(plan_id: int) -> list[SimpleNamespace]:
    """The plan's actions, each with its goals and participating organisations."""
    names = [c.key for c in ACTION_COLUMNS]
    actions: list[SimpleNamespace] = []
    for r in _rows(_actions_statement(), plan_id):
        if not actions or actions[-1].id != r.id:
            action = _ns(r, *names)
            action.lead_organisation_id, action.assigned_user_id = r.lead_id, r.user_id
            action.lead_organisation = _organisation(r.lead_id, r.lead_name)
            action.assigned_user = _user(
                r.user_id, r.display_name, r.email, r.phone, r.user_org_id, r.user_org_name
            )
            action.intervention = (
                None if r.intervention_id is None else SimpleNamespace(name=r.intervention_name)
            )
            action.goals, action.participating_organisations = [], []
            actions.append(action)
        if r.link_kind == "goal":
            actions[-1].goals.append(SimpleNamespace(id=r.link_id))
        elif r.link_kind == "organisation":
            actions[-1].participating_organisations.append(
                SimpleNamespace(id=r.link_id, name=r.link_name)
            )
    return actions


@cache
def _barriers_statement():
    return (
        select(Barrier.id, Barrier.category, Barrier.status)
        .where(Barrier.plan_id == PLAN_ID)
        .order_by(Barrier.id)
    )


def _coordinator(team: list[SimpleNamespace]) -> SimpleNamespace | None:
    return next((m.user for m in team if m.plan_role.value == "coordinator"), None)


def _fill_parts(plan: SimpleNamespace) -> SimpleNamespace:
    plan.active_team = _team(plan.id)
    plan.coordinator = _coordinator(plan.active_team)
    plan.goals = _goals(plan.id)
    plan.actions = _actions(plan.id)
    return plan


def read_plan_document(plan_id: int, user: User) -> SimpleNamespace:
    """The plan as PlanSchema represents it, if the user may see it; the read is audited.

    Access is the same rule as get_plan (visible_plans_clause is can_view_plan as SQL); an
    invisible or unknown plan is a NotFound that audits the denied attempt.
    """
    row = _plan_row(plan_id, user)
    if row is None or not row.visible:
        raise denied(user, "read", "plan", plan_id, [row.household_id] if row else [])
    plan = _ns(row, *(c.key for c in PLAN_COLUMNS))
    plan.household = SimpleNamespace(reference=row.reference)
    _fill_parts(plan)
    record_audit(
        actor=user,
        action="read",
        object_type="plan",
        object_id=str(plan_id),
        household_ids=[row.household_id],
        purpose=purpose_of(user),
    )
    return plan


@cache
def _plan_statement():
    return (
        select(*PLAN_COLUMNS, Household.reference)
        .join(Household, Household.id == Plan.household_id)
        .where(Plan.id == PLAN_ID)
    )


def load_plan_document(plan_id: int) -> SimpleNamespace:
    """The plan as PlanSchema represents it, for the answer to a change the request has
    already authorised and audited (no second access check or audit event).

    When this request's change recorded the plan's current version (revisions.touch_plan),
    the parts its snapshot read are the parts at this version and are not read again: every
    change of a plan's parts bumps its version and snapshots it.
    """
    row = _rows(_plan_statement(), plan_id).one()
    plan = _ns(row, *(c.key for c in PLAN_COLUMNS))
    plan.household = SimpleNamespace(reference=row.reference)
    parts = db.session.info.pop(PARTS_KEY, {}).get(plan_id)
    if parts is None or parts.version != row.version:
        return _fill_parts(plan)
    plan.active_team, plan.goals, plan.actions = parts.team, parts.goals, parts.actions
    plan.coordinator = _coordinator(plan.active_team)
    return plan


# session.info key: {plan_id: the parts read for the snapshot of the plan's new version}
PARTS_KEY = "maatwerk.plan_parts"


def load_plan_parts(plan_id: int, version: int) -> SimpleNamespace:
    """The parts a revision snapshot of `version` records (revisions.snapshot_plan), as rows
    read now: goals, actions with their goal and organisation links, the active team,
    barriers. They are kept for this request's answer (load_plan_document)."""
    parts = SimpleNamespace(
        id=plan_id, version=version, goals=_goals(plan_id), actions=_actions(plan_id)
    )
    parts.team = _team(plan_id)
    parts.barriers = [
        _ns(r, "id", "category", "status") for r in _rows(_barriers_statement(), plan_id)
    ]
    db.session.info.setdefault(PARTS_KEY, {})[plan_id] = parts
    return parts
