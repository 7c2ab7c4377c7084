"""Who sees a barrier, and how much of its plan (DESIGN §3): 404 for everyone else."""

from __future__ import annotations

from maatwerk.accounts.operations import create_user
from maatwerk.core.enums import PlanRole, Role
from maatwerk.plans.models import TeamMembership
from tests.api.helpers import denied_events
from tests.barriers.conftest import PASSWORD, escalated, fire, report


def test_a_manager_of_another_organisation_sees_nothing(d, as_user, db_session):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    other = as_user(d.other_manager)
    url = f"/api/v1/barriers/{barrier_id}"
    assert other.get("/api/v1/barriers").get_json() == {
        "items": [],
        "page": 1,
        "pageSize": 25,
        "totalCount": 0,
    }
    for response in (
        other.get(url),
        other.get(f"{url}/transitions"),
        other.post(f"{url}/transitions", json={"trigger": "decide", "reason": "Ja"}, etag="*"),
        other.patch(url, json={"description": "x"}, etag="*"),
    ):
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
    assert denied_events(db_session, d.other_manager) == [
        ("read", "barrier"),
        ("read", "barrier"),
        ("execute", "barrier"),
        ("update", "barrier"),
    ]
    assert as_user(d.s.coordinator).get(url).get_json()["status"] == "escalated"


def test_the_manager_sees_only_the_context_to_decide_not_the_plan(d, as_user):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    manager = as_user(d.manager)
    assert manager.get(f"/api/v1/plans/{d.s.plan.id}").status_code == 404
    assert manager.get(f"/api/v1/plans/{d.s.plan.id}/goals").status_code == 404
    assert manager.get(f"/api/v1/actions/{d.action.id}").status_code == 404
    body = manager.get(f"/api/v1/barriers/{barrier_id}").get_json()
    assert body["view"] == "manager"
    context = body["context"]
    assert context["householdReference"] == d.s.household.reference
    assert context["municipality"] == d.s.household.area.name
    # The texts without the family's names (the action reads "... voor Anna").
    assert context["action"]["description"] == "Behandeling bij de GGZ voor [naam]"
    assert {o["id"] for o in context["teamOrganisations"]} == {d.s.municipality.id, d.s.ggz.id}
    assert set(context) == {
        "householdReference",
        "municipality",
        "action",
        "teamOrganisations",
        "identified",
        "planClosed",
    }
    assert context["identified"] is True
    assert "goals" not in body and "team" not in body


def _nothing_points_at_the_family(body: dict) -> None:
    context = body["context"]
    assert body["view"] == "manager"
    assert body["planId"] is None and body["actionId"] is None
    assert context["identified"] is False
    assert context["householdReference"] is None and context["teamOrganisations"] == []
    assert context["action"]["id"] is None and context["action"]["leadOrganisation"] is None
    assert context["action"]["description"] == "Behandeling bij de GGZ voor [naam]"


def test_a_manager_without_the_households_consent_decides_without_its_identity(
    d, as_user, login, db_session
):
    """Escalated to an organisation the family gave no consent: the manager decides on the
    scrubbed barrier, without the household reference, the plan or its team."""
    coordinator = as_user(d.s.coordinator)
    other_org = d.other_manager.organisation_id
    barrier_id = escalated(coordinator, d, organisationIds=[other_org])
    manager = as_user(d.other_manager)
    _nothing_points_at_the_family(manager.get(f"/api/v1/barriers/{barrier_id}").get_json())
    listed = manager.get("/api/v1/barriers").get_json()["items"]
    assert [b["id"] for b in listed] == [barrier_id]
    _nothing_points_at_the_family(listed[0])
    page = login(d.other_manager).get(f"/knelpunten/{barrier_id}").get_data(as_text=True)
    assert d.s.household.reference not in page
    assert "not given your organisation consent" in page or "geen toestemming" in page
    queue = login(d.other_manager).get("/knelpunten").get_data(as_text=True)
    assert d.s.household.reference not in queue
    # It can still decide.
    decided = fire(manager, barrier_id, "decide", reason="Uitzondering toegestaan")
    assert decided.status_code == 200, decided.get_json()


def test_withdrawing_consent_hides_the_family_from_the_manager_at_the_next_request(
    d, as_user, db_session
):
    from maatwerk.core.enums import ConsentPurpose
    from maatwerk.households.operations import withdraw_consent

    barrier_id = escalated(as_user(d.s.coordinator), d)
    manager = as_user(d.manager)
    assert manager.get(f"/api/v1/barriers/{barrier_id}").get_json()["context"]["identified"]
    consent = next(
        c
        for c in d.s.household.consents
        if c.organisation_id == d.s.ggz.id and c.purpose is ConsentPurpose.PLAN_SHARING
    )
    withdraw_consent(consent, actor=d.s.family)
    db_session.commit()
    _nothing_points_at_the_family(manager.get(f"/api/v1/barriers/{barrier_id}").get_json())


