"""A plan's goals (in the family's words), shared actions and team, with their transitions.

Statuses follow the plan's path: goals are proposed while the family explores, accepted or
rejected by the family, ranked by the family when it confirms, and achieved (or not) at an
evaluation; the top-ranked open goal always has an agreed action.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING

from maatwerk.core.enums import Carrier, Domain, ProposedBy
from maatwerk.demo.work import ACTIONS, ActionTemplate
from maatwerk.synth import barriers
from maatwerk.synth.context import TEAM_ORGANISATIONS
from maatwerk.synth.story import LIGHT, to_date, to_datetime
from maatwerk.synth.vocab import STRENGTHS, WHEN, WHY, goal_phrases

if TYPE_CHECKING:
    from maatwerk.synth.generate import Case, Generator

DOMAINS = tuple(Domain)
DOMAIN_WEIGHTS = (30, 15, 13, 20, 22)  # economic, social, cultural, pedagogical, mental
PHRASES = {d: goal_phrases(d) for d in DOMAINS}
FAMILY, PROFESSIONAL = ProposedBy.FAMILY, ProposedBy.PROFESSIONAL
# Status of a confirmed goal's first action (always agreed or further) and of later ones.
FIRST_ACTION = (("agreed", 20), ("in_progress", 50), ("done", 30))
LATER_ACTION = (
    ("agreed", 15),
    ("in_progress", 35),
    ("done", 30),
    ("cancelled", 10),
    ("rejected", 10),
)
# The action workflow's path to each status.
ACTION_PATH = {
    "proposed": (),
    "agreed": ("agree",),
    "in_progress": ("agree", "start"),
    "done": ("agree", "start", "complete"),
    "cancelled": ("agree", "cancel"),
    "rejected": ("reject",),
}
ACTION_STATES = {
    "agree": ("proposed", "agreed"),
    "reject": ("proposed", "rejected"),
    "start": ("agreed", "in_progress"),
    "complete": ("in_progress", "done"),
    "cancel": ("agreed", "cancelled"),
}
GOAL_STATES = {
    "accept": ("proposed", "accepted"),
    "reject": ("proposed", "rejected"),
    "achieve": ("accepted", "achieved"),
    "mark_not_achieved": ("accepted", "not_achieved"),
    "cancel": ("accepted", "cancelled"),
}


class GoalRow:
    """A goal while its plan is generated."""

    __slots__ = (
        "actions",
        "by",
        "created",
        "cycle",
        "domain",
        "id",
        "rank",
        "status",
        "strengths",
        "target",
        "title",
        "updated",
        "user",
        "version",
        "why",
    )


class ActionRow:
    """An action while its plan is generated."""

    __slots__ = (
        "assigned",
        "by",
        "completed",
        "created",
        "due",
        "goal_ids",
        "id",
        "intervention",
        "lead",
        "participating",
        "started",
        "status",
        "template",
        "updated",
        "version",
    )


def plan_work(g: Generator, case: Case) -> None:
    """Goals, actions, team and barriers of the case's plan, written as rows."""
    story = case.story
    for cycle in story.cycles:
        _cycle_goals(g, case, cycle)
    _outcomes(g, case)
    _rank(g, case)
    for goal in case.goals:
        _goal_actions(g, case, goal)
    _team(g, case)
    barriers.plan_barriers(g, case)
    _write(g, case)


def _goal_window(case: Case, cycle) -> tuple[float, float] | None:
    story = case.story
    if story.workflow == LIGHT:
        return story.created, cycle.confirmed or story.end
    if cycle.number == 1:
        explored = next((e[3] for e in story.events if e[0] == "start_exploration"), None)
        if explored is None:
            return None
        return explored, cycle.prioritised or story.end
    return cycle.opened, cycle.confirmed or story.end


