"""The plan read model gives exactly the representation of the ORM plan, and the same access."""

from __future__ import annotations

import pytest

from api.plan_schemas import PlanSchema
from maatwerk.accounts.models import Organisation
from maatwerk.core.enums import Carrier, Sector
from maatwerk.core.errors import NotFound
from maatwerk.goals.operations import add_action
from maatwerk.plans.document import read_plan_document
from maatwerk.plans.reading import get_plan
from tests.api.test_query_counts import grow


def test_document_equals_the_orm_representation(setting, db_session):
    grow(setting, 4, 3)
    db_session.commit()
    for user in (setting.coordinator, setting.member, setting.family):
        document = PlanSchema().dump(read_plan_document(setting.plan.id, user))
        db_session.expire_all()
        orm = PlanSchema().dump(get_plan(setting.plan.id, user))
        assert document == orm
        assert len(document["actions"]) == 12 and document["goals"] and document["team"]
        assert all(a["participatingOrganisations"] for a in document["actions"])
        assert all(a["goalIds"] for a in document["actions"])


def test_document_refuses_whom_get_plan_refuses(setting, db_session):
    for user in (setting.outsider,):
        with pytest.raises(NotFound):
            read_plan_document(setting.plan.id, user)
        with pytest.raises(NotFound):
            get_plan(setting.plan.id, user)
    with pytest.raises(NotFound):
        read_plan_document(2**31 - 1, setting.coordinator)


def test_document_links_every_goal_and_organisation_of_an_action(setting, db_session):
    """Actions with several goals and organisations, and one with none, come out whole
    (the actions and their links are one statement: one row per link)."""
    grow(setting, 3, 1)
    db_session.flush()
    goals = setting.plan.goals
    third = Organisation(name="Stichting Welzijn", sector=Sector.WELFARE)
    db_session.add(third)
    both = add_action(
        setting.plan,
        description="Samen met de schuldhulp en de GGZ",
        carrier=Carrier.PROFESSIONAL,
        goals=goals[:3],
        lead_organisation=setting.municipality,
        participating=[setting.ggz, third],
        actor=setting.member,
    )
    bare = add_action(
        setting.plan, description="Zelf bellen", carrier=Carrier.FAMILY, actor=setting.family
    )
    db_session.commit()
    document = PlanSchema().dump(read_plan_document(setting.plan.id, setting.coordinator))
    db_session.expire_all()
    assert document == PlanSchema().dump(get_plan(setting.plan.id, setting.coordinator))
    by_id = {a["id"]: a for a in document["actions"]}
    assert sorted(by_id[both.id]["goalIds"]) == sorted(g.id for g in goals[:3])
    assert len(by_id[both.id]["participatingOrganisations"]) == 2
    assert by_id[bare.id]["goalIds"] == [] and by_id[bare.id]["participatingOrganisations"] == []
    assert len(document["actions"]) == 5
