"""Growth chart: how each benchmark pair's cost grows from 1,000 to 500,000 households.

For every size (MAATWERK_GROWTH_SIZES, default "1000,14000,100000,500000") the scale
database of that size (benchmarks/scale.py: the demo data plus `maatwerk synth`, built when
missing, reused after) is measured in a fresh process that points the other benchmarks at
it (MAATWERK_BENCH_DATABASE_URL): plan read, goal update and transition from bench_api,
the plan PDF from bench_pdf, the monitoring indicators and dashboard from bench_monitoring,
with fewer iterations and rounds than `make bench` (each still floor and subject
interleaved, the median ratio of the rounds). The figures go to
benchmarks/results/growth.json (a run over some sizes keeps the other sizes' rows there,
each row with the time it was taken), the chart to docs/performance-growth.svg
(benchmarks/growth_chart.py), a Markdown table to stdout.

    .venv/bin/python benchmarks/growth.py            # all sizes, then the chart
    .venv/bin/python benchmarks/growth.py --chart    # the chart from growth.json only
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # puts the project root on sys.path
from scale import count_households, ensure_scale_database, sizes_from_env

GROWTH_JSON = common.RESULTS_DIR / "growth.json"
ITERATIONS, ROUNDS = 50, 5


def _reduced(paired):
    """common.paired with at most ITERATIONS per round and ROUNDS rounds."""

    def wrapper(*args, **kwargs):
        kwargs["iterations"] = min(kwargs.get("iterations", 200), ITERATIONS)
        kwargs["rounds"] = min(kwargs.get("rounds", 7), ROUNDS)
        kwargs["warmup"] = min(kwargs.get("warmup", 20), 5)
        return paired(*args, **kwargs)

    return wrapper


def measure_api() -> list[common.Result]:
    import bench_api
    import psycopg

    bench_api.paired = _reduced(bench_api.paired)
    api = bench_api.Api(bench_api.make_app())
    read_plan, active_plan = bench_api.pick_plans(api)
    with psycopg.connect(common.psycopg_url()) as conn:
        return [
            *bench_api.bench_plan_read(api, conn, read_plan),
            bench_api.bench_goal_update(api, conn),
            bench_api.bench_transition(api, conn, active_plan),
        ]


def measure_pdf() -> list[common.Result]:
    """The plan PDF through the route (token, load, audit row, commit, render) against the
    bare canvas of bench_pdf; render-only costs do not depend on the database."""
    import bench_pdf
    from sqlalchemy import select

    from maatwerk.accounts.models import User
    from maatwerk.core.db import db
    from maatwerk.plans.models import Plan

    app = bench_pdf._app()
    client = app.test_client()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.login == bench_pdf.LOGIN))
        plan_id = db.session.scalar(
            select(Plan.id).where(Plan.household_id == user.household_id).order_by(Plan.id)
        )
    response = client.post(
        "/api/v1/auth/tokens", json={"login": bench_pdf.LOGIN, "password": bench_pdf.PASSWORD}
    )
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    path = f"/api/v1/plans/{plan_id}/pdf"

    def route() -> bytes:
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, answer.status_code
        return answer.data

    pages = bench_pdf.extract_pages(route())

    def floor() -> bytes:
        return bench_pdf.floor_pdf(pages, "Plan")

    bench_pdf.ROUNDS = ROUNDS
    result = bench_pdf._paired("plan PDF GET /plans/{id}/pdf", route, floor)
    client.delete("/api/v1/auth/tokens/current", headers=headers)
    return [result]


def measure_monitoring(households: int) -> list[common.Result]:
    import bench_monitoring

    return bench_monitoring.bench_size(
        households, iterations=ITERATIONS, rounds=ROUNDS, with_refresh=False
    )


def measure_one(households: int) -> list[dict]:
    """Every pair on this size's database (run in a child process, see main)."""
    results = [*measure_api(), *measure_pdf(), *measure_monitoring(households)]
    for result in results:
        result.households = households
        print(result.line(), file=sys.stderr, flush=True)
    return [
        {
            "name": r.name,
            "floor": r.floor,
            "households": households,
            "subject_ms": r.subject_seconds * 1e3,
            "floor_ms": r.floor_seconds * 1e3,
            "ratio": r.ratio,
            "target": r.target,
        }
        for r in results
    ]


def table(rows: list[dict]) -> str:
    """Markdown: a row per pair, per size 'ms (ratio)'."""
    sizes = sorted({r["households"] for r in rows})
    names = list(dict.fromkeys(r["name"] for r in rows))
    by = {(r["name"], r["households"]): r for r in rows}
    head = "| pair | " + " | ".join(f"{s:,}" for s in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]
    for name in names:
        cells = []
        for size in sizes:
            r = by.get((name, size))
            cells.append(f"{r['subject_ms']:.1f} ms ({r['ratio']:.1f}x)" if r else "")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    from growth_chart import write_chart

    if "--one" in sys.argv:
        households = int(sys.argv[sys.argv.index("--one") + 1])
        print(json.dumps(measure_one(households)))
        return
    if "--chart" not in sys.argv:
        rows, machine = [], {"cores": os.cpu_count(), "load_before": {}}
        for households in sizes_from_env("MAATWERK_GROWTH_SIZES", "1000,14000,100000,500000"):
            url = ensure_scale_database(households)
            assert count_households(url) == households
            machine["load_before"][households] = os.getloadavg()[0]
            started = time.perf_counter()
            env = os.environ | {"MAATWERK_BENCH_DATABASE_URL": url}
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(households)],
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            rows += json.loads(done.stdout.strip().splitlines()[-1])
            print(f"  {households:,}: {time.perf_counter() - started:.0f} s", flush=True)
        common.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        taken_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        for row in rows:
            row["taken_at"] = taken_at
        measured = {r["households"] for r in rows}
        if GROWTH_JSON.exists():  # keep the sizes this run did not measure
            earlier = json.loads(GROWTH_JSON.read_text())
            rows = [r for r in earlier["rows"] if r["households"] not in measured] + rows
            machine["load_before"] = earlier["machine"].get("load_before", {}) | {
                str(k): v for k, v in machine["load_before"].items()
            }
        rows.sort(key=lambda r: r["households"])
        payload = {"taken_at": taken_at, "machine": machine, "rows": rows}
        GROWTH_JSON.write_text(json.dumps(payload, indent=2) + "\n")
    payload = json.loads(GROWTH_JSON.read_text())
    write_chart(payload["rows"], common.ROOT / "docs" / "performance-growth.svg")
    print(table(payload["rows"]))


if __name__ == "__main__":
    main()
