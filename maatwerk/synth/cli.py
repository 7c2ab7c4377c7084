"""`maatwerk synth --households N`: fill the configured database with synthetic data."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from maatwerk.core.db import db


@click.command("synth")
@click.option("--households", type=click.IntRange(min=1), required=True, help="How many to add.")
@click.option("--seed", type=int, default=2024, show_default=True, help="Random seed.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=5000,
    show_default=True,
    help="Households generated and copied per round.",
)
@click.option(
    "--bulk/--no-bulk",
    default=None,
    help="PostgreSQL: rebuild indexes and check foreign keys set-wise "
    "(default: from 20,000 households that at least double the database).",
)
@click.option(
    "--years", type=click.IntRange(min=1, max=20), default=4, show_default=True,
    help="How far back referrals go.",
)  # fmt: skip
@click.option(
    "--allow-production",
    is_flag=True,
    help="Also with MAATWERK_ENV=production (never on a database with real families).",
)
@with_appcontext
def synth(
    households: int,
    seed: int,
    batch_size: int,
    years: int,
    bulk: bool | None,
    allow_production: bool,
) -> None:
    """Add synthetic households with plans, work, history and audit trail (additive)."""
    from maatwerk.synth.run import RefusedInProduction, synthesize

    def progress(done: int, seconds: float) -> None:
        click.echo(f"  {done:,} households, {seconds:.0f} s ({done / (seconds or 1):,.0f}/s)")

    try:
        summary = synthesize(
            households,
            seed=seed,
            batch_size=batch_size,
            years=years,
            bulk=bulk,
            allow_production=allow_production,
            progress=progress,
        )
    except RefusedInProduction as error:
        db.session.rollback()
        raise click.ClickException(f"{error}; pass --allow-production to do it anyway.") from None
    for line in summary.lines():
        click.echo(line)
