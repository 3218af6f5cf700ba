"""The database schema. Alembic migrations in ``migrations/versions`` create exactly this.

This module holds the catalogue (imports, creators, accounts, content, audiences, brands,
follower samples) and vetting; people and jobs are in ``tables_team``, discovery in
``tables_discovery``, planning in ``tables_planning`` and tracking in ``tables_tracking``,
re-exported here so every store reads ``tables.<name>``.

Tables are SQLAlchemy Core ``Table`` objects: repositories read rows into domain dataclasses, so
no row object ever leaves this package.
"""

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
    String,
    Table,
    Text,
    UniqueConstraint,
)

from kolscope.infra.db.tables_base import JsonList, Stamp, metadata
from kolscope.infra.db.tables_discovery import (
    account_niches,
    account_terms,
    creator_profiles,
    saved_searches,
    shortlist_entries,
    shortlists,
)
from kolscope.infra.db.tables_planning import (
    campaign_creators,
    campaign_moves,
    campaign_plans,
    campaigns,
    content_decisions,
    content_submissions,
    rate_card_entries,
)
from kolscope.infra.db.tables_team import (
    api_tokens,
    brand_grants,
    jobs,
    login_attempts,
    memberships,
    organisations,
    password_resets,
    sessions,
    users,
)
from kolscope.infra.db.tables_tracking import (
    campaign_destinations,
    click_journal_marks,
    clicks,
    leads,
    order_events,
    order_lines,
    orders,
    promo_codes,
    shops,
    tracking_links,
    webhook_deliveries,
)

__all__ = [
    "JsonList",
    "Stamp",
    "account_niches",
    "account_snapshots",
    "account_terms",
    "accounts",
    "api_tokens",
    "audience_profiles",
    "audience_shares",
    "audit_benchmarks",
    "audits",
    "brand_grants",
    "brands",
    "campaign_creators",
    "campaign_destinations",
    "campaign_moves",
    "campaign_plans",
    "campaigns",
    "click_journal_marks",
    "clicks",
    "comments",
    "content_decisions",
    "content_submissions",
    "creator_profiles",
    "creators",
    "follower_profiles",
    "follower_samples",
    "imports",
    "jobs",
    "leads",
    "login_attempts",
    "memberships",
    "metadata",
    "order_events",
    "order_lines",
    "orders",
    "organisations",
    "password_resets",
    "posts",
    "promo_codes",
    "rate_card_entries",
    "saved_searches",
    "sessions",
    "shops",
    "shortlist_entries",
    "shortlists",
    "tracking_links",
    "users",
    "webhook_deliveries",
]

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
