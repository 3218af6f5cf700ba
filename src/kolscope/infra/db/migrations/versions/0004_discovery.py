"""discovery: creator profiles, niches, hashtags and mentions, full-text search, shortlists

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_STAMP = sa.DateTime(timezone=True)


def _account_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["account_id"],
        ["accounts.id"],
        name=op.f(f"fk_{table}_account_id_accounts"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "creator_profiles",
        sa.Column("account_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("followers", sa.BigInteger(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("province", sa.String(length=6), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=True),
        sa.Column("has_contact", sa.Boolean(), nullable=False),
        sa.Column("engagement_rate", sa.Float(), nullable=True),
        sa.Column("last_active", sa.Date(), nullable=True),
        sa.Column("price_low", sa.Integer(), nullable=True),
        sa.Column("price_high", sa.Integer(), nullable=True),
        sa.Column("niche", sa.String(length=30), nullable=True),
        sa.Column("niches", _JSON, nullable=False),
        sa.Column("creator_type", sa.String(length=10), nullable=False),
        sa.Column("type_confidence", sa.Float(), nullable=False),
        sa.Column("facts", _JSON, nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=True),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("indexed_at", _STAMP, nullable=False),
        sa.Column("source_import", sa.Integer(), nullable=True),
        _account_fk("creator_profiles"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_creator_profiles")),
    )
    rest = ["engagement_rate", "language", "verified", "has_contact", "last_active"]
    rest += ["price_low", "price_high"]
    with op.batch_alter_table("creator_profiles", schema=None) as batch_op:
        batch_op.create_index(
            "ix_creator_profiles_followers",
            ["followers", "platform", "country", "province", "creator_type", *rest],
            unique=False,
        )
        batch_op.create_index("ix_creator_profiles_niche", ["niche", "followers"], unique=False)
        batch_op.create_index(
            "ix_creator_profiles_platform",
            ["platform", "followers", "country", "province", "creator_type", *rest],
            unique=False,
        )
        batch_op.create_index(
            "ix_creator_profiles_type",
            ["creator_type", "followers", "platform", "country", "province", *rest],
            unique=False,
        )
        batch_op.create_index(
            "ix_creator_profiles_place",
            ["country", "province", "followers", "platform", "creator_type", *rest],
            unique=False,
        )

    op.create_table(
        "account_niches",
        sa.Column("niche", sa.String(length=30), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("followers", sa.BigInteger(), nullable=True),
        _account_fk("account_niches"),
        sa.PrimaryKeyConstraint("niche", "account_id", name=op.f("pk_account_niches")),
    )
    with op.batch_alter_table("account_niches", schema=None) as batch_op:
        batch_op.create_index(
            "ix_account_niches_followers", ["niche", "followers", "account_id"], unique=False
        )
        batch_op.create_index("ix_account_niches_account", ["account_id"], unique=False)

    op.create_table(
        "account_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("term", sa.String(length=300), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("unsponsored", sa.Integer(), nullable=False),
        sa.Column("last_at", _STAMP, nullable=True),
        _account_fk("account_terms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_terms")),
        sa.UniqueConstraint("account_id", "kind", "term", name="uq_account_terms_account_term"),
    )
    with op.batch_alter_table("account_terms", schema=None) as batch_op:
        batch_op.create_index(
            "ix_account_terms_term",
            ["kind", "term", "account_id", "unsponsored", "last_at"],
            unique=False,
        )

    op.create_table(
        "shortlists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("brand_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", _STAMP, nullable=False),
        sa.Column("updated_at", _STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_shortlists_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["brand_id"],
            ["brands.id"],
            name=op.f("fk_shortlists_brand_id_brands"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_shortlists_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shortlists")),
        sa.UniqueConstraint("organisation_id", "name", name="uq_shortlists_org_name"),
    )
    op.create_table(
        "shortlist_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shortlist_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("added_at", _STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["shortlist_id"],
            ["shortlists.id"],
            name=op.f("fk_shortlist_entries_shortlist_id_shortlists"),
            ondelete="CASCADE",
        ),
        _account_fk("shortlist_entries"),
        sa.ForeignKeyConstraint(
            ["added_by"],
            ["users.id"],
            name=op.f("fk_shortlist_entries_added_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shortlist_entries")),
        sa.UniqueConstraint("shortlist_id", "account_id", name="uq_shortlist_entries_list_account"),
    )
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("query", _JSON, nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", _STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_saved_searches_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_saved_searches_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
        sa.UniqueConstraint("organisation_id", "name", name="uq_saved_searches_org_name"),
    )
    # Full text (outside the SQLAlchemy metadata; see adapters/db/search_index.py).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            # Thai vowel and tone marks are Unicode "M" characters: without M* among the
            # token categories unicode61 splits words at them (กิน and กัน both become ก + น)
            "CREATE VIRTUAL TABLE creator_fts USING fts5("
            "document, tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\")"
        )
    else:
        op.execute(
            "CREATE INDEX ix_fts_creator_profiles_document ON creator_profiles "
            "USING gin (to_tsvector('simple', coalesce(document, '')))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS creator_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_fts_creator_profiles_document")
    op.drop_table("saved_searches")
    op.drop_table("shortlist_entries")
    op.drop_table("shortlists")
    op.drop_table("account_terms")
    op.drop_table("account_niches")
    op.drop_table("creator_profiles")
