"""The audit chain's head in one row, so an append locks and reads it in one statement.

Seeded with the newest event's hash (or the genesis hash on an empty trail).

Revision ID: 0004_audit_chain_head
Revises: 0003_lessons_search
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_audit_chain_head"
down_revision = "0003_lessons_search"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64  # maatwerk.audit.models.GENESIS_HASH


def upgrade():
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.execute(
        "INSERT INTO audit_chain_head (id, hash) SELECT 1, COALESCE("
        "(SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), "
        f"'{GENESIS_HASH}')"
    )


def downgrade():
    op.drop_table("audit_chain_head")
