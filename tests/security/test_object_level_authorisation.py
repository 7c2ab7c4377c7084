"""schemathesis' own object-level authorisation check (`object_level_authorization`, BOLA)
against the published OpenAPI document, with several identities.

The check works on a stateful scenario: an identity (the owner) creates an object, then
reads it; the check replays that read as every other identity named as a peer, and fails
when a peer gets an equivalent object (it also asks the anonymous user and the peer's lists,
so that public or shared objects do not count). Here each scenario is run step by step as
the schemathesis engine would: the owner's cases carry the owner's identity (an
`EscalatingAuthProvider` pinned to the owner, one bearer token per identity), every case
and response goes into a `ScenarioRecorder` with the creating request as the parent of the
read, and the check runs on every read through `Case.validate_response`.

The check only sees equivalent bodies; that a hidden object answers 404 (not 403) is the
replay's job in test_attacks.py and the matrix's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from schemathesis.auths import AuthContext
from schemathesis.core.failures import FailureGroup
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.generation import GenerationMode
from schemathesis.generation.meta import (
    CaseMetadata,
    GenerationInfo,
    PhaseInfo,
    TestPhase,
    build_phase_data,
)
from schemathesis.specs.openapi.checks import object_level_authorization
from schemathesis.specs.openapi.extra_data_source import referenced_by
from schemathesis.specs.openapi.object_authorization import value_paths
from schemathesis.wfc.escalation import EscalatingAuthProvider

from tests.security.test_attacks import bearer
from tests.security.world import ROLES, World, build_world

API = "/api/v1"
# Reads that answer no JSON: the check compares JSON bodies, so it cannot judge them.
NOT_JSON = {"GET /api/v1/plans/{plan_id}/pdf", "GET /api/v1/case-reviews/{session_id}/handout"}
# Which created object a path parameter names.
PARAMETERS = {
    "household_id": "household",
    "plan_id": "plan",
    "goal_id": "goal",
    "action_id": "action",
    "barrier_id": "barrier",
    "consent_id": "consent",
    "member_id": "member",
    "budget_id": "budget",
}


@dataclass
class Step:
    """A request of the owner that creates an object (its answer's `id` is stored as `creates`)."""

    label: str
    creates: str
    path: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)


def _goal(plan: str) -> Step:
    body = {"domain": "social", "title": "Meer vrienden"}
    return Step("POST /api/v1/plans/{plan_id}/goals", "goal", {"plan_id": plan}, body)


def _member(household: str) -> Step:
    body = {"givenName": "Kim", "position": "other_adult"}  # old enough to give consent
    return Step(
        "POST /api/v1/households/{household_id}/members",
        "member",
        {"household_id": household},
        body,
    )


def _consent(household: str, organisation: str, given_by: str) -> Step:
    body = {"organisationId": organisation, "purpose": "plan_sharing", "givenByMemberId": given_by}
    return Step(
        "POST /api/v1/households/{household_id}/consents",
        "consent",
        {"household_id": household},
        body,
    )


