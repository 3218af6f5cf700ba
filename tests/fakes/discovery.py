"""Discovery's index in memory: ``DiscoverySource`` and ``DiscoveryIndexStore`` (one class,
as ``SqlDiscoveryIndex``) and the search's ``DiscoveryStore`` (``discovery/db/search.py``).

The index reads accounts, posts and audiences from ``CatalogueData`` and keeps one
``IndexedProfile`` per account. Search filters those profiles in Python with the same
conditions as the SQL plan. Full-text search is not ranked: the words must follow each other
in the profile's document (FTS5's phrase query; PostgreSQL's ``phraseto_tsquery`` on the
'simple' configuration behaves alike for these documents). Counts are exact, capped as the
SQL count is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kolscope.discovery.indexing import IndexedProfile, IndexInput
from kolscope.discovery.query import (
    COUNT_CAP,
    AudienceCondition,
    Fan,
    ProfilePage,
    ProfileQuery,
    ProfileRow,
    TermUse,
)
from kolscope.discovery.scoring.niches import NicheScore
from kolscope.domain.audience import AudienceProfile
from kolscope.domain.brands import Brand
from kolscope.domain.creators import handle_key
from kolscope.vetting.audits import AuditRecord
from tests.fakes.catalogue_data import CatalogueData


class FakeDiscoveryIndex:
    """``DiscoverySource`` over the catalogue and ``DiscoveryIndexStore`` in a dict."""

    def __init__(
        self, data: CatalogueData, audits: Mapping[int, AuditRecord] | None = None
    ) -> None:
        self.data = data
        self.profiles: dict[int, IndexedProfile] = {}
        self.indexed_at: dict[int, int] = {}  # the catalogue's change number at indexing
        self.saves = 0
        self._audits = audits if audits is not None else {}

    def accounts_to_index(self, *, everything: bool) -> list[int]:
        ids = sorted(self.data.accounts)
        if everything:
            return ids
        return [
            i
            for i in ids
            if i not in self.profiles or self.data.changed.get(i, 0) > self.indexed_at[i]
        ]

    def index_inputs(self, account_ids: Sequence[int]) -> list[IndexInput]:
        data = self.data
        result = []
        for account_id in account_ids:
            if account_id not in data.accounts:
                continue
            rated = [s for s in data.account_snapshots(account_id) if s.engagement_rate is not None]
            account = data.accounts[account_id]._replace(snapshots=tuple(rated[-1:]))
            posts = data.account_posts(account_id)
            audiences = sorted(
                (a.as_of, i) for i, a in data.audience.items() if a.account_id == account_id
            )
            latest = data.audience_profile(audiences[-1][1]) if audiences else None
            imports = [data.written_by[("posts", p.id or 0)] for p in posts]
            imports += [data.audience[i].import_id for _day, i in audiences]
            result.append(
                IndexInput(
                    account=account,
                    posts=tuple(posts),
                    audience=latest.shares if latest else (),
                    source_import=max(imports, default=None),
                    question_share=_question_share(self._audits.get(account_id)),
                )
            )
        return result

    def save_profiles(self, profiles: Sequence[IndexedProfile]) -> None:
        self.saves += 1
        for profile in profiles:
            self.profiles[profile.account_id] = profile
            self.indexed_at[profile.account_id] = self.data.changes


def _question_share(audit: AuditRecord | None) -> float | None:
    for signal in (audit.report if audit else {}).get("signals") or ():
        if signal.get("name") == "comments":
            value = (signal.get("details") or {}).get("questions_or_purchase_intent")
            return float(value) if isinstance(value, int | float) else None
    return None


def _between(value: Any, low: Any, high: Any) -> bool:
    """Inclusive bounds; an unknown value is outside any bound (SQL's NULL)."""
    if low is None and high is None:
        return True
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def _phrase(words: Sequence[str], document: str) -> bool:
    tokens = document.split()
    size = len(words)
    return any(tokens[i : i + size] == list(words) for i in range(len(tokens) - size + 1))


class FakeDiscoveryStore:
    def __init__(
        self,
        index: FakeDiscoveryIndex,
        data: CatalogueData,
        audits: Mapping[int, AuditRecord] | None = None,
    ) -> None:
        self.index = index
        self.data = data
        self._audits = audits if audits is not None else {}

    # Matching -------------------------------------------------------------------------------

    def _score(self, account_id: int) -> float | None:
        audit = self._audits.get(account_id)
        return audit.score if audit else None

    def _matches(self, p: IndexedProfile, q: ProfileQuery) -> bool:
        terms = {(t.kind, t.term) for t in p.terms}
        equal = (
            (q.creator_type, p.creator_type.label),
            (q.country, p.country),
            (q.province, p.province),
            (q.language, p.language),
        )
        score = self._score(p.account_id)
        checks = (
            all(not wanted or wanted == value for wanted, value in equal),
            not q.platforms or p.platform in q.platforms,
            q.verified is None or (p.verified is True) == q.verified,
            q.has_contact is None or p.has_contact == q.has_contact,
            q.within is None or p.account_id in q.within,
            p.account_id not in q.exclude,
            _between(p.followers, q.min_followers, q.max_followers),
            _between(
                p.followers, None, None if q.below_followers is None else q.below_followers - 1
            ),
            _between(p.engagement_rate, q.min_er, q.max_er),
            _between(p.price_high, q.min_price, None),
            _between(p.price_low, None, q.max_price),
            _between(p.last_active, q.active_since, None),
            not q.words or _phrase(q.words, p.document),
            not q.hashtag or ("tag", q.hashtag) in terms,
            not q.mention_terms or bool(terms & set(q.mention_terms)),
            not q.niches or any(n.niche in q.niches for n in p.niches),
            q.min_quality is None or (score is not None and score >= q.min_quality),
            not q.audited or p.account_id in self._audits,
        )
        return all(checks) and all(self._audience_has(p.account_id, c) for c in q.audience)

    def _audience_has(self, account_id: int, condition: AudienceCondition) -> bool:
        """Any of the account's audience reports has the segment at that share or more."""
        wanted = (condition.dimension, condition.segment)
        return any(
            (s.dimension, s.segment) == wanted and s.share >= condition.min_share
            for profile in self.data.audiences_of(account_id)
            for s in profile.shares
        )

    def _ordered(self, query: ProfileQuery) -> list[IndexedProfile]:
        found = sorted(
            (p for p in self.index.profiles.values() if self._matches(p, query)),
            key=lambda p: p.account_id,
        )

        def value(p: IndexedProfile) -> float | None:
            if query.sort == "engagement":
                return p.engagement_rate
            if query.sort == "recent":
                return p.last_active.toordinal() if p.last_active else None
            if query.sort == "quality":
                return self._score(p.account_id)
            return p.followers

        return sorted(found, key=lambda p: (value(p) is None, -(value(p) or 0)))

    # DiscoveryStore -------------------------------------------------------------------------

    def search_profiles(self, query: ProfileQuery) -> ProfilePage:
        found = self._ordered(query)
        page = [p.account_id for p in found[query.offset : query.offset + query.limit]]
        return ProfilePage(tuple(self.rows_for(page)), min(len(found), COUNT_CAP + 1))

    def fans(self, query: ProfileQuery) -> list[Fan]:
        wanted = set(query.fans_terms)
        fans = []
        for profile in self._ordered(query):
            named = [t for t in profile.terms if (t.kind, t.term) in wanted and t.unsponsored > 0]
            if not named:
                continue
            lasts = [t.last_at for t in named if t.last_at is not None]
            fans.append(
                Fan(
                    profile.account_id,
                    max(t.unsponsored for t in named),
                    max(lasts, default=None),
                    profile.followers,
                    profile.engagement_rate,
                    profile.last_active,
                    self._score(profile.account_id),
                )
            )
        return fans

    def candidate_ids(self, query: ProfileQuery, pool: int) -> list[int]:
        return [p.account_id for p in self._ordered(query)[:pool]]

    def vectors(self, ids: Sequence[int]) -> list[bytes | None]:
        profiles = self.index.profiles
        return [profiles[i].vector if i in profiles else None for i in ids]

    def rows_for(self, ids: Sequence[int], *, with_vectors: bool = False) -> list[ProfileRow]:
        return [self._row(i, with_vectors) for i in ids if i in self.index.profiles]

    def _row(self, account_id: int, with_vector: bool) -> ProfileRow:
        p = self.index.profiles[account_id]
        account = self.data.accounts[account_id]
        audit = self._audits.get(account_id)
        return ProfileRow(
            account_id=account_id,
            platform=p.platform,
            handle=account.handle,
            display_name=account.display_name,
            followers=p.followers,
            country=p.country,
            province=p.province,
            language=p.language,
            verified=p.verified,
            has_contact=p.has_contact,
            engagement_rate=p.engagement_rate,
            last_active=p.last_active,
            price_low=p.price_low,
            price_high=p.price_high,
            niches=tuple(
                NicheScore(n.niche, round(n.confidence, 3), tuple(n.evidence)) for n in p.niches
            ),
            creator_type=p.creator_type.label,
            type_confidence=round(p.creator_type.confidence, 3),
            facts=dict(p.facts),
            quality_score=audit.score if audit else None,
            verdict=audit.verdict if audit else None,
            vector=p.vector if with_vector else None,
        )

    def profile_of(self, platform: str, handle_key: str) -> ProfileRow | None:
        account_id = self.data.account_id(platform, handle_key)
        if account_id is None:
            return None
        rows = self.rows_for([account_id], with_vectors=True)
        return rows[0] if rows else None

    def term_uses(
        self, account_ids: Sequence[int], terms: Sequence[tuple[str, str]]
    ) -> dict[int, list[TermUse]]:
        wanted = set(terms)
        result: dict[int, list[TermUse]] = {}
        for account_id in account_ids:
            profile = self.index.profiles.get(account_id)
            for t in profile.terms if profile else ():
                if (t.kind, t.term) in wanted:
                    use = TermUse(t.kind, t.term, t.posts, t.unsponsored, t.last_at)
                    result.setdefault(account_id, []).append(use)
        return result

    def accounts_by_handles(self, handles: Sequence[str]) -> dict[str, list[int]]:
        wanted = set(handles)
        result: dict[str, list[int]] = {}
        for account_id in sorted(self.index.profiles):
            key = handle_key(self.data.accounts[account_id].handle)
            if key in wanted:
                result.setdefault(key, []).append(account_id)
        return result

    def brands(self) -> list[Brand]:
        return sorted(self.data.brands.values(), key=lambda b: b.name)

    def index_size(self) -> int:
        return len(self.index.profiles)

    def audiences(self, account_ids: Sequence[int]) -> dict[int, tuple[AudienceProfile, ...]]:
        found = {i: tuple(self.data.audiences_of(i)) for i in account_ids}
        return {i: profiles for i, profiles in found.items() if profiles}
