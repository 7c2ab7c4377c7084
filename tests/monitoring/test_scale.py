"""The dashboard and the API read only the rollups: the same number of queries at 5 and at
50 households."""

from __future__ import annotations

from maatwerk.monitoring.rollup import refresh
from tests.monitoring.conftest import TODAY, bearer, login
from tests.monitoring.world import World, populate


def _counts(app, db_session, count_queries, households: int) -> dict[str, int]:
    w = World()
    populate(w, [(w.v1, households, 2024)])
    refresh([2023, 2024], today=TODAY)
    db_session.commit()
    page = login(app, w.programme)
    api = app.test_client()
    headers = bearer(api, w.programme)
    counts = {}
    for name, call in {
        "dashboard": lambda: page.get("/monitoring?year=2024"),
        "indicator": lambda: page.get("/monitoring/indicatoren/plans_started?year=2024"),
        "api": lambda: api.get("/api/v1/monitoring/indicators?year=2024", headers=headers),
        "api_detail": lambda: api.get(
            "/api/v1/monitoring/indicators/score_change?year=2024", headers=headers
        ),
        "csv": lambda: page.get("/monitoring/export.csv?year=2024"),
    }.items():
        with count_queries() as counter:
            response = call()
        assert response.status_code == 200, name
        counts[name] = counter.count
    return counts


def test_query_counts_do_not_grow_with_households(app, db_session, count_queries):
    small = _counts(app, db_session, count_queries, 5)
    large = _counts(app, db_session, count_queries, 50)
    assert small == large
    assert max(small.values()) <= 15
