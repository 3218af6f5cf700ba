"""What the planner reads about the creators it may choose: accounts by reference, their
recent posts (for forecasts), the audience ids kolscope holds (commenters, for overlap), and
recent posts naming a competitor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, func, select, tuple_

from kolscope.domain.content import Post, PostType
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time

POSTS_PER_ACCOUNT = 40  # the most recent posts a forecast reads
IDS_PER_ACCOUNT = 20_000  # audience ids read per account (a sketch keeps at most 4,096 anyway)
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    unique = list(dict.fromkeys(ids))
    return [unique[i : i + _CHUNK] for i in range(0, len(unique), _CHUNK)]


class SqlPlanningPool:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def account_ids(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """(platform, handle_key) -> account id, for those in the workspace."""
        a = t.accounts
        found: dict[tuple[str, str], int] = {}
        wanted = list(dict.fromkeys(keys))
        with self._engine.connect() as db:
            for i in range(0, len(wanted), _CHUNK):
                part = wanted[i : i + _CHUNK]
                for r in db.execute(
                    select(a.c.id, a.c.platform, a.c.handle_key).where(
                        tuple_(a.c.platform, a.c.handle_key).in_(part)
                    )
                ):
                    found[(r.platform, r.handle_key)] = r.id
        return found

    def posts(self, account_ids: Sequence[int]) -> dict[int, list[Post]]:
        """The most recent posts of each account, newest first."""
        p = t.posts
        ranked = (
            select(
                p,
                func.row_number()
                .over(
                    partition_by=p.c.account_id,
                    order_by=(p.c.posted_at.desc().nulls_last(), p.c.id.desc()),
                )
                .label("n"),
            )
            .where(p.c.account_id.in_(list(dict.fromkeys(account_ids))))
            .subquery()
        )
        found: dict[int, list[Post]] = defaultdict(list)
        with self._engine.connect() as db:
            for chunk in _chunks(account_ids):
                statement = (
                    select(ranked)
                    .where(ranked.c.account_id.in_(chunk), ranked.c.n <= POSTS_PER_ACCOUNT)
                    .order_by(ranked.c.account_id, ranked.c.n)
                )
                for r in db.execute(statement):
                    found[r.account_id].append(
                        Post(
                            platform_post_id=r.platform_post_id,
                            post_type=PostType(r.post_type),
                            posted_at=stored_time(r.posted_at),
                            likes=r.likes,
                            comments_count=r.comments_count,
                            shares=r.shares,
                            saves=r.saves,
                            views=r.views,
                            reach=r.reach,
                            is_sponsored=bool(r.is_sponsored),
                            hashtags=tuple(r.hashtags or ()),
                            mentions=tuple(r.mentions or ()),
                            brand_mentions=tuple(r.brand_mentions or ()),
                            id=r.id,
                            account_id=r.account_id,
                        )
                    )
        return found

    def audience_ids(self, account_ids: Sequence[int]) -> dict[int, list[str]]:
        """Distinct commenters (pseudonyms or tracked handles) under each account's posts."""
        c, p = t.comments, t.posts
        found: dict[int, list[str]] = defaultdict(list)
        with self._engine.connect() as db:
            for chunk in _chunks(account_ids):
                statement = (
                    select(p.c.account_id, c.c.author)
                    .select_from(c.join(p, p.c.id == c.c.post_id))
                    .where(p.c.account_id.in_(chunk), c.c.author.is_not(None))
                    .distinct()
                )
                for r in db.execute(statement):
                    ids = found[r.account_id]
                    if len(ids) < IDS_PER_ACCOUNT:
                        ids.append(r.author)
        return found

    def brand_posts(
        self, account_ids: Sequence[int], since: datetime
    ) -> dict[int, list[tuple[datetime | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]]:
        """Each account's posts since ``since``: (posted at, mentions, hashtags, brands named),
        for telling who posted for a competitor recently."""
        p = t.posts
        found: dict[
            int, list[tuple[datetime | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]
        ] = defaultdict(list)
        with self._engine.connect() as db:
            for chunk in _chunks(account_ids):
                for r in db.execute(
                    select(
                        p.c.account_id, p.c.posted_at, p.c.mentions, p.c.hashtags,
                        p.c.brand_mentions,
                    ).where(p.c.account_id.in_(chunk), p.c.posted_at >= since)
                ):  # fmt: skip
                    found[r.account_id].append(
                        (
                            stored_time(r.posted_at),
                            tuple(r.mentions or ()),
                            tuple(r.hashtags or ()),
                            tuple(r.brand_mentions or ()),
                        )
                    )
        return found
