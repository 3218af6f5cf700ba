"""Tier norms: what a typical creator of a platform, tier and deliverable gets per follower, how
much one creator's posts vary, how far creators stray from the norm, and how sponsored posts
compare with organic ones.

A forecast leans on the norm when a creator's own history is thin. Two sources:

- ``DEFAULT_NORMS``: kolscope's documented table (below). These are assumptions, chosen to sit
  inside the ranges that yearly industry reports publish (HypeAuditor's "State of Influencer
  Marketing" and Influencer Marketing Hub's "Benchmark Report" give engagement per follower of
  roughly 1-4 % on Instagram and 3-10 % on TikTok, falling as accounts grow). They are not
  fitted to data.
- ``norms_from_histories``: the same numbers measured on a workspace's own creators (each
  creator counts once, by the median of its posts), used wherever enough creators share a
  platform, tier and deliverable; the default table fills the rest.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from kolscope.planning.choices import Deliverable
from kolscope.planning.forecasts.history import PostNumbers, known

# One creator's posts vary around its median by about this much (log scale, a standard
# deviation): a post 1.8 times above or below the median is ordinary.
POST_SPREAD = 0.6
# Creators of one platform and tier stray from its norm by about this much (log scale).
CREATOR_SPREAD = 0.9
# Sponsored posts get this share of what organic posts of the same creator get.
SPONSORED_VIEWS = 0.9
SPONSORED_ENGAGEMENTS = 0.8
# A workspace measures a norm only from at least this many creators.
MIN_CREATORS = 8


@dataclass(frozen=True, slots=True)
class Norm:
    """What a typical organic post of one platform, tier and deliverable gets, per follower."""

    views_per_follower: float
    engagements_per_follower: float
    reach_per_follower: float
    post_spread: float = POST_SPREAD
    creator_spread: float = CREATOR_SPREAD
    sponsored_views: float = SPONSORED_VIEWS  # sponsored / organic
    sponsored_engagements: float = SPONSORED_ENGAGEMENTS
    creators: int = 0  # how many creators it was measured on; 0 for the default table

    @property
    def engagements_per_view(self) -> float:
        return self.engagements_per_follower / self.views_per_follower

    def per_follower(self, kpi: str) -> float:
        """The norm's rate for ``views``, ``engagements`` or ``reach``."""
        return {
            "views": self.views_per_follower,
            "engagements": self.engagements_per_follower,
            "reach": self.reach_per_follower,
        }[kpi]

    def sponsored_ratio(self, kpi: str) -> float:
        return self.sponsored_engagements if kpi == "engagements" else self.sponsored_views


