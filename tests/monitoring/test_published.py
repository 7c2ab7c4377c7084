"""The API's monitoring outputs are kept per process until the rollups change: the kept
body is the one a fresh request makes, a hit reads only the token and the refresh stamps,
and a refresh (by any process: it changes the stamps) shows the new figures at once."""

from __future__ import annotations

from maatwerk.monitoring import published
from maatwerk.monitoring.rollup import refresh
from tests.monitoring.conftest import TODAY, bearer
from tests.monitoring.world import World, populate

OVERVIEW = "/api/v1/monitoring/indicators?year=2024"
DETAIL = "/api/v1/monitoring/indicators/plans_started?year=2024"


def _plans_started(body: dict) -> float | None:
    goal = next(g for g in body["goals"] if g["code"] == "OD-08")
    return goal["indicators"][0]["series"][0]["current"]["value"]


def test_kept_outputs_are_the_fresh_ones_and_follow_each_refresh(app, db_session, count_queries):
    w = World()
    populate(w, [(w.v1, 12, 2024)])
    refresh([2023, 2024], today=TODAY)
    db_session.commit()
    client = app.test_client()
    headers = bearer(client, w.programme)
    published.clear()
    for url in (OVERVIEW, DETAIL):
        with count_queries() as made:
            fresh = client.get(url, headers=headers)
        with count_queries() as kept:
            again = client.get(url, headers=headers)
        assert fresh.status_code == again.status_code == 200
        assert again.get_data() == fresh.get_data()
        assert again.headers["Content-Type"] == fresh.headers["Content-Type"]
        assert "API-Version" in again.headers
        assert kept.count < made.count
        assert kept.count <= 4  # token, refresh stamps (and the transaction around them)
    assert _plans_started(client.get(OVERVIEW, headers=headers).get_json()) == 12

    populate(w, [(w.v1, 3, 2024)])
    db_session.commit()  # new plans: the kept figures stay those of the last refresh
    assert _plans_started(client.get(OVERVIEW, headers=headers).get_json()) == 12
    refresh([2024], today=TODAY)
    db_session.commit()
    assert _plans_started(client.get(OVERVIEW, headers=headers).get_json()) == 15


def test_other_filters_are_kept_apart(app, db_session):
    w = World()
    populate(w, [(w.v1, 12, 2024), (w.v2, 11, 2024)])
    refresh([2023, 2024], today=TODAY)
    db_session.commit()
    client = app.test_client()
    headers = bearer(client, w.programme)
    region = client.get(OVERVIEW, headers=headers).get_json()
    village = client.get(f"{OVERVIEW}&areaId={w.v1.id}", headers=headers).get_json()
    assert (_plans_started(region), _plans_started(village)) == (23, 12)
    assert client.get(OVERVIEW, headers=headers).get_json() == region
