"""The workflow engine: one shared transitions Machine per definition, roles and guards."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from transitions import EventData, Machine

from workflows.definition import Definition, DefinitionError, TransitionSpec, validate_all

Guard = Callable[[Any, Any], bool]
Effect = Callable[[Any, Any, "FiredTransition"], None]

ROLE_NAMES = {
    "family": "the family",
    "coordinator": "the coordinator",
    "team": "a team member",
    "manager": "a manager",
    "programme": "the programme team",
    "system": "the system",
}


@dataclass(frozen=True)
class Refusal:
    """Why a trigger may not be fired: kind, human-readable message and failing guard."""

    kind: str
    message: str
    guard: str | None = None


@dataclass(frozen=True)
class TriggerOption:
    """A trigger possible from the object's current state, and whether the actor may fire it."""

    trigger: str
    dest: str
    allowed: bool
    reason_required: bool
    refusal: Refusal | None = None


@dataclass(frozen=True)
class FiredTransition:
    """A transition that happened: which definition, trigger, from and to, and why."""

    definition: str
    version: int
    trigger: str
    source: str
    dest: str
    reason: str | None = None


class TransitionRefused(Exception):
    """A refused trigger; kind: unknown_trigger, wrong_state, role, reason_required, guard."""

    def __init__(self, trigger: str, refusal: Refusal) -> None:
        self.trigger = trigger
        self.kind = refusal.kind
        self.message = refusal.message
        self.guard = refusal.guard
        self.refusal = refusal
        super().__init__(refusal.message)


class _Call:
    """Per-fire context handed to the Machine's conditions through EventData.kwargs."""

    __slots__ = ("actor", "failed")

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.failed: str | None = None


def role_message(roles: Iterable[str]) -> str:
    """Return e.g. 'Only the family or the coordinator can do this.'."""
    names = [ROLE_NAMES.get(role, role) for role in roles]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"Only {who} can do this."


