"""Uniqueness the operations already keep, now also guarded by the database: one open plan
per household, a household reference whatever its case, and an experience survey once per
moment and plan cycle (the family once, each professional once).

Plain CREATE INDEX on both dialects (no batch copy on SQLite). An existing database that
breaks one of these rules stops the upgrade before any index is made and says how many rows
break which rule: resolve them (close the older plan, rename the reference, remove the
second survey) and upgrade again.

Revision ID: 0010_uniqueness_indexes
Revises: 0009_catalogue_editing
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_uniqueness_indexes"
down_revision = "0009_catalogue_editing"
branch_labels = None
depends_on = None


def _partial(where: str) -> dict:
    return {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)}


# What each index will refuse, as a query for the rows that already break it.
DUPLICATES = {
    "uq_plans_one_open": (
        "households with more than one open plan (close the older one)",
        "SELECT household_id FROM plans WHERE closed_at IS NULL"
        " GROUP BY household_id HAVING count(*) > 1",
    ),
    "uq_households_reference_folded": (
        "household references that differ only in case (rename one)",
        "SELECT lower(reference) FROM households GROUP BY lower(reference) HAVING count(*) > 1",
    ),
    "uq_experience_surveys_family": (
        "plans with two family surveys for one moment and cycle (remove the second)",
        "SELECT plan_id FROM experience_surveys WHERE respondent = 'family'"
        " GROUP BY plan_id, cycle, moment HAVING count(*) > 1",
    ),
    "uq_experience_surveys_professional": (
        "plans with two surveys of one professional for one moment and cycle",
        "SELECT plan_id FROM experience_surveys WHERE respondent = 'professional'"
        " GROUP BY plan_id, cycle, moment, respondent_user_id HAVING count(*) > 1",
    ),
}


def _refuse_duplicates() -> None:
    """Stop before any index is made (SQLite's DDL is not transactional) and say what to
    resolve; counts only, no household data."""
    connection = op.get_bind()
    found = []
    for name, (what, query) in DUPLICATES.items():
        count = len(connection.execute(sa.text(query)).all())
        if count:
            found.append(f"{count} {what} [{name}]")
    if found:
        raise RuntimeError("0010 cannot add its uniqueness indexes: " + "; ".join(found))


def upgrade():
    _refuse_duplicates()
    op.create_index(
        "uq_plans_one_open", "plans", ["household_id"], unique=True, **_partial("closed_at IS NULL")
    )
    op.create_index(
        "uq_households_reference_folded",
        "households",
        [sa.text("lower(reference)")],
        unique=True,
    )
    op.create_index(
        "uq_experience_surveys_family",
        "experience_surveys",
        ["plan_id", "cycle", "moment"],
        unique=True,
        **_partial("respondent = 'family'"),
    )
    op.create_index(
        "uq_experience_surveys_professional",
        "experience_surveys",
        ["plan_id", "cycle", "moment", "respondent_user_id"],
        unique=True,
        **_partial("respondent = 'professional'"),
    )


def downgrade():
    op.drop_index("uq_experience_surveys_professional", table_name="experience_surveys")
    op.drop_index("uq_experience_surveys_family", table_name="experience_surveys")
    op.drop_index("uq_households_reference_folded", table_name="households")
    op.drop_index("uq_plans_one_open", table_name="plans")
