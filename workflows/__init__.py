"""Workflow definitions as data, and the engine that fires their triggers."""

from workflows.definition import (
    ROLES,
    SUBJECTS,
    Definition,
    DefinitionError,
    TransitionSpec,
    load_definitions,
    parse_definition,
    validate,
    validate_all,
)
from workflows.engine import (
    Engine,
    FiredTransition,
    Refusal,
    TransitionRefused,
    TriggerOption,
)

__all__ = [
    "ROLES",
    "SUBJECTS",
    "Definition",
    "DefinitionError",
    "Engine",
    "FiredTransition",
    "Refusal",
    "TransitionRefused",
    "TransitionSpec",
    "TriggerOption",
    "load_definitions",
    "parse_definition",
    "validate",
    "validate_all",
]
