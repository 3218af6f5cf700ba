"""Vetting accounts: audit one or every account, keep the results, list them.

An audit reads an account's recent posts, its follower snapshots, its newest follower sample,
its comments and its audience, and the workspace around it (engagement norms per platform and
tier, who comments on whom), then scores it with ``kolscope.vetting.signals``. Results are
stored, one per account (the newest), so the list of audits can be sorted and filtered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from kolscope.domain.audience import AudienceProfile
from kolscope.domain.content import Post
from kolscope.domain.creators import PlatformAccount
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform
from kolscope.domain.tiers import TierScheme
from kolscope.domain.workspace import WorkspaceConfig
from kolscope.jobs.facade import Handler, JobService, JobView, Progress, kinds
from kolscope.vetting import messages as said
from kolscope.vetting.comment_quality import CommentQuality
from kolscope.vetting.metrics.benchmarks import Benchmarks
from kolscope.vetting.signals.audience_fit import AudienceTarget
from kolscope.vetting.signals.audit import (
    AccountFacts,
    AuditResult,
    FollowerScorer,
    audit_account,
    metric_rows,
)
from kolscope.vetting.signals.comments import CommentCounts
from kolscope.vetting.signals.fake_followers import DEFAULT_SOURCE
from kolscope.vetting.signals.network import NetworkFacts, commenting_network

AUDIT = kinds.AUDIT  # the job kind of ``kolscope audit --all``
NORMS = kinds.NORMS  # the job kind that rebuilds the peer norms
MAX_POSTS = 60  # recent posts read per account
CHUNK = 500  # accounts read and audited together


@dataclass(frozen=True, slots=True)
class AccountBundle:
    """What an audit reads about one account."""

    account: PlatformAccount  # with its snapshots, oldest first, and its id
    posts: tuple[Post, ...]  # the most recent, newest first
    followers: tuple[FollowerProfile, ...] = ()  # the newest follower sample
    follower_source: str | None = None
    audience: tuple[AudienceProfile, ...] = ()  # newest first


def facts_from_bundle(bundle: AccountBundle, as_of: datetime) -> AccountFacts:
    return AccountFacts.of_account(bundle.account, bundle.posts, as_of, bundle.audience)


class AuditSource(Protocol):
    """Reads what audits need, in bulk."""

    def audit_account_ids(self, platforms: Sequence[Platform] = ()) -> list[int]: ...

    def account_id(self, platform: Platform, handle: str) -> int | None: ...

    def bundles(self, account_ids: Sequence[int], max_posts: int) -> list[AccountBundle]: ...

    def comment_authors(self) -> dict[str, dict[str, int]]:
        """Per account reference (``platform:handle key``), the authors of its comments and how
        many each wrote: the same reference for tracked creators, the pseudonym for others."""
        ...

    def data_stamp(self) -> str:
        """Changes whenever accounts, snapshots or posts do (for keeping benchmarks)."""
        ...


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One stored audit, with the account it is about."""

    account_id: int
    platform: Platform
    handle: str
    followers: int | None
    audited_at: datetime
    score: float | None
    verdict: str
    confidence: str
    scheme: str
    tier: str | None
    problems: int
    report: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditQuery:
    verdict: str | None = None
    platforms: tuple[Platform, ...] = ()
    sort: str = "-score"  # score, -score, followers, -followers, handle, audited
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class AuditPage:
    records: tuple[AuditRecord, ...]
    total: int
    counts: dict[str, int] = field(default_factory=dict)  # per verdict, over every audit


class AuditStore(Protocol):
    def save_audits(self, records: Sequence[AuditRecord]) -> None: ...

    def audit_of(self, account_id: int) -> AuditRecord | None: ...

    def list_audits(self, query: AuditQuery) -> AuditPage: ...

    def benchmarks(self, scheme: str) -> tuple[str, dict[str, Any]] | None: ...

    def save_benchmarks(
        self, scheme: str, stamp: str, data: dict[str, Any], now: datetime
    ) -> None: ...


CommentReader = Callable[[int], CommentCounts | None]
AuditProgress = Callable[[int, int | None, str | Message | None], None]


class AccountNotFoundError(LookupError):
    pass


