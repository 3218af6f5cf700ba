"""The catalogue's tables in memory: what the SQL schema keeps, as dicts.

Accounts are kept without their snapshots (those are in ``snapshots``, by account, day and
source); posts and comments carry their ids and owners. ``written_by`` remembers which import
wrote a row (the writer counts a row this same import wrote already as a repeat), and
``changed`` which accounts changed, in order (the index refresh reads it where the SQL source
compares ``updated_at`` and import ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from kolscope.domain.audience import AudienceDimension, AudienceProfile, AudienceShare
from kolscope.domain.brands import Brand
from kolscope.domain.content import Comment, Post
from kolscope.domain.creators import AccountSnapshot, Creator, PlatformAccount
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.platforms import Platform


@dataclass
class StoredSnapshot:
    snapshot: AccountSnapshot
    import_id: int
    row: int


@dataclass
class StoredAudience:
    account_id: int
    source: str
    as_of: date
    sample_size: int | None
    import_id: int
    shares: dict[tuple[str, str], float] = field(default_factory=dict)


@dataclass
class StoredSample:
    account_id: int
    taken_on: date
    source: str
    import_id: int
    profiles: list[FollowerProfile] = field(default_factory=list)


@dataclass
class CatalogueData:
    creators: dict[int, Creator] = field(default_factory=dict)
    creator_keys: dict[str, int] = field(default_factory=dict)
    accounts: dict[int, PlatformAccount] = field(default_factory=dict)
    metrics_as_of: dict[int, date | None] = field(default_factory=dict)
    snapshots: dict[tuple[int, date, str], StoredSnapshot] = field(default_factory=dict)
    posts: dict[int, Post] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    comment_keys: dict[tuple[int, str], int] = field(default_factory=dict)
    audience: dict[int, StoredAudience] = field(default_factory=dict)
    samples: dict[int, StoredSample] = field(default_factory=dict)
    brands: dict[int, Brand] = field(default_factory=dict)
    written_by: dict[tuple[str, int], int] = field(default_factory=dict)  # (table, id) -> import
    changed: dict[int, int] = field(default_factory=dict)  # account id -> change number
    next_id: int = 1
    changes: int = 0

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def touch(self, account_id: int) -> None:
        """The account, its posts or its audience changed (what the index refresh looks at)."""
        self.changes += 1
        self.changed[account_id] = self.changes

    def account_id(self, platform: Platform | str, key: str) -> int | None:
        name = platform.value if isinstance(platform, Platform) else platform
        for account in self.accounts.values():
            if account.platform.value == name and account.key == key:
                return account.id
        return None

    def account_snapshots(self, account_id: int) -> tuple[AccountSnapshot, ...]:
        """Oldest first."""
        mine = [s.snapshot for (owner, _d, _s), s in self.snapshots.items() if owner == account_id]
        return tuple(sorted(mine, key=lambda s: s.taken_on))

    def account_posts(self, account_id: int) -> list[Post]:
        """Newest first (undated last), then by id, newest first."""
        mine = [p for p in self.posts.values() if p.account_id == account_id]
        mine.sort(key=lambda p: -(p.id or 0))
        return sorted(mine, key=lambda p: (p.posted_at is None, _negated(p.posted_at)))

    def account_comments(self, account_id: int) -> list[Comment]:
        """Newest first (undated last)."""
        posts = {p.id for p in self.posts.values() if p.account_id == account_id}
        mine = [c for c in self.comments.values() if c.post_id in posts]
        mine.sort(key=lambda c: -(c.id or 0))
        return sorted(mine, key=lambda c: (c.posted_at is None, _negated(c.posted_at)))

    def account(self, account_id: int) -> PlatformAccount:
        """The account with its snapshots."""
        return self.accounts[account_id]._replace(snapshots=self.account_snapshots(account_id))

    def audiences_of(self, account_id: int) -> list[AudienceProfile]:
        """Newest first (by day, then as stored)."""
        mine = sorted(
            ((i, a) for i, a in self.audience.items() if a.account_id == account_id),
            key=lambda item: (-item[1].as_of.toordinal(), item[0]),
        )
        return [self.audience_profile(i) for i, _a in mine]

    def audience_profile(self, profile_id: int) -> AudienceProfile:
        stored = self.audience[profile_id]
        shares = tuple(
            AudienceShare(AudienceDimension(d), segment, share)
            for (d, segment), share in stored.shares.items()
        )
        return AudienceProfile(
            stored.source, shares, stored.sample_size, stored.as_of, stored.account_id, profile_id
        )

    def drop_audience(self, account_id: int, source: str, as_of: date) -> None:
        for old in [
            i
            for i, a in self.audience.items()
            if (a.account_id, a.source, a.as_of) == (account_id, source, as_of)
        ]:
            del self.audience[old]

    def drop_sample(self, account_id: int, taken_on: date, source: str) -> None:
        for old in [
            i
            for i, s in self.samples.items()
            if (s.account_id, s.taken_on, s.source) == (account_id, taken_on, source)
        ]:
            del self.samples[old]

    def put(self, other: CatalogueData) -> None:
        """Take every table of ``other`` (a committed unit of work)."""
        self.__dict__.update(other.__dict__)


def _negated(moment: datetime | None) -> float:
    return -moment.timestamp() if moment is not None else 0.0
