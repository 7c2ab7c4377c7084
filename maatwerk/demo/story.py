"""Play one demo household's story, from referral to the state its plan ends up in."""

from __future__ import annotations

import datetime as dt
import random

from maatwerk.core.enums import ConsentPurpose, Moment
from maatwerk.demo.cast import LIGHT_STORIES, Cast, cast_household, give_consents
from maatwerk.demo.catalogue import Catalogue
from maatwerk.demo.content import REFERENCE_DATE
from maatwerk.demo.families import HouseholdSpec
from maatwerk.demo.steps import Steps
from maatwerk.demo.timeline import Clock
from maatwerk.households.operations import withdraw_consent
from maatwerk.plans.operations import add_team_member, create_plan

FINAL_STORIES = frozenset({"closed", "withdrawn", "light_closed"})


def _timeline(spec: HouseholdSpec, rng: random.Random) -> Clock:
    """Plan start a few weeks after referral; finished plans end a while before today."""
    total = (REFERENCE_DATE - spec.referred_on).days
    start = spec.referred_on + dt.timedelta(days=min(rng.randint(5, 40), total // 4))
    if spec.story in FINAL_STORIES:
        end = REFERENCE_DATE - dt.timedelta(
            days=rng.randint(5, max(6, (REFERENCE_DATE - start).days // 3))
        )
    else:
        end = REFERENCE_DATE - dt.timedelta(days=rng.randint(0, 7))
    return Clock(spec.referred_on, start, max(end, start + dt.timedelta(days=2)), rng)


def play(catalogue: Catalogue, spec: HouseholdSpec, index: int, shared: dict[str, int]) -> None:
    """Create the household and take its plan, through the workflow, to its story's state."""
    rng = random.Random(2024 * 1000 + index)  # noqa: S311  # demo data  # nosec B311
    clock = _timeline(spec, rng)
    cast = cast_household(catalogue, spec, rng, dt.date.today())
    sharing = spec.story != "intake" or rng.random() < 0.5
    give_consents(cast, rng, sharing=sharing)
    clock.begin_plan()
    workflow = "plan_light" if spec.story in LIGHT_STORIES else "plan_standard"
    plan = create_plan(
        cast.household,
        coordinator=cast.coordinator,
        actor=cast.coordinator,
        workflow_name=workflow,
        started_on=clock.today(),
    )
    for user in cast.team:
        add_team_member(plan, user, actor=cast.coordinator)
    steps = Steps(
        catalogue,
        cast,
        plan,
        clock,
        rng,
        shared,
        final=spec.story in FINAL_STORIES,
        divergent=index % 4 == 1,
    )
    if spec.story == "intake":
        steps.comment(family=not sharing)
    elif spec.story in LIGHT_STORIES:
        _light(steps, spec.story)
    else:
        _standard(steps, spec.story)
    if spec.story not in ("intake", "withdrawn"):
        _withdraw_some(steps, cast, shared)
    clock.finish()
    clock.apply(cast.household, cast.family)


def _light(steps: Steps, story: str) -> None:
    """Licht als het kan: one goal of the family, one action, done."""
    goals = steps.add_goals(steps.cast.picks)
    steps.clock.step()
    steps.fire(steps.plan, "activate", steps.cast.coordinator)
    steps.add_actions(goals)
    steps.agree_actions()
    steps.progress(finish=story == "light_closed")
    steps.comment(family=True)
    if story == "light_closed":
        steps.clock.step()
        steps.close_goals()
        steps.fire(steps.plan, "close", steps.cast.coordinator, "close")


def _standard(steps: Steps, story: str) -> None:
    """Intake, exploring, prioritising and on, stopping where the story ends."""
    plan, cast, clock = steps.plan, steps.cast, steps.clock
    coordinator = cast.coordinator
    clock.step(0.05, 0.2)
    steps.fire(plan, "start_exploration", coordinator)
    goals = steps.add_goals(cast.picks)
    steps.comment(family=False)
    if story == "exploring":
        return
    clock.step(0.05, 0.2)
    steps.fire(plan, "start_prioritising", coordinator)
    if story == "prioritising":
        # The family has work waiting: proposed goals and actions to accept and rank.
        steps.add_actions(goals)
        if cast.family.login != "gezin.jansen":
            steps.decide_goals(may_reject=False, share=0.5)
        steps.comment(family=True)
        return
    steps.decide_goals(may_reject=True)
    steps.add_actions(goals)
    steps.agree_actions()
    steps.scores(Moment.INTAKE)
    steps.survey(Moment.INTAKE)
    clock.step(0.05, 0.2)
    steps.rank_and_confirm()
    clock.step()
    steps.progress()
    if story != "active" or steps.rng.random() < 0.6:
        steps.barrier()
    steps.comment(family=steps.rng.random() < 0.5)
    clock.step()
    if story == "withdrawn":
        _withdraw_all(steps)
    elif story == "paused":
        steps.fire(plan, "pause", coordinator, "pause")
    elif story in ("evaluating", "closed", "active_cycle2"):
        _evaluate(steps, story)


def _evaluate(steps: Steps, story: str) -> None:
    plan, coordinator = steps.plan, steps.cast.coordinator
    if story == "closed":
        steps.progress(finish=True)
    steps.fire(plan, "start_evaluation", coordinator)
    steps.clock.step(0.1, 0.3)
    if story == "closed":
        steps.close_goals()
    steps.scores(Moment.EVALUATION)
    steps.survey(Moment.EVALUATION)
    if story == "closed":
        steps.clock.step()
        steps.fire(plan, "close", coordinator, "close")
    elif story == "active_cycle2":
        # One goal reached; a new cycle with a fresh goal of the family.
        reached = next(g for g in plan.goals if g.status == "accepted")
        steps.fire(reached, "achieve", steps.cast.family)
        steps.fire(plan, "new_cycle", coordinator)
        steps.clock.step()
        remaining = [p for p in steps.cast.picks if p.goal.title != reached.title]
        new = steps.add_goals(remaining[:1] or steps.cast.picks[:1])
        steps.decide_goals(may_reject=False)
        steps.add_actions(new)
        steps.agree_actions()
        steps.rank_and_confirm()
        steps.progress()


def _withdraw_all(steps: Steps) -> None:
    """The family withdraws every plan-sharing consent: the system closes the plan."""
    for consent in list(steps.cast.household.consents):
        if consent.purpose is ConsentPurpose.PLAN_SHARING and consent.withdrawn_at is None:
            withdraw_consent(consent, actor=steps.cast.family)
    # withdraw_consent has the system fire "withdraw" once no plan-sharing consent is left.
    assert steps.plan.status == "closed"


def _withdraw_some(steps: Steps, cast: Cast, shared: dict[str, int]) -> None:
    """A few families withdraw one organisation's consent, or their learning consent."""
    consents = [c for c in cast.household.consents if c.withdrawn_at is None]
    if shared.get("partial", 0) < 3 and steps.plan.status in ("active", "evaluating"):
        others = [
            c
            for c in consents
            if c.purpose is ConsentPurpose.PLAN_SHARING
            and c.organisation_id != cast.coordinator.organisation_id
        ]
        if others and steps.rng.random() < 0.5:
            withdraw_consent(steps.rng.choice(others), actor=cast.family)
            shared["partial"] = shared.get("partial", 0) + 1
            return
    learning = [c for c in consents if c.purpose is ConsentPurpose.LEARNING]
    if learning and shared.get("learning", 0) < 2 and steps.rng.random() < 0.2:
        withdraw_consent(learning[0], actor=cast.family)
        shared["learning"] = shared.get("learning", 0) + 1
