"""Shared parts of the benchmarks: the benchmark database, side-by-side timing against a
floor, and the printed report.

Every figure is a ratio: the subject (what Maatwerk does) against a floor (the least any
implementation must do for the same result: raw SQL with psycopg, a bare reportlab canvas, a
minimal WSGI app ...), measured interleaved in the same run, because this machine's absolute
times drift two- to fourfold from run to run.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The benchmark database (PostgreSQL; created when missing, filled by `maatwerk synth`).
BENCH_DATABASE_URL = os.environ.get(
    "MAATWERK_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/maatwerk_bench"
)
RESULTS_DIR = ROOT / "benchmarks" / "results"


def sqlalchemy_url(url: str = BENCH_DATABASE_URL) -> str:
    """The URL for SQLAlchemy (psycopg 3 driver)."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def psycopg_url(url: str = BENCH_DATABASE_URL) -> str:
    """The URL for psycopg itself."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def ensure_database(url: str = BENCH_DATABASE_URL) -> None:
    """Create the benchmark database when it does not exist (on the same server)."""
    import psycopg

    base, _, name = psycopg_url(url).rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Result:
    """One benchmark pair: seconds per operation of the floor and the subject, and the
    median of the per-round ratios."""

    name: str
    floor: str
    subject_seconds: float
    floor_seconds: float
    ratio: float
    target: float | None = None  # the ratio must stay at or below this (None: reported only)
    higher_is_better: bool = False  # throughput: the ratio must stay at or above the target
    households: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        if self.target is None:
            return True
        return self.ratio >= self.target if self.higher_is_better else self.ratio <= self.target

    def line(self) -> str:
        unit = "of the floor" if self.higher_is_better else "x the floor"
        target = ""
        if self.target is not None:
            sign = "≥" if self.higher_is_better else "≤"
            target = f"  target {sign} {self.target:g}  {'OK' if self.ok else 'MISSED'}"
        size = f" @ {self.households:,} households" if self.households else ""
        return (
            f"{self.name}{size}: {self.ratio:.2f} {unit} "
            f"({self.subject_seconds * 1e3:.3f} ms vs {self.floor_seconds * 1e3:.3f} ms "
            f"{self.floor}){target}"
        )


def paired(
    name: str,
    subject: Callable[[], object],
    floor: Callable[[], object],
    *,
    floor_name: str,
    iterations: int = 200,
    rounds: int = 7,
    warmup: int = 20,
    target: float | None = None,
    households: int | None = None,
) -> Result:
    """Time `subject` and `floor` interleaved (floor, subject, floor, subject ... per round)
    and return the median per-round ratio subject / floor."""
    for _ in range(warmup):
        floor()
        subject()
    ratios, subject_times, floor_times = [], [], []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(iterations):
            floor()
        floor_time = (time.perf_counter() - started) / iterations
        started = time.perf_counter()
        for _ in range(iterations):
            subject()
        subject_time = (time.perf_counter() - started) / iterations
        ratios.append(subject_time / floor_time)
        subject_times.append(subject_time)
        floor_times.append(floor_time)
    return Result(
        name=name,
        floor=floor_name,
        subject_seconds=statistics.median(subject_times),
        floor_seconds=statistics.median(floor_times),
        ratio=statistics.median(ratios),
        target=target,
        households=households,
    )


def report(results: list[Result], *, file_name: str | None = None) -> bool:
    """Print every result; write them as JSON under benchmarks/results/; True when all
    targets hold."""
    for result in results:
        print(result.line(), flush=True)
    if file_name:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        payload = [asdict(r) | {"ok": r.ok} for r in results]
        (RESULTS_DIR / file_name).write_text(json.dumps(payload, indent=2) + "\n")
    return all(r.ok for r in results)
