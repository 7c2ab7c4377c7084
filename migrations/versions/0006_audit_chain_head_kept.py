"""Keep the audit chain's head: a trigger refuses DELETE (and TRUNCATE) of audit_chain_head;
UPDATE stays allowed, every append moves the head.

Hand-written (autogenerate does not see triggers). tests/audit/test_migration_ddl.py checks
that these statements match maatwerk.audit.models (PG_HEAD_KEPT_DDL, SQLITE_HEAD_KEPT_DDL).

Revision ID: 0006_audit_chain_head_kept
Revises: 0005_dashboard_visits
"""

from alembic import op

revision = "0006_audit_chain_head_kept"
down_revision = "0005_dashboard_visits"
branch_labels = None
depends_on = None

# The function exists since 0002; it is created again (OR REPLACE) as create_all does.
PG_DDL = """\
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'audit trail is append-only: ' || TG_OP || ' on ' || TG_TABLE_NAME,
        ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER audit_chain_head_kept BEFORE DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
"""

SQLITE_DDL = (
    "CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: the chain head stays'); END",
)

TRIGGERS = ("audit_chain_head_kept", "audit_chain_head_no_truncate", "audit_chain_head_no_delete")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DDL)
    else:
        for statement in SQLITE_DDL:
            op.execute(statement)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON audit_chain_head" if postgresql else ""))
