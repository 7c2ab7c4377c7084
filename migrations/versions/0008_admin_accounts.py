"""The administrator's organisations and accounts: a version on organisations and users
(optimistic locking of the administrator's edits: ETag and the edit forms' version) and the
one-time setup codes with which a staff member chooses their own password.

The version columns are added in place with a server default (no batch copy: on SQLite a
copy of `users` would cascade into every table that refers to it).

Revision ID: 0008_admin_accounts
Revises: 0007_survey_cycle
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_admin_accounts"
down_revision = "0007_survey_cycle"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("organisations", "users"):
        op.add_column(
            table,
            sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        )
    op.create_table(
        "account_setup_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "expires_at > created_at", name=op.f("ck_account_setup_codes_expires_after_created")
        ),
        sa.CheckConstraint(
            "used_at IS NULL OR revoked_at IS NULL",
            name=op.f("ck_account_setup_codes_used_or_revoked"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_account_setup_codes_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_account_setup_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_setup_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_account_setup_codes_code_hash")),
    )
    with op.batch_alter_table("account_setup_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_setup_codes_created_by_user_id"),
            ["created_by_user_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_account_setup_codes_user_id"), ["user_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("account_setup_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_setup_codes_user_id"))
        batch_op.drop_index(batch_op.f("ix_account_setup_codes_created_by_user_id"))
    op.drop_table("account_setup_codes")
    for table in ("users", "organisations"):
        op.drop_column(table, "version")
