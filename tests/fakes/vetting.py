"""Audits in memory: ``AuditSource`` over ``CatalogueData``, ``AuditStore`` in a dict, and a
``FollowerScorer`` with a canned rule (``vetting/db/audit_store.py`` and the follower model).

The store keeps one audit per account (a new one replaces it) and shows the account's current
platform, handle and followers with it, as the SQL join does. The data stamp changes whenever
the catalogue does (the SQL one counts rows and their highest ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kolscope.domain.creators import handle_key
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.platforms import Platform
from kolscope.vetting.audits import AccountBundle, AuditPage, AuditQuery, AuditRecord
from tests.fakes.catalogue_data import CatalogueData


class FakeAuditSource:
    def __init__(self, data: CatalogueData) -> None:
        self.data = data

    def audit_account_ids(self, platforms: Sequence[Platform] = ()) -> list[int]:
        return sorted(
            i for i, a in self.data.accounts.items() if not platforms or a.platform in platforms
        )

    def account_id(self, platform: Platform, handle: str) -> int | None:
        return self.data.account_id(platform, handle_key(handle))

    def bundles(self, account_ids: Sequence[int], max_posts: int) -> list[AccountBundle]:
        data = self.data
        bundles = []
        for account_id in account_ids:
            if account_id not in data.accounts:
                continue
            samples = sorted(
                (s for i, s in sorted(data.samples.items()) if s.account_id == account_id),
                key=lambda s: s.taken_on,
                reverse=True,
            )  # the newest day; of one day, the first stored
            newest = samples[0] if samples else None
            bundles.append(
                AccountBundle(
                    account=data.account(account_id),
                    posts=tuple(data.account_posts(account_id)[:max_posts]),
                    followers=tuple(newest.profiles) if newest else (),
                    follower_source=(
                        f"{newest.source}, {newest.taken_on.isoformat()}" if newest else None
                    ),
                    audience=tuple(data.audiences_of(account_id)),
                )
            )
        return bundles

    def comment_authors(self) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for comment in self.data.comments.values():
            if comment.author is None:
                continue
            post = self.data.posts[comment.post_id or 0]
            account = self.data.accounts[post.account_id or 0]
            platform = account.platform.value
            who = (
                comment.author
                if comment.author_is_pseudonym
                else f"{platform}:{handle_key(comment.author)}"
            )
            bucket = found.setdefault(f"{platform}:{account.key}", {})
            bucket[who] = bucket.get(who, 0) + 1
        return found

    def data_stamp(self) -> str:
        return f"{len(self.data.accounts)}:{self.data.changes}:{len(self.data.comments)}"


_SORTS = ("score", "-score", "followers", "-followers", "handle", "audited", "problems")


class FakeAuditStore:
    def __init__(self, data: CatalogueData | None = None) -> None:
        self.audits: dict[int, AuditRecord] = {}
        self.kept_benchmarks: dict[str, tuple[str, dict[str, Any], datetime]] = {}
        self._data = data

    def save_audits(self, records: Sequence[AuditRecord]) -> None:
        for record in records:
            self.audits[record.account_id] = record

    def _current(self, record: AuditRecord) -> AuditRecord:
        if self._data is None or record.account_id not in self._data.accounts:
            return record
        account = self._data.accounts[record.account_id]
        return replace(
            record, platform=account.platform, handle=account.handle, followers=account.followers
        )

    def audit_of(self, account_id: int) -> AuditRecord | None:
        found = self.audits.get(account_id)
        return self._current(found) if found else None

    def list_audits(self, query: AuditQuery) -> AuditPage:
        if query.sort not in _SORTS:
            raise ValueError(f"unknown sort {query.sort!r} (known: {', '.join(_SORTS)})")
        records = [self._current(r) for r in self.audits.values()]
        if query.platforms:
            records = [r for r in records if r.platform in query.platforms]
        counts: dict[str, int] = {}
        for record in records:
            counts[record.verdict] = counts.get(record.verdict, 0) + 1
        if query.verdict:
            records = [r for r in records if r.verdict == query.verdict]
        records = _sorted(records, query.sort)
        page = tuple(records[query.offset : query.offset + query.limit])
        return AuditPage(page, len(records), counts)

    def benchmarks(self, scheme: str) -> tuple[str, dict[str, Any]] | None:
        kept = self.kept_benchmarks.get(scheme)
        return None if kept is None else (kept[0], kept[1])

    def save_benchmarks(self, scheme: str, stamp: str, data: dict[str, Any], now: datetime) -> None:
        self.kept_benchmarks[scheme] = (stamp, data, now)


def _sorted(records: list[AuditRecord], sort: str) -> list[AuditRecord]:
    """The SQL order: unknown scores and followers last; the audit's order breaks ties (here
    the account id, as audits are stored one per account)."""
    records = sorted(records, key=lambda r: r.account_id)

    def nulls_last(value: float | None, sign: int) -> tuple[bool, float]:
        return (value is None, sign * (value or 0))

    keys: dict[str, Any] = {
        "score": lambda r: nulls_last(r.score, 1),
        "-score": lambda r: nulls_last(r.score, -1),
        "followers": lambda r: nulls_last(r.followers, 1),
        "-followers": lambda r: nulls_last(r.followers, -1),
        "handle": lambda r: handle_key(r.handle),
        "audited": lambda r: -r.audited_at.timestamp(),
        "problems": lambda r: (-r.problems, *nulls_last(r.score, 1)),
    }
    return sorted(records, key=keys[sort])


class FakeFollowerScorer:
    """A follower looks fake when it has no picture and no posts (probability 0.9; else 0.1);
    a labelled follower is scored as labelled. Remembers the samples it scored."""

    def __init__(self, threshold: float = 0.5) -> None:
        self._threshold = threshold
        self.scored: list[int] = []

    @property
    def threshold(self) -> float:
        return self._threshold

    def probabilities(self, profiles: Sequence[FollowerProfile]) -> NDArray[np.float64]:
        self.scored.append(len(profiles))
        return np.array([_fake_probability(p) for p in profiles], dtype=np.float64)


def _fake_probability(profile: FollowerProfile) -> float:
    if profile.is_fake is not None:
        return 1.0 if profile.is_fake else 0.0
    return 0.9 if not profile.has_picture and not profile.posts else 0.1
