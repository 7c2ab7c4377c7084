"""The hand-written migration installs exactly the audit triggers the models define."""

import importlib.util
from pathlib import Path

from maatwerk.audit.models import PG_APPEND_ONLY_DDL, SQLITE_APPEND_ONLY_DDL

MIGRATION = Path(__file__).resolve().parents[2] / "migrations/versions/0002_audit_append_only.py"


def test_migration_matches_the_model_ddl():
    spec = importlib.util.spec_from_file_location("audit_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.PG_DDL.strip() == PG_APPEND_ONLY_DDL.strip()
    assert tuple(module.SQLITE_DDL) == tuple(SQLITE_APPEND_ONLY_DDL)
