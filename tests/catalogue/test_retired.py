"""A retired intervention leaves the service directory and the action picker; the plans
that use it keep showing it."""

from __future__ import annotations

from maatwerk.catalogue import operations as ops
from maatwerk.core.enums import Carrier
from maatwerk.goals.models import Action
from maatwerk.goals.operations import add_action
from tests.web.helpers import hidden, text


def test_retired_interventions_leave_the_directory_and_the_picker(setting, cat, login, db_session):
    kansen, schulden = cat["kansen"], cat["schulden"]
    action = add_action(
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
    # A new action is not offered the retired one, even on a plan that already uses it.
    assert f">{kansen.name}</option>" not in plan_page
    # The edit form of the action that names it still offers it, and saves with it kept.
    form = text(client.get(f"/werk/acties/{action.id}/bewerken"))
    assert f">{kansen.name}</option>" in form and f">{schulden.name}</option>" not in form
    data = {
        "action-plan_version": hidden(form, "action-plan_version"),
        "action-version": hidden(form, "action-version"),
        "action-description": "Sporten bij de club, twee keer per week",
        "action-carrier": "family",
        "action-intervention_id": str(kansen.id),
    }
    saved = client.post(f"/werk/acties/{action.id}/bewerken", data=data)
    assert saved.status_code == 302, text(saved)
    db_session.expire_all()
    assert db_session.get(Action, action.id).intervention_id == kansen.id
