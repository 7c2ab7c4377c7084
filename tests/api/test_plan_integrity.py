"""Plan integrity through the API: no lost writes on an action's links, what the family agreed
stays the family's, a closed plan is read-only, the team only with consent and If-Match."""

from __future__ import annotations

import datetime as dt

from maatwerk.core.enums import Carrier, Domain
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.workflow import fire_transition
from tests.plans.flow import close_open_plans

API = "/api/v1"


def _proposed_action(setting):
    goal = add_goal(
        setting.plan, domain=Domain.ECONOMIC, title="Rust in de schulden", actor=setting.family
    )
    action = add_action(
        setting.plan,
        description="Samen naar de schuldhulp",
        carrier=Carrier.PROFESSIONAL,
        actor=setting.coordinator,
        lead_organisation=setting.municipality,
    )
    return goal, action


def _organisations(body) -> list[int]:
    return [o["id"] for o in body["participatingOrganisations"]]


def _read(api, url):
    response = api.get(url)
    assert response.status_code == 200, response.get_json()
    return response.headers["ETag"], response.get_json()


# --- 1. an action's goals and organisations are part of its version ---------------------


def test_changing_only_the_organisations_or_goals_of_an_action_gives_it_a_new_version(
    setting, as_user, db_session
):
    goal, action = _proposed_action(setting)
    db_session.commit()
    coordinator, member = as_user(setting.coordinator), as_user(setting.member)
    url = f"{API}/actions/{action.id}"
    etag, _body = _read(coordinator, url)
    plan_version = setting.plan.version

    changed = coordinator.patch(
        url, etag=etag, json={"participatingOrganisationIds": [setting.ggz.id]}
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.headers["ETag"] != etag
    assert _organisations(changed.get_json()) == [setting.ggz.id]

    # A second client still holding the old ETag is refused, and undoes nothing.
    stale = member.patch(url, etag=etag, json={"description": "Alleen de tekst"})
    assert stale.status_code == 412
    assert _organisations(stale.get_json()["current"]) == [setting.ggz.id]

    second = changed.headers["ETag"]
    linked = coordinator.patch(url, etag=second, json={"goalIds": [goal.id]})
    assert linked.status_code == 200
    assert linked.headers["ETag"] not in (etag, second)
    assert member.patch(url, etag=second, json={"goalIds": []}).status_code == 412

    plan = coordinator.get(f"{API}/plans/{setting.plan.id}").get_json()
    assert plan["version"] == plan_version + 2  # each change is a version of the plan
    history = coordinator.get(f"{API}/plans/{setting.plan.id}/history").get_json()
    assert [e["version"] for e in history][:2] == [plan_version + 2, plan_version + 1]


def test_an_unchanged_action_sent_back_whole_makes_no_new_version(setting, as_user, db_session):
    _goal, action = _proposed_action(setting)
    db_session.commit()
    coordinator = as_user(setting.coordinator)
    etag, body = _read(coordinator, f"{API}/actions/{action.id}")
    version = setting.plan.version
    same = coordinator.patch(
        f"{API}/actions/{action.id}",
        etag=etag,
        json={
            "description": body["description"],
            "participatingOrganisationIds": _organisations(body),
            "goalIds": body["goalIds"],
        },
    )
    assert same.status_code == 200 and same.headers["ETag"] == etag
    assert coordinator.get(f"{API}/plans/{setting.plan.id}").get_json()["version"] == version


# --- 2. what the family agreed to stays as agreed ----------------------------------------


def test_a_professional_cannot_rewrite_an_action_the_family_agreed_to(setting, as_user, db_session):
    goal, action = _proposed_action(setting)
    fire_transition(action, "agree", actor=setting.family)
    db_session.commit()
    coordinator = as_user(setting.coordinator)
    url = f"{API}/actions/{action.id}"
    for change in (
        {"description": "Iets heel anders"},
        {"carrier": "family"},
        {"participatingOrganisationIds": [setting.ggz.id]},
        {"goalIds": [goal.id]},
        {"leadOrganisationId": setting.ggz.id},
    ):
        etag, _body = _read(coordinator, url)
        refused = coordinator.patch(url, etag=etag, json=change)
        assert refused.status_code == 409, (change, refused.get_json())
        assert "The family agreed to this action" in refused.get_json()["detail"]
    etag, body = _read(coordinator, url)
    assert body["description"] == "Samen naar de schuldhulp" and body["status"] == "agreed"

    # Running details stay the team's: who does it, the due date.
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    ok = coordinator.patch(
        url,
        etag=etag,
        json={
            "dueDate": due,
            "assignedUserId": setting.member.id,
            "description": body["description"],
        },
    )
    assert ok.status_code == 200, ok.get_json()
    assert ok.get_json()["dueDate"] == due and ok.get_json()["status"] == "agreed"


def test_the_family_changes_its_own_agreed_action_and_the_team_its_proposal(
    setting, as_user, db_session
):
    own = add_action(
        setting.plan, description="Zelf bellen", carrier=Carrier.FAMILY, actor=setting.family
    )
    _goal, proposal = _proposed_action(setting)
    db_session.commit()
    family, coordinator = as_user(setting.family), as_user(setting.coordinator)
    etag, body = _read(family, f"{API}/actions/{own.id}")
    assert body["status"] == "agreed"
    changed = family.patch(
        f"{API}/actions/{own.id}", etag=etag, json={"description": "Morgen bellen"}
    )
    assert changed.status_code == 200
    etag, _body = _read(coordinator, f"{API}/actions/{proposal.id}")
    assert (
        coordinator.patch(
            f"{API}/actions/{proposal.id}", etag=etag, json={"description": "Beter verwoord"}
        ).status_code
        == 200
    )


# --- 3. a closed plan is read-only --------------------------------------------------------


def test_every_change_to_a_closed_plan_is_a_409(setting, as_user, db_session):
    goal, action = _proposed_action(setting)
    goal_id, action_id = goal.id, action.id
    fire_transition(action, "agree", actor=setting.family)
    action.due_date = dt.date.today() - dt.timedelta(days=3)
    fire_transition(action, "start", actor=setting.coordinator)
    db_session.commit()
    coordinator, family = as_user(setting.coordinator), as_user(setting.family)
    assert [
        p["id"] for p in coordinator.get(f"{API}/plans?overdueActions=true").get_json()["items"]
    ] == [setting.plan.id]
    close_open_plans(setting.household)
    db_session.commit()
    plan_id = setting.plan.id
    plan_etag, plan_body = _read(coordinator, f"{API}/plans/{plan_id}")
    outsider = setting.outsider.id
    attempts = [
        (
            coordinator,
            "post",
            f"/plans/{plan_id}/goals",
            {"domain": "economic", "title": "Nieuw"},
            None,
        ),
        (family, "post", f"/plans/{plan_id}/goals", {"domain": "economic", "title": "Nieuw"}, None),
        (
            coordinator,
            "post",
            f"/plans/{plan_id}/actions",
            {"description": "X", "carrier": "family"},
            None,
        ),
        (coordinator, "post", f"/plans/{plan_id}/comments", {"body": "Nog iets"}, None),
        (family, "post", f"/plans/{plan_id}/comments", {"body": "Nog iets"}, None),
        (
            coordinator,
            "post",
            f"/plans/{plan_id}/barriers",
            {"category": "waiting_list", "description": "Wachtlijst"},
            None,
        ),
        (coordinator, "post", f"/plans/{plan_id}/team-members", {"userId": outsider}, plan_etag),
        (
            coordinator,
            "post",
            f"/plans/{plan_id}/outcome-scores",
            {"domain": "economic", "score": 3, "scoredBy": "professional", "moment": "evaluation"},
            None,
        ),
        (
            coordinator,
            "patch",
            f"/goals/{goal_id}",
            {"title": "Anders"},
            f'"goal-{goal_id}-{goal.version}"',
        ),
        (
            coordinator,
            "patch",
            f"/actions/{action_id}",
            {"dueDate": (dt.date.today() + dt.timedelta(days=9)).isoformat()},
            f'"action-{action_id}-{action.version}"',
        ),
        (
            coordinator,
            "post",
            f"/actions/{action_id}/transitions",
            {"trigger": "complete"},
            f'"action-{action_id}-{action.version}"',
        ),
        (
            family,
            "post",
            f"/goals/{goal_id}/transitions",
            {"trigger": "achieve"},
            f'"goal-{goal_id}-{goal.version}"',
        ),
    ]
    for api, method, url, body, etag in attempts:
        response = getattr(api, method)(f"{API}{url}", json=body, etag=etag)
        assert response.status_code == 409, (url, response.get_json())
        assert (
            response.get_json()["detail"]
            == "This plan is closed: it can be read, no longer changed."
        )
    member = next(m for m in plan_body["team"] if m["user"]["id"] == setting.member.id)
    removed = coordinator.delete(
        f"{API}/plans/{plan_id}/team-members/{member['id']}", etag=plan_etag
    )
    assert removed.status_code == 409

    # Nothing is offered on its goals and actions; nothing changed; not overdue any more.
    assert coordinator.get(f"{API}/goals/{goal_id}/transitions").get_json() == []
    assert family.get(f"{API}/actions/{action_id}/transitions").get_json() == []
    assert _read(coordinator, f"{API}/plans/{plan_id}")[0] == plan_etag
    assert coordinator.get(f"{API}/plans?overdueActions=true").get_json()["items"] == []
    assert [
        p["id"] for p in coordinator.get(f"{API}/plans?overdueActions=false").get_json()["items"]
    ] == [plan_id]


# --- 4 and 5. the team: only with consent, only on the version read ----------------------


def test_a_professional_without_consent_does_not_join_the_team(setting, as_user, db_session):
    coordinator = as_user(setting.coordinator)
    url = f"{API}/plans/{setting.plan.id}/team-members"
    etag, _body = _read(coordinator, f"{API}/plans/{setting.plan.id}")
    refused = coordinator.post(url, etag=etag, json={"userId": setting.outsider.id})
    assert refused.status_code == 409
    assert "cannot join the team" in refused.get_json()["detail"]
    assert setting.outsider.id not in [m["user"]["id"] for m in coordinator.get(url).get_json()]
    assert _read(coordinator, f"{API}/plans/{setting.plan.id}")[0] == etag


def test_team_changes_need_the_plans_version(setting, as_user, db_session):
    from maatwerk.core.enums import ConsentPurpose
    from maatwerk.households.operations import give_consent

    give_consent(
        setting.household,
        organisation=setting.outsider.organisation,
        purpose=ConsentPurpose.PLAN_SHARING,
        given_by=setting.household.members[0],
        actor=setting.coordinator,
    )
    db_session.commit()
    coordinator = as_user(setting.coordinator)
    plan_url = f"{API}/plans/{setting.plan.id}"
    url = f"{plan_url}/team-members"
    etag, body = _read(coordinator, plan_url)
    member = next(m for m in body["team"] if m["user"]["id"] == setting.member.id)

    for call in (
        lambda e: coordinator.post(url, etag=e, json={"userId": setting.outsider.id}),
        lambda e: coordinator.post(
            url, etag=e, json={"userId": setting.member.id, "planRole": "coordinator"}
        ),
        lambda e: coordinator.delete(f"{url}/{member['id']}", etag=e),
    ):
        assert call(None).status_code == 428
        assert call(f'"plan-{setting.plan.id}-1"').status_code == 412
    assert _read(coordinator, plan_url)[0] == etag  # nothing written

    added = coordinator.post(url, etag=etag, json={"userId": setting.outsider.id})
    assert added.status_code == 201, added.get_json()
    assert coordinator.delete(f"{url}/{member['id']}", etag=etag).status_code == 412
    etag = _read(coordinator, plan_url)[0]
    assert coordinator.delete(f"{url}/{member['id']}", etag=etag).status_code == 204


def test_the_openapi_document_asks_if_match_for_team_changes(client):
    spec = client.get(f"{API}/openapi.json").get_json()
    for path, method in (
        ("/api/v1/plans/{plan_id}/team-members", "post"),
        ("/api/v1/plans/{plan_id}/team-members/{membership_id}", "delete"),
    ):
        operation = spec["paths"][path][method]
        assert "If-Match" in {p.get("name") for p in operation.get("parameters", [])}
        assert {"409", "412", "428"} <= set(operation["responses"])


def test_a_closed_plans_open_barrier_can_still_be_settled(setting, db_session):
    """Retention waits for a closed plan's open barriers, so they can still be resolved (or
    made structural); nothing else about them changes."""
    import pytest

    from maatwerk.barriers.operations import report_barrier, update_barrier
    from maatwerk.core.errors import Conflict
    from maatwerk.workflow import available_triggers

    barrier = report_barrier(
        setting.plan, category="rules", description="Regel", actor=setting.coordinator
    )
    close_open_plans(setting.household)
    offered = {o.trigger for o in available_triggers(barrier, setting.coordinator)}
    assert offered == {"resolve"}
    with pytest.raises(Conflict):
        fire_transition(barrier, "escalate", actor=setting.coordinator)
    with pytest.raises(Conflict):
        update_barrier(barrier, {"description": "Anders"}, actor=setting.coordinator)
    fire_transition(barrier, "resolve", actor=setting.coordinator, reason="Opgelost")
    assert barrier.status == "resolved"