class Engine:
    """Fires workflow triggers on plain objects through one shared Machine per definition."""

    def __init__(
        self,
        definitions: Iterable[Definition],
        *,
        guards: Mapping[str, Guard],
        effects: Mapping[str, Effect],
        roles_of: Callable[[Any, Any], set[str]],
        definition_of: Callable[[Any], tuple[str, int]],
        on_transition: Callable[[Any, Any, FiredTransition], None] | None = None,
    ) -> None:
        definitions = list(definitions)
        problems = validate_all(definitions, guards, effects)
        if problems:
            raise DefinitionError(problems)
        self._guards = dict(guards)
        self._effects = dict(effects)
        self._roles_of = roles_of
        self._definition_of = definition_of
        self._on_transition = on_transition
        self._definitions = {d.key: d for d in definitions}
        self._latest: dict[str, int] = {}
        for d in definitions:
            self._latest[d.name] = max(d.version, self._latest.get(d.name, d.version))
        # (trigger, state) -> spec, and state -> specs a person may fire, per definition.
        self._specs: dict[tuple[str, int], dict[tuple[str, str], TransitionSpec]] = {}
        self._options: dict[tuple[str, int], dict[str, list[TransitionSpec]]] = {}
        self._machines: dict[tuple[str, int], Machine] = {}
        for d in definitions:
            self._specs[d.key] = {(t.trigger, s): t for t in d.transitions for s in t.sources}
            self._options[d.key] = {
                s: [t for t in d.transitions_from(s) if set(t.roles) != {"system"}]
                for s in d.states
            }
            self._machines[d.key] = self._build_machine(d)

    def _build_machine(self, definition: Definition) -> Machine:
        """Build the one Machine of a definition; guards become its conditions."""
        transitions = [
            {
                "trigger": t.trigger,
                "source": list(t.sources),
                "dest": t.dest,
                "conditions": [self._condition(guard) for guard in t.guards],
            }
            for t in definition.transitions
        ]
        # model=None: objects are never added; events are fired with Event.trigger(obj).
        return Machine(
            model=None,
            states=list(definition.states),
            transitions=transitions,
            initial=definition.initial,
            auto_transitions=False,
            model_attribute=definition.state_attribute,
            send_event=True,
            name=f"{definition.name} v{definition.version}",
        )

    def _condition(self, guard: str) -> Callable[[EventData], bool]:
        """Wrap a guard as a Machine condition that records its own failure."""
        implementation = self._guards[guard]

        def check(event: EventData) -> bool:
            call: _Call = event.kwargs["call"]
            if implementation(event.model, call.actor):
                return True
            call.failed = guard
            return False

        check.__name__ = f"guard_{guard}"
        return check

    @property
    def definitions(self) -> list[Definition]:
        """Return every loaded definition."""
        return list(self._definitions.values())

    def definition(self, name: str, version: int | None = None) -> Definition:
        """Return a definition by name and version (the latest version if None)."""
        if version is None:
            version = self._latest.get(name, 0)
        try:
            return self._definitions[(name, version)]
        except KeyError:
            raise KeyError(f"Unknown workflow definition {name} v{version}") from None

    def definition_for(self, obj: Any) -> Definition:
        """Return the definition an object follows."""
        return self.definition(*self._definition_of(obj))

    def available_triggers(self, obj: Any, actor: Any) -> list[TriggerOption]:
        """List the triggers from the object's state (except system-only ones), with refusals."""
        definition = self.definition_for(obj)
        specs = self._options[definition.key].get(getattr(obj, definition.state_attribute), [])
        if not specs:
            return []
        roles = self._roles_of(obj, actor)
        verdicts: dict[str, bool] = {}
        options = []
        for spec in specs:
            refusal = self._role_refusal(spec, roles)
            if refusal is None:
                refusal = self._guard_refusal(definition, spec, obj, actor, verdicts)
            options.append(
                TriggerOption(
                    trigger=spec.trigger,
                    dest=spec.dest,
                    allowed=refusal is None,
                    reason_required=spec.reason_required,
                    refusal=refusal,
                )
            )
        return options

    def fire(
        self, obj: Any, trigger: str, actor: Any, reason: str | None = None
    ) -> FiredTransition:
        """Fire a trigger on obj for actor, or raise TransitionRefused and leave obj unchanged."""
        # Effects and on_transition run after the state change: if one raises, the caller's
        # transaction must roll back (the domain fires inside its unit of work).
        definition = self.definition_for(obj)
        state = getattr(obj, definition.state_attribute)
        spec = self._spec(definition, trigger, state)
        refusal = self._role_refusal(spec, self._roles_of(obj, actor))
        reason = reason.strip() if reason else None
        if refusal is None and spec.reason_required and not reason:
            refusal = Refusal("reason_required", "Please give a reason.")
        if refusal is not None:
            raise TransitionRefused(trigger, refusal)
        call = _Call(actor)
        # The Machine evaluates the guards (once each) and changes the state attribute.
        if not self._machines[definition.key].events[trigger].trigger(obj, call=call):
            guard = call.failed
            message = definition.guard_messages.get(guard or "", "This is not possible now.")
            raise TransitionRefused(trigger, Refusal("guard", message, guard))
        fired = FiredTransition(
            definition=definition.name,
            version=definition.version,
            trigger=trigger,
            source=state,
            dest=spec.dest,
            reason=reason or None,
        )
        for effect in spec.effects:
            self._effects[effect](obj, actor, fired)
        if self._on_transition is not None:
            self._on_transition(obj, actor, fired)
        return fired

    def _spec(self, definition: Definition, trigger: str, state: str) -> TransitionSpec:
        """Return the transition for (trigger, state) or raise unknown_trigger / wrong_state."""
        spec = self._specs[definition.key].get((trigger, state))
        if spec is not None:
            return spec
        if trigger not in definition.triggers:
            message = f"'{trigger}' is not a trigger of workflow {definition.name}."
            raise TransitionRefused(trigger, Refusal("unknown_trigger", message))
        subject = definition.subject.replace("_", " ")
        message = f"'{trigger}' is not possible while the {subject} is '{state}'."
        raise TransitionRefused(trigger, Refusal("wrong_state", message))

    @staticmethod
    def _role_refusal(spec: TransitionSpec, roles: set[str]) -> Refusal | None:
        """Return a role refusal unless the actor holds one of the transition's roles."""
        if not any(role in roles for role in spec.roles):
            return Refusal("role", role_message(spec.roles))
        return None

    def _guard_refusal(
        self,
        definition: Definition,
        spec: TransitionSpec,
        obj: Any,
        actor: Any,
        verdicts: dict[str, bool],
    ) -> Refusal | None:
        """Return the first failing guard's refusal, evaluating each guard once per call."""
        for guard in spec.guards:
            if guard not in verdicts:
                verdicts[guard] = bool(self._guards[guard](obj, actor))
            if not verdicts[guard]:
                return Refusal("guard", definition.guard_messages[guard], guard)
        return None
