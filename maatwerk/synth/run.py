"""`synthesize()`: add N synthetic households to the configured database, batch by batch."""

from __future__ import annotations

import datetime as dt
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select

from maatwerk.audit.operations import sync_chain_head
from maatwerk.core.db import db
from maatwerk.households.models import Household
from maatwerk.synth.context import build_context
from maatwerk.synth.generate import Generator
from maatwerk.synth.load import loader_for
from maatwerk.synth.pipeline import batches
from maatwerk.synth.tables import COLUMNS


class RefusedInProduction(RuntimeError):
    """synth was asked to fill a production database without the explicit flag."""


@dataclass
class Summary:
    """What a run added, and how fast."""

    households: int
    backend: str
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def households_per_second(self) -> float:
        return self.households / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        """The summary as printed by `maatwerk synth`."""
        width = max(len(t) for t in self.rows)
        lines = [f"  {t:<{width}}  {n:>12,}" for t, n in self.rows.items()]
        lines.append(f"  {'total rows':<{width}}  {self.total_rows:>12,}")
        lines.append(
            f"{self.households:,} households on {self.backend} in {self.seconds:.1f} s: "
            f"{self.households_per_second:,.0f} households/s, "
            f"{self.total_rows / (self.seconds or 1):,.0f} rows/s"
        )
        return lines


BULK_FROM = 20_000  # households; fewer are loaded with every index and trigger in place


def synthesize(
    households: int,
    *,
    seed: int = 2024,
    batch_size: int = 5000,
    years: int = 4,
    today: dt.date | None = None,
    commit: bool = True,
    bulk: bool | None = None,
    parallel: bool | None = None,
    allow_production: bool = False,
    progress: Callable[[int, float], None] | None = None,
) -> Summary:
    """Add `households` synthetic households (with plans, work, history and audit trail).

    Additive: ids continue after the database's own, the audit chain continues from its
    head, and a second run adds more households. The same seed on the same database state
    gives the same data (dates are relative to `today`). The run is one transaction,
    committed at the end with commit=True (the CLI) and left to the caller otherwise
    (tests roll it back). It holds the audit chain lock while it runs; other writers of
    households should wait, as ids are allocated here. bulk (PostgreSQL, default: from
    20,000 households when that at least doubles the households) rebuilds indexes at the
    end and checks foreign keys set-wise instead of row by row. parallel (default on
    PostgreSQL for more than one batch) generates in a forked process while copying.
    """
    if current_app.config.get("ENV_NAME") == "production" and not allow_production:
        raise RefusedInProduction("synth does not fill a production database")
    started = time.perf_counter()
    context = build_context(households)
    db.session.flush()
    if bulk is None:
        existing = db.session.scalar(select(func.count()).select_from(Household)) or 0
        bulk = households >= BULK_FROM and households >= existing
    loader = loader_for(db.session.connection(), bulk=bulk)
    first_ids, chain = loader.begin()
    # Another run on a fuller database continues with other households, deterministically.
    mixed = zlib.crc32(f"{seed}:{first_ids['households']}".encode())
    generator = Generator(
        context, seed=mixed, today=today or dt.date.today(), years=years, first_ids=first_ids
    )
    if parallel is None:
        parallel = loader.text_copy and households > batch_size
    summary = Summary(households, db.session.get_bind().dialect.name)
    last_ids: dict[str, int] = {}
    done = 0
    for batch in batches(
        generator, chain, households, batch_size, as_text=loader.text_copy, parallel=parallel
    ):
        loader.write_batch(batch.data)
        for table, n in batch.counts.items():
            summary.rows[table] += n
        last_ids.update(batch.last_ids)
        done += batch.households
        if progress is not None:
            progress(done, time.perf_counter() - started)
    loader.finish(last_ids)
    sync_chain_head(db.session.connection())
    if commit:
        db.session.commit()
    summary.seconds = time.perf_counter() - started
    return summary
