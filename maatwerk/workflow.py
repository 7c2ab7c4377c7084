"""The domain's side of the workflow engine: guards, effects, roles and the event log.

The definitions live in `workflows/` as data; this module gives their named guards and
effects a meaning on the domain model and records every fired transition.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from maatwerk.accounts.models import User
from maatwerk.barriers.models import Barrier
from maatwerk.core.actors import SYSTEM, SystemActor
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import Domain, Moment, Role, ScoredBy
from maatwerk.core.errors import NotFound
from maatwerk.goals.models import Action, Goal
from maatwerk.plans.access import (
    can_view_plan,
    may_change_closed_plan,
    organisation_has_consent,
    plan_is_closed,
    plan_roles,
    require_open_plan,
)
from maatwerk.plans.models import Plan, TransitionEvent
from maatwerk.plans.revisions import touch_plan
from workflows import Engine, FiredTransition, TriggerOption, load_definitions

OPEN_BARRIER_STATES = frozenset({"reported", "escalated", "structural"})
AGREED_ACTION_STATES = frozenset({"agreed", "in_progress", "blocked", "done"})
GOAL_WITH_SCORE_STATES = frozenset({"accepted", "achieved", "not_achieved"})


def plan_of(obj: Any) -> Plan | None:
    """The plan a workflow subject belongs to."""
    if isinstance(obj, Plan):
        return obj
    return getattr(obj, "plan", None)


# --- guards: (obj, actor) -> bool -------------------------------------------------------


def coordinator_has_consent(plan: Plan, actor: Any) -> bool:
    coordinator = plan.coordinator
    return coordinator is not None and organisation_has_consent(
        plan.household, coordinator.organisation_id
    )


def has_accepted_goal(plan: Plan, actor: Any) -> bool:
    return any(g.status == "accepted" for g in plan.goals)


def all_open_goals_ranked(plan: Plan, actor: Any) -> bool:
    open_goals = [g for g in plan.goals if g.status == "accepted"]
    return bool(open_goals) and all(g.priority_rank is not None for g in open_goals)


def top_goal_has_agreed_action(plan: Plan, actor: Any) -> bool:
    ranked = [g for g in plan.goals if g.status == "accepted" and g.priority_rank is not None]
    if not ranked:
        return False
    top = min(ranked, key=lambda g: g.priority_rank or 0)
    return any(a.status in AGREED_ACTION_STATES and top in a.goals for a in plan.actions)


def missing_outcome_scores(plan: Plan) -> list[tuple[Domain, ScoredBy]]:
    """The evaluation scores the plan still needs this cycle: (life domain, by whom) for
    every domain with goals, from the family and from a professional, in domain order."""
    domains = {g.domain for g in plan.goals if g.status in GOAL_WITH_SCORE_STATES}
    scored = {
        (s.domain, s.scored_by)
        for s in plan.scores
        if s.cycle == plan.cycle and s.moment is Moment.EVALUATION
    }
    return [
        (domain, by)
        for domain in Domain
        if domain in domains
        for by in (ScoredBy.FAMILY, ScoredBy.PROFESSIONAL)
        if (domain, by) not in scored
    ]


def outcome_scores_complete(plan: Plan, actor: Any) -> bool:
    return not missing_outcome_scores(plan)


def _open_barriers(action: Action) -> list[Barrier]:
    return [
        b
        for b in action.plan.barriers
        if b.action_id == action.id and b.status in OPEN_BARRIER_STATES
    ]


def has_open_barrier(action: Action, actor: Any) -> bool:
    return bool(_open_barriers(action))


def no_open_barrier(action: Action, actor: Any) -> bool:
    return not _open_barriers(action)


def has_escalation_targets(barrier: Barrier, actor: Any) -> bool:
    return bool(barrier.escalated_to)


def has_approved_cases(session: Any, actor: Any) -> bool:
    return any(getattr(case, "approved", False) for case in getattr(session, "cases", ()))


def has_lessons(session: Any, actor: Any) -> bool:
    return bool(getattr(session, "lessons", ()))


GUARDS = {
    f.__name__: f
    for f in (
        coordinator_has_consent,
        has_accepted_goal,
        all_open_goals_ranked,
        top_goal_has_agreed_action,
        outcome_scores_complete,
        has_open_barrier,
        no_open_barrier,
        has_escalation_targets,
        has_approved_cases,
        has_lessons,
    )
}

# --- effects: (obj, actor, fired) -> None; the plan version is bumped once afterwards ----


def snapshot_confirmed_version(plan: Plan, actor: Any, fired: FiredTransition) -> None:
    # on_transition bumps the version exactly once and snapshots it: that is the version
    # the family confirms.
    plan.confirmed_version = plan.version + 1
    plan.confirmed_at = utcnow()


def increment_cycle(plan: Plan, actor: Any, fired: FiredTransition) -> None:
    plan.cycle += 1


def record_resolution(barrier: Barrier, actor: Any, fired: FiredTransition) -> None:
    barrier.resolved_at = utcnow()
    if fired.trigger == "decide":
        barrier.decided_at = barrier.resolved_at
        barrier.decided_by = actor if isinstance(actor, User) else None
        barrier.decision = barrier.decision or fired.reason
    _resume_unblocked_action(barrier)


def _resume_unblocked_action(barrier: Barrier) -> None:
    """DESIGN §5.4: a blocked action goes back in progress when its barrier is resolved
    (and no other barrier of it is open), whoever resolved it: the system fires `resume`."""
    action = barrier.action
    if action is None or action.status != "blocked" or _open_barriers(action):
        return
    if plan_is_closed(action.plan):
        return  # a closed plan's actions stay as the plan ended (the programme may resolve)
    ENGINE.fire(action, "resume", SYSTEM, None)


def mark_structural(barrier: Barrier, actor: Any, fired: FiredTransition) -> None:
    barrier.structural = True


OPEN_GOAL_STATES = frozenset({"proposed", "accepted"})


def reject_steps_of_goal_only(goal: Goal, actor: Any, fired: FiredTransition) -> None:
    """A goal the family turned down takes the steps proposed for it alone with it: the
    system rejects each proposed step none of whose goals is still open (a step that also
    serves another goal stays a question). Each is its own transition in the history."""
    for action in goal.plan.actions:
        if (
            action.status == "proposed"
            and goal in action.goals
            and not any(g.status in OPEN_GOAL_STATES for g in action.goals)
        ):
            ENGINE.fire(action, "reject", SYSTEM, None)


EFFECTS = {
    f.__name__: f
    for f in (
        snapshot_confirmed_version,
        increment_cycle,
        record_resolution,
        mark_structural,
        reject_steps_of_goal_only,
    )
}

# --- roles, definitions and the event log -----------------------------------------------


def roles_of(obj: Any, actor: Any) -> set[str]:
    """The workflow roles the actor holds for this object."""
    if isinstance(actor, SystemActor):
        return {"system"}
    if actor.role is Role.PROGRAMME:
        return {"programme"}
    plan = plan_of(obj)
    roles = plan_roles(plan, actor) if plan is not None else set()
    if (
        isinstance(obj, Barrier)
        and actor.role is Role.MANAGER
        and any(o.id == actor.organisation_id for o in obj.escalated_to)
    ):
        roles.add("manager")
    return roles


def _definition_of(obj: Any) -> tuple[str, int]:
    if isinstance(obj, Plan):
        return obj.workflow_name, obj.workflow_version
    name = type(obj).WORKFLOW
    return name, LATEST[name]


def _record(obj: Any, actor: Any, fired: FiredTransition) -> None:
    """Write the TransitionEvent and bump the plan's version once."""
    plan = plan_of(obj)
    if isinstance(obj, Goal) and fired.dest in ENGINE.definition("goal").final:
        obj.priority_rank = None  # a closed goal gives its rank up
    closing = isinstance(obj, Plan) and fired.dest in ENGINE.definition_for(obj).final
    if closing:
        obj.closed_at = utcnow()
        obj.closure_reason = fired.reason
    organisation_id = getattr(actor, "organisation_id", None)
    db.session.add(
        TransitionEvent(
            workflow_name=fired.definition,
            workflow_version=fired.version,
            subject_type=type(obj).WORKFLOW if not isinstance(obj, Plan) else "plan",
            subject_id=obj.id,
            plan_id=plan.id if plan is not None else None,
            from_state=fired.source,
            to_state=fired.dest,
            trigger=fired.trigger,
            actor_user_id=getattr(actor, "id", None),
            actor_role=str(getattr(actor, "role", "system")),
            organisation_id=organisation_id,
            reason=fired.reason,
        )
    )
    if plan is not None:
        # A plan's own transition applies only to the version it was fired on: of two
        # concurrent transitions on the same version, the second fails (StaleVersion).
        expected = plan.version if obj is plan else None
        settling = isinstance(obj, Barrier) and fired.trigger in SETTLES_BARRIER
        touch_plan(
            plan,
            actor,
            f"{fired.definition}:{fired.trigger}",
            expected_version=expected,
            closing=closing or settling,
        )


