"""What the family's pages show, read through the domain's audited reading functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from maatwerk.accounts.models import User
from maatwerk.core.enums import Domain, Moment, PlanRole, ScoredBy
from maatwerk.goals.models import Action, Goal
from maatwerk.monitoring.surveys import survey_due
from maatwerk.plans.access import action_without_sight, organisations_without_consent
from maatwerk.plans.models import Comment, Plan, TeamMembership
from maatwerk.plans.operations import priorities_on_hold
from maatwerk.plans.queries import plan_comments
from maatwerk.plans.reading import PlanFilters, get_plan, list_plans
from maatwerk.portal.labels import GUARD_FALLBACK, GUARDS, NO_GOALS
from maatwerk.workflow import ENGINE, available_triggers

HIDDEN_ACTION_STATES = ("rejected", "cancelled")
OPEN_ACTION_STATES = ("proposed", "agreed", "in_progress", "blocked")
# Life domains with a goal in these states are scored (as the workflow's close guard asks).
SCORED_GOAL_STATES = ("accepted", "achieved", "not_achieved")
SHOWN_GOAL_STATES = ("accepted", "proposed")
MAX_PLANS = 50


def is_open(plan: Plan) -> bool:
    """True while the plan has not reached a final state."""
    return plan.status not in ENGINE.definition_for(plan).final


def family_plans(user: User) -> list[Plan]:
    """The household's plans, open ones first, newest first (audited as a search)."""
    plans, _total = list_plans(user, PlanFilters(), page=1, page_size=MAX_PLANS)
    return sorted(plans, key=lambda p: (not is_open(p), -p.started_on.toordinal(), -p.id))


def current_plan(user: User, plan_id: int | None = None) -> tuple[Plan | None, list[Plan]]:
    """The plan to show (the newest open one unless an id is given) and the others."""
    plans = family_plans(user)
    if plan_id is None:
        if not plans:
            return None, []
        plan_id = plans[0].id
    plan = get_plan(plan_id, user)
    return plan, [p for p in plans if p.id != plan.id]


@dataclass
class GoalView:
    """A goal with the steps towards it."""

    goal: Goal
    actions: list[Action] = field(default_factory=list)


@dataclass(frozen=True)
class ScoreQuestion:
    """'How are things going' for one life domain: the family's own 1-5 score, if given."""

    domain: str
    given: int | None


def score_questions(plan: Plan) -> tuple[Moment | None, list[ScoreQuestion]]:
    """The moment the family scores itself now (the evaluation while the plan is being
    evaluated, else the start) and one question per life domain of the plan's goals. No
    questions on an ended plan."""
    if not is_open(plan):
        return None, []
    moment = Moment.EVALUATION if plan.status == "evaluating" else Moment.INTAKE
    domains = {g.domain for g in plan.goals if g.status in SCORED_GOAL_STATES}
    given = {
        s.domain: s.score
        for s in plan.scores
        if s.cycle == plan.cycle and s.moment is moment and s.scored_by is ScoredBy.FAMILY
    }
    return moment, [ScoreQuestion(d.value, given.get(d)) for d in Domain if d in domains]


@dataclass
class PlanPage:
    """Everything the 'Ons plan' page shows, in the order the family reads it."""

    plan: Plan
    priorities: list[GoalView]
    proposals: list[GoalView]
    finished: list[Goal]
    loose_actions: list[Action]
    stopped_actions: list[Action]
    waiting: int
    first_question: str  # the anchor of the first question waiting for an answer
    unranked: int
    editable: bool
    can_confirm: bool
    confirm_hints: list[Any]
    can_reprioritise: bool
    order_on_hold: bool  # paused: the order waits until the plan continues
    team: list[TeamMembership]
    comments: list[Comment]
    others: list[Plan]
    today: dt.date
    score_moment: Moment | None = None
    score_questions: list[ScoreQuestion] = field(default_factory=list)
    survey_moment: Moment | None = None  # the experience survey waiting for the family
    # Organisations on the team without the family's consent: their people and open steps
    # are marked "may no longer see your plan".
    blind: set[int] = field(default_factory=set)

    def sees_plan(self, membership: TeamMembership) -> bool:
        """False for a team member whose organisation may not see the plan."""
        return membership.user.organisation_id not in self.blind

    def step_without_sight(self, action: Action) -> bool:
        """True for an open step carried by an organisation that may not see the plan."""
        return action.status in OPEN_ACTION_STATES and action_without_sight(action, self.blind)

    @property
    def to_score(self) -> int:
        """How many 'how are things going' questions wait for an answer."""
        return sum(1 for q in self.score_questions if q.given is None)


