"""The building blocks of a demo story: goals, actions, barriers, scores, surveys, comments.

Everything goes through the domain operations and the workflow; only data that has no
operation (the amount a manager grants, experience surveys) is written directly.
"""

from __future__ import annotations

import datetime as dt
import decimal
import random
from typing import Any

from maatwerk.accounts.models import User
from maatwerk.barriers.operations import decide_barrier, report_barrier
from maatwerk.core.db import db
from maatwerk.core.enums import Carrier, Domain, Moment, ScoredBy
from maatwerk.demo.cast import Cast, Pick, resolve
from maatwerk.demo.catalogue import Catalogue
from maatwerk.demo.content import MANAGERS
from maatwerk.demo.programme import SURVEY_STATEMENTS
from maatwerk.demo.texts import FAMILY_COMMENTS, REASONS, TEAM_COMMENTS
from maatwerk.demo.timeline import Clock
from maatwerk.demo.work import BARRIERS
from maatwerk.goals.models import Action, Goal
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.outcomes.models import ExperienceSurvey, SurveyAnswer
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import add_comment, set_priorities
from maatwerk.workflow import fire_transition

# Barrier endings, taken in turn over all households so that each occurs.
OUTCOMES = ("escalated", "granted", "resolved_team", "structural", "reported")
SCORED_GOAL_STATES = frozenset({"accepted", "achieved", "not_achieved"})


