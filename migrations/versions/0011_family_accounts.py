"""Consent and family accounts: who withdrew a consent (by role: the family's withdrawal is
given again only by the family), one-time password reset codes for family accounts, the
family's notices (a member added, an account made or reset by someone else), and a code
kept encrypted on the session row for exactly one display after its redirect.

Columns are added in place (no batch copy: on SQLite a copy of `users`' neighbours would
cascade); the new tables are plain CREATE TABLE.

Revision ID: 0011_family_accounts
Revises: 0010_uniqueness_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_family_accounts"
down_revision = "0010_uniqueness_indexes"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("consents", sa.Column("withdrawn_by_role", sa.String(length=20), nullable=True))
    op.add_column("user_sessions", sa.Column("pending_code", sa.Text(), nullable=True))
    op.create_table(
        "password_reset_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "expires_at > created_at", name=op.f("ck_password_reset_codes_expires_after_created")
        ),
        sa.CheckConstraint(
            "used_at IS NULL OR revoked_at IS NULL",
            name=op.f("ck_password_reset_codes_used_or_revoked"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_password_reset_codes_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_password_reset_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_password_reset_codes_code_hash")),
    )
    op.create_index(
        op.f("ix_password_reset_codes_created_by_user_id"),
        "password_reset_codes",
        ["created_by_user_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_password_reset_codes_user_id"), "password_reset_codes", ["user_id"], unique=False
    )
    op.create_table(
        "family_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "member_added",
                "account_activated",
                "account_reset",
                name="family_notice_kind",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_family_notices_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_user_id"],
            ["users.id"],
            name=op.f("fk_family_notices_recipient_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_notices")),
    )
    op.create_index(
        op.f("ix_family_notices_recipient_user_id"),
        "family_notices",
        ["recipient_user_id"],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f("ix_family_notices_recipient_user_id"), table_name="family_notices")
    op.drop_table("family_notices")
    op.drop_index(op.f("ix_password_reset_codes_user_id"), table_name="password_reset_codes")
    op.drop_index(
        op.f("ix_password_reset_codes_created_by_user_id"), table_name="password_reset_codes"
    )
    op.drop_table("password_reset_codes")
    op.drop_column("user_sessions", "pending_code")
    op.drop_column("consents", "withdrawn_by_role")