# The default table. Per platform and deliverable, for a micro creator (10K-100K followers):
# (views per follower, engagements per view). Reach is 85 % of views for feed posts and
# videos (some people see a post twice) and 95 % for stories (a story is seen once).
_BASE: dict[str, dict[Deliverable, tuple[float, float]]] = {
    "instagram": {
        Deliverable.POST: (0.30, 0.070),
        Deliverable.SHORT_VIDEO: (0.60, 0.050),
        Deliverable.STORY: (0.08, 0.020),
        Deliverable.LONG_VIDEO: (0.30, 0.040),
        Deliverable.LIVE: (0.03, 0.100),
    },
    "tiktok": {
        Deliverable.POST: (0.50, 0.050),
        Deliverable.SHORT_VIDEO: (1.00, 0.060),
        Deliverable.STORY: (0.05, 0.030),
        Deliverable.LONG_VIDEO: (0.80, 0.050),
        Deliverable.LIVE: (0.05, 0.100),
    },
    "youtube": {
        Deliverable.POST: (0.05, 0.030),
        Deliverable.SHORT_VIDEO: (0.50, 0.040),
        Deliverable.STORY: (0.03, 0.030),
        Deliverable.LONG_VIDEO: (0.15, 0.040),
        Deliverable.LIVE: (0.03, 0.080),
    },
    "facebook": {
        Deliverable.POST: (0.10, 0.040),
        Deliverable.SHORT_VIDEO: (0.30, 0.030),
        Deliverable.STORY: (0.05, 0.020),
        Deliverable.LONG_VIDEO: (0.20, 0.030),
        Deliverable.LIVE: (0.05, 0.060),
    },
    "x": {Deliverable.POST: (0.15, 0.020), Deliverable.SHORT_VIDEO: (0.20, 0.020)},
    "lemon8": {Deliverable.POST: (0.30, 0.060), Deliverable.SHORT_VIDEO: (0.40, 0.050)},
    "line": {Deliverable.POST: (0.30, 0.020), Deliverable.SHORT_VIDEO: (0.30, 0.020)},
    "pantip": {Deliverable.POST: (0.50, 0.020)},
}
# Any platform or deliverable the table leaves out.
_ANY: dict[Deliverable, tuple[float, float]] = {
    Deliverable.POST: (0.20, 0.040),
    Deliverable.SHORT_VIDEO: (0.50, 0.040),
    Deliverable.STORY: (0.05, 0.020),
    Deliverable.LONG_VIDEO: (0.20, 0.040),
    Deliverable.LIVE: (0.04, 0.080),
}
# Bigger accounts reach a smaller share of their followers, and fewer of those engage.
_TIER_VIEWS = {"consumer": 1.6, "nano": 1.4, "micro": 1.0, "mid": 0.75, "macro": 0.6, "mega": 0.5}
_TIER_ENGAGEMENT = {
    "consumer": 1.4,
    "nano": 1.3,
    "micro": 1.0,
    "mid": 0.85,
    "macro": 0.75,
    "mega": 0.7,
}
_REACH_SHARE = {Deliverable.STORY: 0.95}


def default_norm(platform: str, tier: str, deliverable: Deliverable) -> Norm:
    """The documented default for one platform, tier and deliverable."""
    views, per_view = _BASE.get(platform, {}).get(deliverable, _ANY[deliverable])
    views *= _TIER_VIEWS.get(tier, 1.0)
    per_view *= _TIER_ENGAGEMENT.get(tier, 1.0)
    return Norm(views, views * per_view, views * _REACH_SHARE.get(deliverable, 0.85))


@dataclass(frozen=True, slots=True)
class Norms:
    """Norms by (platform, tier, deliverable); what is not measured comes from the default
    table, with the measured spreads and sponsored ratios of the workspace when there are any."""

    measured: Mapping[tuple[str, str, Deliverable], Norm] = field(default_factory=dict)
    post_spread: float = POST_SPREAD
    creator_spread: float = CREATOR_SPREAD
    sponsored_views: float = SPONSORED_VIEWS
    sponsored_engagements: float = SPONSORED_ENGAGEMENTS

    def norm(self, platform: str, tier: str, deliverable: Deliverable) -> Norm:
        found = self.measured.get((platform, tier, deliverable))
        if found is not None:
            return found
        return replace(
            default_norm(platform, tier, deliverable),
            post_spread=self.post_spread,
            creator_spread=self.creator_spread,
            sponsored_views=self.sponsored_views,
            sponsored_engagements=self.sponsored_engagements,
        )


DEFAULT_NORMS = Norms()


class CreatorHistory(NamedTuple):
    """One account of a workspace: where it posts, its tier and followers, and its posts."""

    platform: str
    tier: str
    followers: int
    posts: Sequence[PostNumbers]


def robust_spread(values: Sequence[float]) -> float | None:
    """The median absolute deviation scaled to a normal standard deviation; None below 3."""
    if len(values) < 3:
        return None
    middle = statistics.median(values)
    return 1.4826 * statistics.median(abs(v - middle) for v in values)


def _log(value: float) -> float:
    return math.log(value + 1.0)


