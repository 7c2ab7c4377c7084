"""The Alembic migrations and the models agree, and the migrations run both ways."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, inspect

from config import TestConfig
from maatwerk import create_app
from maatwerk.casereview.search import SEARCH_TABLES, is_search_object
from maatwerk.core.db import db
from tests.conftest import PG_ADMIN_URL, _pg_url

VERSIONS = Path(__file__).resolve().parent.parent / "migrations" / "versions"


# Expression indexes: SQLite's reflection cannot read them back (SQLAlchemy skips them with
# a warning), so autogenerate leaves them out and test_expression_indexes_exist checks them.
EXPRESSION_INDEXES = {"uq_households_reference_folded": "households"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """The search objects of 0003 are hand-written and not in the models; expression indexes
    are compared by test_expression_indexes_exist."""
    if type_ == "index" and name in EXPRESSION_INDEXES:
        return False
    return not is_search_object(type_, name, getattr(getattr(obj, "table", None), "name", None))


def schema_differences(connection) -> list:
    """What autogenerate would put into a new revision (empty when models == schema)."""
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "target_metadata": db.metadata,
            "include_object": include_object,
        },
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        return compare_metadata(context, db.metadata)


def _normalise(sql: str) -> str:
    """A WHERE clause without PostgreSQL's casts and brackets, for comparison."""
    sql = str(sql).replace("::text", "").replace("(", "").replace(")", "")
    return re.sub(r"\s+", " ", sql).strip().lower()


def test_history_starts_at_0001_initial_with_a_single_head():
    scripts = ScriptDirectory(str(VERSIONS.parent))
    assert scripts.get_bases() == ["0001_initial"]
    assert len(scripts.get_heads()) == 1
    assert (VERSIONS / "0001_initial.py").is_file()


def test_migrations_match_the_models(app: Flask):
    with app.app_context(), db.engine.connect() as connection:
        assert schema_differences(connection) == []


def test_check_constraints_match_the_models(app: Flask):
    """Autogenerate ignores CHECKs: compare their names table by table."""
    with app.app_context(), db.engine.connect() as connection:
        inspector = inspect(connection)
        for table in db.metadata.sorted_tables:
            expected = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
            actual = {c["name"] for c in inspector.get_check_constraints(table.name)}
            assert actual == expected, table.name


def test_partial_unique_indexes_are_partial(app: Flask):
    """Autogenerate ignores index WHERE clauses: compare them on this backend."""
    with app.app_context(), db.engine.connect() as connection:
        dialect = connection.dialect.name
        inspector = inspect(connection)
        partial = [
            index
            for table in db.metadata.sorted_tables
            for index in table.indexes
            if index.dialect_options[dialect].get("where") is not None
        ]
        assert {i.name for i in partial} >= {
            "uq_consents_live",
            "uq_team_memberships_one_coordinator",
            "uq_team_memberships_active_user",
            "uq_plans_one_open",
            "uq_experience_surveys_family",
            "uq_experience_surveys_professional",
        }
        for index in partial:
            reflected = {i["name"]: i for i in inspector.get_indexes(index.table.name)}
            where = reflected[index.name].get("dialect_options", {}).get(f"{dialect}_where")
            assert where is not None, f"{index.name} is not partial"
            assert reflected[index.name]["unique"]
            assert _normalise(where) == _normalise(index.dialect_options[dialect]["where"])


def test_expression_indexes_exist(app: Flask):
    """The expression indexes autogenerate skips are in the database, unique, by name."""
    from sqlalchemy import text

    with app.app_context(), db.engine.connect() as connection:
        for name, table in EXPRESSION_INDEXES.items():
            if connection.dialect.name == "sqlite":
                sql = connection.scalar(
                    text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :n"),
                    {"n": name},
                )
            else:
                sql = connection.scalar(
                    text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"), {"n": name}
                )
            assert sql is not None, f"{name} is missing"
            assert "UNIQUE" in sql.upper() and table in sql and "lower(" in sql.lower()


