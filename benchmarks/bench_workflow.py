"""Benchmark: firing a transition through the engine vs a plain dict lookup plus setattr."""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflows import Engine, load_definitions

ITERATIONS = 20_000
ROUNDS = 5


@dataclass(slots=True)
class Plan:
    """A plain plan object."""

    status: str
    workflow: str = "plan_standard"
    version: int = 1


def build_engine() -> Engine:
    """Build an engine over the real definitions with trivial guards and effects."""
    definitions = load_definitions()
    guards = {g for d in definitions for t in d.transitions for g in t.guards}
    effects = {e for d in definitions for t in d.transitions for e in t.effects}
    return Engine(
        definitions,
        guards={g: (lambda obj, actor: True) for g in guards},
        effects={e: (lambda obj, actor, fired: None) for e in effects},
        roles_of=lambda obj, actor: {"family"},
        definition_of=lambda obj: (obj.workflow, obj.version),
        on_transition=lambda obj, actor, fired: None,
    )


def bench_engine(engine: Engine, plan: Plan) -> float:
    """Return seconds per fire of confirm_plan (two guards, one effect), resetting each time."""
    fire = engine.fire
    start = time.perf_counter()
    for _ in range(ITERATIONS):
        plan.status = "prioritising"
        fire(plan, "confirm_plan", "family")
    return (time.perf_counter() - start) / ITERATIONS


def bench_dict(plan: Plan) -> float:
    """Return seconds per table[(state, trigger)] lookup plus setattr, resetting each time."""
    table = {("prioritising", "confirm_plan"): "active", ("active", "pause"): "paused"}
    start = time.perf_counter()
    for _ in range(ITERATIONS):
        plan.status = "prioritising"
        setattr(plan, "status", table[(plan.status, "confirm_plan")])  # noqa: B010
    return (time.perf_counter() - start) / ITERATIONS


def main() -> None:
    """Run both side by side for a few rounds and print per-op times and the ratio."""
    engine = build_engine()
    plan = Plan("prioritising")
    print(f"{ITERATIONS} iterations x {ROUNDS} rounds")
    ratios = []
    for round_ in range(1, ROUNDS + 1):
        engine_s, dict_s = bench_engine(engine, plan), bench_dict(plan)
        ratios.append(engine_s / dict_s)
        print(
            f"round {round_}: engine {engine_s * 1e6:8.2f} us/op   "
            f"dict {dict_s * 1e9:8.1f} ns/op   ratio {engine_s / dict_s:6.0f}x"
        )
    print(f"median ratio engine/dict: {statistics.median(ratios):.0f}x")


if __name__ == "__main__":
    main()
