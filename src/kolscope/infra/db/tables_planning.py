"""The tables of planning: campaigns and their briefs, the creators in each campaign with their
outreach stage, every stage move, submitted content and the brand's decisions on it, saved
plans, and the workspace's rate card. Part of the schema in ``tables``."""

from __future__ import annotations

from sqlalchemy import (
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

# Planning (issue #16) ---------------------------------------------------------------------------

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("brand_id", Integer, ForeignKey("brands.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("objective", String(20), nullable=False),
    Column("budget_thb", Float, nullable=False),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("status", String(20), nullable=False),
    # audience, niches, tone, deliverables, must-haves, exclusions, competitors, pyramid rules
    Column("brief", JsonList, nullable=False),
    Column("source", String(300)),  # "shortlist:NAME", "search:NAME" or None (from scratch)
    Column("created_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Stamp, nullable=False),
    Column("updated_at", Stamp, nullable=False),
    UniqueConstraint("organisation_id", "name", name="uq_campaigns_org_name"),
    Index("ix_campaigns_brand_id", "brand_id"),
)

campaign_creators = Table(
    "campaign_creators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("stage", String(30), nullable=False),
    Column("quote_thb", Float),  # the creator's own quote: overrides every estimate
    Column("fee_thb", Float),  # the fee agreed
    # [{"kind": "short_video", "due_on": "2026-12-20", "count": 1}]
    Column("deliverables", JsonList, nullable=False),
    Column("contact_channel", String(20)),  # line | email | phone | dm
    Column("contact_handle", String(300)),
    Column("notes", Text),
    Column("content_links", JsonList, nullable=False),  # published content
    Column("added_at", Stamp, nullable=False),
    Column("updated_at", Stamp, nullable=False),
    UniqueConstraint("campaign_id", "account_id", name="uq_campaign_creators_campaign_account"),
    Index("ix_campaign_creators_account_id", "account_id"),
)

campaign_moves = Table(
    "campaign_moves",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "campaign_creator_id",
        Integer,
        ForeignKey("campaign_creators.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("from_stage", String(30)),  # None when the creator joined the campaign
    Column("to_stage", String(30), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("by_name", String(300)),  # who, as written when the move was made (CLI: "cli")
    Column("at", Stamp, nullable=False),
    Column("note", Text),
    Index("ix_campaign_moves_campaign_creator_id", "campaign_creator_id"),
)

content_submissions = Table(
    "content_submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "campaign_creator_id",
        Integer,
        ForeignKey("campaign_creators.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("url", String(2000), nullable=False),
    Column("caption", Text),
    Column("submitted_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("submitted_at", Stamp, nullable=False),
    Column("status", String(30), nullable=False),  # pending | approved | changes_requested
    Index("ix_content_submissions_campaign_creator_id", "campaign_creator_id"),
)

content_decisions = Table(
    "content_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "submission_id",
        Integer,
        ForeignKey("content_submissions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("decision", String(30), nullable=False),  # approved | changes_requested
    Column("comment", Text),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("by_name", String(300)),
    Column("at", Stamp, nullable=False),
    Index("ix_content_decisions_submission_id", "submission_id"),
)

campaign_plans = Table(
    "campaign_plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("scenario", String(50), nullable=False),  # pyramid | all_mega | all_small | manual
    Column("result", JsonList, nullable=False),  # the plan as `campaigns plan --json` prints it
    Column("created_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Stamp, nullable=False),
    Index("ix_campaign_plans_campaign_id", "campaign_id"),
)

rate_card_entries = Table(
    "rate_card_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("platform", String(20), nullable=False),
    Column("tier", String(20), nullable=False),
    Column("deliverable", String(20), nullable=False),
    Column("low_thb", Float, nullable=False),
    Column("high_thb", Float, nullable=False),
    Column("updated_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("updated_at", Stamp, nullable=False),
    UniqueConstraint(
        "organisation_id", "platform", "tier", "deliverable", name="uq_rate_card_entries_cell"
    ),
)
