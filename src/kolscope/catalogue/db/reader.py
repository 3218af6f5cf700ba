"""Reading the catalogue of creators for listing, search and the creator page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Integer, Select, String, cast, func, or_, select, update

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
from kolscope.domain.creators import AccountSnapshot, Creator, handle_key
from kolscope.domain.platforms import Platform
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import (
    SNAPSHOT_COLUMNS,
    account_from_row,
    audience_from_rows,
    brand_from_row,
    comment_from_row,
    post_from_row,
)

RECENT_POSTS = 12
RECENT_COMMENTS = 10


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: AccountQuery) -> Select[Any]:
    a = t.accounts
    statement = select(a)
    if query.platforms:
        statement = statement.where(a.c.platform.in_([p.value for p in query.platforms]))
    if query.min_followers is not None:
        statement = statement.where(a.c.followers >= query.min_followers)
    if query.max_followers is not None:
        statement = statement.where(a.c.followers <= query.max_followers)
    if query.below_followers is not None:
        statement = statement.where(a.c.followers < query.below_followers)
    if query.country:
        statement = statement.where(a.c.country == query.country)
    if query.province:
        statement = statement.where(a.c.province == query.province)
    if query.text:
        pattern = _like(query.text.strip().lstrip("@").casefold())
        raw = _like(query.text.strip())
        statement = statement.where(
            or_(
                a.c.handle_key.like(pattern, escape="\\"),
                a.c.display_name.like(raw, escape="\\"),
                func.lower(a.c.display_name).like(pattern, escape="\\"),
                a.c.bio.like(raw, escape="\\"),
                func.lower(a.c.bio).like(pattern, escape="\\"),
            )
        )
    if query.category:
        statement = statement.where(
            func.lower(cast(t.accounts.c.categories, String)).like(
                _like(query.category.casefold()), escape="\\"
            )
        )
    return statement


_SNAPSHOT_FIELDS = [
    t.account_snapshots.c[name] for name in ("taken_on", "source", *SNAPSHOT_COLUMNS)
]


def _snapshots_of(db: Connection, account_ids: list[int]) -> dict[int, list[AccountSnapshot]]:
    """Each account's snapshots, oldest first. The columns are read in AccountSnapshot's own
    order and become the tuple as they are (a page of 50 accounts has about 2,000 snapshots:
    per-row mapping lookups were most of /api/creators' time)."""
    s = t.account_snapshots
    history: dict[int, list[AccountSnapshot]] = {}
    statement = (
        select(s.c.account_id, *_SNAPSHOT_FIELDS)
        .where(s.c.account_id.in_(account_ids))
        .order_by(s.c.taken_on, s.c.id)
    )
    make = AccountSnapshot._make
    for row in db.execute(statement):
        history.setdefault(row[0], []).append(make(row[1:]))
    return history


# Up to this many posts, an account's comments are looked up by the posts' ids as a list: a
# planner without fresh statistics (PostgreSQL before its first ANALYZE) hash-joined every
# comment of the workspace for an IN (subquery), 50 ms a page on the demo, against 0.4 ms.
POST_ID_LIST_LIMIT = 2000


def _posts_of(db: Connection, account_id: int) -> Any:
    """The ids of an account's posts, for ``comments.post_id IN (…)``."""
    p = t.posts
    ids = [
        r[0]
        for r in db.execute(
            select(p.c.id).where(p.c.account_id == account_id).limit(POST_ID_LIST_LIMIT + 1)
        )
    ]
    if len(ids) > POST_ID_LIST_LIMIT:
        return select(p.c.id).where(p.c.account_id == account_id)
    return ids


class SqlCatalogue:
    """Implements ``CatalogueReader`` and ``CommentSource``: short read-only transactions."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def find_accounts(self, query: AccountQuery) -> AccountPage:
        a = t.accounts
        statement = _filtered(query)
        order = {
            "followers": (a.c.followers.desc().nulls_last(), a.c.id),
            "-followers": (a.c.followers.asc().nulls_last(), a.c.id),
            "handle": (a.c.handle_key, a.c.id),
            "recent": (a.c.last_seen.desc().nulls_last(), a.c.id),
        }.get(query.sort)
        if order is None:
            raise ValueError(f"unknown sort {query.sort!r} (followers, -followers, handle, recent)")
        with self._engine.connect() as db:
            total = db.execute(select(func.count()).select_from(statement.subquery())).scalar_one()
            creators = t.creators
            rows = list(  # each account with its creator's name, in the same read
                db.execute(
                    statement.outerjoin(creators, creators.c.id == a.c.creator_id)
                    .add_columns(creators.c.display_name.label("creator_display_name"))
                    .order_by(*order)
                    .limit(query.limit)
                    .offset(query.offset)
                )
            )
            history: dict[int, list[AccountSnapshot]] = {}
            if query.with_snapshots and rows:
                history = _snapshots_of(db, [r.id for r in rows])
        accounts = tuple(account_from_row(row, tuple(history.get(row.id, ()))) for row in rows)
        names = {
            row.creator_id: row.creator_display_name
            for row in rows
            if row.creator_id is not None and row.creator_display_name is not None
        }
        return AccountPage(accounts, total, names)

    def account_detail(self, platform: Platform, handle: str) -> AccountDetail | None:
        a = t.accounts
        with self._engine.connect() as db:
            row = db.execute(
                select(a).where(
                    a.c.platform == platform.value, a.c.handle_key == handle_key(handle)
                )
            ).first()
            if row is None:
                return None
            snapshots = tuple(_snapshots_of(db, [row.id]).get(row.id, ()))
            account = account_from_row(row, snapshots)
            creator_row = db.execute(
                select(t.creators).where(t.creators.c.id == row.creator_id)
            ).one()
            siblings = tuple(
                account_from_row(r)
                for r in db.execute(
                    select(a)
                    .where(a.c.creator_id == row.creator_id)
                    .order_by(a.c.followers.desc().nulls_last(), a.c.id)
                )
            )
            creator = Creator(
                id=creator_row.id,
                display_name=creator_row.display_name,
                accounts=siblings,
                country=creator_row.country,
                province=creator_row.province,
                languages=tuple(creator_row.languages or ()),
                notes=creator_row.notes,
            )
            p, c = t.posts, t.comments
            posts = tuple(
                post_from_row(r)
                for r in db.execute(
                    select(p)
                    .where(p.c.account_id == row.id)
                    .order_by(p.c.posted_at.desc().nulls_last(), p.c.id.desc())
                    .limit(RECENT_POSTS)
                )
            )
            post_ids = _posts_of(db, row.id)
            post_count = (
                len(post_ids)
                if isinstance(post_ids, list)
                else db.execute(
                    select(func.count()).select_from(p).where(p.c.account_id == row.id)
                ).scalar_one()
            )
            comments = tuple(
                comment_from_row(r)
                for r in db.execute(
                    select(c)
                    .where(c.c.post_id.in_(post_ids))
                    .order_by(c.c.posted_at.desc().nulls_last(), c.c.id.desc())
                    .limit(RECENT_COMMENTS)
                )
            )
            comment_count = db.execute(
                select(func.count()).select_from(c).where(c.c.post_id.in_(post_ids))
            ).scalar_one()
            audience = []
            for profile in db.execute(
                select(t.audience_profiles)
                .where(t.audience_profiles.c.account_id == row.id)
                .order_by(t.audience_profiles.c.as_of.desc())
            ):
                shares = list(
                    db.execute(
                        select(t.audience_shares)
                        .where(t.audience_shares.c.profile_id == profile.id)
                        .order_by(t.audience_shares.c.dimension, t.audience_shares.c.share.desc())
                    )
                )
                audience.append(audience_from_rows(profile, shares))
            fp, fs = t.follower_profiles, t.follower_samples
            samples = tuple(
                FollowerSampleSummary(r.taken_on, r.source, r.size, r.fake or 0, r.labelled or 0)
                for r in db.execute(
                    select(
                        fs.c.taken_on,
                        fs.c.source,
                        func.count(fp.c.id).label("size"),
                        func.sum(cast(fp.c.is_fake, Integer)).label("fake"),
                        func.count(fp.c.is_fake).label("labelled"),
                    )
                    .join(fp, fp.c.sample_id == fs.c.id, isouter=True)
                    .where(fs.c.account_id == row.id)
                    .group_by(fs.c.id, fs.c.taken_on, fs.c.source)
                    .order_by(fs.c.taken_on.desc())
                )
            )
        return AccountDetail(
            account, creator, posts, post_count, comments, comment_count, tuple(audience), samples
        )

    def comment_stamp(self, account_id: int) -> CommentStamp:
        c = t.comments
        with self._engine.connect() as db:
            post_ids = _posts_of(db, account_id)
            row = db.execute(
                select(func.count(c.c.id), func.max(c.c.id), func.max(c.c.import_id)).where(
                    c.c.post_id.in_(post_ids)
                )
            ).one()
        return CommentStamp(row[0], row[1], row[2])

    def latest_comments(self, account_id: int, limit: int) -> tuple[Comment, ...]:
        c = t.comments
        with self._engine.connect() as db:
            post_ids = _posts_of(db, account_id)
            return tuple(
                comment_from_row(r)
                for r in db.execute(
                    select(c)
                    .where(c.c.post_id.in_(post_ids))
                    .order_by(c.c.posted_at.desc().nulls_last(), c.c.id.desc())
                    .limit(limit)
                )
            )

    def totals(self) -> CatalogueTotals:
        def count(table: Any) -> Any:
            return select(func.count()).select_from(table).scalar_subquery()

        with self._engine.connect() as db:
            row = db.execute(
                select(
                    count(t.creators),
                    count(t.accounts),
                    count(t.account_snapshots),
                    count(t.posts),
                    count(t.comments),
                    count(t.audience_profiles),
                    count(t.follower_samples),
                    count(t.brands),
                )
            ).one()
            by_platform = {
                r[0]: r[1]
                for r in db.execute(
                    select(t.accounts.c.platform, func.count()).group_by(t.accounts.c.platform)
                )
            }
        return CatalogueTotals(*row, accounts_by_platform=by_platform)

    def brands(self, organisation_id: int | None = None) -> list[Brand]:
        """Every brand, or an organisation's (with the brands no organisation owns yet)."""
        query = select(t.brands).order_by(t.brands.c.name)
        if organisation_id is not None:
            query = query.where(
                or_(
                    t.brands.c.organisation_id == organisation_id,
                    t.brands.c.organisation_id.is_(None),
                )
            )
        with self._engine.connect() as db:
            return [brand_from_row(r) for r in db.execute(query)]

    def claim_unowned_brands(self, organisation_id: int) -> None:
        with self._engine.begin() as db:
            db.execute(
                update(t.brands)
                .where(t.brands.c.organisation_id.is_(None))
                .values(organisation_id=organisation_id)
            )
