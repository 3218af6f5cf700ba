"""Keeping discovery's search index current: read each account's profile, posts and audience,
classify it (niches, KOL/KOC, tone), estimate its price, and store what search filters on.

The index is rebuilt per account when the account, its posts or its audience change (imports
and the demo call ``refresh``; ``kolscope creators index`` does it by hand). Search never
classifies on the fly: a million creators are searched through the stored rows.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from kolscope.discovery import messages as said
from kolscope.discovery.scoring.content import CreatorContent, PostText
from kolscope.discovery.scoring.creator_type import CreatorType, classify_creator_type
from kolscope.discovery.scoring.lookalike import profile_vector, to_bytes
from kolscope.discovery.scoring.niches import NicheScore, classify_niches
from kolscope.discovery.scoring.price import estimate_price
from kolscope.discovery.scoring.taxonomy import NICHE_IDS
from kolscope.discovery.scoring.tone import tone_of
from kolscope.domain.audience import AudienceShare
from kolscope.domain.content import Post
from kolscope.domain.creators import PlatformAccount
from kolscope.jobs.facade import Handler, JobService, JobStatus, JobView, Progress, kinds
from kolscope.text.cleaning import language_of
from kolscope.text.search_words import hashtag_key, join_words, mention_key, search_words

RECENT_POSTS = 30  # classification reads an account's 30 newest posts
INDEX = kinds.INDEX  # the job kind that brings the index up to date
BATCH = 500
_CONTACT = re.compile(
    r"(?i)[\w.+-]+@[\w-]+\.[\w.]+|line\s*(?:id)?\s*[:@]|ไลน์|ติดต่อ|contact|inbox|ทักแชท|dm for"
)


@dataclass(frozen=True, slots=True)
class IndexInput:
    """What the indexer reads about one account."""

    account: PlatformAccount
    posts: tuple[Post, ...]  # every post, newest first
    audience: tuple[AudienceShare, ...]  # the latest audience report's shares
    source_import: int | None = None  # the newest import that wrote any of the above
    question_share: float | None = None


@dataclass(frozen=True, slots=True)
class AccountTerm:
    kind: str  # tag or mention
    term: str
    posts: int
    unsponsored: int
    last_at: datetime | None


@dataclass(frozen=True, slots=True)
class IndexedProfile:
    """One row of the search index (``creator_profiles`` and its companions)."""

    account_id: int
    platform: str
    followers: int | None
    country: str | None
    province: str | None
    language: str
    verified: bool | None
    has_contact: bool
    engagement_rate: float | None
    last_active: date | None
    price_low: int | None
    price_high: int | None
    niches: tuple[NicheScore, ...]
    creator_type: CreatorType
    facts: dict[str, Any]
    vector: bytes
    document: str
    terms: tuple[AccountTerm, ...] = ()
    source_import: int | None = None


class DiscoverySource(Protocol):
    def accounts_to_index(self, *, everything: bool) -> list[int]:
        """Accounts with no index row, or whose data changed since theirs was built."""
        ...

    def index_inputs(self, account_ids: Sequence[int]) -> list[IndexInput]: ...


class DiscoveryIndexStore(Protocol):
    def save_profiles(self, profiles: Sequence[IndexedProfile]) -> None:
        """Replace these accounts' index rows (one transaction per call)."""
        ...


@dataclass(frozen=True, slots=True)
class IndexReport:
    indexed: int
    seconds: float
    by_type: dict[str, int] = field(default_factory=dict)


def engagement_rate(account: PlatformAccount, posts: Sequence[Post]) -> float | None:
    """Per cent of followers who like or comment: the median over the recent posts of
    (likes + comments) / followers, else the latest snapshot's engagement rate."""
    followers = account.followers
    if followers:
        rates = [
            ((p.likes or 0) + (p.comments_count or 0)) / followers * 100
            for p in posts[:RECENT_POSTS]
            if p.likes is not None or p.comments_count is not None
        ]
        if rates:
            return round(statistics.median(rates), 4)
    for snapshot in reversed(account.snapshots):
        if snapshot.engagement_rate is not None:
            rate = snapshot.engagement_rate
            return round(rate * 100 if rate < 1 else rate, 4)
    return None


def _terms(posts: Sequence[Post]) -> tuple[AccountTerm, ...]:
    counts: dict[tuple[str, str], list[Any]] = {}
    for post in posts:
        seen: set[tuple[str, str]] = set()
        for kind, values, key in (
            ("tag", post.hashtags, hashtag_key),
            ("mention", (*post.mentions, *post.brand_mentions), mention_key),
        ):
            for value in values:
                term = key(value)[:300]
                if term and (kind, term) not in seen:
                    seen.add((kind, term))
        for item in seen:
            entry = counts.setdefault(item, [0, 0, None])
            entry[0] += 1
            entry[1] += 0 if post.is_sponsored else 1
            if post.posted_at is not None and (entry[2] is None or post.posted_at > entry[2]):
                entry[2] = post.posted_at
    return tuple(
        AccountTerm(kind, term, posts_, unsponsored, last)
        for (kind, term), (posts_, unsponsored, last) in counts.items()
    )


