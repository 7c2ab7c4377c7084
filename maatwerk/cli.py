"""The `maatwerk` command: Flask's CLI plus the project's own commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import select

from maatwerk.audit.cli import audit
from maatwerk.core.db import db
from maatwerk.core.enums import Role, Sector
from maatwerk.core.errors import DomainError
from maatwerk.privacy.cli import backup, retention
from maatwerk.synth.cli import synth


def _create_app():
    from maatwerk import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """Maatwerk: family maatwerk plans for the Alliantie van Kracht."""


def _fail(error: DomainError) -> None:
    db.session.rollback()
    details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.fields.items())
    raise click.ClickException(f"{error.detail} {details}".strip())


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "5000")))
@with_appcontext
def serve(host: str, port: int) -> None:
    """Serve the app (threaded development server; use gunicorn in production)."""
    from werkzeug.serving import run_simple

    # Flask ignores app.run() inside its own CLI; serve the app object directly.
    run_simple(host, port, current_app._get_current_object(), threaded=True)


@main.command("demo")
@click.option("--if-empty", is_flag=True, help="Only load when the database has no accounts.")
@with_appcontext
def demo(if_empty: bool) -> None:
    """Load the demo data (idempotent)."""
    from maatwerk.accounts.models import User
    from maatwerk.demo.loader import load_demo

    if not current_app.config.get("DEMO_DATA"):
        raise click.ClickException("Demo data is switched off in this configuration.")
    if if_empty and db.session.scalar(select(User.id).limit(1)) is not None:
        click.echo("Database already has data; demo not loaded.")
        return
    summary = load_demo()
    db.session.commit()
    click.echo("Demo data loaded: " + ", ".join(f"{k}={v}" for k, v in summary.items()))


@main.group("organisations")
def organisations() -> None:
    """Manage partner organisations."""


@organisations.command("create")
@click.argument("name")
@click.option("--sector", type=click.Choice([s.value for s in Sector]), required=True)
@with_appcontext
def organisations_create(name: str, sector: str) -> None:
    """Create an organisation."""
    from maatwerk.accounts.operations import create_organisation

    try:
        organisation = create_organisation(name, sector)
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"Organisation {organisation.id} created.")


@main.group("users")
def users() -> None:
    """Manage accounts."""


@users.command("create")
@click.argument("login")
@click.option("--name", "display_name", required=True, help="Display name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--organisation", "organisation_name", help="Organisation name (staff).")
@click.option("--member-id", type=int, help="Household member id (family accounts).")
@click.option("--email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def users_create(
    login: str,
    display_name: str,
    role: str,
    organisation_name: str | None,
    member_id: int | None,
    email: str | None,
    password_stdin: bool,
) -> None:
    """Create an account; the password is prompted for or read from stdin, never an argument."""
    from maatwerk.accounts.models import Organisation
    from maatwerk.accounts.operations import create_user
    from maatwerk.households.models import Member

    organisation = None
    if organisation_name:
        organisation = db.session.scalar(
            select(Organisation).where(Organisation.name == organisation_name)
        )
        if organisation is None:
            raise click.ClickException("Unknown organisation.")
    member = db.session.get(Member, member_id) if member_id is not None else None
    if member_id is not None and member is None:
        raise click.ClickException("Unknown household member.")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(
            login=login,
            display_name=display_name,
            role=role,
            password=password,
            organisation=organisation,
            member=member,
            email=email,
        )
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"User {user.id} created.")


main.add_command(audit)
main.add_command(retention)
main.add_command(backup)
main.add_command(synth)


@main.group("workflows")
def workflows_group() -> None:
    """Workflow definitions."""


@workflows_group.command("draw")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=lambda: str(Path(__file__).resolve().parent.parent / "docs"),
    help="Folder for workflows.md and workflows/*.svg (default: the repository's docs/).",
)
def workflows_draw(out_dir: str) -> None:
    """Write an SVG diagram per definition and docs/workflows.md from the definitions."""
    from workflows.docs import write_all

    write_all(Path(out_dir))
    click.echo(f"Workflow diagrams and page written to {out_dir}.")
