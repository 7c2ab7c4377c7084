"""Changes to the catalogues (programme only); they flush, never commit.

Nothing is deleted: an intervention or operational goal that is no longer offered is
retired (gone from the directory and the pickers; what refers to it keeps it), and an area
is renamed rather than removed. Every change is audited: catalogue data is no household
data, but who changed the programme's catalogues must stay traceable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from maatwerk.accounts.models import Organisation
from maatwerk.audit.operations import record_audit
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import AreaKind, Domain, ProgrammeLine, Role
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed

PURPOSE = "catalogue_maintenance"
MAX_AREA_NAME = 120
MAX_INTERVENTION_NAME = 200
MAX_TEXT = 5000
MAX_PHASE_PLAN = 100
CODE = re.compile(r"[A-Z]{1,5}-[0-9]{1,4}")
NEXT_CODE_PREFIX = "OD-"
# Where a new place may lie: a village or district in a municipality, a neighbourhood in
# a village or district (monitoring reads a neighbourhood's figures through its village).
PARENT_KINDS = {
    AreaKind.VILLAGE: (AreaKind.MUNICIPALITY,),
    AreaKind.DISTRICT: (AreaKind.MUNICIPALITY,),
    AreaKind.NEIGHBOURHOOD: (AreaKind.VILLAGE, AreaKind.DISTRICT),
}


def can_change_catalogues(user: Any) -> bool:
    """Only the programme team maintains areas, interventions and operational goals."""
    return getattr(user, "role", None) is Role.PROGRAMME


def require_catalogue_editor(actor: Any, object_type: str, object_id: int | None = None) -> None:
    """Refuse (403, audited as denied) anyone but the programme team."""
    if not can_change_catalogues(actor):
        raise Forbidden(
            "Only the programme team changes the catalogues.",
            audit={
                "actor": actor,
                "action": "update" if object_id else "create",
                "object_type": object_type,
                "object_id": object_id,
                "purpose": PURPOSE,
            },
        )


def _audit(actor: Any, action: str, obj: Any, object_type: str) -> None:
    db.session.flush()
    record_audit(
        actor=actor, action=action, object_type=object_type, object_id=obj.id, purpose=PURPOSE
    )


def _name(value: str | None, limit: int) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationFailed("The name is empty.", fields={"name": ["Required."]})
    if len(value) > limit:
        raise ValidationFailed(
            "The name is too long.", fields={"name": [f"At most {limit} characters."]}
        )
    return value


def _text(value: str | None, field: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed("The text is empty.", fields={field: ["Required."]})
    if len(value) > MAX_TEXT:
        raise ValidationFailed(
            "The text is too long.", fields={field: [f"At most {MAX_TEXT} characters."]}
        )
    return value


def _saved(obj: Any, message: str, field: str) -> None:
    """Flush in a savepoint: a name taken at the same moment is a conflict, not a 500."""
    try:
        with db.session.begin_nested():
            db.session.add(obj)
    except IntegrityError:
        raise Conflict(message, fields={field: ["Already used."]}) from None


def _bump(*objects: Any) -> None:
    for obj in objects:
        obj.version += 1


# --- areas ----------------------------------------------------------------------------------


def _name_taken(parent: Area | None, name: str, but: Area | None = None) -> bool:
    query = select(Area.id).where(
        func.lower(Area.name) == name.lower(),
        Area.parent_id.is_(None) if parent is None else Area.parent_id == parent.id,
    )
    if but is not None:
        query = query.where(Area.id != but.id)
    return db.session.scalar(query.limit(1)) is not None


def create_area(parent: Area, *, name: str, kind: AreaKind | str, actor: Any) -> Area:
    """Add a village, district or neighbourhood within an area."""
    require_catalogue_editor(actor, "area")
    try:
        kind = AreaKind(kind)
    except ValueError:
        raise ValidationFailed("Unknown kind of area.", fields={"kind": ["Unknown."]}) from None
    if kind not in PARENT_KINDS:
        raise ValidationFailed("Unknown kind of area.", fields={"kind": ["Unknown."]})
    if parent.kind not in PARENT_KINDS[kind]:
        raise ValidationFailed(
            "A village or district lies in a municipality, a neighbourhood in a village or "
            "district.",
            fields={"parentId": ["Not a place this kind of area lies in."]},
        )
    name = _name(name, MAX_AREA_NAME)
    message = "An area with this name already lies there."
    if _name_taken(parent, name):
        raise Conflict(message, fields={"name": ["Already used."]})
    area = Area(name=name, kind=kind, parent_id=parent.id, region=None)
    _saved(area, message, "name")
    db.session.expire(parent, ["children"])  # read again with the new place
    _bump(parent)  # the parent's representation lists its places
    _audit(actor, "create", area, "area")
    return area


def rename_area(area: Area, *, name: str, actor: Any) -> Area:
    """Give an area another name (households, plans and figures keep pointing at it)."""
    require_catalogue_editor(actor, "area", area.id)
    name = _name(name, MAX_AREA_NAME)
    if name == area.name:
        return area
    if _name_taken(area.parent, name, but=area):
        raise Conflict(
            "An area with this name already lies there.", fields={"name": ["Already used."]}
        )
    area.name = name
    _bump(area, *([area.parent] if area.parent is not None else []))
    _audit(actor, "update", area, "area")
    return area


# --- interventions ----------------------------------------------------------------------------


def _domains(values: Sequence[Domain | str]) -> list[Domain]:
    try:
        domains = sorted({Domain(value) for value in values})
    except ValueError:
        raise ValidationFailed("Unknown domain.", fields={"domains": ["Unknown domain."]}) from None
    if not domains:
        raise ValidationFailed(
            "Choose at least one life domain.", fields={"domains": ["Choose at least one."]}
        )
    return domains


def _intervention_name(name: str, but: Intervention | None = None) -> str:
    name = _name(name, MAX_INTERVENTION_NAME)
    query = select(Intervention.id).where(func.lower(Intervention.name) == name.lower())
    if but is not None:
        query = query.where(Intervention.id != but.id)
    if db.session.scalar(query.limit(1)) is not None:
        raise Conflict("An intervention with this name exists.", fields={"name": ["Already used."]})
    return name


def _state(intervention: Intervention) -> tuple:
    return (
        intervention.name,
        intervention.description,
        tuple(intervention.domains),
        tuple(sorted(o.id for o in intervention.organisations)),
        tuple(sorted(a.id for a in intervention.areas)),
    )


def create_intervention(
    *,
    name: str,
    domains: Sequence[Domain | str],
    actor: Any,
    description: str = "",
    organisations: Sequence[Organisation] = (),
    areas: Sequence[Area] = (),
) -> Intervention:
    """Add an intervention to the service directory (no areas: offered in the whole region)."""
    require_catalogue_editor(actor, "intervention")
    intervention = Intervention(
        name=_intervention_name(name),
        description=_text(description, "description"),
        organisations=list(dict.fromkeys(organisations)),
        areas=list(dict.fromkeys(areas)),
        domain_links=[InterventionDomain(domain=d) for d in _domains(domains)],
    )
    _saved(intervention, "An intervention with this name exists.", "name")
    _audit(actor, "create", intervention, "intervention")
    return intervention


def update_intervention(
    intervention: Intervention, changes: dict[str, Any], *, actor: Any
) -> Intervention:
    """Change an intervention's name, description, life domains, organisations and areas,
    or retire it (`retired`) or offer it again."""
    require_catalogue_editor(actor, "intervention", intervention.id)
    before = (_state(intervention), intervention.retired)
    if "name" in changes:
        intervention.name = _intervention_name(changes["name"], but=intervention)
    if "description" in changes:
        intervention.description = _text(changes["description"], "description")
    if "domains" in changes:
        wanted = _domains(changes["domains"])
        kept = [link for link in intervention.domain_links if link.domain in wanted]
        have = {link.domain for link in kept}
        intervention.domain_links = kept + [
            InterventionDomain(domain=d) for d in wanted if d not in have
        ]
    if "organisations" in changes:
        intervention.organisations = list(dict.fromkeys(changes["organisations"]))
    if "areas" in changes:
        intervention.areas = list(dict.fromkeys(changes["areas"]))
    _retire(intervention, changes)
    if (_state(intervention), intervention.retired) == before:
        return intervention  # nothing changed: no new version, no audit event
    _bump(intervention)
    _audit(actor, "update", intervention, "intervention")
    return intervention


def retire_intervention(
    intervention: Intervention, *, actor: Any, retired: bool = True
) -> Intervention:
    """Retire an intervention (or offer it again): never deleted, actions keep it."""
    return update_intervention(intervention, {"retired": retired}, actor=actor)


def _retire(obj: Intervention | OperationalGoal, changes: dict[str, Any]) -> None:
    if "retired" in changes and bool(changes["retired"]) != obj.retired:
        obj.retired_at = utcnow() if changes["retired"] else None


# --- operational goals ------------------------------------------------------------------------


def _next_code() -> str:
    codes = db.session.scalars(
        select(OperationalGoal.code).where(OperationalGoal.code.startswith(NEXT_CODE_PREFIX))
    )
    numbers = [int(c[len(NEXT_CODE_PREFIX) :]) for c in codes if c[3:].isdigit()]
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
    "text": ("text", lambda v: _text(v, "text", required=True)),
    "measurement": ("measurement", lambda v: _text(v, "measurement")),
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
        text=_text(text, "text", required=True),
        programme_line=_line(programme_line),
        phase_plan=_phase_plan(phase_plan),
        measurement=_text(measurement, "measurement"),
    )
    _saved(goal, "An operational goal with this code exists.", "code")
    _audit(actor, "create", goal, "operational_goal")
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
    _retire(goal, changes)
    if not db.session.is_modified(goal):
        return goal
    _bump(goal)
    _audit(actor, "update", goal, "operational_goal")
    return goal


def retire_operational_goal(
    goal: OperationalGoal, *, actor: Any, retired: bool = True
) -> OperationalGoal:
    """Retire a goal (or take it up again): barriers, lessons, surveys and figures keep it."""
    return update_operational_goal(goal, {"retired": retired}, actor=actor)
