"""The programme maintains the catalogues: areas, interventions and operational goals get a
version (optimistic concurrency: ETag / If-Match, the pages' hidden version), and
interventions and operational goals a retirement time (retired entries leave the directory
and the pickers; what already refers to them keeps them).

Plain ADD COLUMN / DROP COLUMN on both dialects: no batch copy on SQLite, whose DROP TABLE
of the copy would cascade into lessons' links and null the actions' interventions.

Revision ID: 0009_catalogue_editing
Revises: 0008_admin_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_catalogue_editing"
down_revision = "0008_admin_accounts"
branch_labels = None
depends_on = None

VERSIONED = ("areas", "interventions", "operational_goals")
RETIRABLE = ("interventions", "operational_goals")


def upgrade():
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for table in RETIRABLE:
        op.add_column(table, sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    for table in RETIRABLE:
        op.drop_column(table, "retired_at")
    for table in VERSIONED:
        op.drop_column(table, "version")
