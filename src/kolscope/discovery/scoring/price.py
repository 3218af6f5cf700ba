"""An estimated price per post in Thai baht, from a rate card by followers and platform.

This is an estimate with its basis stated, not a quote. The rate card (``RATE_CARD``) is our
reading of the ranges Thai influencer agencies, creator marketplaces and marketing trade press
published for 2022-2025 for one sponsored feed post or short video: roughly 500-2,000 baht at
1,000 followers (nano), 2,000-8,000 at 10,000, 15,000-40,000 at 100,000 (micro to mid),
50,000-120,000 at 500,000 and 80,000-200,000 at a million (macro), and several hundred
thousand for the largest accounts. Between anchors the range is interpolated on a log scale of
followers, so the estimate rises smoothly with followers. Platforms are priced relative to an
Instagram feed post (``PLATFORM_FACTORS``: a dedicated YouTube video costs more, an X post
less). Engagement moves the range: the square root of the account's engagement rate over the
rate typical for its size, held between 0.6 and 1.5.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import NamedTuple

from kolscope.domain.platforms import Platform
from kolscope.domain.tiers import STANDARD

# followers -> (low, high) baht for one sponsored feed post on Instagram.
RATE_CARD: tuple[tuple[int, int, int], ...] = (
    (100, 300, 1_000),
    (1_000, 500, 2_000),
    (10_000, 2_000, 8_000),
    (50_000, 8_000, 25_000),
    (100_000, 15_000, 40_000),
    (500_000, 50_000, 120_000),
    (1_000_000, 80_000, 200_000),
    (5_000_000, 200_000, 600_000),
    (20_000_000, 400_000, 1_500_000),
)
# followers -> typical engagement rate ((likes + comments) / followers) on Instagram.
TYPICAL_ENGAGEMENT: tuple[tuple[int, float], ...] = (
    (1_000, 0.05), (10_000, 0.035), (100_000, 0.025), (500_000, 0.018), (1_000_000, 0.013),
)  # fmt: skip
PLATFORM_FACTORS: dict[str, tuple[float, float, str]] = {
    # platform -> (price factor, engagement factor, what is priced)
    "instagram": (1.0, 1.0, "feed post or reel"),
    "tiktok": (1.0, 1.5, "short video"),
    "youtube": (1.8, 0.8, "dedicated video or integration"),
    "facebook": (0.8, 0.5, "page post"),
    "x": (0.5, 0.4, "post"),
    "lemon8": (0.8, 0.9, "post"),
    "line": (0.6, 0.3, "post"),
    "pantip": (0.7, 0.25, "review thread"),
}
ENGAGEMENT_LIMITS = (0.6, 1.5)


class PriceRange(NamedTuple):
    low_thb: int
    high_thb: int
    basis: str


def _interpolate(points: tuple[tuple[int, float], ...], followers: int) -> float:
    """Piecewise linear in log(followers) between the points, flat outside them."""
    if followers <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in pairwise(points):
        if followers <= x1:
            t = (math.log(followers) - math.log(x0)) / (math.log(x1) - math.log(x0))
            return y0 + t * (y1 - y0)
    return points[-1][1]


def _round(baht: float) -> int:
    """Two significant figures (12,345 -> 12,000), never below 100 baht."""
    if baht < 100:
        return 100
    step = 10 ** (int(math.log10(baht)) - 1)
    return int(round(baht / step) * step)


def typical_engagement(platform: str, followers: int) -> float:
    _, factor, _ = PLATFORM_FACTORS.get(platform, (1.0, 1.0, ""))
    return _interpolate(TYPICAL_ENGAGEMENT, followers) * factor


def estimate_price(
    platform: str, followers: int | None, engagement_rate: float | None
) -> PriceRange | None:
    """Estimated price range for one sponsored post (see the module docstring for the basis).
    ``engagement_rate`` is a fraction (0.035); a value above 1 is read as a percentage.
    None when followers are unknown."""
    if not isinstance(followers, int) or isinstance(followers, bool) or followers < 0:
        return None
    key = str(platform).strip().lower()
    price, _, what = PLATFORM_FACTORS.get(key, (1.0, 1.0, "post"))
    count = max(followers, 1)
    low = _interpolate(tuple((f, float(lo)) for f, lo, _ in RATE_CARD), count) * price
    high = _interpolate(tuple((f, float(hi)) for f, _, hi in RATE_CARD), count) * price
    tier = STANDARD.tier_for(followers)
    where = Platform(key).label if key in PLATFORM_FACTORS else f"{key} (priced as Instagram)"
    basis = (f"estimate from the Thai rate card for {followers:,} followers"
             f"{f' ({tier.name} tier)' if tier else ''}, one {what} on {where}")  # fmt: skip
    if isinstance(engagement_rate, float | int) and engagement_rate > 0:
        rate = float(engagement_rate) / (100 if engagement_rate > 1 else 1)
        typical = typical_engagement(key, count)
        factor = min(ENGAGEMENT_LIMITS[1], max(ENGAGEMENT_LIMITS[0], math.sqrt(rate / typical)))
        low, high = low * factor, high * factor
        basis += f"; ×{factor:.2f} for engagement {rate:.1%} against a typical {typical:.1%}"
    else:
        basis += "; engagement unknown, not adjusted"
    return PriceRange(_round(low), max(_round(high), _round(low)), basis)
