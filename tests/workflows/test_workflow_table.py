"""Every definition x trigger x state x role, against expectations read straight from the TOML."""

from __future__ import annotations

import tomllib
from typing import Any, NamedTuple

import pytest

from workflows import ROLES, TransitionRefused
from workflows.definition import DEFINITIONS_DIR

RAW = {
    path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
    for path in sorted(DEFINITIONS_DIR.glob("*.toml"))
}
ACTORS = (*ROLES, "nobody")


class Case(NamedTuple):
    """One row of the expectation table."""

    workflow: str
    trigger: str
    state: str
    actor: str
    failing: str | None  # the guard switched to False, if any
    reason: str | None
    expected: str  # ok, wrong_state, role, reason_required or guard
    dest: str | None


def _sources(raw: dict[str, Any], row: dict[str, Any]) -> list[str]:
    """Expand a row's source the way the design says: '*' is every non-final state."""
    source = row["source"]
    if source == "*":
        return [s for s in raw["states"] if s not in raw["final"]]
    return [source] if isinstance(source, str) else list(source)


def _cases() -> list[Case]:
    """Build the full table of cases and their expected outcomes."""
    cases = []
    for name, raw in RAW.items():
        triggers = list(dict.fromkeys(row["trigger"] for row in raw["transitions"]))
        for trigger, state, actor in (
            (t, s, a) for t in triggers for s in raw["states"] for a in ACTORS
        ):
            rows = [r for r in raw["transitions"] if r["trigger"] == trigger]
            row = next((r for r in rows if state in _sources(raw, r)), None)
            base = Case(name, trigger, state, actor, None, "a reason", "wrong_state", None)
            if row is None:
                cases.append(base)
                continue
            base = base._replace(dest=row["dest"])
            if actor not in row["roles"]:
                cases.append(base._replace(expected="role"))
                continue
            cases.append(base._replace(expected="ok"))
            for guard in row.get("guards", []):
                cases.append(base._replace(expected="guard", failing=guard))
            if row.get("reason_required", False):
                cases.append(base._replace(expected="reason_required", reason="  "))
            else:
                cases.append(base._replace(expected="ok", reason=None))
    return cases


CASES = _cases()


def _id(case: Case) -> str:
    """Return a readable test id."""
    extra = f"-no_{case.failing}" if case.failing else ("-noreason" if not case.reason else "")
    return f"{case.workflow}-{case.trigger}-{case.state}-{case.actor}{extra}"


def test_table_covers_every_definition_trigger_state_and_role() -> None:
    """The table is complete: every combination appears at least once."""
    seen = {(c.workflow, c.trigger, c.state, c.actor) for c in CASES}
    for name, raw in RAW.items():
        triggers = {row["trigger"] for row in raw["transitions"]}
        assert len([k for k in seen if k[0] == name]) == (
            len(triggers) * len(raw["states"]) * len(ACTORS)
        )
    assert {c.expected for c in CASES} == {"ok", "wrong_state", "role", "guard", "reason_required"}


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_fire_and_options_match_the_table(case: Case, shared_harness, new_thing) -> None:
    """Fire and available_triggers agree with the expectation computed from the TOML."""
    h = shared_harness
    h.reset()
    if case.failing:
        h.failing.add(case.failing)
    raw = RAW[case.workflow]
    obj = new_thing(case.state, raw["name"], raw["version"])

    options = {o.trigger: o for o in h.engine.available_triggers(obj, case.actor)}
    assert obj.status == case.state
    row = next(
        (
            r
            for r in raw["transitions"]
            if r["trigger"] == case.trigger and case.state in _sources(raw, r)
        ),
        None,
    )
    if row is None or row["roles"] == ["system"]:
        assert case.trigger not in options
    else:
        option = options[case.trigger]
        assert option.dest == case.dest
        assert option.reason_required == row.get("reason_required", False)
        kind = None if case.expected in ("ok", "reason_required") else case.expected
        assert option.allowed is (kind is None)
        assert (option.refusal.kind if option.refusal else None) == kind
    h.reset()
    if case.failing:
        h.failing.add(case.failing)

    if case.expected == "ok":
        fired = h.engine.fire(obj, case.trigger, case.actor, case.reason)
        assert obj.status == case.dest
        assert (fired.source, fired.dest, fired.trigger) == (case.state, case.dest, case.trigger)
        assert (fired.definition, fired.version) == (raw["name"], raw["version"])
        assert h.events == [(obj, case.actor, fired)]
        assert [name for name, _ in h.effect_calls] == row.get("effects", [])
        assert all(count == 1 for count in h.guard_calls.values())
        return
    with pytest.raises(TransitionRefused) as refused:
        h.engine.fire(obj, case.trigger, case.actor, case.reason)
    assert refused.value.kind == case.expected
    assert refused.value.trigger == case.trigger
    assert obj.status == case.state
    assert h.events == []
    assert h.effect_calls == []
    if case.expected == "guard":
        assert refused.value.guard == case.failing
        assert refused.value.message == raw["guards"][case.failing]
    else:
        assert refused.value.guard is None
    if case.expected == "wrong_state":
        assert case.state in refused.value.message
