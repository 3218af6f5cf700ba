"""Audits in SQL: reading what an audit needs in bulk, and keeping audits and their norms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.engine import Connection

from kolscope.domain.audience import AudienceDimension, AudienceProfile, AudienceShare
from kolscope.domain.creators import AccountSnapshot, handle_key
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.platforms import Platform
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import (
    account_from_row,
    post_from_row,
    snapshot_from_row,
    stored_time,
)
from kolscope.vetting.audits import AccountBundle, AuditPage, AuditQuery, AuditRecord

_PROFILE_FIELDS = tuple(f for f in FollowerProfile._fields)
_SORTS = {
    "score": (t.audits.c.score.asc().nulls_last(), t.audits.c.id),
    "-score": (t.audits.c.score.desc().nulls_last(), t.audits.c.id),
    "followers": (t.accounts.c.followers.asc().nulls_last(), t.audits.c.id),
    "-followers": (t.accounts.c.followers.desc().nulls_last(), t.audits.c.id),
    "handle": (t.accounts.c.handle_key, t.audits.c.id),
    "audited": (t.audits.c.audited_at.desc(), t.audits.c.id),
    "problems": (t.audits.c.problems.desc(), t.audits.c.score.asc().nulls_last(), t.audits.c.id),
}
SORTS = tuple(_SORTS)


class SqlAudits:
    """``AuditSource`` and ``AuditStore`` over the workspace database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # AuditSource -----------------------------------------------------------------------------

    def audit_account_ids(self, platforms: Sequence[Platform] = ()) -> list[int]:
        a = t.accounts
        query = select(a.c.id).order_by(a.c.id)
        if platforms:
            query = query.where(a.c.platform.in_([p.value for p in platforms]))
        with self._engine.connect() as db:
            return [row[0] for row in db.execute(query)]

    def account_id(self, platform: Platform, handle: str) -> int | None:
        a = t.accounts
        with self._engine.connect() as db:
            return db.execute(
                select(a.c.id).where(
                    a.c.platform == platform.value, a.c.handle_key == handle_key(handle)
                )
            ).scalar_one_or_none()

    def bundles(self, account_ids: Sequence[int], max_posts: int) -> list[AccountBundle]:
        ids = list(account_ids)
        if not ids:
            return []
        with self._engine.connect() as db:
            snapshots = self._snapshots(db, ids)
            accounts = {
                row.id: account_from_row(row, tuple(snapshots.get(row.id, ())))
                for row in db.execute(select(t.accounts).where(t.accounts.c.id.in_(ids)))
            }
            posts = self._posts(db, ids, max_posts)
            followers, sources = self._followers(db, ids)
            audience = self._audience(db, ids)
        return [
            AccountBundle(
                account=accounts[i],
                posts=tuple(posts.get(i, ())),
                followers=tuple(followers.get(i, ())),
                follower_source=sources.get(i),
                audience=tuple(audience.get(i, ())),
            )
            for i in ids
            if i in accounts
        ]

    def _snapshots(self, db: Connection, ids: list[int]) -> dict[int, list[AccountSnapshot]]:
        s = t.account_snapshots
        found: dict[int, list[AccountSnapshot]] = defaultdict(list)
        for row in db.execute(
            select(s).where(s.c.account_id.in_(ids)).order_by(s.c.taken_on, s.c.id)
        ):
            found[row.account_id].append(snapshot_from_row(row))
        return found

    def _posts(self, db: Connection, ids: list[int], max_posts: int) -> dict[int, list[Any]]:
        p = t.posts
        ranked = select(
            p,
            func.row_number()
            .over(
                partition_by=p.c.account_id,
                order_by=(p.c.posted_at.desc().nulls_last(), p.c.id.desc()),
            )
            .label("recency"),
        ).where(p.c.account_id.in_(ids))
        inner = ranked.subquery()
        found: dict[int, list[Any]] = defaultdict(list)
        for row in db.execute(
            select(inner).where(inner.c.recency <= max_posts).order_by(inner.c.recency)
        ):
            found[row.account_id].append(post_from_row(row))
        return found

    def _followers(
        self, db: Connection, ids: list[int]
    ) -> tuple[dict[int, list[FollowerProfile]], dict[int, str]]:
        fs, fp = t.follower_samples, t.follower_profiles
        newest = (
            select(fs.c.account_id, func.max(fs.c.taken_on).label("taken_on"))
            .where(fs.c.account_id.in_(ids))
            .group_by(fs.c.account_id)
            .subquery()
        )
        samples = {
            row.id: (row.account_id, f"{row.source}, {row.taken_on.isoformat()}")
            for row in db.execute(
                select(fs.c.id, fs.c.account_id, fs.c.source, fs.c.taken_on).join(
                    newest,
                    (newest.c.account_id == fs.c.account_id) & (newest.c.taken_on == fs.c.taken_on),
                )
            )
        }
        chosen: dict[int, int] = {}
        for sample_id, (account_id, _source) in sorted(samples.items()):
            chosen.setdefault(account_id, sample_id)  # one sample a day: the first stored
        profiles: dict[int, list[FollowerProfile]] = defaultdict(list)
        if chosen:
            columns = [fp.c[name] for name in _PROFILE_FIELDS]
            owner = {sample_id: account_id for account_id, sample_id in chosen.items()}
            for row in db.execute(
                select(fp.c.sample_id, *columns)
                .where(fp.c.sample_id.in_(list(owner)))
                .order_by(fp.c.id)
            ):
                profiles[owner[row[0]]].append(FollowerProfile(*row[1:]))
        sources = {account_id: samples[sample_id][1] for account_id, sample_id in chosen.items()}
        return profiles, sources

    def _audience(self, db: Connection, ids: list[int]) -> dict[int, list[AudienceProfile]]:
        ap, sh = t.audience_profiles, t.audience_shares
        heads = list(
            db.execute(
                select(ap).where(ap.c.account_id.in_(ids)).order_by(ap.c.as_of.desc(), ap.c.id)
            )
        )
        shares: dict[int, list[AudienceShare]] = defaultdict(list)
        if heads:
            for row in db.execute(select(sh).where(sh.c.profile_id.in_([h.id for h in heads]))):
                shares[row.profile_id].append(
                    AudienceShare(AudienceDimension(row.dimension), row.segment, row.share)
                )
        found: dict[int, list[AudienceProfile]] = defaultdict(list)
        for head in heads:
            found[head.account_id].append(
                AudienceProfile(
                    source=head.source,
                    shares=tuple(shares.get(head.id, ())),
                    sample_size=head.sample_size,
                    as_of=head.as_of,
                    account_id=head.account_id,
                    id=head.id,
                )
            )
        return found

    def comment_authors(self) -> dict[str, dict[str, int]]:
        a, p, c = t.accounts, t.posts, t.comments
        query = (
            select(
                a.c.platform,
                a.c.handle_key,
                c.c.author,
                c.c.author_is_pseudonym,
                func.count().label("comments"),
            )
            .select_from(c.join(p, p.c.id == c.c.post_id).join(a, a.c.id == p.c.account_id))
            .where(c.c.author.is_not(None))
            .group_by(a.c.platform, a.c.handle_key, c.c.author, c.c.author_is_pseudonym)
        )
        found: dict[str, dict[str, int]] = defaultdict(dict)
        with self._engine.connect() as db:
            for platform, key, author, pseudonym, count in db.execute(query):
                who = author if pseudonym else f"{platform}:{handle_key(author)}"
                bucket = found[f"{platform}:{key}"]
                bucket[who] = bucket.get(who, 0) + int(count)
        return dict(found)

    def data_stamp(self) -> str:
        parts = []
        with self._engine.connect() as db:
            for table in (t.accounts, t.account_snapshots, t.posts, t.comments, t.imports):
                count, top = db.execute(select(func.count(), func.max(table.c.id))).one()
                parts.append(f"{count}-{top or 0}")
        return ":".join(parts)

    # AuditStore ------------------------------------------------------------------------------

    def save_audits(self, records: Sequence[AuditRecord]) -> None:
        if not records:
            return
        with self._engine.begin() as db:
            db.execute(
                delete(t.audits).where(t.audits.c.account_id.in_([r.account_id for r in records]))
            )
            db.execute(
                insert(t.audits),
                [
                    {
                        "account_id": r.account_id,
                        "audited_at": r.audited_at,
                        "score": r.score,
                        "verdict": r.verdict,
                        "confidence": r.confidence,
                        "scheme": r.scheme,
                        "tier": r.tier,
                        "problems": r.problems,
                        "report": r.report,
                    }
                    for r in records
                ],
            )

    def _record(self, row: Any) -> AuditRecord:
        return AuditRecord(
            account_id=row.account_id,
            platform=Platform(row.platform),
            handle=row.handle,
            followers=row.followers,
            audited_at=stored_time(row.audited_at),
            score=row.score,
            verdict=row.verdict,
            confidence=row.confidence,
            scheme=row.scheme,
            tier=row.tier,
            problems=row.problems,
            report=dict(row.report or {}),
        )

    def _joined(self) -> Any:
        au, a = t.audits, t.accounts
        return select(au, a.c.platform, a.c.handle, a.c.followers).join(
            a, a.c.id == au.c.account_id
        )

    def audit_of(self, account_id: int) -> AuditRecord | None:
        with self._engine.connect() as db:
            row = db.execute(self._joined().where(t.audits.c.account_id == account_id)).first()
        return None if row is None else self._record(row)

    def list_audits(self, query: AuditQuery) -> AuditPage:
        au, a = t.audits, t.accounts
        if query.sort not in _SORTS:
            raise ValueError(f"unknown sort {query.sort!r} (known: {', '.join(_SORTS)})")
        chosen = self._joined()
        counted = select(au.c.verdict, func.count()).join(a, a.c.id == au.c.account_id)
        if query.platforms:
            wanted = [p.value for p in query.platforms]
            chosen = chosen.where(a.c.platform.in_(wanted))
            counted = counted.where(a.c.platform.in_(wanted))
        if query.verdict:
            chosen = chosen.where(au.c.verdict == query.verdict)
        with self._engine.connect() as db:
            counts = {v: int(n) for v, n in db.execute(counted.group_by(au.c.verdict))}
            total = db.execute(select(func.count()).select_from(chosen.subquery())).scalar_one()
            rows = db.execute(
                chosen.order_by(*_SORTS[query.sort]).limit(query.limit).offset(query.offset)
            )
            records = tuple(self._record(row) for row in rows)
        return AuditPage(records, int(total), counts)

    def benchmarks(self, scheme: str) -> tuple[str, dict[str, Any]] | None:
        b = t.audit_benchmarks
        with self._engine.connect() as db:
            row = db.execute(select(b.c.stamp, b.c.data).where(b.c.scheme == scheme)).first()
        return None if row is None else (row.stamp, dict(row.data))

    def save_benchmarks(self, scheme: str, stamp: str, data: dict[str, Any], now: datetime) -> None:
        b = t.audit_benchmarks
        with self._engine.begin() as db:
            db.execute(delete(b).where(b.c.scheme == scheme))
            db.execute(insert(b).values(scheme=scheme, stamp=stamp, computed_at=now, data=data))
