"""The forecast of one deliverable by one creator: reach, views, engagements, clicks and
conversions, each with an 80 % interval meant to hold for the NEXT post.

How (all on the log scale, where post counts are roughly normal):

1. The creator's recent posts of that deliverable (``Assumptions.recent_posts``); with fewer
   than ``min_same_kind``, all its recent posts, each converted by the norms' ratio between
   deliverables (and an extra uncertainty for the conversion).
2. Sponsored posts are brought to the organic level by a sponsored/organic ratio: the
   creator's own when it has ``min_sponsored`` posts of each, else the norms' measured ratio.
   A sponsored deliverable (the default: the campaign pays for it) gets the ratio back.
3. The median of those posts is shrunk towards the tier norm (norm rate x followers) with
   weight n / (n + k), k = post_spread^2 / creator_spread^2: thin history, close to the norm.
4. The spread for the next post adds the post-to-post spread (the creator's own, pooled with
   the norm's) and the uncertainty of the centre (larger when history is thin). The interval
   is centre +/- z80 x width x spread; ``width`` was calibrated on the demo's tuning accounts
   (``eval/eval_forecast.py``), never on the held-back test.
5. Reach: the posts' reach when they carry it; else views (video and stories); else followers
   x the norm's reach rate. Clicks = reach (feed posts, stories) or views (videos) x a click
   rate (``CLICK_RATES``, assumptions until tracking measures them); conversions = clicks x
   the conversion rate. Both widen the interval by the uncertainty of their rate.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from kolscope.domain.messages import Message, Template
from kolscope.planning import messages_forecasts as said
from kolscope.planning.choices import KPIS, Deliverable, Estimate
from kolscope.planning.forecasts.history import (
    VIDEO_DELIVERABLES,
    PostNumbers,
    days_covered,
    recent,
)
from kolscope.planning.forecasts.norms import DEFAULT_NORMS, Norm, Norms, robust_spread

Z80 = 1.2816  # the normal quantile of 90 %: 80 % of draws fall within +/- Z80 sd
# The interval width factor, calibrated on the demo's tuning accounts so that 80 % of the
# next posts fall inside (eval/eval_forecast.py reports it and the held-back coverage).
CALIBRATED_WIDTH = 1.25
# The share of clicks that convert when the user has set none: an assumption (typical
# e-commerce conversion rates from social traffic are 1-3 %); tracking replaces it.
DEFAULT_CONVERSION_RATE = 0.015
# Link clicks per person reached (feed posts, stories) or per view (videos). Assumptions:
# vendor write-ups quote 2-5 % of story viewers tapping a link sticker and 1-3 % for a link
# in bio from a reel (creatorlanehq.com/glossary/ctr, 2026), and 0.3-1.5 % for Instagram ads
# (smartmarketingtips.com, 2026); kolscope stays at or below the low end, because a
# sponsored post is not the creator's own call to action. Tracking replaces them.
CLICK_RATES: dict[Deliverable, float] = {
    Deliverable.POST: 0.005,
    Deliverable.SHORT_VIDEO: 0.004,
    Deliverable.STORY: 0.015,
    Deliverable.LONG_VIDEO: 0.008,
    Deliverable.LIVE: 0.008,
}
PLATFORM_CLICK_RATES: dict[tuple[str, Deliverable], float] = {
    ("instagram", Deliverable.POST): 0.003,  # no link in a caption: link in bio only
    ("facebook", Deliverable.POST): 0.008,  # links in posts are clickable
    ("x", Deliverable.POST): 0.008,
    ("line", Deliverable.POST): 0.015,  # a LINE OA broadcast carries its link
}
RATE_SPREAD = 0.5  # log-scale uncertainty of an assumed click or conversion rate
CONVERSION_SPREAD = 0.2  # of a rate the user set (it is still a guess about this creator)
OTHER_KIND_SPREAD = 0.35  # extra uncertainty when converting another deliverable's posts
SPREAD_PRIOR_POSTS = 4.0  # the norm's post spread counts as this many posts' worth
THIN_POSTS = 3  # fewer posts than this: the basis says the tier norm weighs in

_NAMES: dict[Deliverable, Template] = {
    Deliverable.POST: said.DELIVERABLE_POST,
    Deliverable.SHORT_VIDEO: said.DELIVERABLE_SHORT_VIDEO,
    Deliverable.STORY: said.DELIVERABLE_STORY,
    Deliverable.LONG_VIDEO: said.DELIVERABLE_LONG_VIDEO,
    Deliverable.LIVE: said.DELIVERABLE_LIVE,
}


def deliverable_name(deliverable: Deliverable) -> Message:
    """The deliverable by name, as a message (plural: "short videos")."""
    return _NAMES[deliverable]()


@dataclass(frozen=True, slots=True)
class Assumptions:
    """What the user (or kolscope's defaults) assumes beyond the creator's numbers."""

    conversion_rate: float | None = None  # of clicks; None: DEFAULT_CONVERSION_RATE
    click_rate: float | None = None  # per reach or view; None: the CLICK_RATES table
    sponsored: bool = True  # forecast a sponsored post (what a campaign buys)
    recent_posts: int = 30  # how many of the latest posts count
    min_same_kind: int = 3  # fewer posts of the deliverable: use all kinds, converted
    min_sponsored: int = 3  # sponsored (and organic) posts needed for the creator's own ratio
    width: float = CALIBRATED_WIDTH


class Spread(NamedTuple):
    """A KPI's forecast on the log scale: log(x + 1) ~ Normal(centre, sd)."""

    centre: float
    sd: float


@dataclass(frozen=True, slots=True)
class Forecast:
    """One deliverable by one creator: an Estimate per KPI (``choices.KPIS``), where the numbers
    come from (``basis``), how many posts were used, and the assumptions behind reach, sponsored
    posts, clicks and conversions (``notes``). ``spreads`` keeps each KPI's log-scale centre and
    sd before the width factor (for backtests and for summing with correlation)."""

    estimates: Mapping[str, Estimate]
    basis: Message
    posts_used: int
    sponsored_used: int
    weight: float  # the creator's own share against the norm, 0-1
    notes: tuple[Message, ...] = ()
    spreads: Mapping[str, Spread] = field(default_factory=dict)

    def __getitem__(self, kpi: str) -> Estimate:
        return self.estimates[kpi]


class _Fit(NamedTuple):
    spread: Spread
    posts: int
    weight: float


def forecast(
    history: Sequence[PostNumbers],
    *,
    followers: int,
    platform: str,
    tier: str,
    deliverable: Deliverable,
    norms: Norms = DEFAULT_NORMS,
    assumptions: Assumptions | None = None,
) -> Forecast:
    """Forecast one ``deliverable`` by a creator with these ``followers`` on ``platform`` in
    ``tier`` (a tier of the standard scheme), from its ``history`` (any order; missing or
    negative counts are ignored). Deterministic: the same inputs give the same forecast."""
    plan = assumptions or Assumptions()
    followers = max(int(followers), 0)
    norm = norms.norm(platform, tier, deliverable)
    posts = recent(history, plan.recent_posts)
    same = [p for p in posts if p.deliverable == deliverable]
    converted = len(same) < plan.min_same_kind and len(posts) > len(same)
    used = posts if converted else same
    notes: list[Message] = []
    fits: dict[str, _Fit] = {}
    for kpi in ("views", "engagements", "reach"):
        values = _values(used, kpi, deliverable, norms, platform, tier)
        fits[kpi] = _fit(values, kpi, norm, followers, plan, notes if kpi == "engagements" else [])
    spreads: dict[str, Spread] = {"views": fits["views"].spread}
    spreads["engagements"] = fits["engagements"].spread
    if fits["reach"].posts > 0:
        spreads["reach"] = fits["reach"].spread
    elif deliverable in VIDEO_DELIVERABLES | {Deliverable.STORY} and fits["views"].posts > 0:
        spreads["reach"] = fits["views"].spread
        notes.append(said.REACH_FROM_VIEWS())
    else:
        spreads["reach"] = fits["reach"].spread
        notes.append(
            said.REACH_FROM_FOLLOWERS(
                tier=tier, platform=platform, rate=round(norm.reach_per_follower, 4)
            )
        )
    by_reach = deliverable in (Deliverable.POST, Deliverable.STORY)
    base = spreads["reach"] if by_reach else spreads["views"]
    click_rate = plan.click_rate or PLATFORM_CLICK_RATES.get(
        (platform, deliverable), CLICK_RATES[deliverable]
    )
    spreads["clicks"] = _times(base, click_rate, RATE_SPREAD)
    notes.append(
        said.CLICKS(
            rate=round(click_rate * 100, 4),
            base=(said.CLICKS_BASE_REACH if by_reach else said.CLICKS_BASE_VIEWS)(),
            what=deliverable_name(deliverable),
            platform=platform,
        )
    )
    conversion = plan.conversion_rate
    if conversion is not None and conversion > 0:
        spreads["conversions"] = _times(spreads["clicks"], conversion, CONVERSION_SPREAD)
        notes.append(said.CONVERSIONS_SET(rate=round(conversion * 100, 4)))
    else:
        spreads["conversions"] = _times(spreads["clicks"], DEFAULT_CONVERSION_RATE, RATE_SPREAD)
        notes.append(said.CONVERSIONS_DEFAULT(rate=DEFAULT_CONVERSION_RATE * 100))
    width = Z80 * max(plan.width, 0.0)
    estimates = {kpi: _estimate(spreads[kpi], width) for kpi in KPIS}
    main = fits["views"] if deliverable in VIDEO_DELIVERABLES else fits["engagements"]
    main = main if main.posts > 0 else max(fits.values(), key=lambda f: f.posts)
    sponsored = sum(1 for p in used if p.sponsored)
    basis = _basis(main, converted, used, sponsored, deliverable, platform, tier)
    return Forecast(
        estimates=estimates,
        basis=basis,
        posts_used=main.posts,
        sponsored_used=sponsored,
        weight=main.weight,
        notes=tuple(notes),
        spreads=spreads,
    )


class _Value(NamedTuple):
    log: float  # log(count + 1), converted to the deliverable forecast
    sponsored: bool
    extra: float  # extra variance from converting another deliverable


def _values(
    posts: Sequence[PostNumbers],
    kpi: str,
    deliverable: Deliverable,
    norms: Norms,
    platform: str,
    tier: str,
) -> list[_Value]:
    target = norms.norm(platform, tier, deliverable).per_follower(kpi)
    found: list[_Value] = []
    for post in posts:
        value: float | None = getattr(post, kpi)
        if value is None:
            continue
        shift, extra = 0.0, 0.0
        if post.deliverable != deliverable:
            source = norms.norm(platform, tier, post.deliverable).per_follower(kpi)
            shift, extra = math.log(target / source), OTHER_KIND_SPREAD**2
        found.append(_Value(math.log(value + 1.0) + shift, post.sponsored, extra))
    return found


def _fit(
    values: Sequence[_Value],
    kpi: str,
    norm: Norm,
    followers: int,
    plan: Assumptions,
    notes: list[Message],
) -> _Fit:
    """The log-scale forecast of one KPI from the creator's values and the norm."""
    prior = math.log(norm.per_follower(kpi) * followers + 1.0)
    post_sd, creator_sd = norm.post_spread, norm.creator_spread
    ratio = math.log(norm.sponsored_ratio(kpi))
    organic = [v.log for v in values if not v.sponsored]
    paid = [v.log for v in values if v.sponsored]
    if len(paid) >= plan.min_sponsored and len(organic) >= plan.min_sponsored:
        ratio = statistics.median(paid) - statistics.median(organic)
        notes.append(said.SPONSORED_OWN(count=len(paid), ratio=round(math.exp(ratio), 4)))
    elif paid or plan.sponsored:
        notes.append(
            said.SPONSORED_NORM(count=len(paid), ratio=round(norm.sponsored_ratio(kpi), 4))
        )
    logs = [v.log - (ratio if v.sponsored else 0.0) for v in values]
    n = len(logs)
    own_sd = robust_spread(logs)
    if own_sd is None:
        spread_sq = post_sd**2
    else:
        spread_sq = ((n - 1) * own_sd**2 + SPREAD_PRIOR_POSTS * post_sd**2) / (
            n - 1 + SPREAD_PRIOR_POSTS
        )
    extra = statistics.fmean(v.extra for v in values) if values else 0.0
    if n == 0:
        centre, centre_var, weight = prior, creator_sd**2, 0.0
    else:
        k = post_sd**2 / creator_sd**2
        weight = n / (n + k)
        centre = weight * statistics.median(logs) + (1.0 - weight) * prior
        # A median is about pi/2 times as uncertain (in variance) as a mean of normal values.
        centre_var = 1.0 / (n / (math.pi / 2 * spread_sq) + 1.0 / creator_sd**2) + extra
    if plan.sponsored:
        centre += ratio
    return _Fit(Spread(centre, math.sqrt(spread_sq + centre_var)), n, weight)


def _times(base: Spread, rate: float, rate_sd: float) -> Spread:
    """``base`` x ``rate``, the rate uncertain by ``rate_sd`` on the log scale."""
    count = max(math.exp(base.centre) - 1.0, 0.0) * rate
    return Spread(math.log(count + 1.0), math.sqrt(base.sd**2 + rate_sd**2))


def _estimate(spread: Spread, width: float) -> Estimate:
    def count(log_value: float) -> float:
        return max(math.exp(log_value) - 1.0, 0.0)

    return Estimate(
        count(spread.centre),
        count(spread.centre - width * spread.sd),
        count(spread.centre + width * spread.sd),
    )


def _basis(
    main: _Fit,
    converted: bool,
    used: Sequence[PostNumbers],
    sponsored: int,
    deliverable: Deliverable,
    platform: str,
    tier: str,
) -> Message:
    what = deliverable_name(deliverable)
    if main.posts == 0:
        return said.BASIS_NORM(tier=tier, what=what, platform=platform)
    if main.weight < 0.5 or main.posts < THIN_POSTS:
        weight = round(main.weight, 4)
        return said.BASIS_THIN(
            count=main.posts, tier=tier, what=what, platform=platform, weight=weight
        )
    if converted:
        return said.BASIS_OTHER_KINDS(
            count=main.posts, sponsored=sponsored, what=what, tier=tier, platform=platform
        )
    return said.BASIS_OWN(count=main.posts, what=what, days=days_covered(used), sponsored=sponsored)
