"""Where a synthetic plan stands and how it got there: the plan's workflow path with times.

The path is walked over the real definitions (workflows/definitions/plan_*.toml), so every
event's from- and to-state follows the transition table. Times are days since 1970-01-01
(UTC) as floats while generating; rows get datetimes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from maatwerk.workflow import ENGINE

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

STANDARD, LIGHT = "plan_standard", "plan_light"
LIGHT_SHARE = 0.15
# Where plans stand. "withdrawn" is closed by the system after the family withdrew consent.
STANDARD_WEIGHTS = {
    "intake": 5,
    "exploring": 7,
    "prioritising": 9,
    "active": 33,
    "paused": 4,
    "evaluating": 8,
    "closed": 30,
    "withdrawn": 4,
}
LIGHT_WEIGHTS = {"intake": 10, "active": 40, "closed": 45, "withdrawn": 5}
WITHDRAWN_FROM = {
    STANDARD: {"intake": 2, "exploring": 2, "prioritising": 2, "active": 4, "paused": 1},
    LIGHT: {"intake": 1, "active": 3},
}
# Days since referral (low, high); None: as far back as the run goes.
AGE = {
    "intake": (3, 60),
    "exploring": (14, 150),
    "prioritising": (30, 260),
    "active": (60, None),
    "paused": (90, None),
    "evaluating": (150, None),
    "closed": (90, None),
    "withdrawn": (30, None),
}
LIGHT_AGE = {"intake": (3, 40), "active": (20, 400), "closed": (40, None), "withdrawn": (20, None)}
# Time before each trigger: days (low, high) for the steps that take about as long in every
# plan, or a weight for the steps that take up what is left of the plan's life.
GAP_DAYS = {
    "start_exploration": (5, 30),
    "start_prioritising": (14, 60),
    "confirm_plan": (7, 45),
    "activate": (5, 30),
    "resume": (14, 90),
    "new_cycle": (3, 20),
    "close": (7, 40),
}
GAP_WEIGHT = {"start_evaluation": 7.0, "reprioritise": 4.0, "pause": 3.0, "withdraw": 3.0}
LIGHT_GAP_WEIGHT = {"close": 5.0}  # a light plan is mostly work, then closes
ACTOR = {"confirm_plan": "family", "withdraw": "system"}  # everything else: coordinator
TRAILING_GAP = {"active": 3.0, "paused": 2.0}  # others: 1.0

_DESTS = {
    name: (
        {(s, t.trigger): t.dest for t in ENGINE.definition(name).transitions for s in t.sources},
        {t.trigger: t.dest for t in ENGINE.definition(name).transitions if t.any_source},
        ENGINE.definition(name).version,
        ENGINE.definition(name).initial,
    )
    for name in (STANDARD, LIGHT)
}


_FROM_TIMESTAMP = dt.datetime.fromtimestamp


def to_datetime(t: float) -> dt.datetime:
    """A generator time as a UTC datetime (microseconds)."""
    return _FROM_TIMESTAMP(t * 86400.0, dt.UTC)


def to_date(t: float) -> dt.date:
    """The UTC date of a generator time."""
    return dt.date.fromordinal(EPOCH_ORDINAL + int(t))


def day_number(day: dt.date) -> int:
    """A date as a generator time (its midnight)."""
    return day.toordinal() - EPOCH_ORDINAL


@dataclass(slots=True)
class Cycle:
    """One plan cycle: prioritising, confirming, working, evaluating."""

    number: int
    opened: float
    prioritised: float | None = None  # start_prioritising or new_cycle
    confirmed: float | None = None  # first confirm_plan (standard) or activate (light)
    evaluated: float | None = None  # start_evaluation
    ended: float = 0.0


@dataclass(slots=True)
class Story:
    """A plan's status and its path there."""

    workflow: str
    workflow_version: int
    status: str
    referred: float
    created: float
    end: float
    withdrawn: bool
    # (trigger, from, to, time, actor kind: coordinator | family | system)
    events: list[tuple[str, str, str, float, str]] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def family_confirmed(self) -> float | None:
        """When the family last confirmed the plan (standard variant only)."""
        times = [e[3] for e in self.events if e[0] == "confirm_plan"]
        return times[-1] if times else None


def _standard_triggers(status: str, cycles: int, rng: random.Random) -> list[str]:
    if status == "intake":
        return []
    if status == "exploring":
        return ["start_exploration"]
    triggers = ["start_exploration", "start_prioritising"]
    for _ in range(cycles - 1):
        triggers += ["confirm_plan", "start_evaluation", "new_cycle"]
    if status == "prioritising":
        return triggers
    triggers.append("confirm_plan")
    if rng.random() < 0.1:
        triggers += ["reprioritise", "confirm_plan"]
    if rng.random() < 0.08:
        triggers += ["pause", "resume"]
    return (
        triggers
        + {
            "active": [],
            "paused": ["pause"],
            "evaluating": ["start_evaluation"],
            "closed": ["start_evaluation", "close"],
        }[status]
    )


