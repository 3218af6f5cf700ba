"""Reading what the discovery indexer needs and writing its rows (both databases)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, and_, delete, exists, func, insert, or_, select, text

from kolscope.discovery.db.search import forget_index_size
from kolscope.discovery.indexing import IndexedProfile, IndexInput
from kolscope.domain.audience import AudienceDimension, AudienceShare
from kolscope.domain.content import Post
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import account_from_row, post_from_row, snapshot_from_row
from kolscope.infra.db.tables_fts import FTS_TABLE

_CHUNK = 900  # ids per IN (...) list, under SQLite's variable limit


# Two index jobs (one per finished import, run by different workers) may write the same
# accounts at once. Each deletes the accounts' rows and inserts them again; on PostgreSQL the
# second transaction cannot see the first's uncommitted rows, so its insert then fails on the
# primary key. A transaction-level advisory lock makes index writers take turns (released at
# commit or rollback).
_INDEX_WRITE_LOCK = 0x6B6F_6C73_6964_7801  # "kolsidx" + 1, any fixed 64-bit key


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


class SqlDiscoveryIndex:
    """Implements ``DiscoverySource`` and ``DiscoveryIndexStore``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def accounts_to_index(self, *, everything: bool) -> list[int]:
        a, p = t.accounts, t.creator_profiles
        statement = select(a.c.id).select_from(a.outerjoin(p, p.c.account_id == a.c.id))
        if not everything:
            since = func.coalesce(p.c.source_import, 0)
            statement = statement.where(
                or_(
                    p.c.account_id.is_(None),
                    a.c.updated_at > p.c.indexed_at,
                    exists().where(
                        and_(t.posts.c.account_id == a.c.id, t.posts.c.import_id > since)
                    ),
                    exists().where(
                        and_(
                            t.audience_profiles.c.account_id == a.c.id,
                            t.audience_profiles.c.import_id > since,
                        )
                    ),
                )
            )
        with self._engine.connect() as db:
            return [row[0] for row in db.execute(statement.order_by(a.c.id))]

    def index_inputs(self, account_ids: Sequence[int]) -> list[IndexInput]:
        ids = list(account_ids)
        if not ids:
            return []
        a, s, p = t.accounts, t.account_snapshots, t.posts
        ap, sh = t.audience_profiles, t.audience_shares
        with self._engine.connect() as db:
            accounts = {r.id: r for r in db.execute(select(a).where(a.c.id.in_(ids)))}
            latest_snapshot: dict[int, Any] = {}
            for row in db.execute(
                select(s)
                .where(s.c.account_id.in_(ids), s.c.engagement_rate.is_not(None))
                .order_by(s.c.taken_on, s.c.id)
            ):
                latest_snapshot[row.account_id] = row
            posts: dict[int, list[Post]] = {}
            newest_import: dict[int, int] = {}
            for row in db.execute(
                select(p)
                .where(p.c.account_id.in_(ids))
                .order_by(p.c.account_id, p.c.posted_at.desc().nulls_last(), p.c.id.desc())
            ):
                posts.setdefault(row.account_id, []).append(post_from_row(row))
                if row.import_id is not None:
                    newest_import[row.account_id] = max(
                        newest_import.get(row.account_id, 0), row.import_id
                    )
            chosen: dict[int, int] = {}  # account -> its latest audience profile
            for row in db.execute(
                select(ap.c.id, ap.c.account_id, ap.c.import_id)
                .where(ap.c.account_id.in_(ids))
                .order_by(ap.c.as_of, ap.c.id)
            ):
                chosen[row.account_id] = row.id
                if row.import_id is not None:
                    newest_import[row.account_id] = max(
                        newest_import.get(row.account_id, 0), row.import_id
                    )
            shares: dict[int, list[AudienceShare]] = {}
            owner = {profile: account for account, profile in chosen.items()}
            for chunk in _chunks(list(owner)):
                for row in db.execute(select(sh).where(sh.c.profile_id.in_(chunk))):
                    shares.setdefault(owner[row.profile_id], []).append(
                        AudienceShare(AudienceDimension(row.dimension), row.segment, row.share)
                    )
            questions = {
                row.account_id: _question_share(row.report)
                for row in db.execute(
                    select(t.audits.c.account_id, t.audits.c.report).where(
                        t.audits.c.account_id.in_(ids)
                    )
                )
            }
        result = []
        for account_id in ids:
            found = accounts.get(account_id)
            if found is None:
                continue
            snapshot = latest_snapshot.get(account_id)
            account = account_from_row(found, (snapshot_from_row(snapshot),) if snapshot else ())
            result.append(
                IndexInput(
                    account=account,
                    posts=tuple(posts.get(account_id, ())),
                    audience=tuple(shares.get(account_id, ())),
                    source_import=newest_import.get(account_id),
                    question_share=questions.get(account_id),
                )
            )
        return result

    def save_profiles(self, profiles: Sequence[IndexedProfile]) -> None:
        if not profiles:
            return
        ids = [profile.account_id for profile in profiles]
        now = datetime.now(UTC)
        sqlite = self._engine.dialect.name == "sqlite"
        with self._engine.begin() as db:
            if not sqlite:  # SQLite's write lock already makes index writers take turns
                db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _INDEX_WRITE_LOCK})
            for chunk in _chunks(ids):
                for table in (t.creator_profiles, t.account_niches, t.account_terms):
                    db.execute(delete(table).where(table.c.account_id.in_(chunk)))
                if sqlite:
                    listed = ",".join(str(int(i)) for i in chunk)
                    db.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({listed})"))  # noqa: S608 - ints
            db.execute(insert(t.creator_profiles), [_profile_row(p, now, sqlite) for p in profiles])
            niches = [
                {
                    "niche": n.niche,
                    "account_id": p.account_id,
                    "confidence": n.confidence,
                    "followers": p.followers,
                    "platform": p.platform,
                }
                for p in profiles
                for n in p.niches
            ]
            if niches:
                db.execute(insert(t.account_niches), niches)
            terms = [
                {
                    "account_id": p.account_id,
                    "kind": term.kind,
                    "term": term.term,
                    "posts": term.posts,
                    "unsponsored": term.unsponsored,
                    "last_at": term.last_at,
                }
                for p in profiles
                for term in p.terms
            ]
            if terms:
                db.execute(insert(t.account_terms), terms)
            if sqlite:
                db.exec_driver_sql(
                    f"INSERT INTO {FTS_TABLE}(rowid, document) VALUES (?, ?)",  # noqa: S608
                    [(p.account_id, p.document) for p in profiles],
                )
        forget_index_size(self._engine)