@pytest.fixture
def fresh_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same backend, dropped afterwards."""
    if backend == "sqlite":
        yield "sqlite:///" + str(tmp_path / "fresh.sqlite")
        return
    name = f"maatwerk_migr_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tables(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - SEARCH_TABLES


def test_upgrade_downgrade_upgrade_on_a_fresh_database(fresh_database_url: str):
    fresh = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": fresh_database_url})
    model_tables = set(db.metadata.tables)
    with fresh.app_context():
        try:
            upgrade()
            with db.engine.connect() as connection:
                assert _tables(connection) == model_tables | {"alembic_version"}
            downgrade(revision="base")
            with db.engine.connect() as connection:
                assert _tables(connection) == {"alembic_version"}
            upgrade()
            with db.engine.connect() as connection:
                assert _tables(connection) == model_tables | {"alembic_version"}
                assert schema_differences(connection) == []
        finally:
            db.session.remove()
            db.engine.dispose()


def test_maatwerk_db_upgrade_command_builds_the_schema(fresh_database_url: str, tmp_path):
    """The console script, as an operator runs it, with DATABASE_URL set."""
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database_url,
        "MAATWERK_ENV": "development",
        "MAATWERK_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    script = Path(sys.executable).parent / "maatwerk"
    result = subprocess.run(
        [str(script), "db", "upgrade"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stderr

    fresh = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": fresh_database_url})
    with fresh.app_context():
        try:
            with db.engine.connect() as connection:
                assert set(db.metadata.tables) <= _tables(connection)
                assert schema_differences(connection) == []
        finally:
            db.engine.dispose()


# Columns that migrations after 0007 add to tables the ORM writes while a test builds its
# data on an older schema: (table, column, its type as ADD COLUMN takes it).
LATER_COLUMNS = [
    ("areas", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("interventions", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("operational_goals", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("interventions", "retired_at", "TIMESTAMP WITH TIME ZONE"),
    ("operational_goals", "retired_at", "TIMESTAMP WITH TIME ZONE"),
    # 0008_admin_accounts
    ("organisations", "version", "INTEGER NOT NULL DEFAULT 1"),
    ("users", "version", "INTEGER NOT NULL DEFAULT 1"),
    # 0011_family_accounts
    ("consents", "withdrawn_by_role", "VARCHAR(20)"),
    ("user_sessions", "pending_code", "TEXT"),
]


def _later_columns(verb: str) -> None:
    """Add (for the ORM of today) or drop again (before the upgrade) the LATER_COLUMNS."""
    from sqlalchemy import text

    with db.engine.begin() as connection:
        for table, column, kind in LATER_COLUMNS:
            tail = f"{column} {kind}" if verb == "ADD" else column
            connection.execute(text(f"ALTER TABLE {table} {verb} COLUMN {tail}"))


def test_0007_gives_existing_surveys_their_cycle_and_keeps_their_answers(
    fresh_database_url: str,
):
    """Surveys recorded before 0007 get the cycle the date rule put them in (1 + the plan's
    new_cycle transitions up to the answer day, the day itself included), and on SQLite the
    table copy that makes the column NOT NULL does not cascade into survey_answers."""
    import datetime as dt

    from sqlalchemy import text

    from maatwerk.plans.models import TransitionEvent
    from maatwerk.plans.operations import create_plan
    from tests.plans.flow import close_open_plans, make_setting

    fresh = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": fresh_database_url})
    with fresh.app_context():
        try:
            upgrade(revision="0006_audit_chain_head_kept")
            _later_columns("ADD")
            s = make_setting()
            close_open_plans(s.household)  # one open plan per household
            second = create_plan(s.household, coordinator=s.coordinator, actor=s.coordinator)
            second.cycle = 2
            new_cycle_at = dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.UTC)
            db.session.add(
                TransitionEvent(
                    workflow_name="plan_standard",
                    workflow_version=1,
                    subject_type="plan",
                    subject_id=second.id,
                    plan_id=second.id,
                    from_state="evaluating",
                    to_state="prioritising",
                    trigger="new_cycle",
                    actor_role="coordinator",
                    occurred_at=new_cycle_at,
                )
            )
            db.session.commit()
            expected = {  # survey id: (plan, answered on, cycle after 0007)
                1: (s.plan.id, "2026-01-05", 1),
                2: (second.id, "2026-03-09", 1),
                3: (second.id, "2026-03-10", 2),  # the day of the new cycle: the new one
                4: (second.id, "2026-04-01", 2),  # at evaluation (0010: once per moment)
            }
            with db.engine.begin() as connection:
                for survey_id, (plan_id, day, _cycle) in expected.items():
                    connection.execute(
                        text(
                            "INSERT INTO experience_surveys"
                            " (id, plan_id, respondent, moment, answered_on)"
                            " VALUES (:id, :plan, 'family', :moment, :day)"
                        ),
                        {
                            "id": survey_id,
                            "plan": plan_id,
                            "day": dt.date.fromisoformat(day),
                            "moment": "evaluation" if survey_id == 4 else "intake",
                        },
                    )
                    for n, key in enumerate(("own_priorities", "listened_to")):
                        connection.execute(
                            text(
                                "INSERT INTO survey_answers (id, survey_id, statement_key, score)"
                                " VALUES (:id, :survey, :key, 4)"
                            ),
                            {"id": survey_id * 10 + n, "survey": survey_id, "key": key},
                        )
            db.session.remove()
            _later_columns("DROP")

            upgrade()
            with db.engine.connect() as connection:
                rows = connection.execute(text("SELECT id, cycle FROM experience_surveys"))
                cycles = {survey_id: cycle for survey_id, cycle in rows}
                answers = connection.execute(text("SELECT count(*) FROM survey_answers")).scalar()
                column = next(
                    c
                    for c in inspect(connection).get_columns("experience_surveys")
                    if c["name"] == "cycle"
                )
                assert schema_differences(connection) == []
            assert cycles == {i: cycle for i, (_p, _d, cycle) in expected.items()}
            assert answers == 2 * len(expected)
            assert column["nullable"] is False

            downgrade(revision="0006_audit_chain_head_kept")
            with db.engine.connect() as connection:
                columns = {c["name"] for c in inspect(connection).get_columns("experience_surveys")}
                answers = connection.execute(text("SELECT count(*) FROM survey_answers")).scalar()
            assert "cycle" not in columns
            assert answers == 2 * len(expected)
        finally:
            db.session.remove()
            db.engine.dispose()


def test_0010_refuses_existing_duplicates_before_making_any_index(
    fresh_database_url: str, capfd: pytest.CaptureFixture[str]
):
    """Two references that differ only in case, written before 0010: the upgrade stops, says
    how many and which rule, and leaves no index half made; resolved, it goes through and the
    database then refuses such a pair itself."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    fresh = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": fresh_database_url})
    household = (
        "INSERT INTO households (id, reference, area_id, referral_source, created_at)"
        " VALUES (:id, :ref, 1, 'partner', CURRENT_TIMESTAMP)"
    )
    with fresh.app_context():
        try:
            upgrade(revision="0009_catalogue_editing")
            with db.engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO areas (id, name, kind) VALUES (1, 'Gemeente', 'municipality')"
                    )
                )
                connection.execute(text(household), {"id": 1, "ref": "HH-0010"})
                connection.execute(text(household), {"id": 2, "ref": "hh-0010"})
            with pytest.raises(SystemExit):  # Flask-Migrate logs the error and exits
                upgrade()
            assert re.search(r"1 household references .*folded", capfd.readouterr().err)
            with db.engine.connect() as connection:
                names = {i["name"] for i in inspect(connection).get_indexes("plans")}
                assert "uq_plans_one_open" not in names
            with db.engine.begin() as connection:
                connection.execute(text("UPDATE households SET reference = 'HH-0011' WHERE id = 2"))
            upgrade()
            with pytest.raises(IntegrityError), db.engine.begin() as connection:
                connection.execute(text(household), {"id": 3, "ref": "Hh-0011"})
        finally:
            db.session.remove()
            db.engine.dispose()
