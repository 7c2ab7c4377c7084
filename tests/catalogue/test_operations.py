"""Catalogue operations: the programme changes, everyone else is refused; every change is
audited; retired entries stay where they are used and leave the pickers."""

from __future__ import annotations

import pytest

from maatwerk.audit.models import AuditEvent
from maatwerk.catalogue import goal_operations as goal_ops
from maatwerk.catalogue import operations as ops
from maatwerk.core.enums import AreaKind, Carrier, Domain, ProgrammeLine, Role
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.goals.operations import add_action, update_action
from tests.api.helpers import staff


def _events(session, object_type: str) -> list[tuple[str, str]]:
    rows = session.query(AuditEvent).filter_by(object_type=object_type).order_by(AuditEvent.id)
    return [(e.action.value, e.outcome.value) for e in rows]


def test_create_and_change_an_intervention_is_audited(cat, db_session):
    made = ops.create_intervention(
        name="  Buurtgezinnen ",
        domains=["social", Domain.PEDAGOGICAL, "social"],
        organisations=[cat["welfare"], cat["welfare"]],
        areas=[cat["west"]],
        actor=cat["programme"],
    )
    assert made.name == "Buurtgezinnen" and made.domains == [Domain.PEDAGOGICAL, Domain.SOCIAL]
    assert made.organisations == [cat["welfare"]] and made.version == 1
    ops.update_intervention(
        made, {"domains": ["social"], "areas": [], "description": "Steun"}, actor=cat["programme"]
    )
    assert made.domains == [Domain.SOCIAL] and made.areas == [] and made.version == 2
    ops.update_intervention(made, {"description": "Steun"}, actor=cat["programme"])
    assert made.version == 2  # nothing changed: no version, no event
    ops.retire_intervention(made, actor=cat["programme"])
    assert made.retired and made.version == 3
    assert _events(db_session, "intervention") == [
        ("create", "success"),
        ("update", "success"),
        ("update", "success"),
    ]
    event = db_session.query(AuditEvent).filter_by(object_type="intervention").first()
    assert event.user_id == cat["programme"].id and event.household_ids == []


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"name": ""}, ValidationFailed, "name"),
        ({"name": "x" * 201}, ValidationFailed, "name"),
        ({"domains": []}, ValidationFailed, "domains"),
        ({"domains": ["money"]}, ValidationFailed, "domains"),
        ({"description": "x" * 5001}, ValidationFailed, "description"),
        ({"name": "<taken>"}, Conflict, "name"),
    ],
)
def test_refused_interventions(cat, kwargs, error, field):
    data = {"name": "Nieuw", "domains": ["social"], **kwargs}
    if data["name"] == "<taken>":
        data["name"] = cat["kansen"].name.lower()
    with pytest.raises(error) as refused:
        ops.create_intervention(**data, actor=cat["programme"])
    assert field in refused.value.fields


LOOK_ALIKES = [" {}  ", "{}\u200b", "{}".replace(" ", "  "), "\ufeff{}".upper()]


@pytest.mark.parametrize("pattern", LOOK_ALIKES)
def test_a_look_alike_of_a_catalogue_name_is_refused(cat, pattern):
    programme = cat["programme"]
    made = ops.create_intervention(
        name="GGZ Veenkolonie\u0308n\u200b", domains=["mental"], actor=programme
    )
    assert made.name == "GGZ Veenkoloniën"  # stored cleaned: NFC, no zero-width space
    for name in (pattern.format(made.name), "GGZ  Veenkolonie\u0308n"):
        with pytest.raises(Conflict) as refused:
            ops.create_intervention(name=name, domains=["social"], actor=programme)
        assert refused.value.fields == {"name": ["Already used."]}
        with pytest.raises(Conflict):
            ops.update_intervention(cat["kansen"], {"name": name}, actor=programme)
    village = ops.create_area(
        cat["west"], name="Ter\u00a0Apel-Zuid", kind="village", actor=programme
    )
    assert village.name == "Ter Apel-Zuid"
    taken = pattern.format(cat["ter_apel"].name)
    with pytest.raises(Conflict):
        ops.create_area(cat["west"], name=taken, kind="village", actor=programme)
    with pytest.raises(Conflict):
        ops.rename_area(village, name=taken, actor=programme)


@pytest.mark.parametrize("name", ["\u200b", " \u2060\u200b "])
def test_a_catalogue_name_of_invisible_characters_is_empty(cat, name):
    programme = cat["programme"]
    with pytest.raises(ValidationFailed) as refused:
        ops.create_intervention(name=name, domains=["social"], actor=programme)
    assert refused.value.fields == {"name": ["Required."]}
    with pytest.raises(ValidationFailed):
        ops.create_area(cat["west"], name=name, kind="village", actor=programme)
    with pytest.raises(ValidationFailed):
        ops.rename_area(cat["ter_apel"], name=name, actor=programme)