def _question_share(report: Any) -> float | None:
    """The share of comments asking questions or wanting to buy, from a stored audit."""
    for signal in (report or {}).get("signals") or ():
        if signal.get("name") == "comments":
            value = (signal.get("details") or {}).get("questions_or_purchase_intent")
            return float(value) if isinstance(value, int | float) else None
    return None


def _profile_row(profile: IndexedProfile, now: datetime, sqlite: bool) -> dict[str, Any]:
    kind = profile.creator_type
    return {
        "account_id": profile.account_id,
        "platform": profile.platform,
        "followers": profile.followers,
        "country": profile.country,
        "province": profile.province,
        "language": profile.language,
        "verified": profile.verified,
        "has_contact": profile.has_contact,
        "engagement_rate": profile.engagement_rate,
        "last_active": profile.last_active,
        "price_low": profile.price_low,
        "price_high": profile.price_high,
        "niche": profile.niches[0].niche if profile.niches else None,
        "niches": [
            {"niche": n.niche, "confidence": round(n.confidence, 3), "evidence": list(n.evidence)}
            for n in profile.niches
        ],
        "creator_type": kind.label,
        "type_confidence": round(kind.confidence, 3),
        "facts": profile.facts,
        "vector": profile.vector,
        "document": None if sqlite else profile.document,
        "indexed_at": now,
        "source_import": profile.source_import,
    }
