"""Builders of import records (what a reader yields for a row), for tests over fakes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kolscope.catalogue.importing.records import (
    AccountRow,
    AudienceRow,
    CommentRow,
    FollowerRow,
    PostRow,
)
from kolscope.domain.audience import AudienceDimension, AudienceShare
from kolscope.domain.content import Comment, Post, extract_hashtags, extract_mentions
from kolscope.domain.creators import AccountSnapshot, PlatformAccount
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.platforms import Platform

DAY = date(2026, 11, 1)
SOURCE = "fake export"


def account_row(
    row: int,
    handle: str,
    followers: int | None = 5_000,
    *,
    platform: Platform = Platform.INSTAGRAM,
    day: date = DAY,
    creator_key: str | None = None,
    engagement_rate: float | None = None,
    **profile: object,
) -> AccountRow:
    """A creators-file row: the account's profile as of ``day``, with a snapshot."""
    account = PlatformAccount(
        platform,
        handle,
        followers=followers,
        first_seen=day,
        last_seen=day,
        **profile,  # type: ignore[arg-type]
    )
    snapshot = AccountSnapshot(day, SOURCE, followers=followers, engagement_rate=engagement_rate)
    return AccountRow(row, account, snapshot, creator_key)


def post_row(
    row: int,
    handle: str,
    post_id: str,
    *,
    caption: str | None = None,
    day: date = DAY,
    likes: int | None = 100,
    comments: int | None = 10,
    sponsored: bool = False,
    hashtags: tuple[str, ...] | None = None,
    mentions: tuple[str, ...] | None = None,
    platform: Platform = Platform.INSTAGRAM,
) -> PostRow:
    """A post; its hashtags and mentions are read from the caption unless given."""
    posted = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    post = Post(
        post_id,
        caption=caption,
        hashtags=extract_hashtags(caption) if hashtags is None else hashtags,
        mentions=extract_mentions(caption) if mentions is None else mentions,
        posted_at=posted,
        likes=likes,
        comments_count=comments,
        is_sponsored=sponsored,
    )
    return PostRow(row, platform, handle, post)


def comment_row(
    row: int,
    post_id: str,
    text: str,
    *,
    author: str | None = None,
    handle: str | None = None,
    at: datetime | None = None,
    platform: Platform = Platform.INSTAGRAM,
) -> CommentRow:
    return CommentRow(row, platform, handle, post_id, Comment(text, author=author, posted_at=at))


def audience_row(
    row: int,
    handle: str,
    shares: dict[tuple[AudienceDimension, str], float],
    *,
    day: date = DAY,
    sample_size: int | None = 1_000,
    platform: Platform = Platform.INSTAGRAM,
) -> AudienceRow:
    parts = tuple(AudienceShare(d, segment, share) for (d, segment), share in shares.items())
    return AudienceRow(row, platform, handle, SOURCE, day, sample_size, parts)


def follower_row(
    row: int,
    handle: str,
    *,
    fake: bool | None = None,
    picture: bool = True,
    posts: int = 20,
    day: date = DAY,
    platform: Platform = Platform.INSTAGRAM,
) -> FollowerRow:
    profile = FollowerProfile(
        followers=100, following=200, posts=posts, has_picture=picture, is_fake=fake
    )
    return FollowerRow(row, platform, handle, day, SOURCE, profile)
