"""`maatwerk audit` commands."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from maatwerk.audit.operations import verify_chain
from maatwerk.core.db import db


@click.group("audit")
def audit() -> None:
    """The audit trail."""


@audit.command("verify")
@with_appcontext
def verify() -> None:
    """Check the whole hash chain; exit 1 naming the first broken event."""
    result = verify_chain(db.session)
    if result.ok:
        click.echo(f"Audit chain intact: {result.checked} events")
        return
    where = "at its end" if result.first_broken_id is None else f"at event {result.first_broken_id}"
    click.echo(f"Audit chain broken {where}: {result.problem}", err=True)
    raise SystemExit(1)