def _cycle_goals(g: Generator, case: Case, cycle) -> None:
    rng, story = g.rng, case.story
    window = _goal_window(case, cycle)
    if window is None:
        return
    start, stop = window
    if story.workflow == LIGHT:
        count = 2 if rng.random() < 0.15 else 1
    elif cycle.number == 1:
        count = g.choice((1, 2, 2, 3, 3, 3, 4))
    else:
        count = 1
    taken = {goal.domain for goal in case.goals}
    free = [d for d in DOMAINS if d not in taken] or list(DOMAINS)
    weights = [DOMAIN_WEIGHTS[DOMAINS.index(d)] for d in free]
    decide_by = cycle.confirmed or story.end
    for index in range(count):
        domain = rng.choices(free, weights)[0]
        if len(free) > 1:
            weights.pop(free.index(domain))
            free.remove(domain)
        goal = GoalRow()
        goal.id = g.next_id("goals")
        goal.domain = domain
        openers, core = g.choice(PHRASES[domain])
        goal.title = f"{g.choice(openers)} {core}{g.choice(WHEN)}"
        goal.why = g.choice(WHY[domain])
        goal.strengths = g.choice(STRENGTHS)
        goal.rank = None
        goal.cycle = cycle.number
        goal.created = goal.updated = rng.uniform(start, start + (stop - start) * 0.6)
        goal.target = None
        if rng.random() < 0.6:
            goal.target = to_date(goal.created) + dt.timedelta(days=g.choice((90, 180, 270)))
        goal.version = 1
        goal.actions = []
        by_family = index == 0 or rng.random() < 0.3
        goal.by = FAMILY if by_family else PROFESSIONAL
        goal.user = case.family_id if by_family else case.coordinator_at(goal.created)[0]
        goal.status = "accepted" if by_family else "proposed"
        case.bumps.append((goal.created, "goal:add", goal.user))
        case.goals.append(goal)
        if by_family:
            continue
        if cycle.confirmed is not None or story.workflow == LIGHT:
            decided = True
        else:
            decided = rng.random() < (0.5 if cycle.prioritised else 0.4)
        if decided and case.family_id is not None:
            accept = story.workflow == LIGHT or rng.random() < 0.88
            when = rng.uniform(goal.created, decide_by)
            goal_event(g, case, goal, "accept" if accept else "reject", when, "family")


def goal_event(g: Generator, case: Case, goal: GoalRow, trigger: str, t: float, actor: str):
    """Fire a goal trigger: status, version, transition event."""
    source, dest = GOAL_STATES[trigger]
    assert goal.status == source, (goal.status, trigger)
    goal.status, goal.updated = dest, t
    goal.version += 1
    reason = g.reason("cancel") if trigger == "cancel" else None
    g.transition(case, "goal", goal.id, source, dest, trigger, t, actor, reason)


def _outcomes(g: Generator, case: Case) -> None:
    """Goals reached (or not) at evaluations, at closing, and now and then along the way."""
    rng, story = g.rng, case.story
    last = story.cycles[-1]
    for cycle in story.cycles[:-1]:  # cycles that ended in a new cycle were evaluated
        open_goals = [x for x in case.goals if x.status == "accepted" and x.cycle <= cycle.number]
        if not open_goals:
            continue
        reached = [x for x in open_goals if rng.random() < 0.5] or [g.choice(open_goals)]
        for goal in reached:
            when = rng.uniform(cycle.evaluated or cycle.opened, cycle.ended)
            goal_event(g, case, goal, "achieve", when, _team_or_family(g, case))
    open_goals = [x for x in case.goals if x.status == "accepted"]
    if story.closed and not story.withdrawn:
        since = last.evaluated or last.confirmed or story.created
        for goal in open_goals:
            draw = rng.random()
            trigger = "achieve" if draw < 0.7 else "mark_not_achieved" if draw < 0.9 else "cancel"
            actor = "coordinator" if trigger == "cancel" else _team_or_family(g, case)
            goal_event(g, case, goal, trigger, rng.uniform(since, story.end), actor)
    elif last.confirmed is not None and story.end - last.confirmed > 120 and len(open_goals) > 1:
        for goal in open_goals[1:]:
            if rng.random() < 0.15:
                when = rng.uniform(last.confirmed, story.end)
                goal_event(g, case, goal, "achieve", when, _team_or_family(g, case))


def _team_or_family(g: Generator, case: Case) -> str:
    return "family" if case.family_id is not None and g.rng.random() < 0.3 else "coordinator"


