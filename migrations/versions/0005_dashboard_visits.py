"""When a user last looked at the dashboard: "changed since your last visit" starts there
instead of at the previous login. A table of its own: not on the session rows (every login
purges old ones, also other users'), not on users (a read may not change account data).

Revision ID: 0005_dashboard_visits
Revises: 0004_audit_chain_head
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_dashboard_visits"
down_revision = "0004_audit_chain_head"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dashboard_visits",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_dashboard_visits_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_dashboard_visits")),
    )


def downgrade():
    op.drop_table("dashboard_visits")
