"""Changes to the catalogues (programme only); they flush, never commit.

Nothing is deleted: an intervention or operational goal that is no longer offered is
retired (gone from the directory and the pickers; what refers to it keeps it), and an area
is renamed rather than removed. Every change is audited: catalogue data is no household
data, but who changed the programme's catalogues must stay traceable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from maatwerk.accounts.models import Organisation
from maatwerk.audit.operations import record_audit
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db, utcnow
from maatwerk.core.enums import AreaKind, Domain, Role
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.core.names import clean_name, name_in

PURPOSE = "catalogue_maintenance"
MAX_AREA_NAME = 120
MAX_INTERVENTION_NAME = 200
MAX_TEXT = 5000
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


def audit_change(actor: Any, action: str, obj: Any, object_type: str) -> None:
    """Record who changed a catalogue entry (no household ids: catalogue data)."""
    db.session.flush()
    record_audit(
        actor=actor, action=action, object_type=object_type, object_id=obj.id, purpose=PURPOSE
    )


def _name(value: str | None, limit: int) -> str:
    value = clean_name(value)
    if not value:
        raise ValidationFailed("The name is empty.", fields={"name": ["Required."]})
    if len(value) > limit:
        raise ValidationFailed(
            "The name is too long.", fields={"name": [f"At most {limit} characters."]}
        )
    return value


def valid_text(value: str | None, field: str, *, required: bool = False) -> str:
    """A trimmed text within MAX_TEXT (required: not empty)."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed("The text is empty.", fields={field: ["Required."]})
    if len(value) > MAX_TEXT:
        raise ValidationFailed(
            "The text is too long.", fields={field: [f"At most {MAX_TEXT} characters."]}
        )
    return value


def saved_entry(obj: Any) -> bool:
    """Flush in a savepoint; False when its name or code was taken at the same moment (the
    caller answers with a conflict, not a 500)."""
    try:
        with db.session.begin_nested():
            db.session.add(obj)
    except IntegrityError:
        return False
    return True


def bump(*objects: Any) -> None:
    """One new version per change (the version ETag and the pages' hidden version)."""
    for obj in objects:
        obj.version += 1


def set_retired(obj: Intervention | OperationalGoal, changes: dict[str, Any]) -> None:
    """Retire (changes["retired"] true) or offer again; nothing when it already is so."""
    if "retired" in changes and bool(changes["retired"]) != obj.retired:
        obj.retired_at = utcnow() if changes["retired"] else None


# --- areas ----------------------------------------------------------------------------------


def _name_taken(parent: Area | None, name: str, but: Area | None = None) -> bool:
    """True when a sibling has this name or a look-alike of it (maatwerk.core.names)."""
    query = select(Area.name).where(
        Area.parent_id.is_(None) if parent is None else Area.parent_id == parent.id
    )
    if but is not None:
        query = query.where(Area.id != but.id)
    return name_in(name, db.session.scalars(query))


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
    area = Area(name=name, kind=kind, parent_id=parent.id, region=None)
    if _name_taken(parent, name) or not saved_entry(area):
        raise Conflict(
            "An area with this name already lies there.", fields={"name": ["Already used."]}
        )
    db.session.expire(parent, ["children"])  # read again with the new place
    bump(parent)  # the parent's representation lists its places
    audit_change(actor, "create", area, "area")
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
    bump(area, *([area.parent] if area.parent is not None else []))
    audit_change(actor, "update", area, "area")
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
    query = select(Intervention.name)
    if but is not None:
        query = query.where(Intervention.id != but.id)
    if name_in(name, db.session.scalars(query)):
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
        description=valid_text(description, "description"),
        organisations=list(dict.fromkeys(organisations)),
        areas=list(dict.fromkeys(areas)),
        domain_links=[InterventionDomain(domain=d) for d in _domains(domains)],
    )
    if not saved_entry(intervention):
        raise Conflict("An intervention with this name exists.", fields={"name": ["Already used."]})
    audit_change(actor, "create", intervention, "intervention")
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
        intervention.description = valid_text(changes["description"], "description")
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
    set_retired(intervention, changes)
    if (_state(intervention), intervention.retired) == before:
        return intervention  # nothing changed: no new version, no audit event
    bump(intervention)
    audit_change(actor, "update", intervention, "intervention")
    return intervention


def retire_intervention(
    intervention: Intervention, *, actor: Any, retired: bool = True
) -> Intervention:
    """Retire an intervention (or offer it again): never deleted, actions keep it."""
    return update_intervention(intervention, {"retired": retired}, actor=actor)
