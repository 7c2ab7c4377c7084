"""Workflow definitions: dataclasses, TOML loading and validation."""

from __future__ import annotations

import tomllib
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFINITIONS_DIR = Path(__file__).parent / "definitions"

ROLES = ("family", "coordinator", "team", "manager", "programme", "system")
SUBJECTS = ("plan", "goal", "action", "barrier", "case_review")
ANY_SOURCE = "*"

_TOP_KEYS = {
    "name",
    "version",
    "subject",
    "title",
    "description",
    "initial",
    "states",
    "final",
    "state_attribute",
    "guards",
    "transitions",
}
_TRANSITION_KEYS = {"trigger", "source", "dest", "roles", "guards", "reason_required", "effects"}


class DefinitionError(Exception):
    """One or more workflow definitions are invalid."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("Invalid workflow definitions:\n" + "\n".join(self.problems))


@dataclass(frozen=True)
class TransitionSpec:
    """One row of a transition table: a trigger from some states to one state."""

    trigger: str
    sources: tuple[str, ...]
    dest: str
    roles: tuple[str, ...]
    guards: tuple[str, ...] = ()
    reason_required: bool = False
    effects: tuple[str, ...] = ()
    any_source: bool = False


@dataclass(frozen=True)
class Definition:
    """A workflow: its states and transition table, loaded from one TOML file."""

    name: str
    version: int
    subject: str
    title: str
    description: str
    initial: str
    states: tuple[str, ...]
    final: tuple[str, ...]
    transitions: tuple[TransitionSpec, ...]
    guard_messages: Mapping[str, str] = field(default_factory=dict, hash=False)
    state_attribute: str = "status"
    source: str = ""

    @property
    def key(self) -> tuple[str, int]:
        """Return (name, version), the identity of the definition."""
        return (self.name, self.version)

    @property
    def label(self) -> str:
        """Return the file name, or name and version, for messages."""
        return self.source or f"{self.name} v{self.version}"

    @property
    def slug(self) -> str:
        """Return the base file name of generated artefacts, e.g. 'goal-v1'."""
        return f"{self.name}-v{self.version}"

    @property
    def triggers(self) -> tuple[str, ...]:
        """Return every trigger name once, in table order."""
        return tuple(dict.fromkeys(t.trigger for t in self.transitions))

    @property
    def open_states(self) -> tuple[str, ...]:
        """Return the states that are not final."""
        return tuple(s for s in self.states if s not in self.final)

    def transitions_from(self, state: str) -> list[TransitionSpec]:
        """Return the transitions whose sources include state, in table order."""
        return [t for t in self.transitions if state in t.sources]


def _str_list(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    """Coerce a string or list of strings to a tuple, recording a problem otherwise."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(f"{where} must be a string or a list of strings")
    return ()


def _typed(data: Mapping[str, Any], key: str, kind: type, where: str, problems: list[str]) -> Any:
    """Return data[key] if it has the expected type, recording a problem otherwise."""
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        problems.append(f"{where}: '{key}' is missing or not a {kind.__name__}")
        return kind()
    return value


def _parse_transition(
    row: Any, index: int, open_states: tuple[str, ...], label: str, problems: list[str]
) -> TransitionSpec | None:
    """Build one TransitionSpec from a [[transitions]] entry."""
    where = f"{label}: transition #{index + 1}"
    if not isinstance(row, dict):
        problems.append(f"{where} is not a table")
        return None
    for key in sorted(set(row) - _TRANSITION_KEYS):
        problems.append(f"{where}: unknown key '{key}'")
    trigger = _typed(row, "trigger", str, where, problems)
    where = f"{label}: transition '{trigger}'"
    raw_source = row.get("source")
    any_source = raw_source == ANY_SOURCE
    sources = open_states if any_source else _str_list(raw_source, f"{where}: source", problems)
    reason_required = row.get("reason_required", False)
    if not isinstance(reason_required, bool):
        problems.append(f"{where}: 'reason_required' must be true or false")
    return TransitionSpec(
        trigger=trigger,
        sources=sources,
        dest=_typed(row, "dest", str, where, problems),
        roles=_str_list(row.get("roles", []), f"{where}: roles", problems),
        guards=_str_list(row.get("guards", []), f"{where}: guards", problems),
        reason_required=bool(reason_required),
        effects=_str_list(row.get("effects", []), f"{where}: effects", problems),
        any_source=any_source,
    )


