"""The database schema. Alembic migrations in ``migrations/versions`` create exactly this.

Tables are SQLAlchemy Core ``Table`` objects: repositories read rows into domain dataclasses, so
no row object ever leaves this package.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)
JsonList = JSON().with_variant(JSONB(), "postgresql")
Stamp = DateTime(timezone=True)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", Stamp, nullable=False),
    Column("finished_at", Stamp),
    Column("status", String(20), nullable=False),  # running, succeeded, failed
    Column("kind", String(20), nullable=False),
    Column("files", JsonList, nullable=False),  # name, sha256, platform, as_of, mapping per file
    Column("summary", JsonList),  # counts per file, warnings
    Column("error", Text),
    # Whose import this is (None: the workspace's own, shown to the first organisation). No
    # foreign key: on SQLite adding one would rebuild this table, which every row references.
    Column("organisation_id", Integer),
    Column("job_id", Integer),  # the job that ran it (a retried job finds its committed import)
    Column("heartbeat_at", Stamp),  # the importing process is alive (stale: interrupted)
    Index("ix_imports_organisation_id", "organisation_id"),
    Index("ix_imports_job_id", "job_id"),
)

creators = Table(
    "creators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("display_name", String(300), nullable=False),
    Column("creator_key", String(200), unique=True),  # the import's "creator" column, when given
    Column("country", String(2)),
    Column("province", String(6)),
    Column("languages", JsonList, nullable=False),
    Column("notes", Text),
    Column("created_at", Stamp, nullable=False),
    Column("updated_at", Stamp, nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("creator_id", Integer, ForeignKey("creators.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("handle", String(300), nullable=False),
    Column("handle_key", String(300), nullable=False),
    Column("display_name", String(300)),
    Column("bio", Text),
    Column("categories", JsonList, nullable=False),
    Column("country", String(2)),
    Column("province", String(6)),
    Column("languages", JsonList, nullable=False),
    Column("verified", Boolean),
    Column("external_url", String(2000)),
    Column("contact", String(500)),
    Column("has_profile_picture", Boolean),
    Column("is_private", Boolean),
    Column("followers", BigInteger),
    Column("following", BigInteger),
    Column("posts_count", BigInteger),
    Column("metrics_as_of", Date),  # the snapshot date the counts above come from
    Column("top_audience_country", String(2)),
    Column("first_seen", Date),
    Column("last_seen", Date),
    Column("created_at", Stamp, nullable=False),
    Column("updated_at", Stamp, nullable=False),
    UniqueConstraint("platform", "handle_key", name="uq_accounts_platform_handle"),
    Index("ix_accounts_followers", "followers"),
    Index("ix_accounts_creator", "creator_id"),
    Index("ix_accounts_place", "country", "province"),
)

account_snapshots = Table(
    "account_snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("taken_on", Date, nullable=False),
    Column("source", String(300), nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="SET NULL")),
    Column("source_row", Integer),
    Column("followers", BigInteger),
    Column("following", BigInteger),
    Column("posts_count", BigInteger),
    Column("avg_likes", Float),
    Column("avg_comments", Float),
    Column("avg_views", Float),
    Column("avg_shares", Float),
    Column("avg_saves", Float),
    Column("avg_engagement", Float),
    Column("avg_authentic_engagement", Float),
    Column("engagement_rate", Float),
    UniqueConstraint("account_id", "taken_on", "source", name="uq_snapshots_account_day_source"),
)

posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("platform_post_id", String(300), nullable=False),
    Column("url", String(2000)),
    Column("post_type", String(20), nullable=False),
    Column("caption", Text),
    Column("hashtags", JsonList, nullable=False),
    Column("mentions", JsonList, nullable=False),
    Column("posted_at", Stamp),
    Column("likes", BigInteger),
    Column("comments_count", BigInteger),
    Column("shares", BigInteger),
    Column("saves", BigInteger),
    Column("views", BigInteger),
    Column("reach", BigInteger),
    Column("is_sponsored", Boolean, nullable=False),
    Column("brand_mentions", JsonList, nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="SET NULL")),
    UniqueConstraint("account_id", "platform_post_id", name="uq_posts_account_post"),
    Index("ix_posts_posted_at", "posted_at"),
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
    Column("comment_key", String(300), nullable=False),  # platform id, or a digest of the content
    Column("platform_comment_id", String(300)),
    Column("text", Text, nullable=False),
    Column("author", String(300)),
    Column("author_is_pseudonym", Boolean, nullable=False),
    Column("posted_at", Stamp),
    Column("likes", BigInteger),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="SET NULL")),
    UniqueConstraint("post_id", "comment_key", name="uq_comments_post_key"),
)

audience_profiles = Table(
    "audience_profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("source", String(300), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("sample_size", Integer),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="SET NULL")),
    UniqueConstraint("account_id", "source", "as_of", name="uq_audience_account_source_day"),
)

audience_shares = Table(
    "audience_shares",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "profile_id",
        Integer,
        ForeignKey("audience_profiles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("dimension", String(20), nullable=False),
    Column("segment", String(100), nullable=False),
    Column("share", Float, nullable=False),
    UniqueConstraint("profile_id", "dimension", "segment", name="uq_audience_share_segment"),
    Index("ix_audience_shares_segment", "dimension", "segment", "share"),
)

brands = Table(
    "brands",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("handles", JsonList, nullable=False),
    Column("hashtags", JsonList, nullable=False),
    Column("niche", String(100)),
    Column("tone_notes", Text),
    Column("competitors", JsonList, nullable=False),
    Column("created_at", Stamp, nullable=False),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
)

follower_samples = Table(
    "follower_samples",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("taken_on", Date, nullable=False),
    Column("source", String(300), nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id", ondelete="SET NULL")),
    UniqueConstraint("account_id", "taken_on", "source", name="uq_follower_samples_account_day"),
)

follower_profiles = Table(
    "follower_profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "sample_id",
        Integer,
        ForeignKey("follower_samples.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("followers", BigInteger),
    Column("following", BigInteger),
    Column("posts", BigInteger),
    Column("bio_length", Integer),
    Column("has_picture", Boolean),
    Column("is_private", Boolean),
    Column("username_length", Integer),
    Column("username_digits", Integer),
    Column("username_digit_ratio", Float),
    Column("fullname_words", Integer),
    Column("fullname_digit_ratio", Float),
    Column("name_equals_username", Boolean),
    Column("has_external_url", Boolean),
    Column("is_fake", Boolean),
    Index("ix_follower_profiles_sample", "sample_id"),
)

# People, sessions and jobs (issue #3) -------------------------------------------------------

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", Stamp, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False, unique=True),  # stored lower-cased
    Column("name", String(200), nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("language", String(5)),  # th, en; None: follow the browser
    Column("buddhist_era", Boolean, nullable=False),
    Column("thai_units", Boolean, nullable=False),
    Column("created_at", Stamp, nullable=False),
    Column("last_login_at", Stamp),
)

memberships = Table(
    "memberships",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("role", String(20), nullable=False),  # owner, member, client
    Column("created_at", Stamp, nullable=False),
    UniqueConstraint("user_id", "organisation_id", name="uq_memberships_user_org"),
)

brand_grants = Table(
    "brand_grants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("brand_id", Integer, ForeignKey("brands.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("user_id", "brand_id", name="uq_brand_grants_user_brand"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", Stamp, nullable=False),
    Column("expires_at", Stamp, nullable=False),
    Column("last_seen_at", Stamp, nullable=False),
    Column("user_agent", String(300)),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("prefix", String(16), nullable=False),  # shown in lists, e.g. ks_4f2a
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", Stamp, nullable=False),
    Column("last_used_at", Stamp),
    Column("revoked_at", Stamp),
)

password_resets = Table(
    "password_resets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", Stamp, nullable=False),
    Column("expires_at", Stamp, nullable=False),
    Column("used_at", Stamp),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False),
    Column("ip", String(64), nullable=False),
    Column("at", Stamp, nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_login_attempts_email_at", "email", "at"),
    Index("ix_login_attempts_ip_at", "ip", "at"),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("status", String(20), nullable=False),  # queued, running, succeeded, failed
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("title", String(300), nullable=False),
    Column("params", JsonList, nullable=False),
    Column("progress_done", Integer, nullable=False),
    Column("progress_total", Integer),
    Column("message", String(500)),
    Column("result", JsonList),
    Column("error", Text),
    Column("attempts", Integer, nullable=False),
    Column("created_at", Stamp, nullable=False),
    Column("started_at", Stamp),
    Column("finished_at", Stamp),
    Column("heartbeat_at", Stamp),
    # Whose job this is (None: the workspace's own, shown to the first organisation).
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="SET NULL")),
    Index("ix_jobs_status", "status"),
    Index("ix_jobs_organisation_id", "organisation_id"),
)

# Vetting (issue #5) -----------------------------------------------------------------------------

audits = Table(
    "audits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("audited_at", Stamp, nullable=False),
    Column("score", Float),  # None: unknown
    Column("verdict", String(20), nullable=False),  # good, caution, risk, unknown
    Column("confidence", String(20), nullable=False),
    Column("scheme", String(100), nullable=False),
    Column("tier", String(100)),
    Column("problems", Integer, nullable=False),
    Column("report", JsonList, nullable=False),
    UniqueConstraint("account_id", name="uq_audits_account"),
    Index("ix_audits_score", "score"),
    Index("ix_audits_verdict", "verdict"),
)

audit_benchmarks = Table(
    "audit_benchmarks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scheme", String(100), nullable=False, unique=True),
    Column("stamp", String(200), nullable=False),  # what the data looked like when computed
    Column("computed_at", Stamp, nullable=False),
    Column("data", JsonList, nullable=False),
)

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
