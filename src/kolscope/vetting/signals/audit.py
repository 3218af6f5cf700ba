"""One account's audit: its metrics against its peers, every signal, the quality score.

``AccountFacts`` holds what is known about one account as columns; ``audit_account`` reads it
against the workspace's norms (``Benchmarks``) and returns an ``AuditResult``. Nothing here
touches a database: the service gathers the facts, the benchmark builds them from columns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from kolscope.domain.audience import AudienceProfile
from kolscope.domain.content import Post
from kolscope.domain.creators import PlatformAccount, handle_key
from kolscope.domain.followers import FollowerProfile
from kolscope.domain.platforms import Platform
from kolscope.domain.tiers import TierScheme
from kolscope.vetting import messages as m
from kolscope.vetting.metrics.benchmarks import Benchmarks
from kolscope.vetting.metrics.engagement import engagement_rate_by_followers
from kolscope.vetting.metrics.growth import FollowerHistory, day_number
from kolscope.vetting.metrics.posts import PostTable
from kolscope.vetting.metrics.registry import MeasuredAccount, measure_all
from kolscope.vetting.signals.audience_fit import AudienceTarget, audience_fit_signal
from kolscope.vetting.signals.comments import CommentCounts, comment_signal
from kolscope.vetting.signals.engagement import TierNorm, engagement_signal
from kolscope.vetting.signals.fake_followers import DEFAULT_SOURCE, fake_follower_signal
from kolscope.vetting.signals.growth import growth_signal
from kolscope.vetting.signals.network import NetworkFacts, pod_signal
from kolscope.vetting.signals.score import QualityScore, quality_score
from kolscope.vetting.signals.signal import Signal, unknown

ER_METRIC = "engagement_rate_by_followers"


class FollowerScorer(Protocol):
    """A follower model as audits use it: a probability of being fake per follower."""

    @property
    def threshold(self) -> float: ...

    def probabilities(self, profiles: Sequence[FollowerProfile]) -> NDArray[np.float64]: ...


def account_reference(platform: Platform | str, handle: str) -> str:
    """The identity audits use for an account: ``instagram:som.review`` (handle key)."""
    name = platform.value if isinstance(platform, Platform) else platform
    return f"{name}:{handle_key(handle)}"


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """What an audit knows about one account. Arrays are float64 with NaN where unknown."""

    reference: str
    platform: str
    handle: str
    followers: int | None
    posts: PostTable
    history: FollowerHistory  # follower snapshots by day, oldest first
    snapshot_engagement: NDArray[np.float64] | None = None  # likes + comments per post, by day
    audience: tuple[AudienceProfile, ...] = ()
    comments: CommentCounts | None = None
    network: NetworkFacts | None = None
    fake_probabilities: NDArray[np.float64] | None = None
    follower_threshold: float = 0.5
    follower_source: str = DEFAULT_SOURCE

    def with_context(self, **changes: Any) -> AccountFacts:
        return dataclasses.replace(self, **changes)

    @classmethod
    def of_account(
        cls,
        account: PlatformAccount,
        posts: Sequence[Post],
        as_of: datetime,
        audience: tuple[AudienceProfile, ...] = (),
    ) -> AccountFacts:
        """Facts from an account (with its snapshots) and its recent posts."""
        series: dict[int, tuple[float, float]] = {}
        for snapshot in account.snapshots:  # oldest first; a later source wins the day
            if snapshot.followers is None:
                continue
            likes, comments = snapshot.avg_likes, snapshot.avg_comments
            engaged = likes + comments if likes is not None and comments is not None else np.nan
            series[day_number(snapshot.taken_on)] = (float(snapshot.followers), engaged)
        days = np.array(sorted(series), dtype=np.int64)
        values = np.array([series[int(d)] for d in days], dtype=np.float64).reshape(-1, 2)
        return cls(
            reference=account_reference(account.platform, account.handle),
            platform=account.platform.value,
            handle=account.handle,
            followers=account.followers,
            posts=PostTable.from_posts(posts, as_of),
            history=FollowerHistory(days, values[:, 0].copy()),
            snapshot_engagement=values[:, 1].copy(),
            audience=audience,
        )


@dataclass(frozen=True, slots=True)
class AuditResult:
    """An account's audit: the quality score with its signals, and the metrics behind it."""

    reference: str
    platform: str
    handle: str
    followers: int | None
    scheme: str
    tier: str | None
    as_of: datetime
    metrics: dict[str, float | None]
    percentiles: dict[str, float]  # metric -> 0-100 among the account's peers
    quality: QualityScore
    norms: Benchmarks
    target: AudienceTarget | None = None

    @property
    def standing(self) -> dict[str, str]:
        """Each metric's place in words: "62nd percentile among micro Instagram creators
        (standard scheme, 431 accounts)" (worded only when asked for: it costs time)."""
        if self.tier is None:
            return {}
        found = {}
        for name in self.percentiles:
            value = self.metrics.get(name)
            if value is None:
                continue
            text = self.norms.describe(self.platform, self.scheme, self.tier, name, value)
            if text is not None:
                found[name] = text
        return found

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``kolscope audit --json`` and the stored report)."""
        return {
            "account": f"{self.platform}:{self.handle}",
            "platform": self.platform,
            "handle": self.handle,
            "followers": self.followers,
            "scheme": self.scheme,
            "tier": self.tier,
            "audited_at": self.as_of.isoformat(),
            **self.quality.to_dict(),
            "metrics": {k: _rounded(v) for k, v in self.metrics.items()},
            "percentiles": {k: round(v, 1) for k, v in self.percentiles.items()},
            "standing": self.standing,
            "target": self.target.to_dict() if self.target and not self.target.empty else None,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def account_metrics(facts: AccountFacts) -> dict[str, float | None]:
    """Every published metric (``kolscope.vetting.metrics``) for the account."""
    followers = None if facts.followers is None else float(facts.followers)
    return measure_all(MeasuredAccount(facts.posts, followers, facts.history))


def tier_name(scheme: TierScheme, followers: int | None) -> str | None:
    tier = scheme.tier_for(followers)
    return tier.name if tier else None


def metric_rows(
    facts: AccountFacts, scheme: TierScheme, metrics: dict[str, float | None] | None = None
) -> Iterator[tuple[str, str, str, str, float]]:
    """Rows for ``Benchmarks.from_rows``: (platform, scheme, tier, metric, value)."""
    tier = tier_name(scheme, facts.followers)
    if tier is None:
        return
    for name, value in (metrics if metrics is not None else account_metrics(facts)).items():
        if value is not None:
            yield facts.platform, scheme.name, tier, name, value


def _norm(
    norms: Benchmarks, facts: AccountFacts, scheme: TierScheme, tier: str | None, rate: float
) -> TierNorm | None:
    if tier is None:
        return None
    distribution = norms.distribution(facts.platform, scheme.name, tier, ER_METRIC)
    group = m.ENGAGEMENT_GROUP(tier=tier, platform=facts.platform, scheme=scheme.name)
    if distribution is None:
        return TierNorm(group, None, None, 0)
    return TierNorm(group, distribution.percentile_of(rate), distribution.p50, distribution.n)


def audit_account(
    facts: AccountFacts,
    scheme: TierScheme,
    norms: Benchmarks,
    *,
    as_of: datetime,
    target: AudienceTarget | None = None,
    metrics: dict[str, float | None] | None = None,
) -> AuditResult:
    """Every signal for one account and the quality score over them."""
    measured = metrics if metrics is not None else account_metrics(facts)
    tier = tier_name(scheme, facts.followers)
    rate = engagement_rate_by_followers(facts.posts, facts.followers)
    comments = facts.comments
    network = facts.network
    signals: list[Signal] = []
    if facts.fake_probabilities is None:
        signals.append(unknown("fake_followers", m.FAKE_NO_SAMPLE()))
    else:
        signals.append(
            fake_follower_signal(
                facts.fake_probabilities, facts.follower_threshold, source=facts.follower_source
            )
        )
    norm = _norm(norms, facts, scheme, tier, rate) if rate is not None else None
    signals.append(
        engagement_signal(
            rate,
            norm,
            posts=len(facts.posts),
            poor_comment_share=comments.poor_share if comments and comments.read else None,
            pod_partners=len(network.partners) if network else 0,
        )
    )
    signals.append(comment_signal(comments))
    signals.append(
        growth_signal(
            facts.history.days.astype(np.float64),
            facts.history.followers,
            facts.snapshot_engagement,
        )
    )
    signals.append(pod_signal(network))
    if target is not None and not target.empty:
        signals.append(audience_fit_signal(facts.audience, target))
    percentiles: dict[str, float] = {}
    if tier is not None:
        for name, value in measured.items():
            if value is None:
                continue
            distribution = norms.distribution(facts.platform, scheme.name, tier, name)
            where = None if distribution is None else distribution.percentile_of(value)
            if where is not None:
                percentiles[name] = where
    return AuditResult(
        reference=facts.reference,
        platform=facts.platform,
        handle=facts.handle,
        followers=facts.followers,
        scheme=scheme.name,
        tier=tier,
        as_of=as_of,
        metrics=measured,
        percentiles=percentiles,
        quality=quality_score(tuple(signals)),
        norms=norms,
        target=target if target is not None and not target.empty else None,
    )
