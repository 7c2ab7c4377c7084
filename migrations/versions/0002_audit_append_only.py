"""Make the audit trail append-only: triggers refuse UPDATE, DELETE (and TRUNCATE).

Hand-written (autogenerate does not see triggers), so regenerating 0001 leaves it intact.
tests/audit checks that these statements match maatwerk.audit.models.

Revision ID: 0002_audit_append_only
Revises: 0001_initial
"""

from alembic import op

revision = "0002_audit_append_only"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

PG_DDL = """\
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'audit trail is append-only: ' || TG_OP || ' on ' || TG_TABLE_NAME,
        ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_event_households_append_only BEFORE UPDATE OR DELETE ON audit_event_households
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_event_households_no_truncate BEFORE TRUNCATE ON audit_event_households
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
"""

SQLITE_DDL = (
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
    "CREATE TRIGGER audit_event_households_no_update BEFORE UPDATE ON audit_event_households BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
    "CREATE TRIGGER audit_event_households_no_delete BEFORE DELETE ON audit_event_households BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
)

TRIGGERS = {
    "audit_events": (
        "audit_events_append_only",
        "audit_events_no_truncate",
        "audit_events_no_update",
        "audit_events_no_delete",
    ),
    "audit_event_households": (
        "audit_event_households_append_only",
        "audit_event_households_no_truncate",
        "audit_event_households_no_update",
        "audit_event_households_no_delete",
    ),
}


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DDL)
    else:
        for statement in SQLITE_DDL:
            op.execute(statement)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, names in TRIGGERS.items():
        for name in names:
            op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