def _confirm_state(plan: Plan, user: User) -> tuple[bool, list[Any], bool]:
    options = {o.trigger: o for o in available_triggers(plan, user)}
    confirm = options.get("confirm_plan")
    hints: list[Any] = []
    if confirm is not None and not confirm.allowed and confirm.refusal is not None:
        hints.append(refusal_text(plan, confirm.refusal.guard))
    reprioritise = options.get("reprioritise")
    return confirm is not None, hints, bool(reprioritise and reprioritise.allowed)


def refusal_text(plan: Plan, guard: str | None) -> Any:
    """The plain-words reason why the family cannot confirm the plan yet."""
    if guard == "all_open_goals_ranked" and not any(g.status == "accepted" for g in plan.goals):
        return NO_GOALS
    return GUARDS.get(guard or "", GUARD_FALLBACK)


def plan_page(plan: Plan, user: User, others: list[Plan]) -> PlanPage:
    """Arrange a loaded plan for the family: their priorities first."""
    by_goal: dict[int, list[Action]] = {}
    loose, stopped = [], []
    for action in plan.actions:
        if action.status in HIDDEN_ACTION_STATES:
            stopped.append(action)
            continue
        # A step whose goals were all closed or turned down is still shown, on its own.
        shown = [g for g in action.goals if g.status in SHOWN_GOAL_STATES]
        if not shown:
            loose.append(action)
        for goal in shown:
            by_goal.setdefault(goal.id, []).append(action)
    accepted = sorted(
        (g for g in plan.goals if g.status == "accepted"),
        key=lambda g: (g.priority_rank is None, g.priority_rank or 0, g.id),
    )
    proposed = [g for g in plan.goals if g.status == "proposed"]
    finished = [g for g in plan.goals if g.status not in ("accepted", "proposed")]
    # Steps of a proposed goal are answered once the goal is in the plan.
    answerable = [a for g in accepted for a in by_goal.get(g.id, [])] + loose
    waiting = len(proposed) + len({a.id for a in answerable if a.status == "proposed"})
    # 'To do': the link goes to the first open question, in the page's order.
    first_question = f"doel-{proposed[0].id}" if proposed else ""
    if not first_question:
        # A step's id on the page names the goal it is shown under (a step of two goals is
        # shown twice); one shown on its own has the step's id only.
        places = [(f"{g.id}-", a) for g in accepted for a in by_goal.get(g.id, [])]
        step = next(
            (p for p in places + [("", a) for a in loose] if p[1].status == "proposed"), None
        )
        first_question = f"stap-{step[0]}{step[1].id}" if step is not None else "prioriteiten"
    can_confirm, hints, can_reprioritise = _confirm_state(plan, user)
    team = sorted(plan.active_team, key=lambda m: (m.plan_role is not PlanRole.COORDINATOR, m.id))
    moment, questions = score_questions(plan)
    return PlanPage(
        plan=plan,
        priorities=[GoalView(g, by_goal.get(g.id, [])) for g in accepted],
        proposals=[GoalView(g, by_goal.get(g.id, [])) for g in proposed],
        finished=finished,
        loose_actions=loose,
        stopped_actions=stopped,
        waiting=waiting,
        first_question=first_question,
        unranked=sum(1 for g in accepted if g.priority_rank is None),
        editable=is_open(plan),
        can_confirm=can_confirm,
        confirm_hints=hints,
        can_reprioritise=can_reprioritise,
        order_on_hold=priorities_on_hold(plan),
        team=team,
        comments=plan_comments(plan),
        others=others,
        today=dt.date.today(),
        score_moment=moment,
        score_questions=questions,
        survey_moment=survey_due(plan, ScoredBy.FAMILY, None),
        blind=organisations_without_consent(plan),
    )
