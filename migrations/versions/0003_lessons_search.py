"""Full-text search of lessons (the knowledge base): PostgreSQL Dutch text search, SQLite FTS5.

Hand-written (autogenerate knows neither generated tsvector columns nor virtual tables), so
regenerating 0001 leaves it intact; the models stay free of these objects on purpose and
maatwerk/casereview/search.py queries them by name.

PostgreSQL: a stored generated tsvector column (title weighted above the description, Dutch
configuration, so "schulden" matches "schuld") with a GIN index.
SQLite: an external-content FTS5 table over lessons, kept current by triggers.

Revision ID: 0003_lessons_search
Revises: 0002_audit_append_only
"""

from alembic import op

revision = "0003_lessons_search"
down_revision = "0002_audit_append_only"
branch_labels = None
depends_on = None

PG_UPGRADE = (
    """\
ALTER TABLE lessons ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('dutch', coalesce(title, '')), 'A')
    || setweight(to_tsvector('dutch', coalesce(description, '')), 'B')
) STORED""",
    "CREATE INDEX ix_lessons_search_vector ON lessons USING gin (search_vector)",
)
PG_DOWNGRADE = (
    "DROP INDEX IF EXISTS ix_lessons_search_vector",
    "ALTER TABLE lessons DROP COLUMN IF EXISTS search_vector",
)

SQLITE_UPGRADE = (
    """\
CREATE VIRTUAL TABLE lessons_fts USING fts5(
    title, description, content='lessons', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
)""",
    "INSERT INTO lessons_fts(lessons_fts) VALUES ('rebuild')",
    """\
CREATE TRIGGER lessons_fts_after_insert AFTER INSERT ON lessons BEGIN
    INSERT INTO lessons_fts(rowid, title, description)
    VALUES (new.id, new.title, new.description);
END""",
    """\
CREATE TRIGGER lessons_fts_after_delete AFTER DELETE ON lessons BEGIN
    INSERT INTO lessons_fts(lessons_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
END""",
    """\
CREATE TRIGGER lessons_fts_after_update AFTER UPDATE ON lessons BEGIN
    INSERT INTO lessons_fts(lessons_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO lessons_fts(rowid, title, description)
    VALUES (new.id, new.title, new.description);
END""",
)
SQLITE_DOWNGRADE = (
    "DROP TRIGGER IF EXISTS lessons_fts_after_update",
    "DROP TRIGGER IF EXISTS lessons_fts_after_delete",
    "DROP TRIGGER IF EXISTS lessons_fts_after_insert",
    "DROP TABLE IF EXISTS lessons_fts",
)


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in PG_UPGRADE if postgresql else SQLITE_UPGRADE:
        op.execute(statement)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in PG_DOWNGRADE if postgresql else SQLITE_DOWNGRADE:
        op.execute(statement)
