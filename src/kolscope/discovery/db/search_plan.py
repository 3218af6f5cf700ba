"""How a discovery search runs: its conditions, which set of accounts drives it, and the capped
count (``SearchPlan``). SQLite gets more help than PostgreSQL, whose planner judges semi-joins
from real statistics; see ``SearchPlan.of``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
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
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import FromClause
from sqlalchemy.sql.selectable import FromGrouping
from sqlalchemy.sql.visitors import InternalTraversal

from kolscope.discovery.query import COUNT_CAP, ProfileQuery
from kolscope.infra.db import tables as t
from kolscope.infra.db.tables_fts import FTS_TABLE, PG_VECTOR, SQLITE_LOOKUP_INDEX

p = t.creator_profiles


class IndexedBy(FromGrouping):
    """A table read through a named index: SQLite's ``INDEXED BY`` (PostgreSQL: the table as
    it is). SQLite finds a row by its integer key in the table itself, whose creator_profiles
    rows are wide (documents, vectors): looking up tens of thousands of accounts is then
    cheaper through a narrow index that starts with the id and carries the filter columns."""

    __visit_name__ = "indexed_by"
    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 - SQLAlchemy reads this list, as its own classes do
        ("element", InternalTraversal.dp_clauseelement),
        ("index", InternalTraversal.dp_string),
    ]

    def __init__(self, element: FromClause, index: str) -> None:
        super().__init__(element)
        self.index = index

    @property
    def _hide_froms(self) -> Iterable[FromClause]:  # stands in for the table in a FROM list
        return [self.element, *self.element._hide_froms]


@compiles(IndexedBy)
def _indexed_by(element: IndexedBy, compiler: Any, **kw: Any) -> str:
    inner = str(compiler.process(element.element, **kw))
    if compiler.dialect.name != "sqlite":
        return inner
    return f"{inner} INDEXED BY {compiler.preparer.quote(element.index)}"


def by_account(dialect: str) -> FromClause:
    """creator_profiles for reading accounts one by one, by id."""
    return IndexedBy(p, SQLITE_LOOKUP_INDEX) if dialect == "sqlite" else p


_WITHIN_MAX = 30_000
_DRIVER_MAX = 5_000  # SQLite: an id set this small drives a search (see SearchPlan.of)


def fts_phrase(words: Sequence[str]) -> str:
    """An FTS5 phrase query: the words next to each other, each quoted."""
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def term_match(kind: Any, term: Any, terms: Sequence[tuple[str, str]]) -> ColumnElement[bool]:
    """(kind, term) is one of ``terms``, written so SQLite reads the (kind, term) index: one
    ``term IN (...)`` per kind rather than a row-value IN, which SQLite answers by a scan."""
    by_kind: dict[str, list[str]] = {}
    for k, value in terms:
        by_kind.setdefault(k, []).append(value)
    return or_(*(and_(kind == k, term.in_(values)) for k, values in sorted(by_kind.items())))


class IdSet(NamedTuple):
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


def id_sets(query: ProfileQuery, dialect: str) -> list[IdSet]:
    """Words (SQLite), hashtag, mentions, niches, quality and audience conditions."""
    sets: list[IdSet] = []
    if query.words and dialect == "sqlite":
        fts = table(FTS_TABLE, sql_column("rowid", Integer))
        match = text(f"{FTS_TABLE} MATCH :phrase").bindparams(phrase=fts_phrase(query.words))
        sets.append(IdSet(fts, (and_(match),), fts.c.rowid, drives_count=True, full_text=True))
    terms = t.account_terms
    if query.hashtag:
        tagged = (terms.c.kind == "tag", terms.c.term == query.hashtag)
        sets.append(IdSet(terms, tagged, terms.c.account_id, drives_count=True))
    if query.mention_terms:
        named = (term_match(terms.c.kind, terms.c.term, query.mention_terms),)
        single = len(set(query.mention_terms)) == 1
        sets.append(IdSet(terms, named, terms.c.account_id, drives_count=single))
    if query.niches:
        n = t.account_niches
        sets.append(IdSet(n, (n.c.niche.in_(list(query.niches)),), n.c.account_id))
    if query.min_quality is not None:
        a = t.audits
        sets.append(IdSet(a, (a.c.score >= query.min_quality,), a.c.account_id))
    elif query.audited:
        sets.append(IdSet(t.audits, (), t.audits.c.account_id))
    for condition in query.audience:
        ap, sh = t.audience_profiles, t.audience_shares
        shares = (
            sh.c.dimension == condition.dimension.value,
            sh.c.segment == condition.segment,
            sh.c.share >= condition.min_share,
        )
        sets.append(IdSet(sh.join(ap, ap.c.id == sh.c.profile_id), shares, ap.c.account_id))
    return sets


class SearchPlan(NamedTuple):
    """How one search runs: the conditions for a page, and the capped count."""

    where: list[ColumnElement[bool]]
    counted: Select[Any]  # SELECT account_id ... LIMIT COUNT_CAP + 1
    source: FromClause = p  # what a page reads ``where`` from

    @classmethod
    def of(cls, query: ProfileQuery, dialect: str, db: Connection | None) -> SearchPlan:
        """PostgreSQL plans correlated EXISTS as semi-joins from its statistics, so it gets
        them as they are. SQLite's statistics are averages (a hashtag on 40 accounts and one
        on 40,000 look alike; the full-text table has none) and it never starts from an
        EXISTS, so it is told:

        - the smallest id set drives the search when it has at most ``_DRIVER_MAX``
          accounts (counted first, cheaply): each of its accounts is looked up by id, in
          the narrow lookup index (``by_account``);
        - otherwise a page reads a creator_profiles index in the order asked for and probes
          each set's index per row, so the first page is found early (the full-text probe,
          the dearest, last: SQLite checks conditions in the order written);
        - a count reads on to 10,001 matches, which probing per row makes slow for a common
          phrase or hashtag, so it starts from that phrase's (or hashtag's) rows, in account
          id order, and looks each account up in the lookup index: it stops at 10,001
          without sorting, and never reads a wide row."""
        equal = [*equal_conditions(query, dialect), *range_conditions(query)]
        sets = id_sets(query, dialect)
        capped = select(p.c.account_id).limit(COUNT_CAP + 1)
        if dialect != "sqlite":
            where = equal + [s.correlated() for s in sets]
            if query.words:
                # the stored tsvector column, which the metadata does not describe
                document: ColumnElement[Any] = literal_column(f"{p.name}.{PG_VECTOR}")
                phrase = func.phraseto_tsquery(literal_column("'simple'"), " ".join(query.words))
                where.append(document.bool_op("@@")(phrase))
            return cls(where, capped.where(*where))
        sizes = [set_size(db, s.ids) if db is not None else _DRIVER_MAX + 1 for s in sets]
        order = sorted(range(len(sets)), key=sizes.__getitem__)
        if order and sizes[order[0]] <= _DRIVER_MAX:
            where = equal + [
                p.c.account_id.in_(s.ids) if i == order[0] else s.correlated()
                for i, s in enumerate(sets)
            ]
            lookup = by_account(dialect)
            return cls(where, capped.select_from(lookup).where(*where), lookup)
        probes = [s.correlated() for s in sets if not s.full_text]
        where = equal + probes + [s.correlated() for s in sets if s.full_text]
        start = next((i for i in order if sets[i].drives_count), None)
        if start is None:
            return cls(where, capped.where(*where))
        first = sets[start]
        rest = [s.correlated() for i, s in enumerate(sets) if i != start]
        joined = first.source.join(by_account(dialect), p.c.account_id == first.account_id)
        return cls(where, capped.select_from(joined).where(*first.conditions, *equal, *rest))


def set_size(db: Connection, ids: Select[Any]) -> int:
    """How many accounts a set has, counted no further than just past ``_DRIVER_MAX``."""
    probe = ids.with_only_columns(literal_column("1")).limit(_DRIVER_MAX + 1).subquery()
    return int(db.execute(select(func.count()).select_from(probe)).scalar_one())


def among(column: ColumnElement[Any], ids: Sequence[int], dialect: str) -> ColumnElement[bool]:
    """``column IN (ids)``; on PostgreSQL one array parameter (``= ANY``) rather than
    thousands of parameters, which PostgreSQL parses and plans far slower."""
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
    return column.in_(list(ids))


def equal_conditions(query: ProfileQuery, dialect: str) -> list[ColumnElement[bool]]:
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


def range_conditions(query: ProfileQuery) -> list[ColumnElement[bool]]:
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


def followers_first(followers: ColumnElement[Any], query: ProfileQuery) -> ColumnElement[Any]:
    """Most followers first, accounts without a count last. When a follower bound already
    leaves those out, plain ``DESC`` says the same, and PostgreSQL can then read its ascending
    (…, followers) indexes backwards instead of sorting every match (``NULLS LAST`` is the
    opposite of what a backward scan gives)."""
    bounded = (query.min_followers, query.max_followers, query.below_followers)
    if any(bound is not None for bound in bounded):
        return followers.desc()
    return followers.desc().nulls_last()


def ordered(statement: Select[Any], query: ProfileQuery) -> Select[Any]:
    sort = query.sort
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
    return statement.order_by(followers_first(p.c.followers, query), p.c.account_id)


_SIZE_AND_NICHE = (
    "niches", "min_followers", "max_followers", "below_followers", "exclude", "platforms",
)  # fmt: skip


def niche_only(query: ProfileQuery) -> bool:
    """True when a query filters on niches, a follower range and platforms only, in followers
    order (a lookalike's candidates)."""
    if not query.niches or query.sort != "followers":
        return False
    plain = replace(query, **{name: getattr(ProfileQuery(), name) for name in _SIZE_AND_NICHE})
    return plain == replace(ProfileQuery(), limit=query.limit, offset=query.offset)
