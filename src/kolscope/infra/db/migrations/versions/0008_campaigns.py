"""planning: campaigns and briefs, creators in a campaign with their outreach stage, stage
moves, submitted content and the brand's decisions, saved plans, the workspace's rate card

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_STAMP = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _user(table: str, column: str) -> sa.ForeignKeyConstraint:
    return _fk(table, column, "users", "SET NULL")


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("brand_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("objective", sa.String(length=20), nullable=False),
        sa.Column("budget_thb", sa.Float(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("brief", _JSON, nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", _STAMP, nullable=False),
        sa.Column("updated_at", _STAMP, nullable=False),
        _fk("campaigns", "organisation_id", "organisations", "CASCADE"),
        _fk("campaigns", "brand_id", "brands", "CASCADE"),
        _user("campaigns", "created_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("organisation_id", "name", name="uq_campaigns_org_name"),
    )
    op.create_index("ix_campaigns_brand_id", "campaigns", ["brand_id"])
    op.create_table(
        "campaign_creators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column("quote_thb", sa.Float(), nullable=True),
        sa.Column("fee_thb", sa.Float(), nullable=True),
        sa.Column("deliverables", _JSON, nullable=False),
        sa.Column("contact_channel", sa.String(length=20), nullable=True),
        sa.Column("contact_handle", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("content_links", _JSON, nullable=False),
        sa.Column("added_at", _STAMP, nullable=False),
        sa.Column("updated_at", _STAMP, nullable=False),
        _fk("campaign_creators", "campaign_id", "campaigns", "CASCADE"),
        _fk("campaign_creators", "account_id", "accounts", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_creators")),
        sa.UniqueConstraint(
            "campaign_id", "account_id", name="uq_campaign_creators_campaign_account"
        ),
    )
    op.create_index("ix_campaign_creators_account_id", "campaign_creators", ["account_id"])
    op.create_table(
        "campaign_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_creator_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.String(length=30), nullable=True),
        sa.Column("to_stage", sa.String(length=30), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("by_name", sa.String(length=300), nullable=True),
        sa.Column("at", _STAMP, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _fk("campaign_moves", "campaign_creator_id", "campaign_creators", "CASCADE"),
        _user("campaign_moves", "user_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_moves")),
    )
    op.create_index(
        "ix_campaign_moves_campaign_creator_id", "campaign_moves", ["campaign_creator_id"]
    )
    op.create_table(
        "content_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_creator_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("submitted_at", _STAMP, nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        _fk("content_submissions", "campaign_creator_id", "campaign_creators", "CASCADE"),
        _user("content_submissions", "submitted_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_submissions")),
    )
    op.create_index(
        "ix_content_submissions_campaign_creator_id",
        "content_submissions",
        ["campaign_creator_id"],
    )
    op.create_table(
        "content_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("by_name", sa.String(length=300), nullable=True),
        sa.Column("at", _STAMP, nullable=False),
        _fk("content_decisions", "submission_id", "content_submissions", "CASCADE"),
        _user("content_decisions", "user_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_decisions")),
    )
    op.create_index("ix_content_decisions_submission_id", "content_decisions", ["submission_id"])
    op.create_table(
        "campaign_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("scenario", sa.String(length=50), nullable=False),
        sa.Column("result", _JSON, nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", _STAMP, nullable=False),
        _fk("campaign_plans", "campaign_id", "campaigns", "CASCADE"),
        _user("campaign_plans", "created_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_plans")),
    )
    op.create_index("ix_campaign_plans_campaign_id", "campaign_plans", ["campaign_id"])
    op.create_table(
        "rate_card_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("deliverable", sa.String(length=20), nullable=False),
        sa.Column("low_thb", sa.Float(), nullable=False),
        sa.Column("high_thb", sa.Float(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", _STAMP, nullable=False),
        _fk("rate_card_entries", "organisation_id", "organisations", "CASCADE"),
        _user("rate_card_entries", "updated_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_card_entries")),
        sa.UniqueConstraint(
            "organisation_id",
            "platform",
            "tier",
            "deliverable",
            name="uq_rate_card_entries_cell",
        ),
    )


def downgrade() -> None:
    for table in (
        "rate_card_entries", "campaign_plans", "content_decisions", "content_submissions",
        "campaign_moves", "campaign_creators", "campaigns",
    ):  # fmt: skip
        op.drop_table(table)
