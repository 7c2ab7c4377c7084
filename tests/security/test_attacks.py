"""Attacks against the operations of the published OpenAPI document (loaded with
schemathesis), with several identities.

- A hand-written replay (not a schemathesis check; schemathesis' own
  `object_level_authorization` check runs in test_object_level_authorisation.py): every GET
  of an object that identity A may read (A's household data; the programme's sessions and
  budgets) is sent again as identity B (another family, a colleague of the coordinator who
  is not on the team, a professional of another organisation or whose consent was
  withdrawn, a manager the barrier was not escalated to). B gets exactly 404 (the check
  only looks for an equivalent body; 403 would reveal that the object exists), also for
  reads whose body does not carry the object's id, and B's lists do not contain A's objects.
- Ignored authentication: every operation without credentials, and with a made-up bearer
  token, answers 401 (the token exchange aside); schemathesis' own `ignored_auth` check runs
  on every read A may do.
"""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.specs.openapi.checks import ignored_auth

from tests.security.matrix import _id_name
from tests.security.world import PASSWORD, build_world

HOUSEHOLD_DATA = {"plans", "households", "goals", "actions", "barriers", "consents"}
PROGRAMME_DATA = {"case-reviews", "reflections", "flexible-budgets", "lessons"}
# owner -> (the resources the owner's objects live under, the identities that must not see them)
PAIRS = {
    "pro_team": (
        HOUSEHOLD_DATA,
        ("pro_colleague", "pro_other", "pro_withdrawn", "manager_other", "family_other"),
    ),
    "family": (HOUSEHOLD_DATA, ("family_other", "pro_colleague", "pro_other")),
    "programme": (PROGRAMME_DATA, ("pro_other", "family", "admin")),
}
# collection -> the world id of the owner's object that must not be listed for others
LISTS = {
    "/api/v1/plans": "plan_id",
    "/api/v1/households": "household_id",
    "/api/v1/barriers": "barrier_id",
    "/api/v1/case-reviews": "case_review_id",
    "/api/v1/flexible-budgets": "budget_id",
}
PUBLIC = {("POST", "/api/v1/auth/tokens")}


@pytest.fixture
def world(client, db_session):
    return build_world(client)


@pytest.fixture
def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) > 60
    return found


def bearer(client, user) -> dict[str, str]:
    response = client.post("/api/v1/auth/tokens", json={"login": user.login, "password": PASSWORD})
    assert response.status_code == 201, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def case_for(operation, world, **extra):
    parameters = {
        p.name: world.ids[_id_name(operation.path, p.name)] for p in operation.path_parameters
    }
    return operation.Case(path_parameters=parameters, **extra)


def test_objects_of_one_identity_are_hidden_from_another(client, world, operations):
    identities = {name for owner, (_, peers) in PAIRS.items() for name in (owner, *peers)}
    headers = {name: bearer(client, world.users[name]) for name in identities}
    checked, leaks = 0, []
    for operation in operations:
        if operation.method.upper() != "GET" or not list(operation.path_parameters):
            continue
        resource = operation.path.split("/")[3]
        for owner, (resources, peers) in PAIRS.items():
            if resource not in resources:
                continue
            case = case_for(operation, world)
            own = case.call(headers=headers[owner])
            if not 200 <= own.status_code < 300:
                continue
            checked += 1
            for peer in peers:
                other = case.call(headers=headers[peer])
                if other.status_code != 404:
                    leaks.append(
                        f"{peer} got {other.status_code} for {owner}'s {case.formatted_path}"
                    )
    assert checked >= 25, checked
    assert not leaks, "\n".join(leaks)


def _ids(body) -> list[int]:
    items = body["items"] if isinstance(body, dict) else body
    return [item["id"] for item in items]


def test_lists_of_another_identity_do_not_contain_the_objects(client, world):
    owner_of = {"case_review_id": "programme", "budget_id": "programme"}
    for path, key in LISTS.items():
        owner = owner_of.get(key, "pro_team")
        peers = PAIRS[owner][1]
        own = client.get(path, headers=bearer(client, world.users[owner]))
        assert own.status_code == 200
        assert world.ids[key] in _ids(own.get_json()), path
        for peer in peers:
            listed = client.get(path, headers=bearer(client, world.users[peer]))
            assert listed.status_code in (200, 403, 404), (path, peer)
            if listed.status_code == 200:
                assert world.ids[key] not in _ids(listed.get_json()), (
                    f"{peer} lists {owner}'s {path} {world.ids[key]}"
                )


def test_every_operation_needs_credentials(client, world, operations):
    owner = bearer(client, world.users["pro_team"])
    refused, probed = [], 0
    for operation in operations:
        method = operation.method.upper()
        case = case_for(operation, world)
        if (method, operation.path) in PUBLIC:
            continue
        for headers in ({}, {"Authorization": "Bearer made-up-token"}):
            response = case.call(headers=headers)
            if response.status_code != 401:
                refused.append(f"{method} {case.formatted_path} {headers}: {response.status_code}")
        if method == "GET":
            # schemathesis' own check: a read that succeeds with credentials must fail
            # without them and with invalid ones.
            response = case.call(headers=owner)
            if 200 <= response.status_code < 300:
                case.validate_response(response, checks=[ignored_auth], headers=owner)
                probed += 1
    assert probed >= 20, probed
    assert not refused, "\n".join(refused)


def test_the_spec_and_the_docs_are_public(client, db_session):
    for url in ("/api/v1/openapi.json", "/api/v1/docs"):
        assert client.get(url).status_code == 200
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]
    public = [op for op in operations if spec["paths"][op[1]][op[0].lower()].get("security") == []]
    assert set(public) <= PUBLIC
