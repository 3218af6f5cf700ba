"""The tables of discovery: the search index (profiles, niches, terms), shortlists and saved
searches. Part of the schema in ``tables``."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from kolscope.infra.db.tables_base import JsonList, Stamp, metadata

# Discovery (issue #6) ---------------------------------------------------------------------------

# One row per account: what search filters and ranks on, computed from the account's profile,
# posts and audience by the discovery indexer (services/discovery_index.py). Account columns
# are copied here so a search reads one table; the full-text part lives beside it (SQLite: the
# FTS5 table ``creator_fts``; PostgreSQL: a GIN index over ``document``), see search_index.py.
_PROFILE_FILTERS = (
    "followers", "platform", "country", "province", "creator_type", "engagement_rate",
    "language", "verified", "has_contact", "last_active", "price_low", "price_high",
)  # fmt: skip


def _FILTERS_BUT(*leading: str) -> tuple[str, ...]:  # noqa: N802 - reads as a column list
    """The filter columns an index carries after its leading ones (followers stays second)."""
    return tuple(c for c in _PROFILE_FILTERS if c not in leading and c != "followers")


creator_profiles = Table(
    "creator_profiles",
    metadata,
    Column(
        "account_id",
        Integer,
        ForeignKey("accounts.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("platform", String(20), nullable=False),
    Column("followers", BigInteger),
    Column("country", String(2)),
    Column("province", String(6)),
    Column("language", String(10)),  # th, en, mixed, none
    Column("verified", Boolean),
    Column("has_contact", Boolean, nullable=False),
    Column("engagement_rate", Float),  # per cent of followers, median over recent posts
    Column("last_active", Date),
    Column("price_low", Integer),  # estimated THB per post
    Column("price_high", Integer),
    Column("niche", String(30)),  # the most confident niche
    Column("niches", JsonList, nullable=False),  # [{niche, confidence, evidence}]
    Column("creator_type", String(10), nullable=False),  # kol, koc, creator
    Column("type_confidence", Float, nullable=False),
    Column("facts", JsonList, nullable=False),  # reasons, tone, signals: shown and used for fit
    Column("vector", LargeBinary),  # float16 profile vector for lookalikes
    Column("document", Text),  # pre-tokenised search text (PostgreSQL full-text reads it)
    Column("indexed_at", Stamp, nullable=False),
    Column("source_import", Integer),  # the newest import id the row was built after
    # Covering indexes: each carries every filter column, so a search reads index entries in
    # followers order and never the wide rows (facts JSON, vector) it rejects (bench_search.py).
    Index("ix_creator_profiles_followers", "followers", *_FILTERS_BUT("followers")),
    Index("ix_creator_profiles_niche", "niche", "followers"),
    Index("ix_creator_profiles_platform", "platform", "followers", *_FILTERS_BUT("platform")),
    Index("ix_creator_profiles_type", "creator_type", "followers", *_FILTERS_BUT("creator_type")),
    Index(
        "ix_creator_profiles_place",
        "country",
        "province",
        "followers",
        *_FILTERS_BUT("country", "province"),
    ),
)

# Every niche of an account above the classifier's threshold (multi-label filter).
account_niches = Table(
    "account_niches",
    metadata,
    Column("niche", String(30), primary_key=True),
    Column(
        "account_id",
        Integer,
        ForeignKey("accounts.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("confidence", Float, nullable=False),
    Column("followers", BigInteger),
    Column("platform", String(20)),  # copied, like followers, for ordered scans per platform
    Index("ix_account_niches_followers", "niche", "followers", "account_id"),
    Index("ix_account_niches_platform", "niche", "platform", "followers", "account_id"),
    Index("ix_account_niches_account", "account_id"),
)

# The hashtags an account uses and the handles it mentions, counted over its posts.
account_terms = Table(
    "account_terms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),  # tag, mention
    Column("term", String(300), nullable=False),  # lower case, no # or @
    Column("posts", Integer, nullable=False),
    Column("unsponsored", Integer, nullable=False),
    Column("last_at", Stamp),
    UniqueConstraint("account_id", "kind", "term", name="uq_account_terms_account_term"),
    Index("ix_account_terms_term", "kind", "term", "account_id", "unsponsored", "last_at"),
)

shortlists = Table(
    "shortlists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("name", String(200), nullable=False),
    Column("brand_id", Integer, ForeignKey("brands.id", ondelete="SET NULL")),
    Column("created_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Stamp, nullable=False),
    Column("updated_at", Stamp, nullable=False),
    UniqueConstraint("organisation_id", "name", name="uq_shortlists_org_name"),
)

shortlist_entries = Table(
    "shortlist_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "shortlist_id", Integer, ForeignKey("shortlists.id", ondelete="CASCADE"), nullable=False
    ),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("note", Text),
    Column("added_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("added_at", Stamp, nullable=False),
    UniqueConstraint("shortlist_id", "account_id", name="uq_shortlist_entries_list_account"),
)

saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("name", String(200), nullable=False),
    Column("query", JsonList, nullable=False),  # the search's parameters, as the API takes them
    Column("created_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Stamp, nullable=False),
    UniqueConstraint("organisation_id", "name", name="uq_saved_searches_org_name"),
)
