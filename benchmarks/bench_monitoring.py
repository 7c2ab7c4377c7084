"""Benchmark: programme monitoring at scale, against reading the same figures from the
pre-aggregated table, and the cost of keeping that table current.

Per size (MAATWERK_BENCH_SCALE_SIZES, default "14000,500000"; each its own database, see
benchmarks/scale.py: built once with the demo data and `maatwerk synth`, then reused):

- indicators through the API: GET /api/v1/monitoring/indicators (bearer token of the demo
  programme account `programma`, whole WSGI stack through the Flask test client, production
  configuration) against the floor: raw psycopg reading the same published cells from
  `monitoring_cells` (one prepared SELECT with the overview's own coordinates: the year and
  the year before, the region, all interventions, the domains the goals fix) in a read
  transaction (target <= 3x);
- the dashboard page GET /monitoring (browser session of `programma`; HTML with SVG charts)
  against the same floor: reported;
- the rollup refresh (`rollup.refresh` of this year and the last, what the nightly command
  and the dashboard's button run) against a floor that every recomputation from the source
  rows must pay: one sequential read of every table the indicators read
  (`SELECT count(*)` each, the rows visible to the refresh's snapshot): reported, with the
  source rows per second. The rollups are not maintained on write, so a write pays nothing
  for them (figures are as of the last refresh: the nightly command, or the button).

    .venv/bin/python benchmarks/bench_monitoring.py      # or: make bench
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # puts the project root on sys.path
from scale import ensure_scale_database, sizes_from_env

LOGIN, PASSWORD = "programma", "maatwerk-demo"
TARGET = 3.0
SIZES = "14000,500000"
# The tables the indicators' facts read (maatwerk/monitoring/facts*.py).
SOURCE_TABLES = (
    "households",
    "plans",
    "goals",
    "actions",
    "action_goals",
    "action_organisations",
    "team_memberships",
    "barriers",
    "outcome_scores",
    "experience_surveys",
    "survey_answers",
    "transition_events",
    "case_packs",
    "case_review_sessions",
    "case_review_participants",
    "lessons",
    "users",
)
FLOOR_SQL = (
    "SELECT indicator, series, year, households, numerator, denominator"
    " FROM monitoring_cells WHERE year = ANY(%(years)s) AND area_scope = 'total'"
    " AND area_id = 0 AND intervention_id = 0 AND domain = ANY(%(domains)s)"
)


def make_app(url: str):
    """The production configuration on a scale database (no MFA for the token, no CSRF
    token for the benchmark's login form)."""
    from config import ProductionConfig
    from maatwerk import create_app

    return create_app(
        ProductionConfig,
        {
            "SQLALCHEMY_DATABASE_URI": common.sqlalchemy_url(url),
            "SECRET_KEY": "benchmark-only-" + "x" * 32,
            "MFA_REQUIRED_ROLES": (),
            "WTF_CSRF_ENABLED": False,
        },
    )


def overview_domains() -> list[str]:
    """The domains the overview reads: all ("") and those the goals fix."""
    from maatwerk.monitoring.registry import GOAL_INDICATORS

    fixed = {r.domain.value for refs in GOAL_INDICATORS.values() for r in refs if r.domain}
    return sorted({"", *fixed})


def api_client(app):
    client = app.test_client()
    response = client.post("/api/v1/auth/tokens", json={"login": LOGIN, "password": PASSWORD})
    if response.status_code != 201:
        sys.exit(f"Cannot log in as {LOGIN}: {response.status_code} (demo data missing?)")
    return client, {"Authorization": "Bearer " + response.get_json()["token"]}


def page_client(app):
    client = app.test_client()
    response = client.post(
        "/login", data={"login": LOGIN, "password": PASSWORD}, base_url="https://localhost"
    )
    if response.status_code != 302:
        sys.exit(f"Cannot log in to the pages as {LOGIN}: {response.status_code}")
    return client


def source_rows(conn) -> int:
    return sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in SOURCE_TABLES)


def bench_size(
    households: int, *, iterations: int = 100, rounds: int = 7, with_refresh: bool = True
) -> list[common.Result]:
    """The monitoring pairs on the scale database of this size."""
    import psycopg

    from maatwerk.core.db import db
    from maatwerk.monitoring.rollup import default_years, refresh

    url = ensure_scale_database(households)
    app = make_app(url)
    client, headers = api_client(app)
    pages = page_client(app)
    api_url = "/api/v1/monitoring/indicators"
    first = client.get(api_url, headers=headers)
    assert first.status_code == 200, first.status_code
    year = first.get_json()["year"]
    params = {"years": [year, year - 1], "domains": overview_domains()}
    figures = sum(2 * len(i["series"]) for g in first.get_json()["goals"] for i in g["indicators"])

    def api() -> None:
        response = client.get(api_url, headers=headers)
        assert response.status_code == 200, response.status_code

    def dashboard() -> None:
        response = pages.get("/monitoring", base_url="https://localhost")
        assert response.status_code == 200, response.status_code

    results = []
    with psycopg.connect(url, prepare_threshold=0) as conn:

        def floor() -> None:
            with conn.transaction():
                conn.execute(FLOOR_SQL, params).fetchall()

        cells = len(conn.execute(FLOOR_SQL, params).fetchall())
        conn.commit()
        common_args = {"households": households, "iterations": iterations, "rounds": rounds}
        result = common.paired(
            "monitoring indicators GET /api/v1/monitoring/indicators",
            api,
            floor,
            floor_name="raw SELECT of the same cells",
            target=TARGET,
            **common_args,
        )
        result.extra |= {"cells_read_by_floor": cells, "figures_in_response": figures}
        results.append(result)
        results.append(
            common.paired(
                "monitoring dashboard GET /monitoring",
                dashboard,
                floor,
                floor_name="raw SELECT of the same cells",
                **common_args,
            )
        )
        if with_refresh:
            results.append(bench_refresh(app, conn, households, refresh, default_years, db))
    client.delete("/api/v1/auth/tokens/current", headers=headers)
    return results


def bench_refresh(app, conn, households: int, refresh, default_years, db) -> common.Result:
    """refresh(this year and the last) against one sequential read of its source tables;
    rounds of one each, interleaved (a refresh takes seconds at 500,000 households)."""
    rows = source_rows(conn)
    conn.commit()

    def floor() -> None:
        with conn.transaction():
            source_rows(conn)

    def subject() -> None:
        with app.app_context():
            refresh(default_years())
            db.session.commit()

    result = common.paired(
        "monitoring rollup refresh (this year and the last)",
        subject,
        floor,
        floor_name="one sequential read of every source table",
        iterations=1,
        rounds=3,
        warmup=1,
        households=households,
    )
    result.extra |= {
        "source_rows": rows,
        "source_rows_per_second": rows / result.subject_seconds,
        "note": "reported: a refresh's cost grows with the facts of the years it rebuilds",
    }
    return result


def main() -> int:
    results = []
    for households in sizes_from_env("MAATWERK_BENCH_SCALE_SIZES", SIZES):
        started = time.perf_counter()
        results += bench_size(households)
        print(f"  ({households:,} households: {time.perf_counter() - started:.0f} s)", flush=True)
    return 0 if common.report(results, file_name="monitoring.json") else 1


if __name__ == "__main__":
    sys.exit(main())
