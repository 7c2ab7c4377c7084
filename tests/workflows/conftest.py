"""Shared fixtures for the workflow engine tests: plain objects, no database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from workflows import ROLES, Definition, Engine, FiredTransition, load_definitions

# Actors are named after the single role they hold; "nobody" holds none.
ACTOR_ROLES: dict[str, set[str]] = {role: {role} for role in ROLES} | {"nobody": set()}


@dataclass(slots=True)
class Thing:
    """A workflow subject; slots prove the engine never adds attributes to it."""

    status: str
    workflow: str
    version: int = 1


def guard_names(definitions: Iterable[Definition]) -> set[str]:
    """Return every guard the definitions use."""
    return {g for d in definitions for t in d.transitions for g in t.guards}


def effect_names(definitions: Iterable[Definition]) -> set[str]:
    """Return every effect the definitions use."""
    return {e for d in definitions for t in d.transitions for e in t.effects}


class Harness:
    """An engine whose guards can be switched off and whose calls are recorded."""

    def __init__(self, definitions: list[Definition]) -> None:
        self.failing: set[str] = set()
        self.guard_calls: Counter[str] = Counter()
        self.effect_calls: list[tuple[str, FiredTransition]] = []
        self.events: list[tuple[Any, Any, FiredTransition]] = []
        self.engine = Engine(
            definitions,
            guards={name: self._guard(name) for name in guard_names(definitions)},
            effects={name: self._effect(name) for name in effect_names(definitions)},
            roles_of=lambda obj, actor: ACTOR_ROLES[actor],
            definition_of=lambda obj: (obj.workflow, obj.version),
            on_transition=lambda obj, actor, fired: self.events.append((obj, actor, fired)),
        )

    def _guard(self, name: str):
        """Return a guard that fails when its name is in self.failing."""

        def guard(obj: Any, actor: Any) -> bool:
            self.guard_calls[name] += 1
            return name not in self.failing

        return guard

    def _effect(self, name: str):
        """Return an effect that records its call."""

        def effect(obj: Any, actor: Any, fired: FiredTransition) -> None:
            self.effect_calls.append((name, fired))

        return effect

    def reset(self) -> None:
        """Forget recorded calls and switch every guard back on."""
        self.failing.clear()
        self.guard_calls.clear()
        self.effect_calls.clear()
        self.events.clear()


@pytest.fixture(scope="session")
def definitions() -> list[Definition]:
    """Return the real definitions."""
    return load_definitions()


@pytest.fixture
def harness(definitions: list[Definition]) -> Harness:
    """Return a fresh harness over the real definitions."""
    return Harness(definitions)


@pytest.fixture(scope="module")
def shared_harness(definitions: list[Definition]) -> Harness:
    """Return one harness per module, for large parametrised tables (call reset())."""
    return Harness(definitions)


@pytest.fixture
def new_thing() -> type[Thing]:
    """Return the plain subject class."""
    return Thing