@pytest.mark.parametrize("role", ["coordinator", "family", "admin"])
def test_only_the_programme_changes_catalogues(setting, cat, role):
    actor = staff(Role.ADMIN) if role == "admin" else getattr(setting, role)
    calls = [
        lambda: ops.create_intervention(name="X", domains=["social"], actor=actor),
        lambda: ops.update_intervention(cat["kansen"], {"name": "Y"}, actor=actor),
        lambda: ops.retire_intervention(cat["kansen"], actor=actor),
        lambda: ops.create_area(cat["west"], name="Dorp", kind="village", actor=actor),
        lambda: ops.rename_area(cat["west"], name="Anders", actor=actor),
        lambda: goal_ops.create_operational_goal(
            text="Doel", programme_line="field", phase_plan=2, actor=actor
        ),
        lambda: goal_ops.update_operational_goal(cat["goals"][0], {"text": "X"}, actor=actor),
    ]
    for call in calls:
        with pytest.raises(Forbidden) as refused:
            call()
        assert refused.value.audit["purpose"] == "catalogue_maintenance"
    assert not ops.can_change_catalogues(actor)


def test_areas_places_lie_in_the_right_kind_and_names_are_unique(cat, db_session):
    programme = cat["programme"]
    west_version = cat["west"].version
    village = ops.create_area(cat["west"], name="Sellingen", kind="village", actor=programme)
    assert village.parent == cat["west"] and cat["west"].version == west_version + 1
    hood = ops.create_area(village, name="Centrum", kind=AreaKind.NEIGHBOURHOOD, actor=programme)
    assert hood.municipality == cat["west"]
    refusals = [
        (
            lambda: ops.create_area(cat["west"], name="X", kind="neighbourhood", actor=programme),
            ValidationFailed,
        ),
        (
            lambda: ops.create_area(hood, name="X", kind="village", actor=programme),
            ValidationFailed,
        ),
        (
            lambda: ops.create_area(cat["west"], name="X", kind="municipality", actor=programme),
            ValidationFailed,
        ),
        (
            lambda: ops.create_area(cat["west"], name="TER APEL", kind="village", actor=programme),
            Conflict,
        ),
        (lambda: ops.rename_area(village, name="ter apel", actor=programme), Conflict),
        (lambda: ops.rename_area(village, name=" ", actor=programme), ValidationFailed),
    ]
    for call, error in refusals:
        with pytest.raises(error):
            call()
    ops.rename_area(village, name="Sellingen-Dorp", actor=programme)
    assert village.name == "Sellingen-Dorp"
    assert _events(db_session, "area") == [("create", "success")] * 2 + [("update", "success")]


def test_operational_goals_get_the_next_code_which_never_changes(cat):
    programme = cat["programme"]
    first = goal_ops.create_operational_goal(
        text="Gezinnen vinden werk", programme_line="target_group", phase_plan=3, actor=programme
    )
    second = goal_ops.create_operational_goal(
        text="Nog een", programme_line=ProgrammeLine.FIELD, phase_plan=3, actor=programme
    )
    assert first.code.startswith("OD-")
    assert int(second.code[3:]) == int(first.code[3:]) + 1
    goal_ops.update_operational_goal(first, {"phase_plan": 4, "code": "X-1"}, actor=programme)
    assert first.phase_plan == 4 and first.code.startswith("OD-") and first.version == 2
    for bad, field in (
        ({"text": " "}, "text"),
        ({"phase_plan": 0}, "phasePlan"),
        ({"programme_line": "steering"}, "programmeLine"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            goal_ops.update_operational_goal(first, bad, actor=programme)
        assert field in refused.value.fields
    with pytest.raises(Conflict):
        goal_ops.create_operational_goal(
            text="Dubbel", programme_line="field", phase_plan=2, code=first.code, actor=programme
        )
    with pytest.raises(ValidationFailed):
        goal_ops.create_operational_goal(
            text="Raar", programme_line="field", phase_plan=2, code="od_1", actor=programme
        )


def test_a_retired_intervention_is_not_chosen_anew_but_stays_on_its_action(setting, cat):
    kansen = cat["kansen"]
    action = add_action(
        setting.plan,
        description="Sport",
        carrier=Carrier.FAMILY,
        actor=setting.coordinator,
        intervention=kansen,
    )
    ops.retire_intervention(kansen, actor=cat["programme"])
    with pytest.raises(ValidationFailed) as refused:
        add_action(
            setting.plan,
            description="Nog eens",
            carrier=Carrier.FAMILY,
            actor=setting.coordinator,
            intervention=kansen,
        )
    assert "interventionId" in refused.value.fields
    # The action that names it keeps it through an edit.
    update_action(
        action, {"intervention": kansen, "description": "Sport!"}, actor=setting.coordinator
    )
    assert action.intervention == kansen
    other = add_action(
        setting.plan, description="Anders", carrier=Carrier.FAMILY, actor=setting.coordinator
    )
    with pytest.raises(ValidationFailed):
        update_action(other, {"intervention": kansen}, actor=setting.coordinator)
