"""Prepare the benchmark database: create it, migrate it, and load the demo data when it
has no accounts yet (`maatwerk synth` adds households for the scale benchmarks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from common import BENCH_DATABASE_URL, ensure_database, psycopg_url

BIN = Path(sys.executable).parent


def main() -> None:
    import psycopg

    ensure_database()
    env = os.environ | {"DATABASE_URL": psycopg_url(BENCH_DATABASE_URL)}
    maatwerk = str(BIN / "maatwerk")
    subprocess.run([maatwerk, "db", "upgrade"], env=env, check=True, capture_output=True)
    with psycopg.connect(psycopg_url()) as conn:
        accounts = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    if not accounts:
        env["MAATWERK_DEMO_DATA"] = "1"
        subprocess.run([maatwerk, "demo"], env=env, check=True)
        subprocess.run([maatwerk, "monitoring", "refresh", "--all"], env=env, check=True)
    print(f"benchmark database ready ({accounts or 'demo'} accounts)")


if __name__ == "__main__":
    main()