def norms_from_histories(
    histories: Iterable[CreatorHistory], *, min_creators: int = MIN_CREATORS
) -> Norms:
    """Norms measured on a workspace's creators: per platform, tier and deliverable, the median
    over creators of each creator's median views, engagements and reach per follower; the
    median spread of one creator's posts; the spread of creators around their norm; and the
    median over creators of sponsored/organic (on creators with 3+ of each)."""
    rates: dict[tuple[str, str, Deliverable], dict[str, list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    spreads: list[float] = []
    sponsored: dict[str, list[float]] = defaultdict(list)
    for creator in histories:
        followers = max(int(creator.followers), 1)
        kinds: dict[Deliverable, list[PostNumbers]] = defaultdict(list)
        for post in creator.posts:
            kinds[post.deliverable].append(post)
        for deliverable, posts in kinds.items():
            key = (creator.platform, creator.tier, deliverable)
            for kpi in ("views", "engagements", "reach"):
                organic = _values(posts, kpi, sponsored=False)
                paid = _values(posts, kpi, sponsored=True)
                if organic:
                    rates[key][kpi].append(_log(statistics.median(organic)) - math.log(followers))
                    if kpi == "engagements":
                        spreads.extend(_spread([_log(v) for v in organic]))
                if len(organic) >= 3 and len(paid) >= 3:
                    ratio = _log(statistics.median(paid)) - _log(statistics.median(organic))
                    sponsored[kpi].append(ratio)
    post_spread = statistics.median(spreads) if spreads else POST_SPREAD
    paid_views = _ratio(sponsored["views"], SPONSORED_VIEWS)
    paid_engagements = _ratio(sponsored["engagements"], SPONSORED_ENGAGEMENTS)
    deviations: list[float] = []
    measured: dict[tuple[str, str, Deliverable], Norm] = {}
    for key, by_kpi in sorted(rates.items()):
        fallback = default_norm(*key)
        found: dict[str, float] = {}
        for kpi in ("views", "engagements", "reach"):
            logs = by_kpi.get(kpi, [])
            if len(logs) >= min_creators:
                middle = statistics.median(logs)
                found[kpi] = math.exp(middle)
                deviations.extend(v - middle for v in logs if kpi == "engagements")
        if not found:
            continue
        views = found.get("views", fallback.views_per_follower)
        measured[key] = Norm(
            views_per_follower=views,
            engagements_per_follower=found.get(
                "engagements", views * fallback.engagements_per_view
            ),
            reach_per_follower=found.get("reach", fallback.reach_per_follower),
            creators=len(by_kpi.get("engagements", by_kpi.get("views", []))),
        )
    creator_spread = CREATOR_SPREAD
    if len(deviations) >= min_creators:
        creator_spread = max(1.4826 * statistics.median(abs(d) for d in deviations), 0.1)
    settled = {
        key: replace(
            norm,
            post_spread=post_spread,
            creator_spread=creator_spread,
            sponsored_views=paid_views,
            sponsored_engagements=paid_engagements,
        )
        for key, norm in measured.items()
    }
    return Norms(settled, post_spread, creator_spread, paid_views, paid_engagements)


def _spread(logs: Sequence[float]) -> list[float]:
    """One creator's post-to-post spread: the scaled MAD of 3+ values; for 2 values
    |a - b| / sqrt(2) x 1.4826 (its median over many creators is then about the spread)."""
    if len(logs) == 2:
        return [1.4826 * abs(logs[0] - logs[1]) / math.sqrt(2)]
    found = robust_spread(logs)
    return [] if found is None else [found]


def _values(posts: Sequence[PostNumbers], kpi: str, *, sponsored: bool) -> list[float]:
    found = (known(getattr(p, kpi)) for p in posts if p.sponsored == sponsored)
    return [v for v in found if v is not None]


def _ratio(logs: Sequence[float], default: float) -> float:
    return math.exp(statistics.median(logs)) if len(logs) >= MIN_CREATORS else default
