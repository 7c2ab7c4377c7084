"""`maatwerk monitoring refresh`: rebuild the rollups (run it nightly, e.g. from cron)."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from maatwerk.core.db import db


@click.group("monitoring")
def monitoring() -> None:
    """Programme monitoring."""


@monitoring.command("refresh")
@click.option("--year", "years", type=int, multiple=True, help="A year to rebuild (repeatable).")
@click.option("--all", "all_years", is_flag=True, help="Every year since the first plan.")
@with_appcontext
def refresh_command(years: tuple[int, ...], all_years: bool) -> None:
    """Rebuild the rollups: by default this year and the previous one."""
    from maatwerk.monitoring.rollup import default_years, refresh, years_with_data

    chosen = years_with_data() if all_years else list(years) or default_years()
    started = time.monotonic()
    stored = refresh(chosen)
    db.session.commit()
    for year, cells in stored.items():
        click.echo(f"{year}: {cells} cells published")
    click.echo(f"Refreshed in {time.monotonic() - started:.1f} s.")
