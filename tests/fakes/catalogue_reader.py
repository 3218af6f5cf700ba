"""``CatalogueReader`` and ``CommentSource`` over ``CatalogueData`` (``catalogue/db/reader.py``).

Reads see committed data only (a unit of work writes to its own copy). Text filters match
handle, name and bio case-blind as the SQL ``LIKE`` does; a category matches any category
containing the text. Sorting puts unknown follower counts last on every sort, as the SQL asks
(``NULLS LAST``); a creator's other accounts come most followed first, unknown counts last.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kolscope.catalogue.views import (
    AccountDetail,
    AccountPage,
    AccountQuery,
    CatalogueTotals,
    CommentStamp,
    FollowerSampleSummary,
)
from kolscope.domain.brands import Brand
from kolscope.domain.content import Comment
from kolscope.domain.creators import Creator, PlatformAccount, handle_key
from kolscope.domain.platforms import Platform
from tests.fakes.catalogue_data import CatalogueData

RECENT_POSTS = 12
RECENT_COMMENTS = 10
_SORTS = ("followers", "-followers", "handle", "recent")


def _matches(account: PlatformAccount, query: AccountQuery) -> bool:
    followers = account.followers
    if query.platforms and account.platform not in query.platforms:
        return False
    low = query.min_followers
    high = query.max_followers
    if query.below_followers is not None:
        high = min(high if high is not None else query.below_followers, query.below_followers - 1)
    if low is not None or high is not None:
        if followers is None:
            return False  # an unknown count is outside any bound (SQL's NULL)
        if (low is not None and followers < low) or (high is not None and followers > high):
            return False
    if query.country and account.country != query.country:
        return False
    if query.province and account.province != query.province:
        return False
    if query.text:
        wanted = query.text.strip().lstrip("@").casefold()
        texts = (account.key, account.display_name or "", account.bio or "")
        if not any(wanted in text.casefold() for text in texts):
            return False
    if query.category:
        wanted = query.category.casefold()
        if not any(wanted in c.casefold() for c in account.categories):
            return False
    return True


def _order(accounts: list[PlatformAccount], sort: str) -> list[PlatformAccount]:
    by_id = sorted(accounts, key=lambda a: a.id or 0)
    if sort == "handle":
        return sorted(by_id, key=lambda a: a.key)
    if sort == "recent":
        return sorted(
            by_id, key=lambda a: (a.last_seen is None, -(a.last_seen or date.min).toordinal())
        )
    sign = -1 if sort == "followers" else 1
    return sorted(by_id, key=lambda a: (a.followers is None, sign * (a.followers or 0)))


class FakeCatalogueReader:
    def __init__(self, data: CatalogueData) -> None:
        self.data = data

    def find_accounts(self, query: AccountQuery) -> AccountPage:
        if query.sort not in _SORTS:
            raise ValueError(f"unknown sort {query.sort!r} (followers, -followers, handle, recent)")
        found = [a for a in self.data.accounts.values() if _matches(a, query)]
        page = _order(found, query.sort)[query.offset : query.offset + query.limit]
        if query.with_snapshots:
            page = [self.data.account(a.id or 0) for a in page]
        names = {
            a.creator_id: self.data.creators[a.creator_id].display_name
            for a in page
            if a.creator_id is not None
        }
        return AccountPage(tuple(page), len(found), names)

    def account_detail(self, platform: Platform, handle: str) -> AccountDetail | None:
        data = self.data
        account_id = data.account_id(platform, handle_key(handle))
        if account_id is None:
            return None
        account = data.account(account_id)
        creator: Creator = data.creators[account.creator_id or 0]
        siblings = [a for a in data.accounts.values() if a.creator_id == creator.id]
        siblings.sort(key=lambda a: (a.followers is None, -(a.followers or 0)))
        posts = data.account_posts(account_id)
        comments = data.account_comments(account_id)
        samples = sorted(
            (s for s in data.samples.values() if s.account_id == account_id),
            key=lambda s: s.taken_on,
            reverse=True,
        )
        return AccountDetail(
            account=account,
            creator=replace(creator, accounts=tuple(siblings)),
            recent_posts=tuple(posts[:RECENT_POSTS]),
            post_count=len(posts),
            recent_comments=tuple(comments[:RECENT_COMMENTS]),
            comment_count=len(comments),
            audience=tuple(data.audiences_of(account_id)),
            follower_samples=tuple(
                FollowerSampleSummary(
                    s.taken_on,
                    s.source,
                    len(s.profiles),
                    sum(1 for p in s.profiles if p.is_fake),
                    sum(1 for p in s.profiles if p.is_fake is not None),
                )
                for s in samples
            ),
        )

    def totals(self) -> CatalogueTotals:
        data = self.data
        by_platform: dict[str, int] = {}
        for account in data.accounts.values():
            name = account.platform.value
            by_platform[name] = by_platform.get(name, 0) + 1
        return CatalogueTotals(
            creators=len(data.creators),
            accounts=len(data.accounts),
            snapshots=len(data.snapshots),
            posts=len(data.posts),
            comments=len(data.comments),
            audience_profiles=len(data.audience),
            follower_samples=len(data.samples),
            brands=len(data.brands),
            accounts_by_platform=by_platform,
        )

    def brands(self, organisation_id: int | None = None) -> list[Brand]:
        """Every brand, or an organisation's (with the brands no organisation owns yet)."""
        return sorted(
            (
                b
                for b in self.data.brands.values()
                if organisation_id is None or b.organisation_id in (organisation_id, None)
            ),
            key=lambda b: b.name,
        )

    # CommentSource --------------------------------------------------------------------------

    def comment_stamp(self, account_id: int) -> CommentStamp:
        comments = self.data.account_comments(account_id)
        ids = [c.id for c in comments if c.id is not None]
        imports = [self.data.written_by[("comments", i)] for i in ids]
        return CommentStamp(len(comments), max(ids, default=None), max(imports, default=None))

    def latest_comments(self, account_id: int, limit: int) -> tuple[Comment, ...]:
        return tuple(self.data.account_comments(account_id)[:limit])
