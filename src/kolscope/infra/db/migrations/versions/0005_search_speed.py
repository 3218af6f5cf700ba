"""search speed: account_niches by platform; SQLite's narrow lookup index by account id;
PostgreSQL's stored tsvector

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

The lookup index and the stored tsvector are outside the SQLAlchemy metadata, like the
full-text objects of 0004: see adapters/db/search_index.py. Measured in bench/bench_search.py
at 1,000,000 creators.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_LOOKUP_COLUMNS = (
    "account_id, followers, platform, country, province, creator_type, engagement_rate, "
    "language, verified, has_contact, last_active, price_low, price_high"
)


def upgrade() -> None:
    # A lookalike's candidates on one platform: read in followers order from one index range.
    with op.batch_alter_table("account_niches") as batch:
        batch.add_column(sa.Column("platform", sa.String(length=20), nullable=True))
    op.execute(
        "UPDATE account_niches SET platform = (SELECT creator_profiles.platform "
        "FROM creator_profiles WHERE creator_profiles.account_id = account_niches.account_id)"
    )
    op.create_index(
        "ix_account_niches_platform",
        "account_niches",
        ["niche", "platform", "followers", "account_id"],
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE INDEX ix_creator_profiles_lookup ON creator_profiles ({_LOOKUP_COLUMNS})"
        )
        return
    # A phrase match rechecks word positions in the tsvector of every candidate row: stored,
    # it is read instead of computed again from the document each time.
    op.execute("DROP INDEX IF EXISTS ix_fts_creator_profiles_document")
    op.execute(
        "ALTER TABLE creator_profiles ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(document, ''))) STORED"
    )
    op.execute(
        "CREATE INDEX ix_fts_creator_profiles_document ON creator_profiles "
        "USING gin (search_vector)"
    )


def downgrade() -> None:
    op.drop_index("ix_account_niches_platform", table_name="account_niches")
    with op.batch_alter_table("account_niches") as batch:
        batch.drop_column("platform")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_creator_profiles_lookup")
        return
    op.execute("DROP INDEX IF EXISTS ix_fts_creator_profiles_document")
    op.execute("ALTER TABLE creator_profiles DROP COLUMN IF EXISTS search_vector")
    op.execute(
        "CREATE INDEX ix_fts_creator_profiles_document ON creator_profiles "
        "USING gin (to_tsvector('simple', coalesce(document, '')))"
    )
