"""people remember whether they chose their formats: until they do, a Thai page shows
Buddhist-era years and Thai number units

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

A plain ADD COLUMN with a default (no table rebuild on SQLite). Existing people have not
chosen: their stored "off" was only the old default.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "users",
        sa.Column("formats_chosen", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("users", "formats_chosen")
