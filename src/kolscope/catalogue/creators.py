"""Browsing creators: list with filters (tiers by a named scheme), show one in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kolscope.catalogue.ports import CatalogueReader
from kolscope.catalogue.views import AccountDetail, AccountPage, AccountQuery, CatalogueTotals
from kolscope.domain.creators import AccountSnapshot, PlatformAccount
from kolscope.domain.platforms import Platform
from kolscope.domain.tiers import Tier, TierScheme
from kolscope.domain.workspace import WorkspaceConfig

MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class CreatorFilters:
    """What a person filters on. Follower bounds are inclusive; a tier is read in ``scheme``."""

    platforms: tuple[Platform, ...] = ()
    tier: str | None = None
    scheme: str | None = None
    min_followers: int | None = None
    max_followers: int | None = None
    country: str | None = None
    province: str | None = None
    text: str | None = None
    category: str | None = None
    sort: str = "followers"
    limit: int = 50
    offset: int = 0
    with_snapshots: bool = False


@dataclass(frozen=True, slots=True)
class CreatorList:
    page: AccountPage
    scheme: TierScheme
    filters: CreatorFilters


class CreatorCatalogue:
    """The use cases behind ``kolscope creators`` and the creator pages."""

    def __init__(self, reader: CatalogueReader, config: WorkspaceConfig) -> None:
        self._reader = reader
        self._config = config

    def scheme(self, name: str | None = None) -> TierScheme:
        return self._config.tier_scheme(name)

    def totals(self) -> CatalogueTotals:
        """How many creators, accounts, posts and comments the workspace holds."""
        return self._reader.totals()

    def list(self, filters: CreatorFilters) -> CreatorList:
        scheme = self.scheme(filters.scheme)
        low, below = filters.min_followers, None
        if filters.tier:
            tier = scheme.tier_named(filters.tier)
            low = max(low or 0, tier.min_followers)
            below = tier.max_followers
        if not 1 <= filters.limit <= MAX_PAGE:
            raise ValueError(f"limit must be between 1 and {MAX_PAGE}")
        if filters.offset < 0:
            raise ValueError("offset cannot be negative")
        query = AccountQuery(
            platforms=filters.platforms,
            min_followers=low,
            max_followers=filters.max_followers,
            below_followers=below,
            country=filters.country,
            province=filters.province,
            text=filters.text,
            category=filters.category,
            sort=filters.sort,
            limit=filters.limit,
            offset=filters.offset,
            with_snapshots=filters.with_snapshots,
        )
        return CreatorList(self._reader.find_accounts(query), scheme, filters)

    def show(self, platform: Platform, handle: str) -> AccountDetail | None:
        return self._reader.account_detail(platform, handle)


def tier_dict(tier: Tier | None) -> dict[str, Any] | None:
    if tier is None:
        return None
    return {
        "name": tier.name,
        "scheme": tier.scheme,
        "label": str(tier),
        "min_followers": tier.min_followers,
        "max_followers": tier.max_followers,
    }


def snapshot_dict(snapshot: AccountSnapshot) -> dict[str, Any]:
    return {
        "date": snapshot.taken_on.isoformat(),
        "source": snapshot.source,
        "followers": snapshot.followers,
        "following": snapshot.following,
        "posts_count": snapshot.posts_count,
        "avg_likes": snapshot.avg_likes,
        "avg_comments": snapshot.avg_comments,
        "avg_views": snapshot.avg_views,
        "avg_shares": snapshot.avg_shares,
        "avg_saves": snapshot.avg_saves,
        "avg_engagement": snapshot.avg_engagement,
        "avg_authentic_engagement": snapshot.avg_authentic_engagement,
        "engagement_rate": snapshot.engagement_rate,
    }


def account_dict(
    account: PlatformAccount, scheme: TierScheme, creator_name: str | None = None
) -> dict[str, Any]:
    """The JSON shape of an account shared by the CLI (--json) and the API."""
    return {
        "platform": account.platform.value,
        "handle": account.handle,
        "reference": account.reference,
        "display_name": account.display_name,
        "creator_id": account.creator_id,
        "creator_name": creator_name,
        "followers": account.followers,
        "following": account.following,
        "posts_count": account.posts_count,
        "tier": tier_dict(scheme.tier_for(account.followers)),
        "bio": account.bio,
        "categories": list(account.categories),
        "country": account.country,
        "province": account.province,
        "languages": list(account.languages),
        "verified": account.verified,
        "external_url": account.external_url,
        "top_audience_country": account.top_audience_country,
        "first_seen": account.first_seen.isoformat() if account.first_seen else None,
        "last_seen": account.last_seen.isoformat() if account.last_seen else None,
        "snapshots": [snapshot_dict(s) for s in account.snapshots],
    }


def detail_dict(detail: AccountDetail, scheme: TierScheme) -> dict[str, Any]:
    data = account_dict(detail.account, scheme, detail.creator.display_name)
    data["creator"] = {
        "id": detail.creator.id,
        "display_name": detail.creator.display_name,
        "accounts": [a.reference for a in detail.creator.accounts],
    }
    data["post_count"] = detail.post_count
    data["comment_count"] = detail.comment_count
    data["recent_posts"] = [
        {
            "platform_post_id": p.platform_post_id,
            "post_type": p.post_type.value,
            "posted_at": p.posted_at.isoformat() if p.posted_at else None,
            "caption": p.caption,
            "hashtags": list(p.hashtags),
            "likes": p.likes,
            "comments": p.comments_count,
            "views": p.views,
            "is_sponsored": p.is_sponsored,
            "url": p.url,
        }
        for p in detail.recent_posts
    ]
    data["audience"] = [
        {
            "source": profile.source,
            "as_of": profile.as_of.isoformat() if profile.as_of else None,
            "sample_size": profile.sample_size,
            "shares": [
                {"dimension": s.dimension.value, "segment": s.segment, "share": s.share}
                for s in profile.shares
            ],
        }
        for profile in detail.audience
    ]
    data["follower_samples"] = [
        {
            "date": s.taken_on.isoformat(),
            "source": s.source,
            "size": s.size,
            "labelled": s.labelled,
            "labelled_fake": s.labelled_fake,
        }
        for s in detail.follower_samples
    ]
    return data
