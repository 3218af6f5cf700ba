"""Reading database rows into domain objects (the only place that knows both shapes)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import Row

from kolscope.domain.audience import AudienceDimension, AudienceProfile, AudienceShare
from kolscope.domain.brands import Brand
from kolscope.domain.content import Comment, Post, PostType
from kolscope.domain.creators import AccountSnapshot, PlatformAccount
from kolscope.domain.platforms import Platform


def account_from_row(row: Row[Any], snapshots: tuple[AccountSnapshot, ...] = ()) -> PlatformAccount:
    m = row._mapping
    return PlatformAccount(
        id=m["id"],
        creator_id=m["creator_id"],
        platform=Platform(m["platform"]),
        handle=m["handle"],
        display_name=m["display_name"],
        bio=m["bio"],
        categories=tuple(m["categories"] or ()),
        country=m["country"],
        province=m["province"],
        languages=tuple(m["languages"] or ()),
        verified=m["verified"],
        external_url=m["external_url"],
        contact=m["contact"],
        has_profile_picture=m["has_profile_picture"],
        is_private=m["is_private"],
        followers=m["followers"],
        following=m["following"],
        posts_count=m["posts_count"],
        top_audience_country=m["top_audience_country"],
        first_seen=m["first_seen"],
        last_seen=m["last_seen"],
        snapshots=snapshots,
    )


SNAPSHOT_COLUMNS = (
    "followers", "following", "posts_count", "avg_likes", "avg_comments", "avg_views",
    "avg_shares", "avg_saves", "avg_engagement", "avg_authentic_engagement", "engagement_rate",
)  # fmt: skip


def snapshot_from_row(row: Row[Any]) -> AccountSnapshot:
    m = row._mapping
    return AccountSnapshot(
        taken_on=m["taken_on"], source=m["source"], **{c: m[c] for c in SNAPSHOT_COLUMNS}
    )


def post_from_row(row: Row[Any]) -> Post:
    m = row._mapping
    return Post(
        id=m["id"],
        account_id=m["account_id"],
        platform_post_id=m["platform_post_id"],
        url=m["url"],
        post_type=PostType(m["post_type"]),
        caption=m["caption"],
        hashtags=tuple(m["hashtags"] or ()),
        mentions=tuple(m["mentions"] or ()),
        posted_at=m["posted_at"],
        likes=m["likes"],
        comments_count=m["comments_count"],
        shares=m["shares"],
        saves=m["saves"],
        views=m["views"],
        reach=m["reach"],
        is_sponsored=bool(m["is_sponsored"]),
        brand_mentions=tuple(m["brand_mentions"] or ()),
    )


def comment_from_row(row: Row[Any]) -> Comment:
    m = row._mapping
    return Comment(
        id=m["id"],
        post_id=m["post_id"],
        text=m["text"],
        author=m["author"],
        author_is_pseudonym=bool(m["author_is_pseudonym"]),
        posted_at=m["posted_at"],
        likes=m["likes"],
        platform_comment_id=m["platform_comment_id"],
    )


def audience_from_rows(profile: Row[Any], shares: list[Row[Any]]) -> AudienceProfile:
    m = profile._mapping
    return AudienceProfile(
        id=m["id"],
        account_id=m["account_id"],
        source=m["source"],
        as_of=m["as_of"],
        sample_size=m["sample_size"],
        shares=tuple(
            AudienceShare(AudienceDimension(s.dimension), s.segment, s.share) for s in shares
        ),
    )


def brand_from_row(row: Row[Any]) -> Brand:
    m = row._mapping
    return Brand(
        id=m["id"],
        name=m["name"],
        handles=tuple(m["handles"] or ()),
        hashtags=tuple(m["hashtags"] or ()),
        niche=m["niche"],
        tone_notes=m["tone_notes"],
        competitors=tuple(m["competitors"] or ()),
        organisation_id=m["organisation_id"],
    )


@overload
def stored_time(value: datetime | str) -> datetime: ...
@overload
def stored_time(value: None) -> None: ...
def stored_time(value: datetime | str | None) -> datetime | None:
    """A time as the database gives it back. Times are written in UTC; SQLite returns them
    without their zone, and as text from an aggregate such as ``max()``."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
