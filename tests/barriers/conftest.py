"""A plan with a running action, managers of the team's and of another organisation, the
programme, and helpers to take a barrier through its workflow over the API."""

from __future__ import annotations

import decimal
import itertools
from dataclasses import dataclass

import pytest

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.barriers.budget import set_budget, this_year
from maatwerk.core.enums import Carrier, Domain, Role, Sector
from maatwerk.goals.models import Action
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.workflow import fire_transition
from tests.api.conftest import ApiClient
from tests.plans.flow import Setting, make_setting

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


@dataclass
class Doorbraak:
    """Everyone around one barrier."""

    s: Setting
    action: Action
    manager: User  # manager of the GGZ (a team organisation)
    colleague: User  # a second GGZ manager
    other_manager: User  # manager of an organisation the barrier never reaches
    other_org: Organisation
    programme: User


def account(role: Role, organisation: Organisation | None, name: str) -> User:
    n = next(_counter)
    return create_user(
        login=f"{role.value}-b{n}",
        display_name=f"{name} {n}",
        role=role,
        password=PASSWORD,
        organisation=organisation,
        email=f"{role.value}{n}@example.org",
    )


def make_doorbraak() -> Doorbraak:
    s = make_setting()
    s.coordinator.email = "regisseur@example.org"
    goal = add_goal(s.plan, domain=Domain.MENTAL, title="Rust in huis", actor=s.family)
    action = add_action(
        s.plan,
        description="Behandeling bij de GGZ voor Anna",
        carrier=Carrier.PROFESSIONAL,
        actor=s.coordinator,
        goals=[goal],
        lead_organisation=s.ggz,
        assigned_user=s.member,
    )
    fire_transition(action, "agree", actor=s.family)
    fire_transition(action, "start", actor=s.coordinator)
    other_org = create_organisation(f"Zorgorganisatie {next(_counter)}", Sector.CARE)
    return Doorbraak(
        s=s,
        action=action,
        manager=account(Role.MANAGER, s.ggz, "Manager GGZ"),
        colleague=account(Role.MANAGER, s.ggz, "Collega GGZ"),
        other_manager=account(Role.MANAGER, other_org, "Manager elders"),
        other_org=other_org,
        programme=account(Role.PROGRAMME, None, "Programma"),
    )


@pytest.fixture
def d(db_session) -> Doorbraak:
    made = make_doorbraak()
    db_session.commit()
    return made


@pytest.fixture
def as_user(client):
    return lambda user: ApiClient(client, user.login)


def give_budget(organisation: Organisation, euros: str, actor: User) -> None:
    set_budget(organisation, this_year(), decimal.Decimal(euros), actor=actor)


def report(api: ApiClient, d: Doorbraak, **extra):
    """Report a barrier on the running action, to be decided by the GGZ."""
    body = {
        "category": "waiting_list",
        "description": "Wachtlijst van veertien weken voor Anna Test",
        "ruleConcerned": "Wachtlijst specialistische GGZ",
        "proposedSolution": "Gezinswerker verlengen tot de behandeling begint.",
        "actionId": d.action.id,
        "organisationIds": [d.s.ggz.id],
        **extra,
    }
    response = api.post(f"/api/v1/plans/{d.s.plan.id}/barriers", json=body)
    assert response.status_code == 201, response.get_json()
    return response


def fire(api: ApiClient, barrier_id: int, trigger: str, reason: str | None = None, **extra):
    """GET the barrier for its ETag, then fire the trigger."""
    etag = api.get(f"/api/v1/barriers/{barrier_id}").headers.get("ETag")
    body = {"trigger": trigger, **extra}
    if reason is not None:
        body["reason"] = reason
    return api.post(f"/api/v1/barriers/{barrier_id}/transitions", json=body, etag=etag)


def escalated(api_coordinator: ApiClient, d: Doorbraak, **extra) -> int:
    """A barrier escalated to the GGZ; its id."""
    barrier_id = report(api_coordinator, d, **extra).get_json()["id"]
    response = fire(api_coordinator, barrier_id, "escalate")
    assert response.status_code == 200, response.get_json()
    return barrier_id


@pytest.fixture
def login(app, db_session):
    """login(user) -> a test client with a browser session for that user."""

    def _login(user):
        browser = app.test_client()
        response = browser.post("/login", data={"login": user.login, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return browser

    return _login
