"""Alembic environment for Flask-Migrate: the app's engine and the complete model metadata."""

from __future__ import annotations

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy.types import TypeDecorator

config = context.config

# Keep the loggers the app (or pytest) already set up: only add alembic's own settings.
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db


def get_engine():
    """The Flask-SQLAlchemy engine of the current app."""
    return target_db.engine


def get_metadata():
    """Metadata of every model (maatwerk.models is imported by the app factory)."""
    return target_db.metadata


config.set_main_option(
    "sqlalchemy.url", get_engine().url.render_as_string(hide_password=False).replace("%", "%%")
)


def render_item(type_, obj, autogen_context):
    """Write the app's column types (e.g. UTCDateTime) as their plain SQLAlchemy type.

    Revisions then never import application code, and stay valid when it changes.
    """
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def _configure_args() -> dict:
    """Flask-Migrate's arguments (render_as_batch for SQLite) plus type comparison."""
    args = dict(current_app.extensions["migrate"].configure_args)
    args.setdefault("render_as_batch", True)
    args.setdefault("compare_type", True)
    args.setdefault("render_item", render_item)
    args.setdefault("include_object", include_object)
    return args


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave out the full-text search objects of 0003 (hand-written, not in the models)."""
    from maatwerk.casereview.search import is_search_object

    table = getattr(getattr(obj, "table", None), "name", None)
    return not is_search_object(type_, name, table)


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of running it (`maatwerk db upgrade --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=get_metadata(),
        literal_binds=True,
        **_configure_args(),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on a connection of the app's engine."""

    def process_revision_directives(context, revision, directives):
        # No empty revision files when autogenerate finds nothing.
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    args = _configure_args()
    if args.get("process_revision_directives") is None:
        args["process_revision_directives"] = process_revision_directives

    with get_engine().connect() as connection:
        context.configure(connection=connection, target_metadata=get_metadata(), **args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
