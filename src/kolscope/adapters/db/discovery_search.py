"""Discovery search on the index tables: one indexed query per search, on either database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy import column as sql_column
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql import FromClause

from kolscope.adapters.db import tables as t
from kolscope.adapters.db.rows import audience_from_rows, brand_from_row
from kolscope.adapters.db.search_index import FTS_TABLE, PG_VECTOR
from kolscope.analysis.discovery.niches import NicheScore
from kolscope.domain.audience import AudienceProfile
from kolscope.domain.brands import Brand
from kolscope.services.discovery_query import (
    COUNT_CAP,
    ProfilePage,
    ProfileQuery,
    ProfileRow,
    TermUse,
)

p = t.creator_profiles
_WITHIN_MAX = 30_000
_DRIVER_MAX = 5_000  # SQLite: an id set this small drives a search (see _set_conditions)
# SQLite: the account id as a value, not as the table's key, so "account_id IN (set)" is
# checked row by row instead of driving the query (the unary + is SQLite's documented way).
_CHECKED_ID = literal_column(f"+{p.name}.account_id", Integer)


def fts_phrase(words: Sequence[str]) -> str:
    """An FTS5 phrase query: the words next to each other, each quoted."""
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _term_match(kind: Any, term: Any, terms: Sequence[tuple[str, str]]) -> ColumnElement[bool]:
    """(kind, term) is one of ``terms``, written so SQLite reads the (kind, term) index: one
    ``term IN (...)`` per kind rather than a row-value IN, which SQLite answers by a scan."""
    by_kind: dict[str, list[str]] = {}
    for k, value in terms:
        by_kind.setdefault(k, []).append(value)
    return or_(*(and_(kind == k, term.in_(values)) for k, values in sorted(by_kind.items())))


class _IdSet(NamedTuple):
    """A condition naming a set of accounts, read from its own table and index: the rows of
    ``source`` meeting ``conditions``, whose ``account_id`` column names the account."""

    source: FromClause
    conditions: tuple[ColumnElement[bool], ...]
    account_id: ColumnElement[Any]
    drives_count: bool = False  # one row per account, read in id order: a count can start here
    full_text: bool = False

    @property
    def ids(self) -> Select[Any]:
        return select(self.account_id).select_from(self.source).where(*self.conditions)

    def correlated(self) -> ColumnElement[bool]:
        """``EXISTS (... AND account_id = creator_profiles.account_id)``: one index probe per
        row read."""
        return (
            select(literal_column("1"))
            .select_from(self.source)
            .where(*self.conditions, self.account_id == p.c.account_id)
            .exists()
        )


def _id_sets(query: ProfileQuery, dialect: str) -> list[_IdSet]:
    """Words (SQLite), hashtag, mentions, niches, quality and audience conditions."""
    sets: list[_IdSet] = []
    if query.words and dialect == "sqlite":
        fts = table(FTS_TABLE, sql_column("rowid", Integer))
        match = text(f"{FTS_TABLE} MATCH :phrase").bindparams(phrase=fts_phrase(query.words))
        sets.append(_IdSet(fts, (and_(match),), fts.c.rowid, drives_count=True, full_text=True))
    terms = t.account_terms
    if query.hashtag:
        tagged = (terms.c.kind == "tag", terms.c.term == query.hashtag)
        sets.append(_IdSet(terms, tagged, terms.c.account_id, drives_count=True))
    if query.mention_terms:
        named = (_term_match(terms.c.kind, terms.c.term, query.mention_terms),)
        single = len(set(query.mention_terms)) == 1
        sets.append(_IdSet(terms, named, terms.c.account_id, drives_count=single))
    if query.niches:
        n = t.account_niches
        sets.append(_IdSet(n, (n.c.niche.in_(list(query.niches)),), n.c.account_id))
    if query.min_quality is not None:
        a = t.audits
        sets.append(_IdSet(a, (a.c.score >= query.min_quality,), a.c.account_id))
    for condition in query.audience:
        ap, sh = t.audience_profiles, t.audience_shares
        shares = (
            sh.c.dimension == condition.dimension.value,
            sh.c.segment == condition.segment,
            sh.c.share >= condition.min_share,
        )
        sets.append(_IdSet(sh.join(ap, ap.c.id == sh.c.profile_id), shares, ap.c.account_id))
    return sets


class _Plan(NamedTuple):
    """How one search runs: the conditions for a page, and the capped count."""

    where: list[ColumnElement[bool]]
    counted: Select[Any]  # SELECT account_id ... LIMIT COUNT_CAP + 1

    @classmethod
    def of(cls, query: ProfileQuery, dialect: str, db: Connection | None) -> _Plan:
        """PostgreSQL plans correlated EXISTS as semi-joins from its statistics, so it gets
        them as they are. SQLite's statistics are averages (a hashtag on 40 accounts and one
        on 40,000 look alike; the full-text table has none) and it never starts from an
        EXISTS, so it is told:

        - the smallest id set drives the search when it has at most ``_DRIVER_MAX``
          accounts (counted first, cheaply): each of its accounts is looked up by id;
        - otherwise a page reads a creator_profiles index in the order asked for and probes
          each set's index per row, so the first page is found early (the full-text probe,
          the dearest, last: SQLite checks conditions in the order written);
        - a count reads on to 10,001 matches, which probing per row makes slow for a common
          phrase or hashtag, so it starts from that phrase's (or hashtag's) rows, in account
          id order, and looks each account up: it stops at 10,001 without sorting."""
        equal = [*_equal_conditions(query, dialect), *_range_conditions(query)]
        sets = _id_sets(query, dialect)
        capped = select(p.c.account_id).limit(COUNT_CAP + 1)
        if dialect != "sqlite":
            where = equal + [s.correlated() for s in sets]
            if query.words:
                # literal SQL, not bound parameters, so PostgreSQL sees the indexed expression
                document: ColumnElement[Any] = literal_column(PG_VECTOR)
                phrase = func.phraseto_tsquery(literal_column("'simple'"), " ".join(query.words))
                where.append(document.bool_op("@@")(phrase))
            return cls(where, capped.where(*where))
        sizes = [_size(db, s.ids) if db is not None else _DRIVER_MAX + 1 for s in sets]
        order = sorted(range(len(sets)), key=sizes.__getitem__)
        if order and sizes[order[0]] <= _DRIVER_MAX:
            where = equal + [
                p.c.account_id.in_(s.ids) if i == order[0] else s.correlated()
                for i, s in enumerate(sets)
            ]
            return cls(where, capped.where(*where))
        probes = [s.correlated() for s in sets if not s.full_text]
        where = equal + probes + [s.correlated() for s in sets if s.full_text]
        start = next((i for i in order if sets[i].drives_count), None)
        if start is None:
            return cls(where, capped.where(*where))
        first = sets[start]
        rest = [s.correlated() for i, s in enumerate(sets) if i != start]
        joined = first.source.join(p, p.c.account_id == first.account_id)
        return cls(where, capped.select_from(joined).where(*first.conditions, *equal, *rest))


def _size(db: Connection, ids: Select[Any]) -> int:
    """How many accounts a set has, counted no further than just past ``_DRIVER_MAX``."""
    probe = ids.with_only_columns(literal_column("1")).limit(_DRIVER_MAX + 1).subquery()
    return int(db.execute(select(func.count()).select_from(probe)).scalar_one())


def _among(column: ColumnElement[Any], ids: Sequence[int], dialect: str) -> ColumnElement[bool]:
    """``column IN (ids)``; on PostgreSQL one array parameter (``= ANY``) rather than
    thousands of parameters, which PostgreSQL parses and plans far slower."""
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
    return column.in_(list(ids))


def _equal_conditions(query: ProfileQuery, dialect: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    country: ColumnElement[Any] = p.c.country
    if dialect == "sqlite" and not query.province:
        # Not by the (country, province, followers) index: with no province it cannot give
        # the followers order, and SQLite's averaged statistics take one country for 1/n of
        # the accounts where most are in Thailand.
        country = literal_column(f"+{p.name}.country", String)
    for column, value in (
        (p.c.creator_type, query.creator_type),
        (country, query.country),
        (p.c.province, query.province),
        (p.c.language, query.language),
    ):
        if value:
            where.append(column == value)
    if query.platforms:
        where.append(p.c.platform.in_(list(query.platforms)))
    if query.verified is not None:
        where.append(p.c.verified.is_(True) if query.verified else p.c.verified.is_not(True))
    if query.has_contact is not None:
        where.append(p.c.has_contact.is_(query.has_contact))
    if query.within is not None:
        ids = list(query.within)[:_WITHIN_MAX]
        where.append(p.c.account_id.in_(ids) if ids else false())
    if query.exclude:
        where.append(p.c.account_id.not_in(list(query.exclude)))
    return where


def _range_conditions(query: ProfileQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    for column, low, high in (
        (p.c.followers, query.min_followers, query.max_followers),
        (p.c.engagement_rate, query.min_er, query.max_er),
        (p.c.price_high, query.min_price, None),
        (p.c.price_low, None, query.max_price),
        (p.c.last_active, query.active_since, None),
    ):
        if low is not None:
            where.append(column >= low)
        if high is not None:
            where.append(column <= high)
    if query.below_followers is not None:
        where.append(p.c.followers < query.below_followers)
    return where


def _ordered(statement: Select[Any], sort: str) -> Select[Any]:
    if sort == "engagement":
        return statement.order_by(p.c.engagement_rate.desc().nulls_last(), p.c.account_id)
    if sort == "recent":
        return statement.order_by(p.c.last_active.desc().nulls_last(), p.c.account_id)
    if sort == "quality":
        score = (
            select(t.audits.c.score)
            .where(t.audits.c.account_id == p.c.account_id)
            .scalar_subquery()
        )
        return statement.order_by(score.desc().nulls_last(), p.c.account_id)
    return statement.order_by(p.c.followers.desc().nulls_last(), p.c.account_id)


_SIZE_AND_NICHE = ("niches", "min_followers", "max_followers", "below_followers", "exclude")


def niche_only(query: ProfileQuery) -> bool:
    """True when a query filters on niches and a follower range only, in followers order."""
    if not query.niches or query.sort != "followers":
        return False
    plain = replace(query, **{name: getattr(ProfileQuery(), name) for name in _SIZE_AND_NICHE})
    return plain == replace(ProfileQuery(), limit=query.limit, offset=query.offset)


class SqlDiscoverySearch:
    """Implements the services' ``DiscoveryStore``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name

    @staticmethod
    def _page(
        db: Connection,
        query: ProfileQuery,
        where: list[ColumnElement[bool]],
        limit: int,
        offset: int,
    ) -> list[int]:
        statement = _ordered(select(p.c.account_id).where(*where), query.sort)
        return [r[0] for r in db.execute(statement.limit(limit).offset(offset))]

    @staticmethod
    def _count(db: Connection, plan: _Plan) -> int:
        return int(
            db.execute(select(func.count()).select_from(plan.counted.subquery())).scalar_one()
        )

    def count(self, query: ProfileQuery) -> int:
        with self._engine.connect() as db:
            return self._count(db, _Plan.of(query, self._dialect, db))

    def search_profiles(self, query: ProfileQuery) -> ProfilePage:
        with self._engine.connect() as db:
            plan = _Plan.of(query, self._dialect, db)
            ids = self._page(db, query, plan.where, query.limit, query.offset)
            if ids and len(ids) < query.limit:  # the last page: nothing left to count
                total = min(query.offset + len(ids), COUNT_CAP + 1)
            elif ids or query.offset:
                total = self._count(db, plan)
            else:
                total = 0
        return ProfilePage(tuple(self.rows_for(ids)), total)

    def candidate_ids(self, query: ProfileQuery, pool: int) -> list[int]:
        if niche_only(query):
            return self._niche_candidates(query, pool)
        with self._engine.connect() as db:
            return self._page(db, query, _Plan.of(query, self._dialect, db).where, pool, 0)

    def _niche_candidates(self, query: ProfileQuery, pool: int) -> list[int]:
        """Niches and a follower range only (a lookalike's candidates): one ordered range scan
        of ``account_niches (niche, followers, account_id)`` per niche, merged, instead of
        probing the niche of every account in the follower range."""
        n = t.account_niches
        found: dict[int, int | None] = {}
        with self._engine.connect() as db:
            for niche in query.niches:
                statement = select(n.c.account_id, n.c.followers).where(n.c.niche == niche)
                if query.min_followers is not None:
                    statement = statement.where(n.c.followers >= query.min_followers)
                if query.max_followers is not None:
                    statement = statement.where(n.c.followers <= query.max_followers)
                if query.below_followers is not None:
                    statement = statement.where(n.c.followers < query.below_followers)
                statement = statement.order_by(
                    n.c.followers.desc().nulls_last(), n.c.account_id
                ).limit(pool + len(query.exclude))
                for account_id, followers in db.execute(statement):
                    found.setdefault(account_id, followers)
        excluded = set(query.exclude)
        ordered = sorted(
            (a for a in found if a not in excluded),
            key=lambda a: (found[a] is None, -(found[a] or 0), a),
        )
        return ordered[:pool]

    def vectors(self, ids: Sequence[int]) -> list[bytes | None]:
        found: dict[int, bytes | None] = {}
        with self._engine.connect() as db:
            for start in range(0, len(ids), 30_000):
                chunk = list(ids[start : start + 30_000])
                for row in db.execute(
                    select(p.c.account_id, p.c.vector).where(
                        _among(p.c.account_id, chunk, self._dialect)
                    )
                ):
                    found[row[0]] = row[1]
        return [found.get(i) for i in ids]

    def rows_for(self, ids: Sequence[int], *, with_vectors: bool = False) -> list[ProfileRow]:
        if not ids:
            return []
        a, au = t.accounts, t.audits
        columns = [
            p.c.account_id, p.c.platform, a.c.handle, a.c.display_name, p.c.followers,
            p.c.country, p.c.province, p.c.language, p.c.verified, p.c.has_contact,
            p.c.engagement_rate, p.c.last_active, p.c.price_low, p.c.price_high, p.c.niches,
            p.c.creator_type, p.c.type_confidence, p.c.facts, au.c.score, au.c.verdict,
        ]  # fmt: skip
        if with_vectors:
            columns.append(p.c.vector)
        found: dict[int, ProfileRow] = {}
        with self._engine.connect() as db:
            for start in range(0, len(ids), 30_000):
                chunk = list(ids[start : start + 30_000])
                statement = (
                    select(*columns)
                    .select_from(
                        p.join(a, a.c.id == p.c.account_id).outerjoin(
                            au, au.c.account_id == p.c.account_id
                        )
                    )
                    .where(_among(p.c.account_id, chunk, self._dialect))
                )
                for row in db.execute(statement):
                    found[row.account_id] = _row(row, with_vectors)
        return [found[i] for i in ids if i in found]

    def fans(self, query: ProfileQuery) -> list[ProfileRow]:
        terms = t.account_terms
        named = (
            select(
                terms.c.account_id,
                func.max(terms.c.unsponsored).label("posts"),
                func.max(terms.c.last_at).label("last_at"),
            )
            .where(
                _term_match(terms.c.kind, terms.c.term, query.fans_terms),
                terms.c.unsponsored > 0,
            )
            .group_by(terms.c.account_id)
            .subquery()
        )
        statement = select(named.c.account_id, named.c.posts, named.c.last_at).select_from(
            named.join(p, p.c.account_id == named.c.account_id)
        )
        with self._engine.connect() as db:
            where = _Plan.of(query, self._dialect, db).where
            found = {
                r.account_id: (r.posts, r.last_at) for r in db.execute(statement.where(*where))
            }
        rows = self.rows_for(list(found))
        result = []
        for row in rows:
            posts, last = found[row.account_id]
            last = _aware(last)
            result.append(_with(row, fan_posts=int(posts), fan_last=last))
        return result

    def profile_of(self, platform: str, handle_key: str) -> ProfileRow | None:
        a = t.accounts
        with self._engine.connect() as db:
            account_id = db.execute(
                select(a.c.id).where(a.c.platform == platform, a.c.handle_key == handle_key)
            ).scalar()
        if account_id is None:
            return None
        rows = self.rows_for([account_id], with_vectors=True)
        return rows[0] if rows else None

    def term_uses(
        self, account_ids: Sequence[int], terms: Sequence[tuple[str, str]]
    ) -> dict[int, list[TermUse]]:
        if not account_ids or not terms:
            return {}
        at = t.account_terms
        result: dict[int, list[TermUse]] = {}
        with self._engine.connect() as db:
            for start in range(0, len(account_ids), 5_000):
                chunk = list(account_ids[start : start + 5_000])
                for row in db.execute(
                    select(at).where(
                        _among(at.c.account_id, chunk, self._dialect),
                        _term_match(at.c.kind, at.c.term, terms),
                    )
                ):
                    result.setdefault(row.account_id, []).append(
                        TermUse(row.kind, row.term, row.posts, row.unsponsored, _aware(row.last_at))
                    )
        return result

    def accounts_by_handles(self, handles: Sequence[str]) -> dict[str, list[int]]:
        a = t.accounts
        result: dict[str, list[int]] = {}
        keys = sorted(set(handles))
        with self._engine.connect() as db:
            for start in range(0, len(keys), 900):
                chunk = keys[start : start + 900]
                for row in db.execute(
                    select(a.c.handle_key, a.c.id)
                    .select_from(a.join(p, p.c.account_id == a.c.id))
                    .where(a.c.handle_key.in_(chunk))
                ):
                    result.setdefault(row.handle_key, []).append(row.id)
        return result

    def brands(self) -> list[Brand]:
        with self._engine.connect() as db:
            return [
                brand_from_row(r) for r in db.execute(select(t.brands).order_by(t.brands.c.name))
            ]

    def audiences(self, account_ids: Sequence[int]) -> dict[int, tuple[AudienceProfile, ...]]:
        ap, sh = t.audience_profiles, t.audience_shares
        profiles: dict[int, list[Any]] = {}
        shares: dict[int, list[Any]] = {}
        with self._engine.connect() as db:
            for start in range(0, len(account_ids), 5_000):
                chunk = list(account_ids[start : start + 5_000])
                ids = []
                for row in db.execute(
                    select(ap)
                    .where(ap.c.account_id.in_(chunk))
                    .order_by(ap.c.as_of.desc(), ap.c.id.desc())
                ):
                    profiles.setdefault(row.account_id, []).append(row)
                    ids.append(row.id)
                for begin in range(0, len(ids), 5_000):
                    for row in db.execute(
                        select(sh).where(sh.c.profile_id.in_(ids[begin : begin + 5_000]))
                    ):
                        shares.setdefault(row.profile_id, []).append(row)
        return {
            account_id: tuple(audience_from_rows(row, shares.get(row.id, [])) for row in rows)
            for account_id, rows in profiles.items()
        }

    def index_size(self) -> int:
        with self._engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(p)).scalar_one())


def _aware(value: Any) -> Any:
    from datetime import UTC, datetime

    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return value


def _row(row: Any, with_vector: bool) -> ProfileRow:
    niches = tuple(
        NicheScore(n["niche"], float(n["confidence"]), tuple(n.get("evidence") or ()))
        for n in row.niches or ()
    )
    return ProfileRow(
        account_id=row.account_id,
        platform=row.platform,
        handle=row.handle,
        display_name=row.display_name,
        followers=row.followers,
        country=row.country,
        province=row.province,
        language=row.language,
        verified=row.verified,
        has_contact=bool(row.has_contact),
        engagement_rate=row.engagement_rate,
        last_active=row.last_active,
        price_low=row.price_low,
        price_high=row.price_high,
        niches=niches,
        creator_type=row.creator_type,
        type_confidence=row.type_confidence,
        facts=dict(row.facts or {}),
        quality_score=row.score,
        verdict=row.verdict,
        vector=row.vector if with_vector else None,
    )


def _with(row: ProfileRow, **changes: Any) -> ProfileRow:
    return replace(row, **changes)
