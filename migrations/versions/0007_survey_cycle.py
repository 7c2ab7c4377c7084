"""The plan cycle of each experience survey: "already answered in this cycle" compares the
cycle, no longer the local answer date with the UTC day the cycle began.

Existing surveys get the cycle the old rule put them in: 1 + the number of the plan's
new_cycle transitions on or before the answer date (UTC day, as the old rule read it; a
survey answered on the day of a new cycle counts in the new one, as it did), at most the
plan's current cycle. What a family or professional had already answered in the current
cycle thus stays answered. The column is then made NOT NULL, with no default: whoever
records a survey gives its cycle (maatwerk.monitoring.surveys, synth, demo).

SQLite cannot make a column NOT NULL or add a CHECK in place: batch mode copies the table
and drops the old one, and with foreign keys enforced (PRAGMA foreign_keys=ON, which cannot
be switched off inside the migration's transaction) that drop cascades into survey_answers.
The answers are therefore set aside in a temporary table and put back after the copy
(upgrade and downgrade alike).

Revision ID: 0007_survey_cycle
Revises: 0006_audit_chain_head_kept
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0007_survey_cycle"
down_revision = "0006_audit_chain_head_kept"
branch_labels = None
depends_on = None

CHECK = "ck_experience_surveys_cycle_positive"
ANSWER_COLUMNS = "id, survey_id, statement_key, operational_goal_id, score"

# The UTC day of a transition and the smaller of two numbers, per dialect.
_DAY = {
    "postgresql": "CAST(t.occurred_at AT TIME ZONE 'UTC' AS date)",
    "sqlite": "date(t.occurred_at)",
}
_LEAST = {"postgresql": "LEAST", "sqlite": "MIN"}

BACKFILL = """\
UPDATE experience_surveys SET cycle = {least}(
    (SELECT p.cycle FROM plans p WHERE p.id = experience_surveys.plan_id),
    1 + (
        SELECT count(*) FROM transition_events t
        WHERE t.plan_id = experience_surveys.plan_id
          AND t.subject_type = 'plan'
          AND t."trigger" = 'new_cycle'
          AND {day} <= experience_surveys.answered_on
    )
)"""


@contextmanager
def _answers_kept() -> Iterator[None]:
    """On SQLite: keep survey_answers through a batch copy of experience_surveys."""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    op.execute(f"CREATE TEMP TABLE answers_0007 AS SELECT {ANSWER_COLUMNS} FROM survey_answers")
    yield
    op.execute("DELETE FROM survey_answers")  # emptied by the cascade already (if enforced)
    op.execute(
        f"INSERT INTO survey_answers ({ANSWER_COLUMNS}) SELECT {ANSWER_COLUMNS} FROM answers_0007"
    )
    op.execute("DROP TABLE answers_0007")


def upgrade():
    dialect = op.get_bind().dialect.name
    op.add_column("experience_surveys", sa.Column("cycle", sa.Integer(), nullable=True))
    op.execute(BACKFILL.format(least=_LEAST[dialect], day=_DAY[dialect]))
    with _answers_kept():
        with op.batch_alter_table("experience_surveys", schema=None) as batch_op:
            batch_op.alter_column("cycle", existing_type=sa.Integer(), nullable=False)
            batch_op.create_check_constraint(batch_op.f(CHECK), "cycle >= 1")


def downgrade():
    with _answers_kept():
        with op.batch_alter_table("experience_surveys", schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(CHECK), type_="check")
            batch_op.drop_column("cycle")