def _light_triggers(status: str) -> list[str]:
    return {"intake": [], "active": ["activate"], "closed": ["activate", "close"]}[status]


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def choose_story(rng: random.Random, now: float, span_days: int) -> Story:
    """A plan's workflow, status, cycles and timed path, ending before `now`."""
    workflow = LIGHT if rng.random() < LIGHT_SHARE else STANDARD
    status = _pick(rng, LIGHT_WEIGHTS if workflow == LIGHT else STANDARD_WEIGHTS)
    low, high = (LIGHT_AGE if workflow == LIGHT else AGE)[status]
    cycles = 1
    if workflow == STANDARD and status == "prioritising" and rng.random() < 0.15:
        low, high, cycles = 400, None, 2  # back to prioritising after an evaluation
    high = min(high or span_days, span_days)
    age = rng.uniform(min(low, high - 1), high)
    evaluated_before = workflow == STANDARD and status in (
        "active",
        "paused",
        "evaluating",
        "closed",
    )
    if evaluated_before and age > 400 and rng.random() < 0.25:
        cycles = 3 if age > 700 and rng.random() < 0.25 else 2
    withdrawn = status == "withdrawn"
    path_status = _pick(rng, WITHDRAWN_FROM[workflow]) if withdrawn else status
    if workflow == LIGHT:
        triggers = _light_triggers(path_status)
    else:
        triggers = _standard_triggers(path_status, cycles, rng)
    if withdrawn:
        triggers.append("withdraw")
    referred = now - age
    created = referred + rng.uniform(1, max(2.0, min(30.0, age / 4)))
    if withdrawn or status == "closed":
        end = now - rng.uniform(3, max(4.0, (now - created) / 3))
    else:
        end = now - rng.uniform(0, max(0.1, min(7.0, (now - created) / 4)))
    end = max(end, created + 0.2 * (len(triggers) + 1))
    story = Story(workflow, _DESTS[workflow][2], "", referred, created, end, withdrawn)
    _walk(story, triggers, rng, trailing=TRAILING_GAP.get(path_status, 1.0))
    return story


def _walk(story: Story, triggers: list[str], rng: random.Random, *, trailing: float) -> None:
    """Give each trigger its time and states; collect the cycles."""
    dests, anywhere, _version, state = _DESTS[story.workflow]
    final = bool(triggers) and triggers[-1] in ("close", "withdraw")
    span = story.end - story.created
    flex = GAP_WEIGHT | (LIGHT_GAP_WEIGHT if story.workflow == LIGHT else {})
    fixed = [rng.uniform(*GAP_DAYS[t]) if t not in flex else 0.0 for t in triggers]
    weights = [flex.get(t, 0.0) * rng.uniform(0.5, 1.5) for t in triggers]
    tail = 0.0 if final else trailing * rng.uniform(0.5, 1.5)
    flexible = sum(weights) + tail
    fixed_total = sum(fixed) or 1.0
    # The fixed steps take at most 80% of the plan's life, all of it when nothing else is left.
    squeeze = span / fixed_total if not flexible else min(1.0, 0.8 * span / fixed_total)
    rest = (span - sum(fixed) * squeeze) / flexible if flexible else 0.0
    gaps = [f * squeeze + w * rest for f, w in zip(fixed, weights, strict=True)]
    t = story.created
    cycle = Cycle(1, story.created)
    story.cycles.append(cycle)
    for trigger, gap in zip(triggers, gaps, strict=True):
        t += gap
        dest = dests.get((state, trigger)) or anywhere.get(trigger)
        if dest is None:
            raise AssertionError(f"{story.workflow}: no {trigger} from {state}")
        story.events.append((trigger, state, dest, t, ACTOR.get(trigger, "coordinator")))
        state = dest
        if trigger in ("start_prioritising", "activate"):
            cycle.prioritised = cycle.prioritised or (story.created if trigger == "activate" else t)
        if trigger in ("confirm_plan", "activate") and cycle.confirmed is None:
            cycle.confirmed = t
        elif trigger == "start_evaluation":
            cycle.evaluated = t
        elif trigger == "new_cycle":
            cycle.ended = t
            cycle = Cycle(cycle.number + 1, t, prioritised=t)
            story.cycles.append(cycle)
    cycle.ended = story.end
    story.status = state
