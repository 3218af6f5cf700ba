"""Creators, their accounts on each platform, and dated measurements of those accounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from kolscope.domain.platforms import Platform


def handle_key(handle: str) -> str:
    """The identity of a handle on its platform: "@Som.Review " and "som.review" are one account."""
    return " ".join(handle.strip().lstrip("@").split()).casefold()


class AccountSnapshot(NamedTuple):
    """What an account measured on one day, from one source. Imports add these; none is overwritten
    by another source or date, so growth can be read over time."""

    taken_on: date
    source: str
    followers: int | None = None
    following: int | None = None
    posts_count: int | None = None
    avg_likes: float | None = None
    avg_comments: float | None = None
    avg_views: float | None = None
    avg_shares: float | None = None
    avg_saves: float | None = None
    avg_engagement: float | None = None
    avg_authentic_engagement: float | None = None
    engagement_rate: float | None = None


class PlatformAccount(NamedTuple):
    """One account of a creator on one platform, with its latest known profile and counts."""

    platform: Platform
    handle: str
    display_name: str | None = None
    bio: str | None = None
    categories: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2, e.g. "TH"
    province: str | None = None  # ISO 3166-2 code of a Thai province, e.g. "TH-10" (Bangkok)
    languages: tuple[str, ...] = ()  # ISO 639-1, e.g. ("th", "en")
    verified: bool | None = None
    external_url: str | None = None
    contact: str | None = None
    has_profile_picture: bool | None = None
    is_private: bool | None = None
    followers: int | None = None
    following: int | None = None
    posts_count: int | None = None
    top_audience_country: str | None = None
    first_seen: date | None = None
    last_seen: date | None = None
    id: int | None = None
    creator_id: int | None = None
    snapshots: tuple[AccountSnapshot, ...] = ()

    @property
    def key(self) -> str:
        return handle_key(self.handle)

    @property
    def reference(self) -> str:
        """How people and the CLI name an account: ``instagram:som.review``."""
        return f"{self.platform.value}:{self.handle}"


@dataclass(frozen=True, slots=True)
class Creator:
    """A person or page, known through one or more platform accounts."""

    display_name: str
    accounts: tuple[PlatformAccount, ...] = ()
    country: str | None = None
    province: str | None = None
    languages: tuple[str, ...] = ()
    id: int | None = None
    notes: str | None = field(default=None, compare=False)

    @property
    def followers(self) -> int | None:
        """Followers summed over the accounts whose count is known (None when none is)."""
        counts = [a.followers for a in self.accounts if a.followers is not None]
        return sum(counts) if counts else None

    @property
    def main_account(self) -> PlatformAccount | None:
        """The account with the most followers, the one a creator is usually known by."""
        if not self.accounts:
            return None
        return max(self.accounts, key=lambda a: a.followers or -1)


def parse_account_reference(text: str) -> tuple[Platform, str]:
    """Read ``PLATFORM:HANDLE`` (``tiktok:@som.review``) as a platform and a handle."""
    from kolscope.domain.platforms import parse_platform

    platform_text, sep, handle = text.partition(":")
    platform = parse_platform(platform_text) if sep else None
    if platform is None or not handle.strip().lstrip("@"):
        raise ValueError(
            f"{text!r} is not PLATFORM:HANDLE (for example instagram:som.review); "
            f"platforms: {', '.join(p.value for p in Platform)}"
        )
    return platform, handle.strip().lstrip("@")
