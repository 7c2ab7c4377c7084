"""Reads for the dashboard and the service directory (authorised by the domain, audited)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from maatwerk.accounts.models import Organisation, User
from maatwerk.audit.operations import record_audit
from maatwerk.barriers.models import Barrier, barrier_escalations
from maatwerk.barriers.presenting import ManagerCard, manager_card
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain
from maatwerk.core.db import db
from maatwerk.core.enums import Domain, Role
from maatwerk.goals.models import Action
from maatwerk.households.models import Household
from maatwerk.plans.history import FieldChange, diff_snapshots
from maatwerk.plans.models import Comment, Plan, PlanRevision
from maatwerk.plans.reading import OPEN_ACTION_STATES, PlanFilters, list_plans, purpose_of
from maatwerk.workflow import OPEN_BARRIER_STATES

MAX_DASHBOARD_PLANS = 500


@dataclass(frozen=True)
class Change:
    """A change by someone else: its revision and the diff against the version before."""

    revision: PlanRevision
    changes: list[FieldChange]


@dataclass
class ChangedPlan:
    """A plan with what others changed (newest first) and how many messages they wrote."""

    plan: Plan
    changes: list[Change] = field(default_factory=list)
    new_comments: int = 0
    last_comment_at: dt.datetime | None = None

    @property
    def newest(self) -> dt.datetime | None:
        times = [c.revision.created_at for c in self.changes[:1]] + [self.last_comment_at]
        return max((t for t in times if t is not None), default=None)


@dataclass
class Dashboard:
    """What a professional sees first."""

    plans: list[Plan]
    total: int
    counts: list[tuple[str, int]]
    overdue: list[Action]
    changed: list[ChangedPlan]
    since: dt.datetime
    open_barriers: list[Barrier]
    escalated: list[Barrier] = field(default_factory=list)


def _status_order(plans: list[Plan]) -> list[tuple[str, int]]:
    from maatwerk.workflow import ENGINE

    order: list[str] = []
    for definition in ENGINE.definitions:
        if definition.subject == "plan":
            order.extend(s for s in definition.states if s not in order)
    counts = Counter(p.status for p in plans)
    return [(status, counts[status]) for status in order if counts[status]]


def dashboard(user: User, since: dt.datetime) -> Dashboard:
    """My plans by status, overdue actions, changes by others since `since`, barriers."""
    plans, total = list_plans(user, PlanFilters(), page=1, page_size=MAX_DASHBOARD_PLANS)
    today = dt.date.today()
    overdue = sorted(
        (
            action
            for plan in plans
            if plan.closed_at is None  # a closed plan's actions are over
            for action in plan.actions
            if action.due_date and action.due_date < today and action.status in OPEN_ACTION_STATES
        ),
        key=lambda a: (a.assigned_user_id != user.id, a.due_date, a.id),
    )
    by_id = {plan.id: plan for plan in plans}
    changed = _changed_plans(user, by_id, since)
    open_barriers = [
        barrier
        for plan in plans
        for barrier in plan.barriers
        if barrier.status in OPEN_BARRIER_STATES
    ]
    return Dashboard(
        plans=plans,
        total=total,
        counts=_status_order(plans),
        overdue=overdue,
        changed=changed,
        since=since,
        open_barriers=open_barriers,
        escalated=escalated_to_my_organisation(user) if user.role is Role.MANAGER else [],
    )


def _changed_plans(user: User, by_id: dict[int, Plan], since: dt.datetime) -> list[ChangedPlan]:
    """What others changed on these plans since `since`, each change with its diff (which
    goal, action or barrier), and the number of messages others wrote: two statements."""
    # The revisions since then (mine too: a change of someone else is diffed against the
    # version before it, whoever made that) and, per plan, the last one before then.
    before = aliased(PlanRevision)
    last_before = (
        select(func.max(before.version))
        .where(before.plan_id == PlanRevision.plan_id, before.created_at < since)
        .correlate(PlanRevision)
        .scalar_subquery()
    )
    revisions = db.session.scalars(
        select(PlanRevision)
        .where(
            PlanRevision.plan_id.in_(list(by_id)),
            or_(PlanRevision.created_at >= since, PlanRevision.version == last_before),
        )
        .options(joinedload(PlanRevision.actor))
        .order_by(PlanRevision.plan_id, PlanRevision.version)
    ).all()
    changed: dict[int, ChangedPlan] = {}
    previous: dict[int, dict] = {}
    for revision in revisions:
        by_other = revision.actor_user_id is None or revision.actor_user_id != user.id
        if by_other and revision.created_at >= since:
            entry = changed.setdefault(revision.plan_id, ChangedPlan(by_id[revision.plan_id]))
            diff = diff_snapshots(previous.get(revision.plan_id), revision.snapshot)
            entry.changes.insert(0, Change(revision, diff))  # newest first
        previous[revision.plan_id] = revision.snapshot
    comments = db.session.execute(
        select(Comment.plan_id, func.count(), func.max(Comment.created_at))
        .where(
            Comment.plan_id.in_(list(by_id)),
            Comment.created_at >= since,
            or_(Comment.author_user_id.is_(None), Comment.author_user_id != user.id),
        )
        .group_by(Comment.plan_id)
    ).all()
    for plan_id, count, last in comments:
        entry = changed.setdefault(plan_id, ChangedPlan(by_id[plan_id]))
        entry.new_comments, entry.last_comment_at = count, last
    return sorted(changed.values(), key=lambda e: (e.newest or since, e.plan.id), reverse=True)


def escalated_to_my_organisation(user: User) -> list[ManagerCard]:
    """Barriers escalated to the manager's organisation awaiting a decision, their texts
    scrubbed as on the barrier's own page; audited."""
    if user.role is not Role.MANAGER or user.organisation_id is None:
        return []
    escalated_here = exists().where(
        barrier_escalations.c.barrier_id == Barrier.id,
        barrier_escalations.c.organisation_id == user.organisation_id,
    )
    barriers = db.session.scalars(
        select(Barrier)
        .where(escalated_here, Barrier.status == "escalated")
        .options(
            joinedload(Barrier.plan)
            .joinedload(Plan.household)
            .joinedload(Household.area)
            .joinedload(Area.parent),  # the municipality the dashboard names
            # The members' names: the scrubber's strongest signal.
            joinedload(Barrier.plan).joinedload(Plan.household).selectinload(Household.members),
            joinedload(Barrier.action).joinedload(Action.intervention),
            joinedload(Barrier.reported_by).joinedload(User.organisation),
            selectinload(Barrier.escalated_to),
        )
        .order_by(Barrier.reported_at)
    ).all()
    record_audit(
        actor=user,
        action="search",
        object_type="barrier",
        object_id=None,
        household_ids=sorted({b.plan.household_id for b in barriers}),
        purpose=purpose_of(user),
    )
    return [manager_card(barrier) for barrier in barriers]