def creator_content(item: IndexInput) -> CreatorContent:
    account = item.account
    return CreatorContent(
        handle=account.handle,
        display_name=account.display_name,
        bio=account.bio,
        categories=account.categories,
        followers=account.followers,
        posts=tuple(
            PostText(p.caption, p.hashtags, p.mentions, p.is_sponsored, p.posted_at)
            for p in item.posts[:RECENT_POSTS]
        ),
        question_share=item.question_share,
    )


def build_profile(item: IndexInput) -> IndexedProfile:
    """Classify one account and shape its index row (pure: no storage)."""
    account = item.account
    if account.id is None:
        raise ValueError(f"{account.reference} has no id: index stored accounts only")
    content = creator_content(item)
    niches = classify_niches(content)
    kind = classify_creator_type(content, niches)
    tone = tone_of(content)
    recent = item.posts[:RECENT_POSTS]
    rate = engagement_rate(account, item.posts)
    price = estimate_price(  # the estimate takes the rate as a fraction
        account.platform.value, account.followers, None if rate is None else rate / 100
    )
    # each text is split into words once: the lookalike vector reads the bio and captions,
    # the search text reads those and the name, handle, categories and hashtags
    words = [search_words(text) for text in (account.bio, *(p.caption for p in recent))]
    extra = [
        search_words(text)
        for text in (
            account.display_name,
            account.handle,
            " ".join(account.categories),
            " ".join(tag for post in recent for tag in post.hashtags),
        )
    ]
    audience = {(s.dimension.value, s.segment): s.share for s in item.audience}
    dated = [p.posted_at for p in item.posts if p.posted_at is not None]
    language_text = " ".join(t for t in (account.bio, *(p.caption for p in recent[:10])) if t)
    sponsored = sum(1 for p in recent if p.is_sponsored)
    has_contact = bool(
        account.contact or account.external_url or _CONTACT.search(account.bio or "")
    )
    return IndexedProfile(
        account_id=account.id,
        platform=account.platform.value,
        followers=account.followers,
        country=account.country,
        province=account.province,
        language=language_of(language_text),
        verified=account.verified,
        has_contact=has_contact,
        engagement_rate=rate,
        last_active=max(dated).date() if dated else account.last_seen,
        price_low=price.low_thb if price else None,
        price_high=price.high_thb if price else None,
        niches=niches,
        creator_type=kind,
        facts={
            "type_reasons": [reason.to_dict() for reason in kind.reasons],
            "type_signals": {k: round(v, 4) for k, v in kind.signals.items()},
            "tone": {k: round(v, 3) for k, v in tone._asdict().items()},
            "price_basis": price.basis if price else None,
            "posts_read": len(recent),
            "sponsored_posts": sponsored,
        },
        vector=to_bytes(
            profile_vector({n.niche: n.confidence for n in niches}, NICHE_IDS, words, audience)
        ),
        document=join_words([*extra[:3], *words, extra[3]]),
        terms=_terms(item.posts),
        source_import=item.source_import,
    )


class DiscoveryIndexer:
    """Builds and refreshes the search index, a batch of accounts at a time."""

    def __init__(
        self,
        source: DiscoverySource,
        store: DiscoveryIndexStore,
        *,
        batch: int = BATCH,
        after_write: Callable[[int], object] | None = None,
    ) -> None:
        """``after_write(profiles)`` runs after a refresh that wrote profiles (table upkeep)."""
        self._source = source
        self._store = store
        self._batch = batch
        self._after_write = after_write

    def refresh(
        self,
        *,
        everything: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> IndexReport:
        """Index the accounts that changed (or, with ``everything``, every account)."""
        started = time.perf_counter()
        ids = self._source.accounts_to_index(everything=everything)
        by_type: dict[str, int] = {}
        for start in range(0, len(ids), self._batch):
            chunk = ids[start : start + self._batch]
            profiles = [build_profile(item) for item in self._source.index_inputs(chunk)]
            self._store.save_profiles(profiles)
            for profile in profiles:
                label = profile.creator_type.label
                by_type[label] = by_type.get(label, 0) + 1
            if progress is not None:
                progress(min(start + len(chunk), len(ids)), len(ids))
        if ids and self._after_write is not None:
            self._after_write(len(ids))
        return IndexReport(len(ids), time.perf_counter() - started, by_type)


def index_handler(indexer: Callable[[], DiscoveryIndexer]) -> Handler:
    """The job handler for ``INDEX``: index what changed (every account with ``all``)."""

    def handle(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        def step(done: int, total: int) -> None:
            progress(done, total, said.INDEXING(total=total))

        report = indexer().refresh(everything=bool(params.get("all")), progress=step)
        return {
            "indexed": report.indexed,
            "seconds": round(report.seconds, 2),
            "by_type": report.by_type,
        }

    return handle


def submit_index(
    jobs: JobService, *, everything: bool = False, user_id: int | None = None
) -> JobView:
    """Queue an index update, unless one is queued and not started yet (it will see the same
    changes)."""
    for job in jobs.recent(20):
        if job.kind == INDEX and job.status == JobStatus.QUEUED and not everything:
            return job
    title = said.JOB_INDEX_REBUILD() if everything else said.JOB_INDEX_UPDATE()
    return jobs.submit(INDEX, title, {"all": everything}, user_id)