class Steps:
    """One household's plan and the people acting on it."""

    def __init__(
        self,
        catalogue: Catalogue,
        cast: Cast,
        plan: Plan,
        clock: Clock,
        rng: random.Random,
        shared: dict[str, int],
        *,
        final: bool,
        divergent: bool,
    ) -> None:
        self.catalogue, self.cast, self.plan, self.clock = catalogue, cast, plan, clock
        self.rng, self.shared, self.final, self.divergent = rng, shared, final, divergent
        self.goal_picks: dict[int, Pick] = {}
        self.intake: dict[tuple[Domain, ScoredBy], int] = {}

    def fire(self, obj: Any, trigger: str, actor: Any, reason_key: str | None = None) -> None:
        reason = self.rng.choice(REASONS[reason_key]) if reason_key else None
        fire_transition(obj, trigger, actor=actor, reason=reason)

    def reason(self, key: str) -> str:
        return self.rng.choice(REASONS[key])

    def proposer(self, pick: Pick) -> User:
        """Who proposes for this pick: the lead organisation's professional, else the regisseur."""
        lead = resolve(self.catalogue, pick.action.lead, self.cast.coordinator)
        return self.cast.professional_of(lead) or self.cast.coordinator

    # --- goals and actions -------------------------------------------------------------

    def add_goals(self, picks: list[Pick]) -> list[Goal]:
        goals = []
        for pick in picks:
            actor = self.cast.family if pick.by_family else self.proposer(pick)
            target = self.clock.today() + dt.timedelta(days=self.rng.choice([90, 180, 270]))
            goal = add_goal(
                self.plan,
                domain=pick.domain,
                title=pick.goal.title,
                why_it_matters=pick.goal.why,
                strengths=pick.goal.strengths,
                target_date=target if self.rng.random() < 0.6 else None,
                actor=actor,
            )
            self.goal_picks[goal.id] = pick
            goals.append(goal)
        return goals

    def decide_goals(self, *, may_reject: bool, share: float = 1.0) -> None:
        """The family accepts (rarely rejects) proposed goals."""
        proposed = [g for g in self.plan.goals if g.status == "proposed"]
        for goal in proposed:
            if self.rng.random() > share:
                continue
            reject = may_reject and len(self.plan.goals) >= 3 and self.rng.random() < 0.15
            self.fire(goal, "reject" if reject else "accept", self.cast.family)
            may_reject = may_reject and not reject

    def due_date(self) -> dt.date:
        if self.final:
            return self.clock.today() + dt.timedelta(days=self.rng.randint(10, 60))
        # Open plans: some actions are overdue today, whenever the demo is loaded.
        return dt.date.today() + dt.timedelta(days=self.rng.randint(-45, 90))

    def add_action_for(self, goal: Goal) -> Action:
        pick = self.goal_picks[goal.id]
        template = pick.action
        lead = resolve(self.catalogue, template.lead, self.cast.coordinator)
        participating = [
            resolve(self.catalogue, k, self.cast.coordinator) for k in template.participating
        ]
        by_family = template.carrier is Carrier.FAMILY and self.rng.random() < 0.5
        assigned = self.cast.professional_of(lead)
        return add_action(
            self.plan,
            description=template.description,
            carrier=template.carrier,
            goals=[goal],
            lead_organisation=lead,
            participating=[o for o in participating if o is not None],
            assigned_user=assigned,
            intervention=self.catalogue.interventions.get(template.intervention or ""),
            due_date=self.due_date(),
            cost=decimal.Decimal(template.cost) if template.cost else None,
            actor=self.cast.family if by_family else self.proposer(pick),
        )

    def add_actions(self, goals: list[Goal]) -> None:
        for goal in goals:
            if goal.status in ("proposed", "accepted"):
                self.add_action_for(goal)

    def agree_actions(self) -> None:
        for action in self.plan.actions:
            if action.status == "proposed":
                self.fire(action, "agree", self.cast.family)

    def doer(self, action: Action) -> Any:
        if action.carrier is Carrier.FAMILY:
            return self.cast.family
        return action.assigned_user or self.cast.coordinator

    def progress(self, *, finish: bool = False) -> None:
        """Start actions, and complete some (all when the plan is finishing)."""
        for action in self.plan.actions:
            if action.status == "agreed" and (finish or self.rng.random() < 0.75):
                self.fire(action, "start", self.doer(action))
            if action.status == "in_progress" and (finish or self.rng.random() < 0.35):
                self.fire(action, "complete", self.doer(action))

    def rank_and_confirm(self) -> None:
        open_goals = [g for g in self.plan.goals if g.status == "accepted"]
        with_action = [g for g in open_goals if any(g in a.goals for a in self.plan.actions)]
        rest = [g for g in open_goals if g not in with_action]
        self.rng.shuffle(with_action)
        set_priorities(self.plan, with_action + rest, actor=self.cast.family)
        self.fire(self.plan, "confirm_plan", self.cast.family)

    def close_goals(self) -> None:
        for goal in self.plan.goals:
            if goal.status == "accepted":
                trigger = "achieve" if self.rng.random() < 0.75 else "mark_not_achieved"
                self.fire(goal, trigger, self.cast.coordinator)

    # --- barriers ----------------------------------------------------------------------

    def barrier(self) -> None:
        """Report a barrier on a running action and take it to one of its endings."""
        running = [a for a in self.plan.actions if a.status == "in_progress"]
        professional = [a for a in running if a.carrier is Carrier.PROFESSIONAL]
        if not running:
            return
        action = self.rng.choice(professional or running)
        turn = self.shared["barriers"] = self.shared.get("barriers", 0) + 1
        # A barrier that fits the life domain of the blocked action's goal.
        domains = {g.domain for g in action.goals}
        fitting = [t for t in BARRIERS if domains & set(t.domains)]
        template = fitting[turn % len(fitting)]
        if self.final:  # a finished plan has its barriers solved
            outcome = "granted" if self.rng.random() < 0.6 else "resolved_team"
        else:
            taken = self.shared["outcomes"] = self.shared.get("outcomes", -1) + 1
            outcome = OUTCOMES[taken % len(OUTCOMES)]
        target = self.catalogue.organisations[template.escalate_to]
        reporter = self.cast.coordinator
        barrier = report_barrier(
            self.plan,
            category=template.category,
            description=template.description,
            rule_concerned=template.rule,
            proposed_solution=template.solution,
            action=action,
            escalate_to=[] if outcome in ("reported", "resolved_team") else [target],
            actor=reporter,
        )
        self.fire(action, "block", reporter)
        self.clock.step(0.05, 0.15)
        manager = self.catalogue.users[MANAGERS[template.escalate_to]]
        if outcome == "resolved_team":
            self.fire(barrier, "resolve", reporter, "resolve")
        elif outcome != "reported":
            self.fire(barrier, "escalate", reporter)
        if outcome == "granted":
            self.reason("decide")  # drawn as before, so the rest of the story stays the same
            amount = decimal.Decimal(template.amount) if template.amount else None
            # The decision says money was granted only when it was, from the manager's
            # flexible budget of this year (loader.give_budgets), on the budget's ledger.
            decision = REASONS["decide"][0] if amount else REASONS["decide"][1]
            decide_barrier(barrier, actor=manager, decision=decision, amount=amount)
        elif outcome == "structural":
            self.fire(barrier, "make_structural", manager, "make_structural")
        # A resolved barrier resumed its action (DESIGN §5.4: the resolution's effect).

    # --- scores, surveys, comments -----------------------------------------------------

    def scores(self, moment: Moment) -> None:
        domains = sorted({g.domain for g in self.plan.goals if g.status in SCORED_GOAL_STATES})
        for domain in domains:
            if moment is Moment.INTAKE:
                family = self.rng.randint(1, 3)
                gap = 2 if self.divergent else self.rng.choice([0, 0, 1, -1])
                professional = family + gap if family + gap <= 5 else family - gap
            else:
                family = self.intake.get((domain, ScoredBy.FAMILY), 2) + self.rng.choice(
                    [0, 1, 1, 2]
                )
                professional = self.intake.get((domain, ScoredBy.PROFESSIONAL), 2) + (
                    self.rng.choice([0, 1, 1, 2])
                )
            for by, score, actor in (
                (ScoredBy.FAMILY, family, self.cast.family),
                (ScoredBy.PROFESSIONAL, professional, self.cast.coordinator),
            ):
                score = max(1, min(5, score))
                if moment is Moment.INTAKE:
                    self.intake[(domain, by)] = score
                record_score(
                    self.plan,
                    domain=domain,
                    score=score,
                    scored_by=by,
                    moment=moment,
                    actor=actor,
                    scored_on=self.clock.today(),
                )

    def survey(self, moment: Moment) -> None:
        """The family's experience survey (no operation exists for surveys yet)."""
        survey = ExperienceSurvey(
            plan_id=self.plan.id,
            cycle=self.plan.cycle,
            respondent=ScoredBy.FAMILY,
            respondent_user_id=self.cast.family.id,
            moment=moment,
            answered_on=self.clock.today(),
            answers=[
                SurveyAnswer(
                    statement_key=key,
                    operational_goal=self.catalogue.operational_goals[code],
                    score=self.rng.randint(2, 5),
                )
                for key, (code, _text) in SURVEY_STATEMENTS.items()
            ],
        )
        db.session.add(survey)

    def comment(self, *, family: bool) -> None:
        texts = FAMILY_COMMENTS if family else TEAM_COMMENTS
        actor = self.cast.family if family else self.cast.coordinator
        add_comment(self.plan, self.rng.choice(texts), actor=actor)
