"""Random walks through every definition: random triggers, roles, guard outcomes and reasons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from workflows import (
    ROLES,
    Definition,
    Engine,
    FiredTransition,
    TransitionRefused,
    load_definitions,
)

DEFINITIONS = load_definitions()
REASONS = st.sampled_from([None, "", "   ", "because the family asked"])


@dataclass(slots=True)
class Subject:
    """A plain object following one workflow."""

    status: str
    workflow: str
    version: int


def _expected(definition: Definition, state: str, trigger: str, roles, failing, reason) -> str:
    """Compute the outcome from the transition table, independently of the engine."""
    rows = [t for t in definition.transitions if t.trigger == trigger]
    if not rows:
        return "unknown_trigger"
    row = next((t for t in rows if state in t.sources), None)
    if row is None:
        return "wrong_state"
    if not set(roles) & set(row.roles):
        return "role"
    if row.reason_required and not (reason or "").strip():
        return "reason_required"
    if set(row.guards) & set(failing):
        return "guard"
    return "ok"


def machine_for(definition: Definition) -> type[RuleBasedStateMachine]:
    """Build a RuleBasedStateMachine that walks one definition."""
    guards = sorted({g for t in definition.transitions for g in t.guards})
    effects = sorted({e for t in definition.transitions for e in t.effects})
    triggers = [*definition.triggers, "no_such_trigger"]
    failing_sets = st.frozensets(st.sampled_from(guards)) if guards else st.just(frozenset())

    class Walk(RuleBasedStateMachine):
        """Random fires on one subject, checked against the table."""

        def __init__(self) -> None:
            super().__init__()
            self.roles: frozenset[str] = frozenset()
            self.failing: frozenset[str] = frozenset()
            self.events: list[FiredTransition] = []
            self.subject = Subject(definition.initial, definition.name, definition.version)
            self.engine = Engine(
                [definition],
                guards={g: self._guard(g) for g in guards},
                effects={e: lambda obj, actor, fired: None for e in effects},
                roles_of=lambda obj, actor: set(self.roles),
                definition_of=lambda obj: (obj.workflow, obj.version),
                on_transition=lambda obj, actor, fired: self.events.append(fired),
            )

        def _guard(self, name: str) -> Any:
            """Return a guard driven by the current random failing set."""
            return lambda obj, actor: name not in self.failing

        @rule(
            trigger=st.sampled_from(triggers),
            roles=st.frozensets(st.sampled_from(ROLES)),
            failing=failing_sets,
            reason=REASONS,
        )
        def fire(self, trigger: str, roles, failing, reason) -> None:
            """Fire a random trigger and compare with the table."""
            self.roles, self.failing = roles, failing
            before, count = self.subject.status, len(self.events)
            expected = _expected(definition, before, trigger, roles, failing, reason)
            try:
                fired = self.engine.fire(self.subject, trigger, "someone", reason)
            except TransitionRefused as refused:
                assert refused.kind == expected
                assert self.subject.status == before
                assert len(self.events) == count
                return
            assert expected == "ok"
            assert len(self.events) == count + 1
            assert self.events[-1] is fired
            assert (fired.source, fired.dest) == (before, self.subject.status)

        @rule(roles=st.frozensets(st.sampled_from(ROLES)), failing=failing_sets)
        def look(self, roles, failing) -> None:
            """Listing the options never changes anything."""
            self.roles, self.failing = roles, failing
            before, count = self.subject.status, len(self.events)
            for option in self.engine.available_triggers(self.subject, "someone"):
                assert option.allowed is (option.refusal is None)
            assert (self.subject.status, len(self.events)) == (before, count)

        @invariant()
        def state_is_declared(self) -> None:
            """The subject is always in one of the definition's states."""
            assert self.subject.status in definition.states

    Walk.__name__ = f"Walk_{definition.name}_v{definition.version}"
    Walk.TestCase.settings = settings(
        max_examples=60,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    return Walk


for _definition in DEFINITIONS:
    _walk = machine_for(_definition)
    globals()[f"Test{_walk.__name__}"] = _walk.TestCase