def _rank(g: Generator, case: Case) -> None:
    """The family's priorities: every open goal ranked once it confirmed the cycle."""
    rng, story = g.rng, case.story
    if story.workflow == LIGHT:
        return
    last = story.cycles[-1]
    accepted = [x for x in case.goals if x.status == "accepted"]
    if last.confirmed is not None:
        ranked = accepted
    elif last.number > 1:
        ranked = [x for x in accepted if x.cycle < last.number]  # ranked at the last confirm
    elif last.prioritised is not None and rng.random() < 0.4:
        ranked = accepted
    else:
        ranked = []
    rng.shuffle(ranked)
    for rank, goal in enumerate(ranked, start=1):
        goal.rank = rank
    if ranked:
        when = story.family_confirmed or last.prioritised or story.end
        case.bumps.append((when - 0.001, "priorities", case.family_id))


def _template(g: Generator, case: Case, domain: Domain) -> ActionTemplate:
    fitting = [t for t in ACTIONS[domain] if not t.only_in or case.municipality.name in t.only_in]
    return g.choice(fitting)


def _goal_actions(g: Generator, case: Case, goal: GoalRow) -> None:
    """One or two actions per goal, in the status the goal and plan imply."""
    rng, story = g.rng, case.story
    if goal.status == "rejected" or (goal.status == "proposed" and rng.random() < 0.5):
        return
    cycle = story.cycles[goal.cycle - 1]
    confirmed = cycle.confirmed
    agreed_by = confirmed or story.end
    work_until = cycle.ended if story.closed or goal.cycle < len(story.cycles) else story.end
    count = 2 if rng.random() < 0.3 else 1
    for index in range(count):
        action = ActionRow()
        action.id = g.next_id("actions")
        action.template = template = _template(g, case, goal.domain)
        action.created = rng.uniform(goal.created, goal.created + (agreed_by - goal.created) * 0.8)
        _resolve(g, case, action)
        action.goal_ids = [goal.id]
        action.version = 1
        by_family = template.carrier is Carrier.FAMILY and rng.random() < 0.5
        action.by = FAMILY if by_family else PROFESSIONAL
        case.bumps.append((action.created, "action:add", None))
        if goal.status == "proposed":
            status = "proposed"
        elif confirmed is None:
            status = "agreed" if index == 0 and rng.random() < 0.6 else "proposed"
        elif goal.status == "cancelled":
            status = "cancelled"
        elif goal.status in ("achieved", "not_achieved") or (story.closed and not story.withdrawn):
            status = "done" if index == 0 or rng.random() < 0.7 else "cancelled"
        else:
            status = g.weighted(FIRST_ACTION if index == 0 else LATER_ACTION)
        if case.family_id is None:
            status = "proposed"
        action.status = "proposed"
        times = {
            "agree": rng.uniform(action.created, agreed_by),
            "reject": rng.uniform(action.created, agreed_by),
        }
        times["start"] = rng.uniform(max(times["agree"], confirmed or 0), work_until)
        times["complete"] = rng.uniform(times["start"], work_until)
        times["cancel"] = rng.uniform(times["agree"], work_until)
        for trigger in ACTION_PATH[status]:
            action_event(g, case, action, trigger, times[trigger])
        path = ACTION_PATH[status]
        action.started = times["start"] if "start" in path else None
        action.completed = times["complete"] if "complete" in path else None
        action.updated = max([action.created, *(times[t] for t in path)])
        action.due = _due(g, case, action)
        goal.actions.append(action)
        case.actions.append(action)
    if len(case.goals) > 1 and case.actions and rng.random() < 0.1:
        other = g.choice(case.goals)
        if other.id != goal.id and other.status not in ("rejected", "proposed"):
            case.actions[-1].goal_ids.append(other.id)  # one action serves two goals


def action_event(g: Generator, case: Case, action: ActionRow, trigger: str, t: float) -> None:
    """Fire an action trigger: status, version, transition event."""
    source, dest = ACTION_STATES[trigger]
    assert action.status == source, (action.status, trigger)
    action.status = dest
    action.version += 1
    actor = "family" if trigger in ("agree", "reject") else "team"
    if trigger in ("start", "complete") and action.template.carrier is Carrier.FAMILY:
        actor = "family"
    reason = g.reason("cancel") if trigger == "cancel" else None
    g.transition(case, "action", action.id, source, dest, trigger, t, actor, reason, action)


