"""Changes to the operational goals (programme only); they flush, never commit.

The code of a goal never changes: monitoring's indicator registry
(maatwerk/monitoring/registry.py) and the experience survey's statements are keyed on it.
A new goal has no indicator until the registry gets an entry for its code; monitoring and
the catalogue pages list it with "no indicator yet" meanwhile.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from maatwerk.catalogue.models import OperationalGoal
from maatwerk.catalogue.operations import (
    audit_change,
    bump,
    require_catalogue_editor,
    saved_entry,
    set_retired,
    valid_text,
)
from maatwerk.core.db import db
from maatwerk.core.enums import ProgrammeLine
from maatwerk.core.errors import Conflict, ValidationFailed

MAX_PHASE_PLAN = 100
CODE = re.compile(r"[A-Z]{1,5}-[0-9]{1,4}")
NEXT_CODE_PREFIX = "OD-"


def _next_code() -> str:
    """The next OD-number after every goal's and every code the indicator registry knows:
    a new goal never inherits the indicators written for another goal's code."""
    from maatwerk.monitoring.registry import GOAL_INDICATORS  # monitoring reads catalogues

    codes = [
        *db.session.scalars(
            select(OperationalGoal.code).where(OperationalGoal.code.startswith(NEXT_CODE_PREFIX))
        ),
        *GOAL_INDICATORS,
    ]
    width = len(NEXT_CODE_PREFIX)
    numbers = [
        int(c[width:]) for c in codes if c.startswith(NEXT_CODE_PREFIX) and c[width:].isdigit()
    ]
    return f"{NEXT_CODE_PREFIX}{max(numbers, default=0) + 1:02d}"


def _code(code: str | None) -> str:
    code = (code or "").strip().upper() or _next_code()
    if not CODE.fullmatch(code):
        raise ValidationFailed(
            "A code such as OD-18: capital letters, a dash and a number.",
            fields={"code": ["Not a code such as OD-18."]},
        )
    if db.session.scalar(select(OperationalGoal.id).where(OperationalGoal.code == code)):
        raise Conflict(
            "An operational goal with this code exists.", fields={"code": ["Already used."]}
        )
    return code


def _line(value: ProgrammeLine | str) -> ProgrammeLine:
    try:
        return ProgrammeLine(value)
    except ValueError:
        raise ValidationFailed(
            "Unknown programme line.", fields={"programmeLine": ["Unknown."]}
        ) from None


def _phase_plan(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PHASE_PLAN:
        raise ValidationFailed(
            "A phase plan number from 1.", fields={"phasePlan": ["Between 1 and 100."]}
        )
    return value


GOAL_FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "text": ("text", lambda v: valid_text(v, "text", required=True)),
    "measurement": ("measurement", lambda v: valid_text(v, "measurement")),
    "programme_line": ("programme_line", _line),
    "phase_plan": ("phase_plan", _phase_plan),
}


def create_operational_goal(
    *,
    text: str,
    programme_line: ProgrammeLine | str,
    phase_plan: int,
    actor: Any,
    measurement: str = "",
    code: str | None = None,
) -> OperationalGoal:
    """Add an operational goal; without a code it gets the next OD-number. Monitoring lists
    it with "no indicator yet" until the indicator registry measures its code."""
    require_catalogue_editor(actor, "operational_goal")
    goal = OperationalGoal(
        code=_code(code),
        text=valid_text(text, "text", required=True),
        programme_line=_line(programme_line),
        phase_plan=_phase_plan(phase_plan),
        measurement=valid_text(measurement, "measurement"),
    )
    if not saved_entry(goal):
        raise Conflict(
            "An operational goal with this code exists.", fields={"code": ["Already used."]}
        )
    audit_change(actor, "create", goal, "operational_goal")
    return goal


def update_operational_goal(
    goal: OperationalGoal, changes: dict[str, Any], *, actor: Any
) -> OperationalGoal:
    """Change a goal's text, programme line, phase plan or measurement, or retire it. The
    code stays: monitoring's indicator registry and the survey are keyed on it."""
    require_catalogue_editor(actor, "operational_goal", goal.id)
    for key, (attribute, check) in GOAL_FIELDS.items():
        if key in changes:
            setattr(goal, attribute, check(changes[key]))
    set_retired(goal, changes)
    if not db.session.is_modified(goal):
        return goal
    bump(goal)
    audit_change(actor, "update", goal, "operational_goal")
    return goal


def retire_operational_goal(
    goal: OperationalGoal, *, actor: Any, retired: bool = True
) -> OperationalGoal:
    """Retire a goal (or take it up again): barriers, lessons, surveys and figures keep it."""
    return update_operational_goal(goal, {"retired": retired}, actor=actor)
