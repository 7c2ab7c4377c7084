#!/bin/sh
# Regenerate migrations/versions/0001_initial.py from the models (allowed until the first
# release; afterwards add new revisions instead). See migrations/README.
set -eu
cd "$(dirname "$0")/.."

BIN="${VENV:-.venv}/bin"
ADMIN_URL="${MAATWERK_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
DB="maatwerk_autogen_$$"
TARGET=migrations/versions/0001_initial.py

pg() {  # pg create|drop: manage the throwaway database with psycopg (no psql needed)
    "$BIN/python" - "$ADMIN_URL" "$DB" "$1" <<'PY'
import sys

import psycopg

url, name, what = sys.argv[1:]
with psycopg.connect(url, autocommit=True) as admin:
    if what == "create":
        admin.execute(f'CREATE DATABASE "{name}"')
    else:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
PY
}

pg create
# Later, hand-written revisions (0002_…) build on 0001: park them while 0001 is rebuilt.
PARKED=$(mktemp -d)
restore() {
    # Put the previous 0001 back if generation failed, then the parked revisions.
    [ -f "$TARGET" ] || cp "$PARKED/.0001_initial.backup" "$TARGET"
    rm -f "$PARKED/.0001_initial.backup"
    mv "$PARKED"/*.py migrations/versions/ 2>/dev/null || true
    rmdir "$PARKED"
    pg drop
}
trap restore EXIT
for revision in migrations/versions/*.py; do
    [ "$revision" = "$TARGET" ] || mv "$revision" "$PARKED"/
done
cp "$TARGET" "$PARKED/.0001_initial.backup"
rm -f "$TARGET"
# Autogenerate against an EMPTY PostgreSQL database: the revision creates every table.
DATABASE_URL="${ADMIN_URL%/*}/$DB" MAATWERK_ENV=development MAATWERK_DEMO_DATA=0 \
    "$BIN/maatwerk" db migrate --rev-id 0001_initial -m "Initial schema"
"$BIN/ruff" format "$TARGET"

# Sanity checks of what review must see (the README lists the rest).
"$BIN/python" - "$TARGET" <<'PY'
import ast
import sys

source = open(sys.argv[1]).read()
problems = []
if "maatwerk" in source:
    problems.append("the revision must not use application code (see env.py render_item)")
for node in ast.walk(ast.parse(source)):
    if not isinstance(node, ast.Call):
        continue
    name = ast.unparse(node.func)
    kwargs = {k.arg: ast.unparse(k.value) for k in node.keywords}
    if name == "sa.Enum" and (
        kwargs.get("native_enum") != "False" or kwargs.get("create_constraint") != "True"
    ):
        problems.append(f"line {node.lineno}: enums must be VARCHAR + CHECK")
    if name == "sa.CheckConstraint" and "name" not in kwargs:
        problems.append(f"line {node.lineno}: unnamed check constraint")
    if name.endswith("create_index") and ("postgresql_where" in kwargs) != (
        "sqlite_where" in kwargs
    ):
        problems.append(f"line {node.lineno}: partial index needs both *_where arguments")
if problems:
    sys.exit("\n".join(problems))
PY
echo "Regenerated $TARGET; now review it and run: $BIN/pytest tests/test_migrations.py -q"
