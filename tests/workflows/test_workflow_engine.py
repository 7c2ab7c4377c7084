"""Engine behaviour on plain objects: refusals, effects, shared Machines, read-only options."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import transitions.core
from transitions import Machine

from workflows import FiredTransition, TransitionRefused
from workflows.engine import role_message


def test_success_changes_state_runs_effects_then_on_transition(harness, new_thing) -> None:
    """A fire moves the state, runs the named effects, then calls on_transition once."""
    order: list[str] = []
    harness.engine._effects["snapshot_confirmed_version"] = lambda o, a, f: order.append("effect")
    harness.engine._on_transition = lambda o, a, f: order.append(f"event:{o.status}")
    plan = new_thing("prioritising", "plan_standard")
    fired = harness.engine.fire(plan, "confirm_plan", "family")
    assert fired == FiredTransition("plan_standard", 1, "confirm_plan", "prioritising", "active")
    assert plan.status == "active"
    assert order == ["effect", "event:active"]


def test_reason_is_stripped_and_kept(harness, new_thing) -> None:
    """The reason travels to FiredTransition without surrounding blanks."""
    plan = new_thing("active", "plan_standard")
    fired = harness.engine.fire(plan, "pause", "coordinator", "  holiday  ")
    assert fired.reason == "holiday"
    assert harness.events[0][2].reason == "holiday"


def test_unknown_trigger_is_refused(harness, new_thing) -> None:
    """A trigger the definition does not know is refused as unknown_trigger."""
    plan = new_thing("intake", "plan_standard")
    with pytest.raises(TransitionRefused) as refused:
        harness.engine.fire(plan, "explode", "coordinator")
    assert refused.value.kind == "unknown_trigger"
    assert plan.status == "intake"


def test_role_message_names_the_roles(harness, new_thing) -> None:
    """Role refusals say who may do it, in plain English."""
    assert role_message(["family"]) == "Only the family can do this."
    assert role_message(["family", "coordinator"]) == (
        "Only the family or the coordinator can do this."
    )
    goal = new_thing("accepted", "goal")
    with pytest.raises(TransitionRefused) as refused:
        harness.engine.fire(goal, "cancel", "team", "no longer needed")
    assert refused.value.message == "Only the family or the coordinator can do this."


def test_role_is_checked_before_reason_and_guards(harness, new_thing) -> None:
    """An actor without the role hears about the role, not about a missing reason or guard."""
    harness.failing.add("outcome_scores_complete")
    plan = new_thing("evaluating", "plan_standard")
    with pytest.raises(TransitionRefused) as refused:
        harness.engine.fire(plan, "close", "family")
    assert refused.value.kind == "role"
    assert harness.guard_calls == {}


def test_guards_stop_at_the_first_failure(harness, new_thing) -> None:
    """The second guard is not evaluated when the first one fails."""
    harness.failing.add("all_open_goals_ranked")
    plan = new_thing("prioritising", "plan_standard")
    with pytest.raises(TransitionRefused) as refused:
        harness.engine.fire(plan, "confirm_plan", "family")
    assert refused.value.guard == "all_open_goals_ranked"
    assert harness.guard_calls == {"all_open_goals_ranked": 1}


def test_machine_evaluates_guards_once_on_success(harness, new_thing, monkeypatch) -> None:
    """The Machine's conditions, not a pre-check, evaluate each guard exactly once."""
    checks: list[str] = []
    original = transitions.core.Condition.check

    def counting(self, event_data):
        checks.append(self.func.__name__)
        return original(self, event_data)

    monkeypatch.setattr(transitions.core.Condition, "check", counting)
    plan = new_thing("prioritising", "plan_standard")
    harness.engine.fire(plan, "confirm_plan", "family")
    assert checks == ["guard_all_open_goals_ranked", "guard_top_goal_has_agreed_action"]
    assert harness.guard_calls == {"all_open_goals_ranked": 1, "top_goal_has_agreed_action": 1}


