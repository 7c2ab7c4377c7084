"""The hand-written migrations install exactly the audit triggers the models define."""

import importlib.util
from pathlib import Path

from maatwerk.audit.models import (
    PG_APPEND_ONLY_DDL,
    PG_HEAD_KEPT_DDL,
    SQLITE_APPEND_ONLY_DDL,
    SQLITE_HEAD_KEPT_DDL,
)

VERSIONS = Path(__file__).resolve().parents[2] / "migrations/versions"


def _migration(name: str):
    spec = importlib.util.spec_from_file_location(name, VERSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_matches_the_model_ddl():
    module = _migration("0002_audit_append_only")
    assert module.PG_DDL.strip() == PG_APPEND_ONLY_DDL.strip()
    assert tuple(module.SQLITE_DDL) == tuple(SQLITE_APPEND_ONLY_DDL)


def test_the_head_migration_matches_the_model_ddl():
    module = _migration("0006_audit_chain_head_kept")
    assert module.PG_DDL.strip() == PG_HEAD_KEPT_DDL.strip()
    assert tuple(module.SQLITE_DDL) == tuple(SQLITE_HEAD_KEPT_DDL)
