"""The plan read model gives exactly the representation of the ORM plan, and the same access."""

from __future__ import annotations

import pytest

from api.plan_schemas import PlanSchema
from maatwerk.core.errors import NotFound
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