def test_the_manager_reads_the_barrier_scrubbed_on_the_page_and_in_the_api(d, as_user, login):
    """A manager outside the team reads no names, phone numbers or BSN; the team does."""
    text = "Anna Test (06-12345678, BSN 111222333) wacht veertien weken"
    coordinator = as_user(d.s.coordinator)
    barrier_id = escalated(coordinator, d, description=text, proposedSolution="Bel Anna Test")
    identifying = ("Anna", "Test", "12345678", "111222333")
    body = as_user(d.manager).get(f"/api/v1/barriers/{barrier_id}").get_json()
    assert body["view"] == "manager"
    for field in ("description", "proposedSolution"):
        assert not any(word in body[field] for word in identifying), body[field]
    listed = as_user(d.manager).get("/api/v1/barriers").get_json()["items"][0]
    assert not any(word in listed["description"] for word in identifying)
    page = login(d.manager).get(f"/knelpunten/{barrier_id}").get_data(as_text=True)
    assert "06-12345678" not in page and "111222333" not in page and "Anna Test" not in page
    queue = login(d.manager).get("/knelpunten").get_data(as_text=True)
    assert "06-12345678" not in queue and "111222333" not in queue
    # The start page's queue ("waiting for a decision") reads the same scrubbed texts.
    home = login(d.manager).get("/").get_data(as_text=True)
    assert "wacht veertien weken" in home and "[telefoon]" in home
    assert not any(word in home for word in ("12345678", "111222333", "Anna Test", "Bel Anna"))
    assert coordinator.get(f"/api/v1/barriers/{barrier_id}").get_json()["description"] == text


def test_a_manager_on_the_team_sees_the_plan(d, as_user, db_session):
    # Teams are built of professionals; a manager who is on one (older data) sees the plan.
    db_session.add(TeamMembership(plan=d.s.plan, user=d.manager, plan_role=PlanRole.MEMBER))
    db_session.commit()
    assert as_user(d.manager).get(f"/api/v1/plans/{d.s.plan.id}").status_code == 200


def test_before_escalation_the_named_managers_see_nothing(d, as_user):
    barrier_id = report(as_user(d.s.coordinator), d).get_json()["id"]
    manager = as_user(d.manager)
    assert manager.get(f"/api/v1/barriers/{barrier_id}").status_code == 404
    assert manager.get("/api/v1/barriers").get_json()["totalCount"] == 0


def test_only_a_manager_of_an_escalated_organisation_decides(d, as_user):
    coordinator = as_user(d.s.coordinator)
    barrier_id = escalated(coordinator, d)
    refused = fire(coordinator, barrier_id, "decide", "Zelf beslissen")
    assert refused.status_code == 403 and refused.get_json()["refusal"] == "role"
    family = as_user(d.s.family)
    assert family.get(f"/api/v1/barriers/{barrier_id}").get_json()["view"] == "plan"
    assert fire(family, barrier_id, "decide", "Ja").status_code == 403


def test_outsiders_and_roles_without_household_access_get_404(d, as_user, db_session):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    admin = create_user(
        login="admin-barrier", display_name="Beheer", role=Role.ADMIN, password=PASSWORD
    )
    db_session.commit()
    for user in (d.s.outsider, d.programme, admin):
        api = as_user(user)
        assert api.get(f"/api/v1/barriers/{barrier_id}").status_code == 404, user.role
        assert api.get("/api/v1/barriers").get_json()["totalCount"] == 0
        assert (
            api.post(
                f"/api/v1/plans/{d.s.plan.id}/barriers",
                json={"category": "rules", "description": "Inbraak"},
            ).status_code
            == 404
        )


def test_the_programme_sees_structural_barriers_without_household_or_names(d, as_user):
    barrier_id = escalated(as_user(d.s.coordinator), d)
    fire(as_user(d.manager), barrier_id, "make_structural", "Regionaal probleem voor Anna")
    body = as_user(d.programme).get(f"/api/v1/barriers/{barrier_id}").get_json()
    assert body["view"] == "programme"
    assert body["planId"] is None and body["actionId"] is None and body["reportedBy"] is None
    assert body["context"]["householdReference"] is None and body["context"]["action"] is None
    assert body["context"]["municipality"] == d.s.household.area.name
    assert body["context"]["planClosed"] is None  # nothing about the family's plan
    text = str(body)
    assert "Anna" not in text and "Test" not in text and d.s.household.reference not in text
    assert "[naam]" in body["description"]
    queue = as_user(d.programme).get("/api/v1/barriers").get_json()
    assert [b["id"] for b in queue["items"]] == [barrier_id]
    # Filtering on a plan would tell which plan the barrier belongs to: no barrier matches.
    by_plan = as_user(d.programme).get(f"/api/v1/barriers?planId={d.s.plan.id}").get_json()
    assert by_plan["items"] == [] and by_plan["totalCount"] == 0


def test_a_plan_filter_does_not_identify_a_barrier_for_a_manager_without_consent(d, as_user):
    barrier_id = escalated(
        as_user(d.s.coordinator), d, organisationIds=[d.other_manager.organisation_id]
    )
    manager = as_user(d.other_manager)
    assert [b["id"] for b in manager.get("/api/v1/barriers").get_json()["items"]] == [barrier_id]
    by_plan = manager.get(f"/api/v1/barriers?planId={d.s.plan.id}").get_json()
    assert by_plan["items"] == []
    # A manager whose organisation holds the consent is shown the plan anyway: it matches.
    other = escalated(as_user(d.s.coordinator), d)
    shown = as_user(d.manager).get(f"/api/v1/barriers?planId={d.s.plan.id}").get_json()
    assert other in [b["id"] for b in shown["items"]]


def test_withdrawn_consent_hides_the_barrier_from_the_team(d, as_user, db_session):
    from maatwerk.households.operations import withdraw_consent

    barrier_id = report(as_user(d.s.coordinator), d).get_json()["id"]
    consent = next(c for c in d.s.household.consents if c.organisation_id == d.s.ggz.id)
    withdraw_consent(consent, actor=d.s.family)
    db_session.commit()
    assert as_user(d.s.member).get(f"/api/v1/barriers/{barrier_id}").status_code == 404
