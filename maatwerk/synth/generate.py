"""Pure-Python row generators: households with their plans, deterministic from a seed.

`Generator.batch(n)` returns the rows of n households as tuples in the column order of
`tables.COLUMNS`, with ids allocated from counters that start after the database's current
ids. Nothing here touches the database; `load.py` writes the rows.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import random
from bisect import bisect
from collections.abc import Callable
from typing import Any

from maatwerk.core.enums import ConsentPurpose, MemberPosition, ReferralSource
from maatwerk.demo.families import NAMES
from maatwerk.demo.texts import REASONS
from maatwerk.households.operations import CONSENT_TEXT_VERSION
from maatwerk.synth import results, work
from maatwerk.synth.context import LOGIN_PREFIX, REFERENCE_PREFIX, Context
from maatwerk.synth.story import Story, choose_story, day_number, to_date, to_datetime
from maatwerk.synth.tables import COLUMNS, WITH_ID
from maatwerk.synth.vocab import FAMILY_NAMES
from maatwerk.workflow import ENGINE

PARENT, CHILD, OTHER = MemberPosition.PARENT, MemberPosition.CHILD, MemberPosition.OTHER_ADULT
REFERRALS = (
    (ReferralSource.EARLY_SIGNALLING, 35),
    (ReferralSource.PARTNER, 35),
    (ReferralSource.SELF, 20),
    (ReferralSource.OTHER, 10),
)
CHILD_COUNT_WEIGHTS = (8, 25, 30, 20, 10, 7)  # households with 0..5 children
WORKFLOW_VERSIONS = {
    name: ENGINE.definition(name).version
    for name in ("plan_standard", "plan_light", "goal", "action", "barrier")
}


def _cumulative(weights: tuple[int, ...]) -> list[float]:
    return list(itertools.accumulate(weights))


class Case:
    """One household while it is generated: its ids, people and plan so far."""

    __slots__ = (
        "actions",
        "barriers",
        "bumps",
        "coordinator_key",
        "coordinators",
        "family_id",
        "goals",
        "household_id",
        "municipality",
        "organisations",
        "parent_id",
        "plan_id",
        "story",
        "team",
    )

    def __init__(self) -> None:
        self.coordinators: list[tuple[float, int, int]] = []  # (from, user, organisation)
        self.team: dict[int, int] = {}  # organisation id -> team professional (user id)
        self.organisations: list[int] = []  # organisations with plan-sharing consent
        self.goals: list[work.GoalRow] = []
        self.actions: list[work.ActionRow] = []
        self.barriers: list[tuple[int, str, str]] = []  # (id, category, status): snapshot
        self.bumps: list[tuple[float, str, int | None]] = []  # plan version changes

    def coordinator_at(self, t: float) -> tuple[int, int]:
        """(user id, organisation id) of the coordinator at time t."""
        found = self.coordinators[0]
        for entry in self.coordinators:
            if entry[0] <= t:
                found = entry
        return found[1], found[2]


class Generator:
    """Generates households batch by batch; `rows` collects one batch's tuples per table."""

    def __init__(
        self,
        context: Context,
        *,
        seed: int,
        today: dt.date,
        years: int,
        first_ids: dict[str, int],
    ) -> None:
        self.ctx = context
        self.rng = random.Random(seed)  # noqa: S311  # synthetic data  # nosec B311
        self._random = self.rng.random
        self._cumulative: dict[int, tuple[tuple[Any, ...], list[float]]] = {}
        # Everything happens before yesterday 17:00 UTC: never in the future.
        self.now = day_number(today) - 1 + 17 / 24
        self.today = today
        self.span = max(60, int(years * 365))
        self.ids = {t: itertools.count(first_ids.get(t, 1)) for t in WITH_ID}
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLUMNS}
        self.audit: list[tuple[Any, ...]] = []  # audit events without id and hashes
        self._municipality_weights = _cumulative(tuple(m.weight for m in context.municipalities))
        self._referral_weights = _cumulative(tuple(w for _s, w in REFERRALS))
        self._child_weights = _cumulative(CHILD_COUNT_WEIGHTS)

    # --- helpers shared by the parts ------------------------------------------------------

    def next_id(self, table: str) -> int:
        return next(self.ids[table])

    def pick(self, cumulative: list[float]) -> int:
        """An index drawn with the weights behind `cumulative`."""
        return bisect(cumulative, self.rng.random() * cumulative[-1])

    def add(self, table: str) -> Callable[[tuple[Any, ...]], None]:
        return self.rows[table].append

    def choice(self, items: Any) -> Any:
        """One of the items (cheaper than Random.choice, equally deterministic)."""
        return items[int(self._random() * len(items))]

    def randint(self, low: int, high: int) -> int:
        """An integer from low to high, both included."""
        return low + int(self._random() * (high - low + 1))

    def weighted(self, pairs: tuple[tuple[Any, int], ...]) -> Any:
        """A value of (value, weight) pairs, drawn by weight."""
        found = self._cumulative.get(id(pairs))
        if found is None:
            found = tuple(v for v, _w in pairs), _cumulative(tuple(w for _v, w in pairs))
            self._cumulative[id(pairs)] = found
        values, cumulative = found
        return values[bisect(cumulative, self._random() * cumulative[-1])]

    def reason(self, trigger: str) -> str:
        """A reason the team or manager would give for this trigger."""
        return self.choice(REASONS[trigger])

    def transition(
        self,
        case: Case,
        subject: str,
        subject_id: int,
        source: str,
        dest: str,
        trigger: str,
        t: float,
        actor: str | tuple[int | None, str, int | None],
        reason: str | None,
        action: Any = None,
    ) -> None:
        """A transition event; every fired transition is one new plan version."""
        if isinstance(actor, tuple):
            user, role, organisation = actor
        elif actor == "family":
            user, role, organisation = case.family_id, "family", None
        elif actor == "system":
            user, role, organisation = None, "system", None
        else:  # coordinator, or the team: the action's professional
            user = action.assigned if action is not None else None
            if user is None:
                user, organisation = case.coordinator_at(t)
            else:
                organisation = self.ctx.user_organisation.get(user)
            role = "professional"
        workflow = case.story.workflow if subject == "plan" else subject
        self.rows["transition_events"].append(
            (
                self.next_id("transition_events"),
                workflow,
                WORKFLOW_VERSIONS[workflow],
                subject,
                subject_id,
                case.plan_id,
                source,
                dest,
                trigger,
                user,
                role,
                organisation,
                to_datetime(t),
                reason,
            )
        )
        case.bumps.append((t, f"{workflow}:{trigger}", user))

    # --- batches --------------------------------------------------------------------------

    def batch(self, count: int) -> dict[str, list[tuple[Any, ...]]]:
        """The rows of `count` more households (and the batch's audit events in self.audit)."""
        self.rows = {t: [] for t in COLUMNS}
        self.audit = []
        # Rows are acyclic: the cycle collector would only rescan the growing batch.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for _ in range(count):
                self.household()
        finally:
            if collecting:
                gc.enable()
        return self.rows

    def household(self) -> None:
        rng, ctx = self.rng, self.ctx
        case = Case()
        case.household_id = self.next_id("households")
        case.plan_id = self.next_id("plans")
        case.municipality = ctx.municipalities[self.pick(self._municipality_weights)]
        story: Story = choose_story(rng, self.now, self.span)
        case.story = story
        created = to_datetime(story.created)
        source = REFERRALS[self.pick(self._referral_weights)][0]
        self.rows["households"].append(
            (
                case.household_id,
                f"{REFERENCE_PREFIX}{case.municipality.code}-{case.household_id:07d}",
                self.choice(case.municipality.place_ids),
                source,
                to_date(story.referred),
                created,
            )
        )
        self.members(case)
        self.choose_coordinator(case)
        work.plan_work(self, case)
        self.consents(case)
        results.plan_results(self, case)

    def members(self, case: Case) -> None:
        """Parents (and sometimes a grandmother) and children; the family's account."""
        rng = self.rng
        pool = NAMES["nl"]
        family_name = self.choice(FAMILY_NAMES)
        shape = rng.random()
        parent_age = self.randint(21, 50)
        people = []
        if shape < 0.9 or shape >= 0.95:
            people.append((self.choice(pool["mother"]), parent_age, PARENT))
        if 0.45 <= shape < 0.95:
            people.append((self.choice(pool["father"]), parent_age + self.randint(-2, 5), PARENT))
        if shape >= 0.95:
            people.append((self.choice(pool["grandmother"]), self.randint(60, 78), OTHER))
        for _ in range(self.pick(self._child_weights)):
            kind = "girl" if rng.random() < 0.5 else "boy"
            age = self.randint(0, min(17, parent_age - 19))
            people.append((self.choice(pool[kind]), age, CHILD))
        add = self.add("members")
        today = self.today
        first = None
        for given, age, position in people:
            member_id = self.next_id("members")
            first = first or member_id
            born = today - dt.timedelta(days=age * 365 + self.randint(0, 364))
            add((member_id, case.household_id, given, family_name, born, position))
        case.parent_id = first
        # Every family that takes part in its plan has an account; some at intake too.
        case.family_id = None
        if case.story.events or rng.random() < 0.4:
            case.family_id = self.next_id("users")
            self.rows["users"].append(
                (
                    case.family_id,
                    f"{LOGIN_PREFIX}gezin.{case.household_id}",
                    f"{people[0][0]} {family_name}",
                    "family",
                    None,
                    case.parent_id,
                    None,
                    self.ctx.password_hash,
                    True,
                    to_datetime(case.story.created + rng.uniform(0.01, 3)),
                )
            )

    def choose_coordinator(self, case: Case) -> None:
        """The municipality's own professional, or welfare's; sometimes a hand-over later."""
        rng, ctx, story = self.rng, self.ctx, case.story
        key = case.municipality.organisation_key if rng.random() < 0.7 else "welzijn"
        pool = ctx.professionals[key]
        first = self.choice(pool)
        organisation = ctx.organisations[key]
        case.coordinator_key = key
        case.organisations.append(organisation)
        case.coordinators.append((story.created, first, organisation))
        if story.end - story.created > 180 and rng.random() < 0.08 and len(pool) > 1:
            second = self.choice([u for u in pool if u != first])
            handover = rng.uniform(story.created + 60, story.end - 1)
            case.coordinators.append((handover, second, organisation))

    def consents(self, case: Case) -> None:
        """Plan-sharing consent of every organisation on the plan; learning for most."""
        rng, story = self.rng, case.story
        add = self.add("consents")
        recorder = case.coordinators[0][1]
        given = to_datetime(story.created + rng.uniform(0.001, 0.01))
        sharing = bool(story.events) or rng.random() < 0.5
        purposes = []
        if sharing:
            purposes += [(o, ConsentPurpose.PLAN_SHARING) for o in case.organisations]
        if rng.random() < 0.7:
            purposes.append((case.coordinators[0][2], ConsentPurpose.LEARNING))
        coordinator_org = case.coordinators[0][2]
        for organisation, purpose in purposes:
            withdrawn = None
            if story.withdrawn and purpose is ConsentPurpose.PLAN_SHARING:
                withdrawn = to_datetime(story.events[-1][3] - 0.0001)
            elif organisation != coordinator_org and rng.random() < 0.03:
                withdrawn = to_datetime(rng.uniform(story.created + 0.02, story.end))
            valid_until = None
            if rng.random() < 0.1:
                valid_until = self.today + dt.timedelta(days=self.randint(30, 730))
            add(
                (
                    self.next_id("consents"),
                    case.household_id,
                    organisation,
                    purpose,
                    case.parent_id,
                    recorder,
                    CONSENT_TEXT_VERSION,
                    given,
                    valid_until,
                    withdrawn,
                    2 if withdrawn else 1,
                )
            )
