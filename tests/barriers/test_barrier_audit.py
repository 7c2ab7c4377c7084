"""Every read and change of a barrier writes its audit event; the queue costs a fixed
number of queries however long it is."""

from __future__ import annotations

from maatwerk.audit.operations import verify_chain
from tests.api.test_audit_completeness import last_id, new_events
from tests.barriers.conftest import escalated, give_budget, report


def test_barrier_reads_and_changes_are_audited(d, as_user, db_session):
    coordinator, manager = as_user(d.s.coordinator), as_user(d.manager)
    give_budget(d.s.ggz, "500.00", d.manager)
    db_session.commit()

    def events_of(call, user):
        before = last_id(db_session)
        response = call()
        assert response.status_code < 300, response.get_json()
        events = new_events(db_session, before)
        assert {e.user_id for e in events} == {user.id}
        assert all(e.household_ids == [d.s.household.id] for e in events if e.object_id)
        return response, [(e.action.value, e.object_type, e.purpose) for e in events]

    created, events = events_of(lambda: report(coordinator, d), d.s.coordinator)
    assert events[0] == ("create", "plan", "care")
    url = created.headers["Location"]
    _, events = events_of(lambda: coordinator.get(url), d.s.coordinator)
    assert events == [("read", "barrier", "care")]
    _, events = events_of(lambda: coordinator.get(f"{url}/transitions"), d.s.coordinator)
    assert events == [("read", "barrier", "care")]
    etag = coordinator.get(url).headers["ETag"]
    _, events = events_of(
        lambda: coordinator.patch(url, json={"ruleConcerned": "Wlz"}, etag=etag), d.s.coordinator
    )
    assert events == [("update", "barrier", "care")]
    etag = coordinator.get(url).headers["ETag"]
    _, events = events_of(
        lambda: coordinator.post(f"{url}/transitions", json={"trigger": "escalate"}, etag=etag),
        d.s.coordinator,
    )
    assert events == [("execute", "barrier", "care")]
    _, events = events_of(lambda: manager.get("/api/v1/barriers"), d.manager)
    assert events == [("search", "barrier", "escalation")]
    etag = manager.get(url).headers["ETag"]
    _, events = events_of(
        lambda: manager.post(
            f"{url}/transitions",
            json={"trigger": "decide", "reason": "Akkoord", "amountGranted": "100.00"},
            etag=etag,
        ),
        d.manager,
    )
    assert events == [("execute", "barrier", "escalation")]
    budget_id = manager.get("/api/v1/flexible-budgets").get_json()["items"][0]["id"]
    _, events = events_of(
        lambda: manager.get(f"/api/v1/flexible-budgets/{budget_id}/grants"), d.manager
    )
    assert events == [("search", "budget_grant", "escalation")]
    assert verify_chain(db_session).ok


def count(count_queries, api, url):
    with count_queries() as counter:
        response = api.get(url)
    assert response.status_code == 200, response.get_json()
    return counter.count, response.get_json()


def test_the_queue_costs_the_same_for_1_or_20_barriers(d, as_user, count_queries, db_session):
    coordinator, manager = as_user(d.s.coordinator), as_user(d.manager)
    escalated(coordinator, d)
    small, page = count(count_queries, manager, "/api/v1/barriers?pageSize=100")
    assert page["totalCount"] == 1
    for n in range(19):
        escalated(coordinator, d, description=f"Knelpunt {n}", organisationIds=[d.s.ggz.id])
    large, page = count(count_queries, manager, "/api/v1/barriers?pageSize=100")
    assert page["totalCount"] == 20
    assert large == small
    team_small, _ = count(count_queries, coordinator, "/api/v1/barriers?pageSize=1")
    team_large, _ = count(count_queries, coordinator, "/api/v1/barriers?pageSize=100")
    assert team_small == team_large


def test_one_barrier_costs_a_fixed_number_of_queries(d, as_user, count_queries):
    coordinator = as_user(d.s.coordinator)
    first = escalated(coordinator, d)
    one, _ = count(count_queries, coordinator, f"/api/v1/barriers/{first}")
    for n in range(5):
        report(coordinator, d, description=f"Knelpunt {n}")
    assert count(count_queries, coordinator, f"/api/v1/barriers/{first}")[0] == one