def build_engine(directory: Path | None = None) -> Engine:
    """Load and validate the definitions; raises DefinitionError naming every problem."""
    definitions = load_definitions(directory)
    LATEST.clear()
    for definition in definitions:
        LATEST[definition.name] = max(definition.version, LATEST.get(definition.name, 0))
    return Engine(
        definitions,
        guards=GUARDS,
        effects=EFFECTS,
        roles_of=roles_of,
        definition_of=_definition_of,
        on_transition=_record,
    )


LATEST: dict[str, int] = {}
# One engine, built and validated at import: a broken definition stops the app at start-up.
ENGINE = build_engine()


def plan_trigger_guards(trigger: str) -> frozenset[str]:
    """The guards any plan definition runs for this trigger (from any state)."""
    return frozenset(
        guard
        for definition in ENGINE.definitions
        if definition.subject == "plan"
        for spec in definition.transitions
        if spec.trigger == trigger
        for guard in spec.guards
    )


def _check_guard_reads() -> None:
    """Every plan guard says what it reads (plans.queries.PLAN_GUARD_READS), so firing a
    trigger loads exactly that: a new guard without an entry stops the app at start-up."""
    from maatwerk.plans.queries import PLAN_GUARD_READS

    used = {
        guard
        for definition in ENGINE.definitions
        if definition.subject == "plan"
        for spec in definition.transitions
        for guard in spec.guards
    }
    missing = sorted(used - set(PLAN_GUARD_READS))
    if missing:
        raise RuntimeError(f"Plan guards without PLAN_GUARD_READS: {', '.join(missing)}")


