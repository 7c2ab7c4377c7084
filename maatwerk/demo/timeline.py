"""Spread a demo household's history over time.

The operations stamp rows with the wall clock. While a story is played, the clock records
marks (wall-clock time -> demo time); afterwards every timestamp of the household's rows is
mapped onto the demo timeline: what happens between two marks lands on the demo day of the
first, spread over a working day. The map is monotonic, so the order of events, and every
"later than" constraint, is kept.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right

from sqlalchemy import select

from maatwerk.accounts.models import User
from maatwerk.core.db import db, utcnow
from maatwerk.households.models import Household
from maatwerk.plans.models import TransitionEvent

WORKING_DAY = dt.timedelta(hours=8)


def at_nine(day: dt.date) -> dt.datetime:
    """The demo moment of a day: nine in the morning, UTC."""
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)


class Clock:
    """Demo time of a story, advanced step by step between its start and its end."""

    def __init__(self, referred_on: dt.date, start: dt.date, end: dt.date, rng: random.Random):
        self.start = at_nine(start)
        self.end = at_nine(end) + dt.timedelta(hours=6)
        self.current = at_nine(referred_on)
        self.rng = rng
        self._marks: list[tuple[dt.datetime, dt.datetime]] = []
        self.mark()

    def mark(self) -> None:
        """From now on, new rows belong to the current demo time."""
        self._marks.append((utcnow(), self.current))

    def begin_plan(self) -> None:
        """Jump to the day the plan starts."""
        self.current = max(self.current, self.start)
        self.mark()

    def step(self, low: float = 0.15, high: float = 0.45) -> None:
        """Move on by a random part of the remaining time."""
        remaining = self.end - self.current
        moved = self.current + remaining * self.rng.uniform(low, high)
        # Work starts at nine; a step within the same day continues an hour later.
        self.current = max(at_nine(moved.date()), self.current + dt.timedelta(hours=1))
        self.mark()

    def today(self) -> dt.date:
        """The current demo day."""
        return self.current.date()

    def finish(self) -> None:
        """Close the timeline at its end."""
        self.current = max(self.current, self.end)
        self.mark()

    def map(self, real: dt.datetime | None) -> dt.datetime | None:
        """The demo time of a wall-clock time stamped during the story."""
        if real is None:
            return None
        reals = [r for r, _ in self._marks]
        i = bisect_right(reals, real) - 1
        if i < 0:
            return self._marks[0][1]
        if i >= len(self._marks) - 1:
            return self._marks[-1][1]
        (r0, d0), (r1, d1) = self._marks[i], self._marks[i + 1]
        span = (r1 - r0).total_seconds()
        fraction = (real - r0).total_seconds() / span if span > 0 else 0.0
        # What happens between two marks happens on one working day, in order.
        return d0 + min(d1 - d0, WORKING_DAY) * fraction

    def _shift(self, obj: object, *attributes: str) -> None:
        for attribute in attributes:
            value = getattr(obj, attribute, None)
            if value is not None:
                setattr(obj, attribute, self.map(value))

    def apply(self, household: Household, family_user: User) -> None:
        """Move every timestamp of the household's rows onto the demo timeline."""
        db.session.flush()
        self._shift(household, "created_at")
        self._shift(family_user, "created_at")
        for consent in household.consents:
            self._shift(consent, "given_at", "withdrawn_at")
        for plan in household.plans:
            self._shift(plan, "created_at", "confirmed_at", "closed_at")
            for membership in plan.team:
                self._shift(membership, "started_at", "ended_at")
            for goal in plan.goals:
                self._shift(goal, "created_at", "updated_at")
            for action in plan.actions:
                self._shift(action, "created_at", "updated_at")
            for barrier in plan.barriers:
                self._shift(barrier, "reported_at", "decided_at", "resolved_at")
            for comment in plan.comments:
                self._shift(comment, "created_at")
            for revision in plan.revisions:
                self._shift(revision, "created_at")
            events = db.session.scalars(
                select(TransitionEvent).where(TransitionEvent.plan_id == plan.id)
            )
            for event in events:
                self._shift(event, "occurred_at")
            last = max((r.created_at for r in plan.revisions), default=plan.created_at)
            plan.updated_at = last
        db.session.flush()
