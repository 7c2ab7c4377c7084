"""Barriers (doorbraak) on running actions, in every category and every status.

An open barrier blocks its action; a resolved one was solved in the team, decided by a
manager (sometimes with an amount from the flexible budget) or, once structural, by the
programme. A finished plan has only resolved barriers.
"""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING

from maatwerk.core.enums import Carrier
from maatwerk.demo.work import BARRIERS, BarrierTemplate
from maatwerk.synth.story import to_datetime
from maatwerk.synth.vocab import OTHER_BARRIER, RESOLVE_STRUCTURAL_REASON

if TYPE_CHECKING:
    from maatwerk.synth.generate import Case, Generator
    from maatwerk.synth.work import ActionRow

TEMPLATES: tuple[BarrierTemplate, ...] = (*BARRIERS, OTHER_BARRIER)
# Endings: (name, weight). The path of triggers to each one is below.
OPEN_ENDINGS = (
    ("reported", 20),
    ("escalated", 20),
    ("structural", 12),
    ("resolved_team", 20),
    ("decided", 20),
    ("resolved_structural", 8),
)
CLOSED_ENDINGS = (("resolved_team", 45), ("decided", 45), ("resolved_structural", 10))
PATHS = {
    "reported": (),
    "escalated": (("escalate", "reported", "escalated"),),
    "structural": (
        ("escalate", "reported", "escalated"),
        ("make_structural", "escalated", "structural"),
    ),
    "resolved_team": (("resolve", "reported", "resolved"),),
    "decided": (("escalate", "reported", "escalated"), ("decide", "escalated", "resolved")),
    "resolved_structural": (
        ("escalate", "reported", "escalated"),
        ("make_structural", "escalated", "structural"),
        ("resolve_structural", "structural", "resolved"),
    ),
}


def plan_barriers(g: Generator, case: Case) -> None:
    """Now and then a barrier on an action the team has started (two, rarely)."""
    rng = g.rng
    draw = rng.random()
    if draw >= 0.3:
        return
    running = [a for a in case.actions if a.started is not None]
    professional = [a for a in running if a.template.carrier is Carrier.PROFESSIONAL]
    candidates = professional or running
    if not candidates:
        return
    for action in rng.sample(candidates, min(len(candidates), 2 if draw < 0.03 else 1)):
        _barrier(g, case, action)


def _domains_of(case: Case, action: ActionRow) -> set:
    return {goal.domain for goal in case.goals if goal.id in action.goal_ids}


def _barrier(g: Generator, case: Case, action: ActionRow) -> None:
    """One barrier: reported while the action ran, taken along its path to an ending."""
    rng, ctx, story = g.rng, g.ctx, case.story
    domains = _domains_of(case, action)
    fitting = [t for t in TEMPLATES if domains & set(t.domains)]
    if rng.random() < 0.8:  # "other" fits every domain, but is the exception
        fitting = [t for t in fitting if t is not OTHER_BARRIER]
    template = g.choice(fitting or TEMPLATES[:-1])
    # A completed action was blocked and resumed before it was done.
    finished = story.closed or action.completed is not None
    stop = action.completed or story.end
    ending = g.weighted(CLOSED_ENDINGS if finished else OPEN_ENDINGS)
    path = PATHS[ending]
    barrier_id = g.next_id("barriers")
    reported = rng.uniform(action.started, action.started + (stop - action.started) * 0.5)
    times = sorted(rng.uniform(reported, stop) for _ in path)
    reporter = action.assigned or case.coordinator_at(reported)[0]
    reporter_actor = (reporter, "professional", ctx.user_organisation.get(reporter))
    target = ctx.organisations[template.escalate_to]
    manager = ctx.managers.get(template.escalate_to)
    actors = {
        "decide": (manager, "manager", target),
        "make_structural": (manager, "manager", target),
        "resolve_structural": (ctx.programme_user_id, "programme", None),
    }
    _block(g, case, action, "block", reported, reporter_actor)
    decided_by = decided_at = decision = amount = None
    status, structural = "reported", False
    for (trigger, source, dest), t in zip(path, times, strict=True):
        reason = g.reason(trigger) if trigger in ("decide", "resolve", "make_structural") else None
        if trigger == "resolve_structural":
            reason = RESOLVE_STRUCTURAL_REASON
        actor = actors.get(trigger, reporter_actor)
        g.transition(case, "barrier", barrier_id, source, dest, trigger, t, actor, reason)
        status = dest
        if trigger == "decide":
            decided_by, decided_at, decision = manager, t, reason
            amount = decimal.Decimal(template.amount) if template.amount else None
        structural = structural or trigger == "make_structural"
    resolved_at = times[-1] if status == "resolved" else None
    if resolved_at is not None:
        _block(g, case, action, "resume", resolved_at, reporter_actor)
    updated = times[-1] if times else reported
    action.updated = max(action.updated, updated)
    case.barriers.append((barrier_id, template.category.value, status))
    case.bumps.append((reported, "barrier:report", reporter))
    g.rows["barriers"].append(
        (
            barrier_id,
            case.plan_id,
            action.id,
            template.category,
            template.rule,
            template.description,
            template.solution,
            status,
            structural,
            decision,
            amount,
            reporter,
            decided_by,
            to_datetime(reported),
            _at(decided_at),
            _at(resolved_at),
            to_datetime(updated),
            1 + len(path),
        )
    )
    if ending not in ("reported", "resolved_team"):
        g.rows["barrier_escalations"].append((barrier_id, target))
    if structural and ctx.operational_goals and rng.random() < 0.5:
        goal = g.choice(sorted(ctx.operational_goals.values()))
        g.rows["barrier_operational_goals"].append((barrier_id, goal))


def _block(g: Generator, case: Case, action: ActionRow, trigger: str, t: float, actor) -> None:
    """Block the action on the barrier, or resume it once the barrier is resolved; an
    action completed later keeps its status."""
    source, dest = ("in_progress", "blocked") if trigger == "block" else ("blocked", "in_progress")
    if action.completed is None:
        action.status = dest
    action.version += 1
    g.transition(case, "action", action.id, source, dest, trigger, t, actor, None)


def _at(t: float | None):
    return None if t is None else to_datetime(t)