class AuditService:
    """The use cases behind ``kolscope audit`` and the audit pages."""

    def __init__(
        self,
        source: AuditSource,
        store: AuditStore,
        config: WorkspaceConfig,
        *,
        followers: FollowerScorer,
        comments: CommentReader | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._source = source
        self._store = store
        self._config = config
        self._followers = followers
        self._comments = comments
        self._clock = clock
        self._network: tuple[str, dict[str, NetworkFacts]] | None = None

    # Workspace context ---------------------------------------------------------------------

    def _chunks(self, ids: Sequence[int]) -> Iterator[list[AccountBundle]]:
        for start in range(0, len(ids), CHUNK):
            yield self._source.bundles(ids[start : start + CHUNK], MAX_POSTS)

    def kept_benchmarks(self, scheme: str) -> Benchmarks | None:
        """The norms the audits were last scored against, as kept (never rebuilt: a page view
        must not read every account); None when none are kept or they cannot be read."""
        kept = self._store.benchmarks(scheme)
        if kept is None:
            return None
        try:
            return Benchmarks.from_dict(kept[1])
        except (ValueError, KeyError, TypeError):
            return None

    def tier_scheme(self, name: str | None = None) -> TierScheme:
        return self._config.tier_scheme(name)

    def benchmarks(self, scheme: TierScheme, *, refresh: bool = False) -> Benchmarks:
        """Distributions of every metric per platform and tier, kept until the data change."""
        stamp = self._source.data_stamp()
        kept = None if refresh else self._store.benchmarks(scheme.name)
        if kept is not None and kept[0] == stamp:
            return Benchmarks.from_dict(kept[1])
        now = self._clock()
        rows: list[tuple[str, str, str, str, float]] = []
        for bundles in self._chunks(self._source.audit_account_ids()):
            for bundle in bundles:
                rows.extend(metric_rows(facts_from_bundle(bundle, now), scheme))
        built = Benchmarks.from_rows(rows)
        self._store.save_benchmarks(scheme.name, stamp, built.to_dict(), now)
        return built

    def network(self) -> dict[str, NetworkFacts]:
        """Who comments on whom across the workspace (kept while the data stay the same)."""
        stamp = self._source.data_stamp()
        if self._network is None or self._network[0] != stamp:
            self._network = (stamp, commenting_network(self._source.comment_authors()))
        return self._network[1]

    # Audits --------------------------------------------------------------------------------

    def _audit(
        self,
        bundle: AccountBundle,
        scheme: TierScheme,
        norms: Benchmarks,
        network: dict[str, NetworkFacts],
        target: AudienceTarget | None,
        now: datetime,
    ) -> AuditResult:
        facts = facts_from_bundle(bundle, now)
        account_id = bundle.account.id
        counts = self._comments(account_id) if self._comments and account_id is not None else None
        facts = facts.with_context(
            comments=counts,
            network=network.get(facts.reference),
            follower_source=bundle.follower_source or DEFAULT_SOURCE,
        )
        if bundle.followers:
            facts = facts.with_context(
                fake_probabilities=self._followers.probabilities(bundle.followers),
                follower_threshold=self._followers.threshold,
            )
        return audit_account(facts, scheme, norms, target=target, as_of=now)

    def audit(
        self,
        platform: Platform,
        handle: str,
        *,
        scheme: str | None = None,
        target: AudienceTarget | None = None,
        save: bool = True,
    ) -> AuditResult:
        """Audit one account now (and keep the result unless ``save`` is False)."""
        account_id = self._source.account_id(platform, handle)
        if account_id is None:
            raise AccountNotFoundError(f"no account {platform.value}:{handle} in this workspace")
        chosen = self._config.tier_scheme(scheme)
        norms = self.benchmarks(chosen)
        bundles = self._source.bundles([account_id], MAX_POSTS)
        if not bundles:  # removed between the two reads
            raise AccountNotFoundError(f"no account {platform.value}:{handle} in this workspace")
        now = self._clock()
        result = self._audit(bundles[0], chosen, norms, self.network(), target, now)
        if save:
            self._store.save_audits([record_of(bundles[0], result, now)])
        return result

    def audit_all(
        self,
        *,
        scheme: str | None = None,
        target: AudienceTarget | None = None,
        platforms: Sequence[Platform] = (),
        progress: AuditProgress | None = None,
    ) -> dict[str, Any]:
        """Audit every account (of ``platforms``, or all), saving as it goes; a summary back."""
        chosen = self._config.tier_scheme(scheme)
        ids = self._source.audit_account_ids(platforms)
        total = len(ids)
        if progress:
            progress(0, total, said.READING_NORMS())
        norms = self.benchmarks(chosen)
        network = self.network()
        verdicts: dict[str, int] = {}
        done = 0
        for bundles in self._chunks(ids):
            now = self._clock()
            records = []
            for bundle in bundles:
                result = self._audit(bundle, chosen, norms, network, target, now)
                records.append(record_of(bundle, result, now))
                verdicts[result.quality.verdict] = verdicts.get(result.quality.verdict, 0) + 1
            self._store.save_audits(records)
            done += len(bundles)
            if progress:
                progress(done, total, said.AUDITED(done=done, total=total))
        return {"audited": done, "scheme": chosen.name, "verdicts": verdicts}

    def audit_of(self, platform: Platform, handle: str) -> AuditRecord | None:
        account_id = self._source.account_id(platform, handle)
        return None if account_id is None else self._store.audit_of(account_id)

    def list(self, query: AuditQuery) -> AuditPage:
        return self._store.list_audits(query)


def comment_counts(quality: CommentQuality) -> CommentCounts | None:
    """The counts a comment signal reads, from the comment-quality summary of an account."""
    if quality.analysed == 0:
        return None

    def count(kind: str) -> int:
        return quality.kind(kind).count

    return CommentCounts(
        read=quality.analysed,
        low_effort=count("low_effort"),
        emoji_or_sticker=count("emoji_only") + count("sticker_only"),
        generic=count("generic"),
        duplicates=count("duplicate"),
        spam=count("spam"),
        questions=count("question"),
        purchase_intent=count("purchase_intent"),
    )


def record_of(bundle: AccountBundle, result: AuditResult, now: datetime) -> AuditRecord:
    account = bundle.account
    if account.id is None:
        raise ValueError("an audited account needs its id")
    quality = result.quality
    return AuditRecord(
        account_id=account.id,
        platform=account.platform,
        handle=account.handle,
        followers=account.followers,
        audited_at=now,
        score=quality.score,
        verdict=quality.verdict,
        confidence=quality.confidence.value,
        scheme=result.scheme,
        tier=result.tier,
        problems=len(quality.problems),
        report=result.to_dict(),
    )


def submit_audit_all(
    jobs: JobService,
    *,
    scheme: str | None = None,
    target: AudienceTarget | None = None,
    platforms: Sequence[Platform] = (),
    user_id: int | None = None,
) -> JobView:
    """Queue ``audit_all`` as a job; a worker runs it (``audit_handler``)."""
    params: dict[str, Any] = {
        "scheme": scheme,
        "target": target.to_dict() if target is not None else {},
        "platforms": [p.value for p in platforms],
    }
    title = (
        said.JOB_AUDIT_PLATFORMS(platforms=[p.label for p in platforms])
        if platforms
        else said.JOB_AUDIT_ALL()
    )
    return jobs.submit(AUDIT, title, params, user_id)


def submit_norms(jobs: JobService, *, user_id: int | None = None) -> JobView:
    """Queue a rebuild of the peer norms (``norms_handler``)."""
    return jobs.submit(NORMS, said.JOB_NORMS(), {}, user_id)


def norms_handler(service: Callable[[], AuditService]) -> Handler:
    """The job handler for ``NORMS``: rebuild the peer norms of the default tier scheme (and of
    ``scheme`` when given) once after an import, so a single audit only reads them."""

    def handle(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        audits = service()
        scheme = audits.tier_scheme(params.get("scheme"))
        progress(0, None, said.REBUILDING_NORMS())
        audits.benchmarks(scheme)
        return {"scheme": scheme.name}

    return handle


def audit_handler(service: Callable[[], AuditService]) -> Handler:
    """The job handler for ``AUDIT``: audit every account, reporting progress."""

    def handle(params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        target = AudienceTarget.from_dict(params.get("target") or {})
        platforms = tuple(Platform(p) for p in params.get("platforms") or ())
        return service().audit_all(
            scheme=params.get("scheme"), target=target, platforms=platforms, progress=progress
        )

    return handle


__all__ = [
    "AUDIT",
    "AccountBundle",
    "AccountFacts",
    "AccountNotFoundError",
    "AuditPage",
    "AuditQuery",
    "AuditRecord",
    "AuditService",
    "AuditSource",
    "AuditStore",
    "audit_handler",
]
