"""`maatwerk retention run` and `maatwerk backup sqlite`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from maatwerk.core.db import db


@click.group("retention")
def retention() -> None:
    """Erase data whose retention period has passed."""


@retention.command("run")
@click.option(
    "--days",
    type=int,
    default=None,
    help="Retention period in days (default: MAATWERK_RETENTION_DAYS).",
)
@click.option("--dry-run", is_flag=True, help="Only list what would be erased.")
@with_appcontext
def retention_run(days: int | None, dry_run: bool) -> None:
    """Erase plans closed longer ago than the retention period (and their households)."""
    from maatwerk.privacy.retention import erase_expired_plans

    days = days or current_app.config["RETENTION_DAYS"]
    report = erase_expired_plans(days, dry_run=dry_run)
    if dry_run:
        db.session.rollback()
        click.echo(f"Would erase {len(report.plan_ids)} plan(s).")
        return
    db.session.commit()
    click.echo(
        f"Erased {len(report.plan_ids)} plan(s) and {len(report.household_ids)} household(s)."
    )


@click.group("backup")
def backup() -> None:
    """Backups of the database."""


@backup.command("sqlite")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_sqlite_command(destination: Path) -> None:
    """Online backup of the SQLite database to DESTINATION (a new file)."""
    from maatwerk.privacy.backup import backup_sqlite

    try:
        backup_sqlite(current_app.config["SQLALCHEMY_DATABASE_URI"], destination)
    except (ValueError, FileExistsError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {destination}.")