NEW_HOUSEHOLD = {
    "reference": "HH-OLA-1",
    "areaId": "<area_id>",
    "members": [{"givenName": "Piet", "position": "parent"}],
    "consents": [
        {"organisationId": "<organisation_id>", "purpose": "plan_sharing", "givenByMemberIndex": 0}
    ],
}
# owner -> (what the owner creates, the identities that must not see any of it)
SCENARIOS: dict[str, tuple[list[Step], tuple[str, ...]]] = {
    # The coordinator takes on a new household: plan, goal, action, barrier, member, consent.
    "pro_team": (
        [
            # The intake starts the household's one open plan (the answer lists it).
            Step("POST /api/v1/households", "household", body=NEW_HOUSEHOLD),
            _goal("<plan>"),
            Step(
                "POST /api/v1/plans/{plan_id}/actions",
                "action",
                {"plan_id": "<plan>"},
                {"description": "Samen bellen", "carrier": "family"},
            ),
            Step(
                "POST /api/v1/plans/{plan_id}/barriers",
                "barrier",
                {"plan_id": "<plan>"},
                {"category": "rules", "description": "Een regel"},
            ),
            _member("<household>"),
            _consent("<household>", "<ggz_id>", "<member>"),
        ],
        tuple(role for role in ROLES if role not in ("pro_team", "anonymous")),
    ),
    # Each family adds its own goal, a member and a consent to its own file.
    "family": (
        [
            _goal("<plan_id>"),
            _member("<household_id>"),
            _consent("<household_id>", "<outsider_organisation_id>", "<family_member_id>"),
        ],
        ("family_other", "pro_colleague", "pro_other", "pro_withdrawn", "manager_other"),
    ),
    "family_other": (
        [
            _goal("<b_plan_id>"),
            _member("<b_household_id>"),
            _consent("<b_household_id>", "<outsider_organisation_id>", "<b_member_id>"),
        ],
        ("family", "pro_team", "pro_colleague", "pro_other", "manager"),
    ),
    "programme": (
        [
            Step(
                "POST /api/v1/flexible-budgets",
                "budget",
                body={"organisationId": "<ggz_id>", "year": "<year>", "amountAvailable": "250.00"},
            ),
            Step("POST /api/v1/case-reviews", "case_review", body={"title": "Nieuwe bespreking"}),
            Step(
                "POST /api/v1/reflections",
                "reflection",
                body={"year": "<year>", "group": "managers"},
            ),
        ],
        ("family", "pro_team", "manager_other", "expert", "admin"),
    ),
}
# How many of the owner's reads the check judges at least (the object, or a list of what
# belongs to it): households, members, consents, plans, goals, actions, barriers; budgets,
# case reviews, reflections.
JUDGED = {"pro_team": 11, "family": 2, "family_other": 2, "programme": 3}


class Token:
    """One identity's bearer token as a schemathesis auth provider."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.value = headers["Authorization"]

    def get(self, case, context) -> str:
        return self.value

    def set(self, case, data: str, context) -> None:
        case.headers["Authorization"] = data


def _meta() -> CaseMetadata:
    """What the engine attaches to a case of a stateful run (the check needs it)."""
    return CaseMetadata(
        generation=GenerationInfo(time=0.0, mode=GenerationMode.POSITIVE),
        components={},
        phase=PhaseInfo(
            name=TestPhase.STATEFUL,
            data=build_phase_data(TestPhase.STATEFUL, "object-level authorisation"),
        ),
    )


class Scenario:
    """One owner's requests, recorded as a stateful run of schemathesis records them."""

    def __init__(self, schema, provider: EscalatingAuthProvider, world: World) -> None:
        self.schema = schema
        self.provider = provider
        self.recorder = ScenarioRecorder(label="object-level authorisation")
        self.values: dict[str, Any] = dict(world.ids)
        self.parents: dict[str, Any] = {}  # created name -> the case that created it

    def case(self, label: str, path: dict[str, str], body: Any = None, parent=None):
        operation = self.schema.find_operation_by_label(label)
        assert operation is not None, label
        kwargs = {"body": self._fill(body)} if body is not None else {}
        case = operation.Case(path_parameters=self._fill(path), _meta=_meta(), **kwargs)
        context = AuthContext(operation=operation, app=operation.app)
        self.provider.set(case, self.provider.get(case, context), context)
        self.recorder.record_case(case=case, parent_id=parent.id if parent else None)
        response = case.call()
        self.recorder.record_response(case_id=case.id, response=response)
        return case, response

    def create(self, step: Step) -> None:
        """Run the step; again while the new id is also a value the request named (the
        check would take the id for a reference, not for the created object)."""
        for attempt in range(3):
            # A new year per attempt: a budget and a reflection are one per year.
            self.values["year"] = dt.date.today().year + 1 + attempt
            case, response = self.case(step.label, step.path, step.body)
            assert response.status_code == 201, (step.label, response.json())
            value = response.json()["id"]
            if str(value) not in referenced_by(case):
                self.values[step.creates] = value
                self.parents[step.creates] = case
                if step.creates == "household":
                    (plan_id,) = response.json()["planIds"]
                    self.values["plan"], self.parents["plan"] = plan_id, case
                return
        raise AssertionError(f"{step.label} kept answering ids it was given")

    def _fill(self, template: Any) -> Any:
        if isinstance(template, dict):
            return {k: self._fill(v) for k, v in template.items()}
        if isinstance(template, list):
            return [self._fill(v) for v in template]
        if isinstance(template, str) and template.startswith("<") and template.endswith(">"):
            return self.values[template[1:-1]]
        return template