def _due(g: Generator, case: Case, action: ActionRow) -> dt.date | None:
    rng = g.rng
    if rng.random() < 0.15:
        return None
    if action.status in ("done", "cancelled", "rejected") or case.story.closed:
        return to_date(action.created) + dt.timedelta(days=g.randint(10, 90))
    # Open actions: some are overdue today.
    return g.today + dt.timedelta(days=g.randint(-60, 120))


def _resolve(g: Generator, case: Case, action: ActionRow) -> None:
    """The action's organisations and professional; a new organisation's professional
    joins the team when its first action is proposed."""
    ctx = g.ctx
    template = action.template
    coordinator_org = case.coordinators[0][2]
    keys = [case.coordinator_key if k == "regie" else k for k in template.participating]
    lead_key = case.coordinator_key if template.lead == "regie" else template.lead
    action.lead = ctx.organisations[lead_key] if lead_key else None
    action.participating = sorted({ctx.organisations[k] for k in keys if k != lead_key})
    for key in (lead_key, *keys):
        if key is not None:
            _join(g, case, key, action.created)
    if action.lead == coordinator_org:
        action.assigned = case.coordinator_at(action.created)[0]
    else:
        action.assigned = case.team.get(action.lead)
    action.intervention = ctx.interventions.get(template.intervention or "")


def _join(g: Generator, case: Case, key: str, since: float) -> None:
    organisation = g.ctx.organisations[key]
    if organisation in case.organisations:
        return
    case.organisations.append(organisation)
    if key not in TEAM_ORGANISATIONS or len(case.team) >= 4:
        return
    user = g.choice(g.ctx.professionals[key])
    case.team[organisation] = user
    case.bumps.append((since, "team:add", case.coordinator_at(since)[0]))
    g.rows["team_memberships"].append(
        (
            g.next_id("team_memberships"),
            case.plan_id,
            user,
            "member",
            to_datetime(since - 0.0005),
            None,
        )
    )


def _team(g: Generator, case: Case) -> None:
    """A professional joins some teams before any action exists; the coordinators."""
    if case.goals and not case.actions and g.rng.random() < 0.3:
        _join(g, case, g.choice(("ggz", "welzijn")), case.goals[0].created)
    _coordinator_memberships(g, case)


def _coordinator_memberships(g: Generator, case: Case) -> None:
    add = g.rows["team_memberships"].append
    plan = case.plan_id
    (start, first, _org), *later = case.coordinators
    if not later:
        add((g.next_id("team_memberships"), plan, first, "coordinator", to_datetime(start), None))
        return
    handover, second, _org = later[0]
    at = to_datetime(handover)
    add((g.next_id("team_memberships"), plan, first, "coordinator", to_datetime(start), at))
    add((g.next_id("team_memberships"), plan, first, "member", at, None))
    add((g.next_id("team_memberships"), plan, second, "coordinator", at, None))
    case.bumps.append((handover, "team:coordinator", first))


def _write(g: Generator, case: Case) -> None:
    """The goal, action and link rows."""
    plan = case.plan_id
    add_goal = g.rows["goals"].append
    for x in case.goals:
        add_goal(
            (
                x.id,
                plan,
                x.domain,
                x.title,
                x.why,
                x.strengths,
                x.rank,
                x.status,
                x.by,
                x.user,
                x.target,
                x.version,
                to_datetime(x.created),
                to_datetime(x.updated),
            )
        )
    add_action = g.rows["actions"].append
    add_link = g.rows["action_goals"].append
    add_org = g.rows["action_organisations"].append
    for a in case.actions:
        t = a.template
        cost = decimal.Decimal(t.cost) if t.cost else None
        add_action(
            (
                a.id,
                plan,
                t.description,
                a.lead,
                a.assigned,
                t.carrier,
                a.intervention,
                a.due,
                a.status,
                cost,
                a.by,
                a.version,
                to_datetime(a.created),
                to_datetime(a.updated),
            )
        )
        for goal_id in a.goal_ids:
            add_link((a.id, goal_id, plan))
        for organisation in a.participating:
            add_org((a.id, organisation))
