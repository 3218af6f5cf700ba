"""The tables of people and access (organisations, people, sessions, tokens, login attempts)
and of background jobs. Part of the schema in ``tables``."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from kolscope.infra.db.tables_base import JsonList, Stamp, metadata

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
    # False until the person saves their formats: till then a Thai page shows Thai formats
    Column("formats_chosen", Boolean, nullable=False, server_default=false()),
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