def parse_definition(data: Mapping[str, Any], label: str = "") -> Definition:
    """Build a Definition from parsed TOML data; raise DefinitionError on structural problems."""
    problems: list[str] = []
    where = label or str(data.get("name", "<definition>"))
    for key in sorted(set(data) - _TOP_KEYS):
        problems.append(f"{where}: unknown key '{key}'")
    states = _str_list(data.get("states", []), f"{where}: states", problems)
    final = _str_list(data.get("final", []), f"{where}: final", problems)
    open_states = tuple(s for s in states if s not in final)
    guard_messages = data.get("guards", {})
    if not isinstance(guard_messages, dict) or not all(
        isinstance(v, str) for v in guard_messages.values()
    ):
        problems.append(f"{where}: [guards] must map guard names to message strings")
        guard_messages = {}
    rows = data.get("transitions", [])
    if not isinstance(rows, list):
        problems.append(f"{where}: 'transitions' must be an array of tables")
        rows = []
    specs = [_parse_transition(row, i, open_states, where, problems) for i, row in enumerate(rows)]
    definition = Definition(
        name=_typed(data, "name", str, where, problems),
        version=_typed(data, "version", int, where, problems),
        subject=_typed(data, "subject", str, where, problems),
        title=_typed(data, "title", str, where, problems),
        description=_typed(data, "description", str, where, problems),
        initial=_typed(data, "initial", str, where, problems),
        states=states,
        final=final,
        transitions=tuple(s for s in specs if s is not None),
        guard_messages=dict(guard_messages),
        state_attribute=data.get("state_attribute", "status"),
        source=label,
    )
    if not isinstance(definition.state_attribute, str) or not definition.state_attribute:
        problems.append(f"{where}: 'state_attribute' must be a non-empty string")
    if problems:
        raise DefinitionError(problems)
    return definition


def load_definitions(directory: Path | None = None) -> list[Definition]:
    """Load every *.toml definition in directory (default: the package's definitions)."""
    directory = DEFINITIONS_DIR if directory is None else directory
    definitions: list[Definition] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            definitions.append(parse_definition(data, path.name))
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{path.name}: not valid TOML: {error}")
        except DefinitionError as error:
            problems.extend(error.problems)
    if problems:
        raise DefinitionError(problems)
    return definitions


def _reachable(definition: Definition) -> set[str]:
    """Return the states reachable from the initial state."""
    seen = {definition.initial}
    queue = deque([definition.initial])
    while queue:
        state = queue.popleft()
        for spec in definition.transitions_from(state):
            if spec.dest not in seen:
                seen.add(spec.dest)
                queue.append(spec.dest)
    return seen


def validate(
    definition: Definition, guard_names: Iterable[str], effect_names: Iterable[str]
) -> list[str]:
    """Return every problem of one definition against the registered guards and effects."""
    d, at = definition, definition.label
    problems: list[str] = []
    guard_names, effect_names = set(guard_names), set(effect_names)
    declared = set(d.states)
    if d.version < 1:
        problems.append(f"{at}: version must be a positive integer")
    if d.subject not in SUBJECTS:
        problems.append(f"{at}: unknown subject '{d.subject}' (expected one of {SUBJECTS})")
    for state in sorted({s for s in d.states if d.states.count(s) > 1}):
        problems.append(f"{at}: state '{state}' is declared twice")
    if d.initial not in declared:
        problems.append(f"{at}: initial state '{d.initial}' is not a declared state")
    for state in d.final:
        if state not in declared:
            problems.append(f"{at}: final state '{state}' is not a declared state")
    seen_pairs: set[tuple[str, str]] = set()
    used_guards: set[str] = set()
    for t in d.transitions:
        where = f"{at}: transition '{t.trigger}'"
        if not t.sources:
            problems.append(f"{where} has no source state")
        for source in t.sources:
            if source not in declared:
                problems.append(f"{where} has unknown source state '{source}'")
            elif source in d.final:
                problems.append(f"{where} leaves final state '{source}'")
            if (t.trigger, source) in seen_pairs:
                problems.append(f"{where} is defined twice for source state '{source}'")
            seen_pairs.add((t.trigger, source))
        if t.dest not in declared:
            problems.append(f"{where} has unknown destination state '{t.dest}'")
        if not t.roles:
            problems.append(f"{where} has no roles")
        for role in t.roles:
            if role not in ROLES:
                problems.append(f"{where} has unknown role '{role}' (expected one of {ROLES})")
        for guard in t.guards:
            used_guards.add(guard)
            if guard not in d.guard_messages:
                problems.append(f"{where}: guard '{guard}' has no message in [guards]")
            if guard not in guard_names:
                problems.append(f"{where}: guard '{guard}' has no registered implementation")
        for effect in t.effects:
            if effect not in effect_names:
                problems.append(f"{where}: effect '{effect}' has no registered implementation")
    for guard in sorted(set(d.guard_messages) - used_guards):
        problems.append(f"{at}: guard message '{guard}' is not used by any transition")
    if d.initial in declared:
        reachable = _reachable(d)
        for state in d.states:
            if state not in reachable:
                problems.append(f"{at}: state '{state}' is not reachable from '{d.initial}'")
    for state in d.open_states:
        if not d.transitions_from(state):
            problems.append(f"{at}: non-final state '{state}' has no outgoing transition")
    return problems


def validate_all(
    definitions: Iterable[Definition], guard_names: Iterable[str], effect_names: Iterable[str]
) -> list[str]:
    """Return the problems of every definition plus duplicate name/version pairs."""
    guard_names, effect_names = set(guard_names), set(effect_names)
    problems: list[str] = []
    seen: dict[tuple[str, int], str] = {}
    for definition in definitions:
        problems.extend(validate(definition, guard_names, effect_names))
        if definition.key in seen:
            problems.append(
                f"{definition.label}: {definition.name} v{definition.version} is already "
                f"defined in {seen[definition.key]}"
            )
        seen.setdefault(definition.key, definition.label)
    return problems
