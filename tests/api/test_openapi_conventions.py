"""The published OpenAPI document follows the NLGov API Design Rules."""

from __future__ import annotations

import re

import jsonschema_rs
import pytest

SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
SEGMENT = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*|\{[a-z_]+\}|[a-z]+\.svg)$")
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")


@pytest.fixture(scope="module")
def spec(app):
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["API-Version"] == response.get_json()["info"]["version"]
    return response.get_json()


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation, item.get("parameters", [])


def resolve(spec, obj):
    while isinstance(obj, dict) and "$ref" in obj:
        node = spec
        for part in obj["$ref"].lstrip("#/").split("/"):
            node = node[part]
        obj = node
    return obj


def test_info(spec):
    contact = spec["info"]["contact"]
    assert contact["name"] and contact["url"].startswith("https://") and "@" in contact["email"]
    assert SEMVER.match(spec["info"]["version"])
    assert spec["openapi"].startswith("3.")


def test_paths_are_kebab_case_without_trailing_slash(spec):
    assert spec["paths"]
    for path in spec["paths"]:
        assert path.startswith("/api/v1/"), path
        assert not path.endswith("/"), path
        for segment in path.split("/")[3:]:
            assert SEGMENT.match(segment), (path, segment)


def test_query_parameters_and_properties_are_lower_camel_case(spec):
    for path, _method, operation, shared in operations(spec):
        for parameter in [*operation.get("parameters", []), *shared]:
            parameter = resolve(spec, parameter)
            if parameter["in"] == "query":
                assert CAMEL.match(parameter["name"]), (path, parameter["name"])
    for name, schema in spec["components"]["schemas"].items():
        for prop in schema.get("properties", {}):
            assert CAMEL.match(prop), (name, prop)


def test_every_response_documents_api_version_and_errors_are_problems(spec):
    for path, method, operation, _ in operations(spec):
        for status, response in operation["responses"].items():
            response = resolve(spec, response)
            assert "API-Version" in response.get("headers", {}), (path, method, status)
            if status == "default" or int(status) >= 400:
                assert list(response["content"]) == ["application/problem+json"], (path, status)


def test_operations_with_input_document_400(spec):
    # Path ids are typed in the route: a malformed id is simply a resource that is not there.
    for path, method, operation, _ in operations(spec):
        query = [p for p in operation.get("parameters", []) if resolve(spec, p)["in"] == "query"]
        if "requestBody" in operation or query:
            assert "400" in operation["responses"], (path, method)


def test_conditional_changes_document_if_match(spec):
    for path, method, operation, _ in operations(spec):
        if method in ("put", "patch") or (
            method == "post" and path.endswith(("/transitions", "/withdrawal"))
        ):
            names = {resolve(spec, p)["name"] for p in operation.get("parameters", [])}
            assert "If-Match" in names, (path, method)
            assert {"412", "428"} <= set(operation["responses"]), (path, method)


def test_dates_and_times_are_typed(spec):
    for name, schema in spec["components"]["schemas"].items():
        for prop, definition in schema.get("properties", {}).items():
            if prop.endswith("At") or prop == "changedSince":
                assert definition.get("format") == "date-time", (name, prop)
            if prop.endswith(("On", "Date")) or prop == "validUntil":
                assert definition.get("format") == "date", (name, prop)


def test_every_response_carries_api_version_and_problems(client):
    for url in ("/api/v1/plans", "/api/v1/no-such-thing", "/api/v1/openapi.json"):
        response = client.get(url)
        assert response.headers["API-Version"] == "1.0.0", url
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.mimetype == "application/problem+json"
    assert missing.get_json()["status"] == 404
    assert client.get("/api/v1/plans").status_code == 401


def test_interactive_docs_are_served_locally(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html
    for asset in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert client.get(asset).status_code == 200, asset


def _string_properties(spec):
    for name, schema in spec["components"]["schemas"].items():
        for prop, definition in schema.get("properties", {}).items():
            yield f"{name}.{prop}", definition
    for path, method, operation, _shared in operations(spec):
        for parameter in operation.get("parameters", []):
            parameter = resolve(spec, parameter)
            if parameter.get("in") == "query":
                yield f"{method.upper()} {path}?{parameter['name']}", parameter["schema"]


def test_free_text_says_it_holds_no_nul(spec):
    """The API refuses NUL in any text (400): every free-text string in the spec says so,
    so a generated request with NUL is not a valid one."""
    free_text = [
        (where, d)
        for where, d in _string_properties(spec)
        if d.get("type") == "string" and not {"format", "enum"} & d.keys()
    ]
    assert len(free_text) > 50
    missing = [where for where, d in free_text if "pattern" not in d]
    assert not missing, missing
    for where, definition in free_text:
        pattern = re.compile(definition["pattern"])
        assert pattern.search("a\x00b") is None, where
        if definition["pattern"] == r"^[^\u0000]*$":
            assert pattern.search("Gewoon geld geven — 50 €") is not None


def test_every_pattern_reads_alike_in_other_regex_dialects(spec):
    """A pattern a validator cannot read is dropped by it: schemathesis (jsonschema-rs, Rust's
    regex engine) then generated text with NUL as valid data. Every pattern in the document
    compiles there and means the same as in Python."""
    patterns = {d["pattern"] for _where, d in _string_properties(spec) if "pattern" in d}
    assert patterns
    for pattern in patterns:
        try:
            validator = jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
        except jsonschema_rs.ValidationError as error:
            pytest.fail(f"{pattern!r} is not a pattern jsonschema-rs reads: {error}")
        for sample in ("a\x00b", "Gewoon geld geven — 50 € 😊", "", " ", "K-0001"):
            expected = re.search(pattern, sample) is not None
            assert validator.is_valid(sample) is expected, (pattern, sample)


def test_survey_answers_name_their_statements_and_take_no_other_key(spec):
    from maatwerk.monitoring.statements import BY_KEY

    answers = spec["components"]["schemas"]["SurveyCreate"]["properties"]["answers"]
    assert set(answers["properties"]) == set(BY_KEY)
    assert answers["additionalProperties"] is False
    assert (answers["minProperties"], answers["maxProperties"]) == (1, 50)


def test_the_schemas_answered_without_an_etag_exist(spec):
    """api/core.py UNVERSIONED names component schemas: a renamed one would slip out of it."""
    from api.core import UNVERSIONED

    assert set(spec["components"]["schemas"]) >= UNVERSIONED
