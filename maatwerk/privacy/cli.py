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
    counts = f"{len(report.plan_ids)} plan(s) and {len(report.household_ids)} household(s)"
    if dry_run:
        db.session.rollback()
        click.echo(f"Would erase {counts}.")
    else:
        db.session.commit()
        click.echo(f"Erased {counts}.")
    if report.postponed:
        # Ids and barrier references only: no personal data on the terminal or in cron mail.
        click.echo(f"Kept {len(report.postponed)} expired plan(s) that others still work on:")
        for plan_id, reasons in sorted(report.postponed.items()):
            click.echo(f"  plan {plan_id}: {', '.join(reasons)}")


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
