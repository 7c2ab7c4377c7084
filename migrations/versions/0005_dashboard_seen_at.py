"""When a user last looked at the dashboard: "changed since your last visit" starts there
instead of at the previous login. On the session rows (a read may write those, not the
users table); a new session carries the account's newest value over.

Revision ID: 0005_dashboard_seen_at
Revises: 0004_audit_chain_head
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_dashboard_seen_at"
down_revision = "0004_audit_chain_head"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_sessions") as batch:
        batch.add_column(sa.Column("dashboard_seen_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("user_sessions") as batch:
        batch.drop_column("dashboard_seen_at")
