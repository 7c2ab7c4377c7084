"""A retired intervention leaves the service directory and the action picker; the plans
that use it keep showing it."""

from __future__ import annotations

from maatwerk.catalogue import operations as ops
from maatwerk.core.enums import Carrier
from maatwerk.goals.operations import add_action
from tests.web.helpers import text


def test_retired_interventions_leave_the_directory_and_the_picker(setting, cat, login, db_session):
    kansen, schulden = cat["kansen"], cat["schulden"]
    add_action(
        setting.plan,
        description="Sporten bij de club",
        carrier=Carrier.FAMILY,
        actor=setting.coordinator,
        intervention=kansen,
    )
    db_session.commit()
    client = login(setting.coordinator)
    before = text(client.get("/sociale-kaart"))
    assert kansen.name in before and schulden.name in before
    plan_page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert f">{schulden.name}</option>" in plan_page

    for intervention in (kansen, schulden):
        ops.retire_intervention(intervention, actor=cat["programme"])
    db_session.commit()

    after = text(client.get("/sociale-kaart"))
    assert kansen.name not in after and schulden.name not in after
    searched = text(client.get(f"/sociale-kaart?q={kansen.name}"))
    assert f'<h3 class="card-title">{kansen.name}</h3>' not in searched
    plan_page = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert schulden.name not in plan_page  # not offered for a new action
    assert f"<dd>{kansen.name}</dd>" in plan_page  # the old action keeps its intervention
    assert f">{kansen.name}</option>" in plan_page  # and its edit form can keep it