# --- service directory (no household data) ------------------------------------------------


@dataclass
class Directory:
    """Interventions and organisations matching a search."""

    interventions: list[Intervention]
    organisations: list[Organisation]


PLACE_SEPARATOR = " \u203a "  # "Ter Apel > Centrum" with a single right-pointing angle quote


@dataclass(frozen=True)
class AreaGroup:
    """A municipality and the places within it at every depth, each under its parent."""

    municipality: Area
    places: list[tuple[Area, str]]  # (place, label: "Village > Neighbourhood")


def area_groups() -> list[AreaGroup]:
    """Every municipality by name with its villages, districts and their neighbourhoods
    (depth first, by name), for the pickers: one query, whatever the depth."""
    areas = list(db.session.scalars(select(Area).order_by(Area.name, Area.id)))
    children: dict[int | None, list[Area]] = {}
    for area in areas:
        children.setdefault(area.parent_id, []).append(area)

    def places(parent: Area, prefix: str) -> list[tuple[Area, str]]:
        found: list[tuple[Area, str]] = []
        for child in children.get(parent.id, []):
            label = f"{prefix}{child.name}"
            found += [(child, label), *places(child, f"{label}{PLACE_SEPARATOR}")]
        return found

    return [AreaGroup(m, places(m, "")) for m in children.get(None, [])]


def search_directory(text: str, domain: Domain | None, area_id: int | None) -> Directory:
    """Interventions by text, life domain and area; organisations by name or what they offer."""
    query = (
        select(Intervention)
        .where(Intervention.retired_at.is_(None))  # retired: not offered any more
        .options(
            selectinload(Intervention.organisations),
            selectinload(Intervention.areas).joinedload(Area.parent),
            selectinload(Intervention.domain_links),
        )
    )
    words = text.strip().lower()
    if words:
        by_org = exists().where(
            Intervention.organisations.property.secondary.c.intervention_id == Intervention.id,
            Intervention.organisations.property.secondary.c.organisation_id == Organisation.id,
            func.lower(Organisation.name).contains(words, autoescape=True),
        )
        query = query.where(
            or_(
                func.lower(Intervention.name).contains(words, autoescape=True),
                func.lower(Intervention.description).contains(words, autoescape=True),
                by_org,
            )
        )
    if domain is not None:
        query = query.where(
            exists().where(
                InterventionDomain.intervention_id == Intervention.id,
                InterventionDomain.domain == domain,
            )
        )
    if area_id is not None:
        areas = Intervention.areas.property.secondary.c
        # Areas are three deep (municipality, village or district, neighbourhood): the
        # area's parts and their parts, its parent and its parent's parent.
        parts = select(Area.id).where(Area.parent_id == area_id)
        in_area = select(Area.id).where(
            or_(Area.id == area_id, Area.parent_id == area_id, Area.parent_id.in_(parts))
        )
        parent = select(Area.parent_id).where(Area.id == area_id).scalar_subquery()
        grandparent = select(Area.parent_id).where(Area.id == parent).scalar_subquery()
        query = query.where(
            or_(
                # offered everywhere (no areas), or in this area, its parts or around it
                ~exists().where(areas.intervention_id == Intervention.id),
                exists().where(
                    areas.intervention_id == Intervention.id,
                    or_(
                        areas.area_id.in_(in_area),
                        areas.area_id == parent,
                        areas.area_id == grandparent,
                    ),
                ),
            )
        )
    interventions = list(db.session.scalars(query.order_by(Intervention.name)).unique())
    org_query = select(Organisation).order_by(Organisation.name)
    if words or domain is not None or area_id is not None:
        offering = {o.id for i in interventions for o in i.organisations}
        conditions = [Organisation.id.in_(offering)]
        if words and domain is None and area_id is None:
            conditions.append(func.lower(Organisation.name).contains(words, autoescape=True))
        org_query = org_query.where(or_(*conditions))
    return Directory(interventions, list(db.session.scalars(org_query)))
