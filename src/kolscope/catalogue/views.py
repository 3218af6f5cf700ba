"""The shapes the browsing use cases return: a page of accounts, one account in full, totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kolscope.domain.audience import AudienceProfile
from kolscope.domain.content import Comment, Post
from kolscope.domain.creators import Creator, PlatformAccount
from kolscope.domain.platforms import Platform


@dataclass(frozen=True, slots=True)
class AccountQuery:
    """Filters for listing accounts. Ranges are inclusive; text matches handle, name and bio."""

    platforms: tuple[Platform, ...] = ()
    min_followers: int | None = None
    max_followers: int | None = None  # inclusive
    below_followers: int | None = None  # exclusive upper bound (a tier's ceiling)
    country: str | None = None
    province: str | None = None
    text: str | None = None
    category: str | None = None
    sort: str = "followers"  # followers, -followers, handle, recent
    limit: int = 50
    offset: int = 0
    with_snapshots: bool = False


@dataclass(frozen=True, slots=True)
class AccountPage:
    accounts: tuple[PlatformAccount, ...]
    total: int
    creators: dict[int, str] = field(default_factory=dict)  # creator id -> display name


@dataclass(frozen=True, slots=True)
class FollowerSampleSummary:
    taken_on: date
    source: str
    size: int
    labelled_fake: int
    labelled: int


@dataclass(frozen=True, slots=True)
class AccountDetail:
    """Everything the creator page shows about one account."""

    account: PlatformAccount  # with all its snapshots, oldest first
    creator: Creator  # with all its accounts (without their snapshots)
    recent_posts: tuple[Post, ...]
    post_count: int
    recent_comments: tuple[Comment, ...]
    comment_count: int
    audience: tuple[AudienceProfile, ...]
    follower_samples: tuple[FollowerSampleSummary, ...]


@dataclass(frozen=True, slots=True)
class CommentStamp:
    """What changes whenever an account's comments do (added, removed or imported again): cheap
    to read, so a summary of the comments can be kept until it changes."""

    count: int  # comments stored under the account's posts
    latest_id: int | None  # the highest comment id
    latest_import_id: int | None  # the most recent import that wrote one of them


@dataclass(frozen=True, slots=True)
class CatalogueTotals:
    creators: int
    accounts: int
    snapshots: int
    posts: int
    comments: int
    audience_profiles: int
    follower_samples: int
    brands: int
    accounts_by_platform: dict[str, int]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    kind: str
    files: list[dict[str, Any]]
    summary: dict[str, Any] | None
    error: str | None
