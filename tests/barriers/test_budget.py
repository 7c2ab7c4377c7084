"""The flexible budget: who sets it, what it shows, and that a grant never exceeds it."""

from __future__ import annotations

from maatwerk.barriers.budget import this_year
from maatwerk.barriers.models import Barrier, BudgetGrant, FlexibleBudget
from tests.barriers.conftest import escalated, fire, give_budget


def create(api, organisation_id, amount="1000.00", year=None):
    return api.post(
        "/api/v1/flexible-budgets",
        json={
            "organisationId": organisation_id,
            "year": year or this_year(),
            "amountAvailable": amount,
        },
    )


def test_the_programme_or_the_organisations_manager_sets_the_budget(d, as_user):
    made = create(as_user(d.manager), d.s.ggz.id, "2500.50")
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert (body["amountAvailable"], body["amountGranted"], body["amountRemaining"]) == (
        "2500.50",
        "0.00",
        "2500.50",
    )
    assert made.headers["ETag"] == f'"flexible-budget-{body["id"]}-{body["version"]}"'
    assert create(as_user(d.programme), d.other_org.id).status_code == 201
    assert create(as_user(d.other_manager), d.s.ggz.id, year=2030).status_code == 403
    assert create(as_user(d.s.coordinator), d.s.ggz.id, year=2031).status_code == 403
    duplicate = create(as_user(d.colleague), d.s.ggz.id)
    assert duplicate.status_code == 409
    assert create(as_user(d.manager), d.s.ggz.id, "1.005").status_code == 400
    assert create(as_user(d.manager), d.s.ggz.id, "-1", year=2032).status_code == 400
    assert create(as_user(d.manager), d.s.ggz.id, year=1999).status_code == 400


def test_who_sees_which_budget(d, as_user):
    ggz = create(as_user(d.manager), d.s.ggz.id).get_json()["id"]
    other = create(as_user(d.other_manager), d.other_org.id).get_json()["id"]

    def listed(user, query=""):
        items = as_user(user).get(f"/api/v1/flexible-budgets{query}").get_json()["items"]
        return sorted(b["id"] for b in items)

    assert listed(d.manager) == [ggz]
    assert listed(d.programme) == sorted([ggz, other])
    assert listed(d.programme, f"?organisationId={d.other_org.id}") == [other]
    assert listed(d.programme, "?year=2001") == []
    assert listed(d.s.coordinator) == []
    assert as_user(d.other_manager).get(f"/api/v1/flexible-budgets/{ggz}").status_code == 404
    assert as_user(d.s.coordinator).get(f"/api/v1/flexible-budgets/{ggz}/grants").status_code == 404


def test_changing_the_amount_needs_if_match_and_never_goes_below_granted(d, as_user):
    manager = as_user(d.manager)
    made = create(manager, d.s.ggz.id, "300.00")
    url = made.headers["Location"]
    assert manager.patch(url, json={"amountAvailable": "400.00"}).status_code == 428
    assert manager.patch(url, json={"amountAvailable": "400.00"}, etag='"x"').status_code == 412
    changed = manager.patch(url, json={"amountAvailable": "400.00"}, etag=made.headers["ETag"])
    assert changed.status_code == 200 and changed.get_json()["amountAvailable"] == "400.00"
    barrier_id = escalated(as_user(d.s.coordinator), d)
    assert fire(manager, barrier_id, "decide", "Ja", amountGranted="350.00").status_code == 200
    current = manager.get(url)
    assert current.get_json()["amountGranted"] == "350.00"
    lower = manager.patch(url, json={"amountAvailable": "349.99"}, etag=current.headers["ETag"])
    assert lower.status_code == 409 and lower.get_json()["invalidParams"]
    other = as_user(d.other_manager).patch(url, json={"amountAvailable": "1.00"}, etag="*")
    assert other.status_code == 404


def test_a_grant_beyond_what_remains_is_a_409_and_changes_nothing(d, as_user, db_session):
    give_budget(d.s.ggz, "200.00", d.manager)
    db_session.commit()
    barrier_id = escalated(as_user(d.s.coordinator), d)
    refused = fire(as_user(d.manager), barrier_id, "decide", "Ja", amountGranted="200.01")
    assert refused.status_code == 409
    problem = refused.get_json()
    assert problem["detail"] == "Not enough flexible budget remains for this grant."
    assert problem["invalidParams"][0]["name"] == "amountGranted"
    assert "200,00" in problem["invalidParams"][0]["reason"]
    db_session.expire_all()
    assert db_session.get(Barrier, barrier_id).status == "escalated"
    assert db_session.query(BudgetGrant).count() == 0
    budget = db_session.query(FlexibleBudget).one()
    assert budget.granted_cents == 0
    exact = fire(as_user(d.colleague), barrier_id, "decide", "Ja", amountGranted="200.00")
    assert exact.status_code == 200


def test_no_budget_this_year_is_a_409(d, as_user):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    refused = fire(as_user(d.manager), barrier_id, "decide", "Ja", amountGranted="10.00")
    assert refused.status_code == 409
    assert refused.get_json()["detail"] == "Your organisation has no flexible budget for this year."


def test_the_ledger_ties_each_grant_to_its_barrier_and_the_plan_for_who_may_know(
    d, as_user, db_session
):
    give_budget(d.s.ggz, "1000.00", d.manager)
    db_session.commit()
    coordinator = as_user(d.s.coordinator)
    first, second = escalated(coordinator, d), escalated(coordinator, d)
    fire(as_user(d.manager), first, "decide", "Ja", amountGranted="100.00")
    fire(as_user(d.colleague), second, "decide", "Ja", amountGranted="150.25")
    budget_id = as_user(d.manager).get("/api/v1/flexible-budgets").get_json()["items"][0]["id"]
    url = f"/api/v1/flexible-budgets/{budget_id}/grants"
    ledger = as_user(d.manager).get(url).get_json()  # the GGZ has the family's consent
    assert [(g["barrierId"], g["planId"], g["amount"]) for g in ledger] == [
        (second, d.s.plan.id, "150.25"),
        (first, d.s.plan.id, "100.00"),
    ]
    # The programme works de-identified: the ledger does not say whose plan it was.
    ledger = as_user(d.programme).get(url).get_json()
    assert [(g["barrierId"], g["planId"]) for g in ledger] == [(second, None), (first, None)]
    budget = as_user(d.manager).get(f"/api/v1/flexible-budgets/{budget_id}").get_json()
    assert (budget["amountGranted"], budget["amountRemaining"]) == ("250.25", "749.75")


def test_erasing_a_plan_keeps_the_money_spent(d, as_user, db_session):
    """Retention erases closed plans: the ledger entry stays, without barrier and plan."""
    give_budget(d.s.ggz, "500.00", d.manager)
    db_session.commit()
    barrier_id = escalated(as_user(d.s.coordinator), d)
    fire(as_user(d.manager), barrier_id, "decide", "Ja", amountGranted="80.00")
    db_session.delete(d.s.plan)
    db_session.flush()
    db_session.expire_all()
    grant = db_session.query(BudgetGrant).one()
    assert (grant.barrier_id, grant.plan_id, grant.amount_cents) == (None, None, 8000)
    assert db_session.query(FlexibleBudget).one().granted_cents == 8000
