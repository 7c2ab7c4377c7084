"""Property-based run of the published OpenAPI document against the app (schemathesis).

Generated requests, valid and invalid, for every operation: no server error, and every
response (status, content type, headers, body) conforms to the spec. Runs as a signed-in
coordinator so that requests reach the handlers instead of stopping at 401.
"""

from __future__ import annotations

import schemathesis
from flask import request_finished
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import ApiClient
from tests.plans.flow import make_setting

EXAMPLES = 10


def test_api_conforms_to_its_spec(app, db_session, client):
    setting = make_setting()
    db_session.commit()
    headers = ApiClient(client, setting.coordinator.login).headers
    statuses: list[int] = []

    def record(sender, response, **extra):
        statuses.append(response.status_code)

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    request_finished.connect(record, app)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            case.call_and_validate(headers=headers)

        try:
            check()
        except Exception as error:  # collect every operation's failure, then report all
            failures.append(f"{operation.label}: {type(error).__name__}: {error}"[:1500])
    request_finished.disconnect(record, app)
    assert not failures, "\n\n".join(failures)
    # The run reached the handlers: successes and refusals, never a server error.
    assert len(statuses) >= len(operations) * 2
    assert any(200 <= s < 300 for s in statuses) and any(400 <= s < 500 for s in statuses)
    assert not [s for s in statuses if s >= 500]