def test_event_trigger_works_on_objects_never_added(harness, new_thing) -> None:
    """The shared Machine has no models, and the object gains no attributes."""
    plans = [new_thing("intake", "plan_standard") for _ in range(3)]
    for plan in plans:
        harness.engine.fire(plan, "start_exploration", "coordinator")
    assert all(p.status == "exploring" for p in plans)
    assert all(machine.models == [] for machine in harness.engine._machines.values())
    assert not hasattr(plans[0], "__dict__")


def test_no_machine_is_built_after_the_engine(harness, new_thing, monkeypatch) -> None:
    """Firing and listing options on 200 objects constructs no transitions Machine."""
    built: list[object] = []
    original = Machine.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Machine, "__init__", counting)
    objects = [new_thing("proposed", "action") for _ in range(200)]
    for obj in objects:
        harness.engine.available_triggers(obj, "family")
    for obj in objects:
        harness.engine.fire(obj, "agree", "family")
        harness.engine.fire(obj, "start", "team")
    assert built == []
    assert all(o.status == "in_progress" for o in objects)


def test_engine_builds_one_machine_per_definition(harness, definitions, monkeypatch) -> None:
    """Engine.__init__ builds exactly one Machine per definition, with no models."""
    built: list[dict] = []
    original = Machine.__init__

    def counting(self, *args, **kwargs):
        built.append(kwargs)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Machine, "__init__", counting)
    type(harness)(definitions)
    assert len(built) == len(definitions)
    assert all(kw["model"] is None and kw["auto_transitions"] is False for kw in built)


def test_available_triggers_never_change_state(harness, new_thing, definitions) -> None:
    """Reading the options leaves every object in every state untouched, with any guards."""
    for definition in definitions:
        for state in definition.states:
            for actor in ("family", "coordinator", "team", "manager", "programme", "nobody"):
                harness.failing = {"has_accepted_goal", "has_open_barrier"}
                obj = new_thing(state, definition.name, definition.version)
                harness.engine.available_triggers(obj, actor)
                assert obj.status == state
    assert harness.events == []
    assert harness.effect_calls == []


def test_available_triggers_evaluate_each_guard_once(harness, new_thing) -> None:
    """A guard shared by several triggers is evaluated once per call."""
    options = harness.engine.available_triggers(new_thing("intake", "plan_light"), "coordinator")
    assert [(o.trigger, o.allowed) for o in options] == [("activate", True)]
    assert harness.guard_calls == {"has_accepted_goal": 1}


def test_available_triggers_hide_system_only_triggers(harness, new_thing) -> None:
    """withdraw is fired by the system only, so it is never offered."""
    plan = new_thing("active", "plan_standard")
    triggers = [o.trigger for o in harness.engine.available_triggers(plan, "system")]
    assert "withdraw" not in triggers
    assert triggers == ["reprioritise", "pause", "start_evaluation"]
    assert harness.engine.fire(plan, "withdraw", "system", "consent withdrawn").dest == "closed"


def test_definition_lookup(harness, definitions, new_thing) -> None:
    """definition() returns the latest version by default and refuses unknown ones."""
    assert harness.engine.definition("goal").version == 1
    goal = next(d for d in definitions if d.name == "goal")
    both = type(harness)([*definitions, replace(goal, version=2, title="Goal, second edition")])
    assert both.engine.definition("goal").version == 2
    assert both.engine.definition("goal", 1).title == "Goal"
    old = new_thing("proposed", "goal", 1)
    assert both.engine.fire(old, "accept", "family").version == 1
    assert harness.engine.definition("goal", 1).name == "goal"
    with pytest.raises(KeyError):
        harness.engine.definition("goal", 7)
    with pytest.raises(KeyError):
        harness.engine.definition("nope")


def test_workflows_imports_neither_flask_nor_maatwerk() -> None:
    """The package stays independent of the web layer and the domain."""
    code = (
        "import sys, workflows, workflows.docs, workflows.diagram; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'maatwerk')))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
