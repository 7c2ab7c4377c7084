"""Loading the real definitions, and catching every kind of broken definition."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workflows import (
    DefinitionError,
    Engine,
    load_definitions,
    parse_definition,
    validate,
    validate_all,
)

GUARDS = {"ready"}
EFFECTS = {"notify"}

GOOD = """\
name = "demo"
version = 1
subject = "goal"
title = "Demo"
description = "A small workflow for tests."
initial = "new"
states = ["new", "open", "done"]
final = ["done"]

[guards]
ready = "It is not ready yet."

[[transitions]]
trigger = "open"
source = "new"
dest = "open"
roles = ["team"]
guards = ["ready"]

[[transitions]]
trigger = "finish"
source = ["new", "open"]
dest = "done"
roles = ["family", "team"]
reason_required = true
effects = ["notify"]
"""


def _write(directory: Path, name: str, text: str) -> None:
    """Write one definition file."""
    (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")


def _problems(tmp_path: Path, text: str) -> list[str]:
    """Load one definition from text and return its validation problems."""
    _write(tmp_path, "demo.toml", text)
    (definition,) = load_definitions(tmp_path)
    return validate(definition, GUARDS, EFFECTS)


def test_real_definitions_load_and_validate(definitions) -> None:
    """The shipped definitions are valid with their own guards and effects registered."""
    names = {(d.name, d.version) for d in definitions}
    assert names == {
        ("plan_standard", 1),
        ("plan_light", 1),
        ("goal", 1),
        ("action", 1),
        ("barrier", 1),
        ("case_review", 1),
    }
    guards = {g for d in definitions for t in d.transitions for g in t.guards}
    effects = {e for d in definitions for t in d.transitions for e in t.effects}
    assert validate_all(definitions, guards, effects) == []
    assert effects == {
        "snapshot_confirmed_version",
        "increment_cycle",
        "record_resolution",
        "mark_structural",
        "reject_steps_of_goal_only",
    }


def test_wildcard_source_means_every_open_state(definitions) -> None:
    """withdraw leaves every non-final plan state."""
    plan = next(d for d in definitions if d.name == "plan_standard")
    withdraw = next(t for t in plan.transitions if t.trigger == "withdraw")
    assert withdraw.any_source
    assert withdraw.sources == plan.open_states
    assert "closed" not in withdraw.sources


def test_good_definition_has_no_problems(tmp_path: Path) -> None:
    """The fixture definition itself is valid, and defaults are applied."""
    assert _problems(tmp_path, GOOD) == []
    (definition,) = load_definitions(tmp_path)
    assert definition.state_attribute == "status"
    assert definition.transitions[0].reason_required is False
    assert definition.source == "demo.toml"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('initial = "new"', 'initial = "nowhere"', "initial state 'nowhere' is not a declared"),
        ('"open", "done"]', '"open", "done", "limbo"]', "state 'limbo' is not reachable"),
        ('source = ["new", "open"]', 'source = ["new"]', "non-final state 'open' has no outgoing"),
        ('dest = "open"', 'dest = "opened"', "unknown destination state 'opened'"),
        ('source = "new"', 'source = "nieuw"', "unknown source state 'nieuw'"),
        ('roles = ["team"]', 'roles = ["boss"]', "unknown role 'boss'"),
        ('roles = ["team"]', "roles = []", "has no roles"),
        ('guards = ["ready"]', 'guards = ["steady"]', "guard 'steady' has no message"),
        ('ready = "It is', 'steady = "It is', "guard message 'steady' is not used"),
        ('effects = ["notify"]', 'effects = ["shout"]', "effect 'shout' has no registered"),
        ('subject = "goal"', 'subject = "holiday"', "unknown subject 'holiday'"),
        ('final = ["done"]', 'final = ["done", "gone"]', "final state 'gone' is not a declared"),
        ("version = 1", "version = 0", "version must be a positive integer"),
        ('states = ["new",', 'states = ["new", "new",', "state 'new' is declared twice"),
        (
            'trigger = "finish"',
            'trigger = "open"',
            "'open' is defined twice for source state 'new'",
        ),
    ],
)
def test_broken_definitions_are_caught(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """Each kind of mistake yields a message naming the file and the problem."""
    assert old in GOOD
    problems = _problems(tmp_path, GOOD.replace(old, new, 1))
    assert any(expected in p and p.startswith("demo.toml: ") for p in problems), problems


def test_final_states_may_not_have_outgoing_transitions(tmp_path: Path) -> None:
    """A transition out of a final state is reported."""
    text = GOOD + '\n[[transitions]]\ntrigger = "reopen"\nsource = "done"\ndest = "open"\n'
    problems = _problems(tmp_path, text + 'roles = ["team"]\n')
    assert any("leaves final state 'done'" in p for p in problems), problems


def test_unregistered_guard_implementation_is_caught(tmp_path: Path) -> None:
    """A guard with a message but no implementation is reported."""
    _write(tmp_path, "demo.toml", GOOD)
    (definition,) = load_definitions(tmp_path)
    problems = validate(definition, set(), EFFECTS)
    assert problems == [
        "demo.toml: transition 'open': guard 'ready' has no registered implementation"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("version = 1", 'version = "one"', "'version' is missing or not a int"),
        ('title = "Demo"\n', "", "'title' is missing"),
        ('dest = "open"', 'dest = "open"\nguard = ["ready"]', "unknown key 'guard'"),
        ('initial = "new"', 'initial = "new"\ncolour = "red"', "unknown key 'colour'"),
        ('source = "new"', "source = 3", "source must be a string or a list"),
        ("reason_required = true", 'reason_required = "yes"', "'reason_required' must be true"),
        ("version = 1", "version = 1 +", "not valid TOML"),
    ],
)
def test_malformed_files_fail_to_load(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """Structural mistakes are reported at load time with the file name."""
    _write(tmp_path, "demo.toml", GOOD.replace(old, new, 1))
    with pytest.raises(DefinitionError) as error:
        load_definitions(tmp_path)
    assert any(expected in p and p.startswith("demo.toml") for p in error.value.problems)


def test_duplicate_name_and_version_across_files(tmp_path: Path) -> None:
    """Two files may not define the same name and version."""
    _write(tmp_path, "a.toml", GOOD)
    _write(tmp_path, "b.toml", GOOD)
    problems = validate_all(load_definitions(tmp_path), GUARDS, EFFECTS)
    assert problems == ["b.toml: demo v1 is already defined in a.toml"]
    _write(tmp_path, "b.toml", GOOD.replace("version = 1", "version = 2"))
    assert validate_all(load_definitions(tmp_path), GUARDS, EFFECTS) == []


def test_engine_refuses_invalid_definitions_listing_all_problems(tmp_path: Path) -> None:
    """Engine.__init__ raises one DefinitionError with every problem."""
    text = GOOD.replace('roles = ["team"]', 'roles = ["boss"]').replace('"notify"', '"shout"')
    _write(tmp_path, "demo.toml", text)
    with pytest.raises(DefinitionError) as error:
        Engine(
            load_definitions(tmp_path),
            guards={"ready": lambda obj, actor: True},
            effects={},
            roles_of=lambda obj, actor: set(),
            definition_of=lambda obj: ("demo", 1),
        )
    assert len(error.value.problems) == 2
    assert "unknown role 'boss'" in str(error.value)
    assert "effect 'shout'" in str(error.value)


def test_parse_definition_accepts_a_mapping() -> None:
    """Definitions can be built from data, not only from files."""
    import tomllib

    definition = parse_definition(tomllib.loads(GOOD), "inline")
    assert definition.key == ("demo", 1)
    assert definition.triggers == ("open", "finish")
    assert [t.trigger for t in definition.transitions_from("new")] == ["open", "finish"]