def _reads_of_created(schema, created: set[str]) -> list[tuple[Any, dict[str, str], str]]:
    """Every GET whose path parameters all name created objects, with the created object
    of its last parameter (the read's parent in the scenario)."""
    reads = []
    for result in schema.get_all_operations():
        operation = result.ok()
        names = [p.name for p in operation.path_parameters]
        if operation.method.upper() != "GET" or not names or operation.label in NOT_JSON:
            continue
        objects = [_created_name(operation.path, name) for name in names]
        if all(o in created for o in objects):
            reads.append(
                (operation, {n: f"<{o}>" for n, o in zip(names, objects, strict=True)}, objects[-1])
            )
    return reads


def _created_name(path: str, parameter: str) -> str:
    if "/operational-goals/" in path:
        return "operational_goal"
    if parameter == "session_id":
        return "reflection" if "/reflections/" in path else "case_review"
    return PARAMETERS.get(parameter, parameter)


@pytest.fixture
def world(client, db_session):
    w = build_world(client)
    w.ids |= {
        "ggz_id": w.a.ggz.id,
        "b_plan_id": w.b.plan.id,
        "b_household_id": w.b.household.id,
        "b_member_id": w.b.household.members[0].id,
    }
    return w


def _names_the_object(body: Any, value: Any) -> bool:
    """The body is the object (its `id`) or a list of what belongs to it (`...Id`); an id
    that only happens to equal another number (a version, a count) does not count."""
    return any(
        path == ("id",) or (len(path) == 2 and str(path[1]).endswith("Id"))
        for path in value_paths(body, value)
    )


def run_scenario(app, client, world: World, owner: str, steps, peers) -> int:
    """The owner's steps, then every read of what they created, each judged by the check
    (FailureGroup when a peer gets the owner's object); the number of reads judged."""
    names = [owner, *peers]
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", app)
    provider = EscalatingAuthProvider(
        [Token(bearer(client, world.users[name])) for name in names],
        names,
        peers=tuple(names),
        pinned=owner,
    )
    schema.auth.providers.append(provider)
    scenario = Scenario(schema, provider, world)
    for step in steps:
        scenario.create(step)
    unprobed, judged = [], 0
    for operation, path, parent_name in _reads_of_created(schema, set(scenario.parents)):
        parent = scenario.parents[parent_name]
        case, response = scenario.case(operation.label, path, parent=parent)
        assert 200 <= response.status_code < 300, (owner, case.formatted_path, response.status_code)
        case.validate_response(
            response, checks=[object_level_authorization], recorder=scenario.recorder
        )
        if not _names_the_object(response.json(), scenario.values[parent_name]):
            # The check judges a read by the object's id in its body; a read without it
            # (transitions, an empty list) is left to the replay in test_attacks.py.
            continue
        judged += 1
        probed = {
            node.value.auth_identity
            for node in scenario.recorder.cases.values()
            if node.parent_id == case.id
        }
        # The check must really have replayed the read as every peer (it skips silently
        # when it cannot tell the owner's object from a reference).
        if missing := set(peers) - probed:
            unprobed.append(f"{operation.label}: not replayed as {sorted(missing)}")
    assert not unprobed, "\n".join(unprobed)
    return judged


@pytest.mark.parametrize("owner", sorted(SCENARIOS))
def test_no_identity_reads_what_another_created(app, client, world, owner):
    steps, peers = SCENARIOS[owner]
    assert run_scenario(app, client, world, owner, steps, peers) >= JUDGED[owner]


def test_the_check_fails_when_a_peer_gets_the_object(app, client, world):
    """The same run with a peer that may see the object (the coordinator of the family's
    plan sees the family's own goal): schemathesis reports it."""
    steps = SCENARIOS["family"][0][:1]
    with pytest.raises(FailureGroup) as failures:
        run_scenario(app, client, world, "family", steps, ("pro_other", "pro_team"))
    assert "`pro_team` received the" in str(failures.value.exceptions[0])