_check_guard_reads()


def _require_visible(obj: Any, actor: Any) -> None:
    plan = plan_of(obj)
    if isinstance(actor, SystemActor) or plan is None:
        return
    if actor.role is Role.PROGRAMME and isinstance(obj, Barrier) and obj.structural:
        return
    if (
        actor.role is Role.MANAGER
        and isinstance(obj, Barrier)
        and "manager" in roles_of(obj, actor)
    ):
        return
    if not can_view_plan(actor, plan):
        raise NotFound("Not found.")


# A closed plan's open barriers can still be settled: resolved (also by a manager's decision,
# without a grant), or handed to the programme as structural. Retention waits for them, and
# the rule that blocked this family may block others. Nothing else of a closed plan changes.
SETTLES_BARRIER = frozenset({"resolve", "decide", "make_structural", "resolve_structural"})


def _closed_plan_item(obj: Any, actor: Any, trigger: str | None = None) -> bool:
    """A goal, action or barrier of a closed plan that this actor may no longer change (the
    plan itself is in a final state: its own workflow offers nothing more); `trigger`: a
    barrier's trigger that settles it is still allowed."""
    plan = plan_of(obj)
    if isinstance(obj, Barrier) and trigger in SETTLES_BARRIER:
        return False
    return (
        plan is not None
        and obj is not plan
        and plan_is_closed(plan)
        and not may_change_closed_plan(actor)
    )


def available_triggers(obj: Any, actor: Any) -> list[TriggerOption]:
    """What this actor may do with the object now, each with why not when refused (on an
    item of a closed plan nothing, but settling its barriers)."""
    _require_visible(obj, actor)
    if _closed_plan_item(obj, actor):
        options = ENGINE.available_triggers(obj, actor) if isinstance(obj, Barrier) else []
        return [o for o in options if o.trigger in SETTLES_BARRIER]
    return ENGINE.available_triggers(obj, actor)


def fire_transition(obj: Any, trigger: str, *, actor: Any, reason: str | None = None):
    """Fire a trigger as the actor; raises NotFound, Conflict (an item of a closed plan)
    or workflows.TransitionRefused."""
    _require_visible(obj, actor)
    if _closed_plan_item(obj, actor, trigger):
        require_open_plan(plan_of(obj), actor)
    fired = ENGINE.fire(obj, trigger, actor, reason)
    db.session.flush()
    return fired


def initial_state(name: str, version: int | None = None) -> str:
    """The initial state of a definition (latest version by default)."""
    return ENGINE.definition(name, version).initial
