"""The JSON API's shapes, so /api/openapi.json documents every field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class TierOut(BaseModel):
    name: str = Field(description="Tier name in its scheme, e.g. micro.")
    scheme: str = Field(description="The scheme that assigned it, e.g. standard.")
    label: str = Field(description='Shown as "micro (standard)".')
    min_followers: int
    max_followers: int | None = Field(description="Exclusive upper bound; null for the top tier.")


class SnapshotOut(BaseModel):
    date: str = Field(description="Day measured (ISO 8601).")
    source: str = Field(description="Where the numbers came from (usually the import file).")
    followers: int | None
    following: int | None
    posts_count: int | None
    avg_likes: float | None
    avg_comments: float | None
    avg_views: float | None
    avg_shares: float | None
    avg_saves: float | None
    avg_engagement: float | None
    avg_authentic_engagement: float | None
    engagement_rate: float | None = Field(description="As the source stated it, a fraction.")


class CreatorOut(BaseModel):
    platform: str
    handle: str
    reference: str = Field(description="platform:handle, as the CLI takes it.")
    display_name: str | None
    creator_id: int | None
    creator_name: str | None
    followers: int | None
    following: int | None
    posts_count: int | None
    tier: TierOut | None
    bio: str | None
    categories: list[str]
    country: str | None = Field(description="ISO 3166-1 alpha-2.")
    province: str | None = Field(description="ISO 3166-2 code of a Thai province.")
    languages: list[str]
    verified: bool | None
    external_url: str | None
    top_audience_country: str | None
    first_seen: str | None
    last_seen: str | None
    snapshots: list[SnapshotOut]


class CreatorPage(BaseModel):
    synthetic: bool = Field(description="True when the workspace holds made-up demo data.")
    scheme: str
    total: int
    limit: int
    offset: int
    creators: list[CreatorOut]


class PostOut(BaseModel):
    platform_post_id: str
    post_type: str
    posted_at: str | None
    caption: str | None
    hashtags: list[str]
    likes: int | None
    comments: int | None
    views: int | None
    is_sponsored: bool
    url: str | None


class AudienceShareOut(BaseModel):
    dimension: str
    segment: str
    share: float


class AudienceOut(BaseModel):
    source: str
    as_of: str | None
    sample_size: int | None
    shares: list[AudienceShareOut]


class FollowerSampleOut(BaseModel):
    date: str
    source: str
    size: int
    labelled: int
    labelled_fake: int


class CreatorOwnerOut(BaseModel):
    id: int | None
    display_name: str
    accounts: list[str]


class CreatorDetailOut(CreatorOut):
    synthetic: bool
    creator: CreatorOwnerOut
    post_count: int
    comment_count: int
    recent_posts: list[PostOut]
    audience: list[AudienceOut]
    follower_samples: list[FollowerSampleOut]


class StatsOut(BaseModel):
    synthetic: bool
    workspace: str
    creators: int
    accounts: int
    snapshots: int
    posts: int
    comments: int
    audience_profiles: int
    follower_samples: int
    brands: int
    accounts_by_platform: dict[str, int]


class TierBandOut(BaseModel):
    name: str
    min_followers: int
    max_followers: int | None


class TierSchemeOut(BaseModel):
    name: str
    label: str
    source: str
    default: bool
    tiers: list[TierBandOut]


class ImportOut(BaseModel):
    id: int
    started_at: str
    finished_at: str | None
    status: str
    kind: str
    files: list[str]
    rows_imported: int | None
    error: str | None


class AuditSummaryOut(BaseModel):
    account: str = Field(description="platform:handle, as the CLI takes it.")
    platform: str
    handle: str
    followers: int | None
    scheme: str = Field(description="The tier scheme the account was compared within.")
    tier: str | None
    score: float | None = Field(description="0-100; null when no check had enough data.")
    verdict: str = Field(description="good (70+), caution (40+), risk, or unknown.")
    confidence: str = Field(description="none, low, medium or high.")
    problems: int = Field(description="How many checks found a problem.")
    audited_at: str = Field(description="When (ISO 8601, UTC).")


class AuditListOut(BaseModel):
    synthetic: bool
    total: int = Field(description="Audits matching the filters.")
    limit: int
    offset: int
    counts: dict[str, int] = Field(
        description="Audits per verdict among those of the chosen platforms (any verdict)."
    )
    audits: list[AuditSummaryOut]


class MessageOut(BaseModel):
    """A sentence as data: its stable code, its values, and its English text."""

    code: str = Field(description='Stable message code, e.g. "audit.comments.low_effort".')
    params: dict[str, Any] = Field(
        description="The values of the sentence: numbers as numbers (shares 0-1), ISO dates, "
        "codes of niches, places and platforms, nested messages as {code, params}."
    )
    text: str = Field(description="The sentence in English (the same as the plain field).")


class AuditSignalOut(BaseModel):
    name: str = Field(
        description="fake_followers, engagement, comments, growth, pods or audience_fit."
    )
    verdict: str = Field(description="ok, warning, problem or unknown (not enough data).")
    value: float | None
    unit: str
    score: float | None = Field(description="0-100; null when unknown.")
    confidence: str
    reason: str = Field(description="Why, in English.")
    data: str = Field(description="What the check read, in English.")
    reason_message: MessageOut | None = Field(
        default=None,
        description="The reason as a message (code and values), to say it in another language; "
        "null in audits stored before messages were data.",
    )
    data_message: MessageOut | None = Field(
        default=None, description="The data line as a message; null in older stored audits."
    )
    details: dict[str, Any] = Field(
        description="The check's own numbers (growth: jumps; engagement: percentile, median)."
    )


class AuditReportOut(BaseModel):
    """An audit report, as `kolscope audit --json` prints it (fields added later are kept)."""

    model_config = ConfigDict(extra="allow")

    account: str
    platform: str
    handle: str
    followers: int | None
    scheme: str
    tier: str | None
    audited_at: str
    score: float | None = Field(description="0-100; null when no check had enough data.")
    verdict: str
    confidence: str
    weights: dict[str, float] = Field(description="What each check weighs in the score.")
    signals: list[AuditSignalOut]
    metrics: dict[str, float | None] = Field(description="Every published metric.")
    percentiles: dict[str, float] = Field(description="Metric -> percentile among peers.")
    standing: dict[str, str] = Field(description='Metric -> "62nd percentile among …".')
    target: dict[str, Any] | None = Field(description="The target audience, when one was given.")
