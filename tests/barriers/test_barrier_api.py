"""The barrier workflow over the API: report (blocking the action), escalate, decide with a
grant, the action resumes; the team solves it itself; structural and back."""

from __future__ import annotations

from maatwerk.barriers.models import BudgetGrant
from tests.barriers.conftest import escalated, fire, give_budget, report


def test_report_escalate_decide_grant_and_the_action_resumes(d, as_user, db_session):
    coordinator, manager = as_user(d.s.coordinator), as_user(d.manager)
    give_budget(d.s.ggz, "1000.00", d.manager)
    db_session.commit()
    created = report(coordinator, d)
    body = created.get_json()
    assert created.headers["ETag"] == f'"barrier-{body["id"]}-{body["version"]}"'
    assert created.headers["Location"].endswith(f"/api/v1/barriers/{body['id']}")
    assert body["status"] == "reported" and body["view"] == "plan"
    assert [o["id"] for o in body["escalatedTo"]] == [d.s.ggz.id]
    action_url = f"/api/v1/actions/{d.action.id}"
    assert coordinator.get(action_url).get_json()["status"] == "blocked"
    resume = {o["trigger"]: o for o in coordinator.get(f"{action_url}/transitions").get_json()}[
        "resume"
    ]
    assert not resume["allowed"] and resume["refusal"]["guard"] == "no_open_barrier"

    assert fire(coordinator, body["id"], "escalate").get_json()["status"] == "escalated"
    queue = manager.get("/api/v1/barriers").get_json()
    assert [b["id"] for b in queue["items"]] == [body["id"]] and queue["totalCount"] == 1
    options = {
        o["trigger"]: o["allowed"]
        for o in manager.get(f"/api/v1/barriers/{body['id']}/transitions").get_json()
    }
    assert options == {"decide": True, "make_structural": True}

    decided = fire(
        manager, body["id"], "decide", "Eenmalig extra gezinswerk", amountGranted="250.00"
    )
    assert decided.status_code == 200, decided.get_json()
    result = decided.get_json()
    assert result["status"] == "resolved" and result["decision"] == "Eenmalig extra gezinswerk"
    assert result["amountGranted"] == "250.00"
    assert result["decidedBy"]["id"] == d.manager.id
    grant = db_session.query(BudgetGrant).filter_by(barrier_id=body["id"]).one()
    assert (grant.plan_id, grant.amount_cents) == (d.s.plan.id, 25000)

    budgets = manager.get("/api/v1/flexible-budgets").get_json()["items"]
    assert [(b["amountGranted"], b["amountRemaining"]) for b in budgets] == [("250.00", "750.00")]

    # DESIGN §5.4: the action's last open barrier resolved, it is in progress again.
    assert coordinator.get(action_url).get_json()["status"] == "in_progress"

    summaries = [
        h["summary"] for h in coordinator.get(f"/api/v1/plans/{d.s.plan.id}/history").get_json()
    ]
    # The resumption is part of the decision (its effect), recorded in the same transaction.
    assert summaries[:5] == [
        "barrier:grant",
        "barrier:decide",
        "action:resume",
        "barrier:escalate",
        "action:block",
    ]


def test_a_decision_without_money_and_without_budget(d, as_user):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    decided = fire(as_user(d.manager), barrier_id, "decide", "Voorrang op de wachtlijst")
    assert decided.status_code == 200
    assert decided.get_json()["amountGranted"] is None


def test_the_team_solves_it_itself(d, as_user):
    coordinator = as_user(d.s.coordinator)
    barrier_id = report(coordinator, d, organisationIds=[]).get_json()["id"]
    refused = fire(coordinator, barrier_id, "escalate")
    assert refused.status_code == 409
    assert refused.get_json()["guard"] == "has_escalation_targets"
    assert fire(coordinator, barrier_id, "resolve").status_code == 400  # reason required
    resolved = fire(coordinator, barrier_id, "resolve", "Opgelost met de huisarts")
    assert resolved.get_json()["status"] == "resolved"
    assert resolved.get_json()["decision"] is None


def test_escalate_names_the_organisations_then(d, as_user):
    coordinator = as_user(d.s.coordinator)
    barrier_id = report(coordinator, d, organisationIds=[]).get_json()["id"]
    response = fire(coordinator, barrier_id, "escalate", organisationIds=[d.s.municipality.id])
    assert response.status_code == 200
    assert [o["id"] for o in response.get_json()["escalatedTo"]] == [d.s.municipality.id]


def test_structural_and_resolved_by_the_programme(d, as_user):
    coordinator, programme = as_user(d.s.coordinator), as_user(d.programme)
    barrier_id = escalated(coordinator, d)
    assert programme.get(f"/api/v1/barriers/{barrier_id}").status_code == 404
    made = fire(as_user(d.manager), barrier_id, "make_structural", "Speelt in de hele regio")
    assert made.get_json()["status"] == "structural" and made.get_json()["structural"]
    seen = programme.get(f"/api/v1/barriers/{barrier_id}")
    assert seen.status_code == 200 and seen.get_json()["view"] == "programme"
    assert fire(coordinator, barrier_id, "resolve_structural", "x").status_code == 403
    done = fire(programme, barrier_id, "resolve_structural", "Regeling aangepast")
    assert done.status_code == 200 and done.get_json()["status"] == "resolved"


def test_report_without_blocking_and_patch_while_reported(d, as_user):
    coordinator = as_user(d.s.coordinator)
    created = report(coordinator, d, blockAction=False)
    assert coordinator.get(f"/api/v1/actions/{d.action.id}").get_json()["status"] == "in_progress"
    url = created.headers["Location"]
    patched = coordinator.patch(
        url,
        json={"ruleConcerned": "Zorgverzekeringswet", "organisationIds": [d.s.municipality.id]},
        etag=created.headers["ETag"],
    )
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["ruleConcerned"] == "Zorgverzekeringswet"
    assert fire(coordinator, created.get_json()["id"], "escalate").status_code == 200
    etag = coordinator.get(url).headers["ETag"]
    late = coordinator.patch(url, json={"description": "Anders"}, etag=etag)
    assert late.status_code == 409


def test_changes_need_the_current_etag(d, as_user):
    coordinator = as_user(d.s.coordinator)
    created = report(coordinator, d)
    url = f"{created.headers['Location']}/transitions"
    missing = coordinator.post(url, json={"trigger": "escalate"})
    assert missing.status_code == 428
    stale = coordinator.post(url, json={"trigger": "escalate"}, etag='"barrier-1-999"')
    assert (
        stale.status_code == 412 and stale.get_json()["current"]["id"] == created.get_json()["id"]
    )
    ok = coordinator.post(url, json={"trigger": "escalate"}, etag=created.headers["ETag"])
    assert ok.status_code == 200


def test_the_action_resumes_only_when_its_last_open_barrier_is_resolved(d, as_user):
    coordinator = as_user(d.s.coordinator)
    action_url = f"/api/v1/actions/{d.action.id}"
    first = report(coordinator, d, organisationIds=[]).get_json()["id"]
    second = report(coordinator, d, organisationIds=[], category="rules").get_json()["id"]
    assert coordinator.get(action_url).get_json()["status"] == "blocked"
    assert fire(coordinator, first, "resolve", "Zelf opgelost").status_code == 200
    assert coordinator.get(action_url).get_json()["status"] == "blocked"  # one still open
    assert fire(coordinator, second, "resolve", "Ook opgelost").status_code == 200
    assert coordinator.get(action_url).get_json()["status"] == "in_progress"
