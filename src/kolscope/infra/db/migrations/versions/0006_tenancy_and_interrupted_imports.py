"""jobs and imports belong to an organisation; imports keep a heartbeat and their job

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

Existing jobs take the organisation of the person who asked for them, else the first
organisation; existing imports take the first organisation (the one set up first, whose
owners run the installation). Without any organisation they stay NULL, which the readers
show to the first organisation once it exists.

``jobs.organisation_id`` has a foreign key (on SQLite the batch rebuilds ``jobs``, which no
table references). ``imports.organisation_id`` has none: every catalogue row references
``imports``, and on SQLite adding a foreign key means rebuilding the table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_jobs_organisation_id_organisations",
            "organisations",
            ["organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_jobs_organisation_id", ["organisation_id"])
    with op.batch_alter_table("imports") as batch:
        batch.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("job_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_imports_organisation_id", ["organisation_id"])
        batch.create_index("ix_imports_job_id", ["job_id"])
    op.execute(
        "UPDATE jobs SET organisation_id = COALESCE("
        "(SELECT MIN(memberships.organisation_id) FROM memberships "
        "WHERE memberships.user_id = jobs.user_id), "
        "(SELECT MIN(organisations.id) FROM organisations))"
    )
    op.execute(
        "UPDATE imports SET organisation_id = (SELECT MIN(organisations.id) FROM organisations)"
    )


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch would rebuild ``imports``.
    op.drop_index("ix_imports_job_id", table_name="imports")
    op.drop_index("ix_imports_organisation_id", table_name="imports")
    for column in ("heartbeat_at", "job_id", "organisation_id"):
        op.execute(f"ALTER TABLE imports DROP COLUMN {column}")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_index("ix_jobs_organisation_id")
        batch.drop_constraint("fk_jobs_organisation_id_organisations", type_="foreignkey")
        batch.drop_column("organisation_id")
