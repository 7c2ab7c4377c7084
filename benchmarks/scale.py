"""Scale databases for the benchmarks: one PostgreSQL database per size, the demo data plus
`maatwerk synth` up to exactly N households, with the monitoring rollups refreshed.

`maatwerk_bench` (the demo data, benchmarks/prepare.py) stays as it is: other benchmarks
use it. A scale database is `<MAATWERK_BENCH_SCALE_DATABASE_URL>_<N>` (default
`maatwerk_bench_scale_14000` ...), built once and reused while it holds N households; the
build's synth output (seconds, rows per table) is kept in benchmarks/results/.

    .venv/bin/python benchmarks/scale.py 14000 500000   # build (or check) these sizes
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from common import RESULTS_DIR, ensure_database, psycopg_url

BIN = Path(sys.executable).parent
SCALE_DATABASE_URL = os.environ.get(
    "MAATWERK_BENCH_SCALE_DATABASE_URL",
    "postgresql://postgres@127.0.0.1:5432/maatwerk_bench_scale",
)


def sizes_from_env(name: str, default: str) -> list[int]:
    """Household counts from an environment variable: "14000,500000"."""
    return [int(s.replace("_", "")) for s in os.environ.get(name, default).split(",") if s.strip()]


def scale_url(households: int) -> str:
    """The scale database of this size (psycopg URL)."""
    return f"{psycopg_url(SCALE_DATABASE_URL)}_{households}"


def count_households(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        exists = conn.execute("SELECT to_regclass('households')").fetchone()[0]
        if exists is None:
            return 0
        return conn.execute("SELECT count(*) FROM households").fetchone()[0]


def _maatwerk(url: str, *args: str, **env: str) -> str:
    """Run the maatwerk CLI on a database; its output."""
    environment = os.environ | {"DATABASE_URL": url, "MAATWERK_ENV": "development"} | env
    done = subprocess.run(
        [str(BIN / "maatwerk"), *args], env=environment, check=True, capture_output=True, text=True
    )
    return done.stdout


def parse_synth(output: str) -> dict[str, object]:
    """Rows per table and the summary line of `maatwerk synth`."""
    rows = {}
    for match in re.finditer(r"^  (\w[\w ]*?)\s{2,}([\d,]+)$", output, re.M):
        rows[match.group(1)] = int(match.group(2).replace(",", ""))
    summary = re.search(r"in ([\d.]+) s: ([\d,]+) households/s, ([\d,]+) rows/s", output)
    result: dict[str, object] = {"rows": rows}
    if summary:
        result["seconds"] = float(summary.group(1))
        result["households_per_second"] = int(summary.group(2).replace(",", ""))
        result["rows_per_second"] = int(summary.group(3).replace(",", ""))
    return result


def ensure_scale_database(households: int, *, quiet: bool = False) -> str:
    """The URL of a database with the demo data and exactly `households` households
    (synth adds what is missing; a fuller database is refused, never emptied)."""
    url = scale_url(households)
    ensure_database(url)
    _maatwerk(url, "db", "upgrade")
    have = count_households(url)
    if have == households:
        return url
    if have > households:
        sys.exit(f"{url} holds {have:,} households, more than {households:,}: drop it first.")
    if not quiet:
        print(f"building {url}: {households:,} households (have {have:,})", flush=True)
    if have == 0:
        _maatwerk(url, "demo", MAATWERK_DEMO_DATA="1")
        have = count_households(url)
    record: dict[str, object] = {"database": url.rpartition("/")[2], "start_households": have}
    started = time.perf_counter()
    output = _maatwerk(url, "synth", "--households", str(households - have))
    record["wall_seconds"] = time.perf_counter() - started
    record |= parse_synth(output)
    started = time.perf_counter()
    _maatwerk(url, "monitoring", "refresh", "--all")
    record["refresh_all_seconds"] = time.perf_counter() - started
    record["households"] = count_households(url)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"synth-{households}.json").write_text(json.dumps(record, indent=2) + "\n")
    if not quiet:
        print(output, flush=True)
        print(f"  monitoring refresh --all: {record['refresh_all_seconds']:.1f} s", flush=True)
    return url


if __name__ == "__main__":
    for size in [int(a.replace("_", "")) for a in sys.argv[1:]] or [14_000]:
        print(ensure_scale_database(size))
