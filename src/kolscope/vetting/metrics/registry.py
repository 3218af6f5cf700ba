"""Every metric kolscope publishes, in one registry the audit, the web and benchmarks iterate.

A metric's definition lives in its function's docstring (``Numerator:``, ``Denominator:``,
``Window:``, ``Statistic:`` lines); ``definition_of`` reads it back, so the web can show the
definition beside a number and a test can hold docs/metrics.md to the code.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from kolscope.vetting.metrics import activity, averages, engagement, growth
from kolscope.vetting.metrics.growth import DEFAULT_GROWTH_DAYS, FollowerHistory
from kolscope.vetting.metrics.posts import PostTable, Window

Unit = Literal["fraction", "count", "per week", "ratio"]
Reads = Literal["posts", "posts and followers", "follower history"]
DEFINITION_FIELDS = ("Numerator", "Denominator", "Window", "Statistic")


@dataclass(frozen=True, slots=True)
class MeasuredAccount:
    """What the metrics read about one account: its posts, its follower count at the as-of
    moment and its follower history (None when it has no snapshots)."""

    posts: PostTable
    followers: float | None = None
    history: FollowerHistory | None = None


@dataclass(frozen=True, slots=True)
class MetricDefinition:
    """What a metric divides by what, over which posts, and how it summarises them."""

    numerator: str
    denominator: str
    window: str
    statistic: str

    def as_fields(self) -> dict[str, str]:
        values = (self.numerator, self.denominator, self.window, self.statistic)
        return dict(zip(DEFINITION_FIELDS, values, strict=True))


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """A published metric: its name, the one function that computes it, its unit ("fraction"
    is shown as a percentage), labels in English and Thai, and what it reads."""

    name: str
    function: Callable[..., float | None]
    unit: Unit
    label: str
    label_th: str
    reads: Reads
    default_window: Window

    @property
    def definition(self) -> MetricDefinition:
        return definition_of(self.function)

    def measure(self, account: MeasuredAccount, window: Window | None = None) -> float | None:
        """The metric for one account over ``window`` (the metric's default when None). For
        follower growth only the window's days count."""
        chosen = window if window is not None else self.default_window
        if self.reads == "posts":
            return self.function(account.posts, chosen)
        if self.reads == "posts and followers":
            return self.function(account.posts, account.followers, chosen)
        if account.history is None:
            return None
        return self.function(account.history, chosen.days or DEFAULT_GROWTH_DAYS)


def definition_of(function: Callable[..., Any]) -> MetricDefinition:
    """The definition stated in a metric function's docstring. A field runs from its
    ``Name:`` line over the more deeply indented lines after it."""
    found: dict[str, str] = {}
    current: str | None = None
    for line in inspect.cleandoc(function.__doc__ or "").splitlines():
        name, colon, text = line.partition(":")
        if colon and name in DEFINITION_FIELDS and not line.startswith(" "):
            current = name
            found[name] = text.strip()
        elif current is not None and line.startswith(" ") and line.strip():
            found[current] += " " + line.strip()
        else:
            current = None
    missing = [name for name in DEFINITION_FIELDS if name not in found]
    if missing:
        raise ValueError(f"{function.__qualname__} does not state its {', '.join(missing)}")
    return MetricDefinition(*(found[name] for name in DEFINITION_FIELDS))


_POSTS_12 = Window()
_DAYS_30 = Window(posts=None, days=DEFAULT_GROWTH_DAYS)

_SPECS = (
    MetricSpec(
        "engagement_rate_by_followers", engagement.engagement_rate_by_followers, "fraction",
        "Engagement rate by followers", "อัตราการมีส่วนร่วมต่อผู้ติดตาม",
        "posts and followers", _POSTS_12,
    ),
    MetricSpec(
        "engagement_rate_by_followers_all", engagement.engagement_rate_by_followers_all,
        "fraction", "Engagement rate by followers (with shares and saves)",
        "อัตราการมีส่วนร่วมต่อผู้ติดตาม (รวมแชร์และบันทึก)", "posts and followers", _POSTS_12,
    ),
    MetricSpec(
        "engagement_rate_by_views", engagement.engagement_rate_by_views, "fraction",
        "Engagement rate by views", "อัตราการมีส่วนร่วมต่อยอดวิว", "posts", _POSTS_12,
    ),
    MetricSpec(
        "average_likes", averages.average_likes, "count", "Average likes per post",
        "ยอดไลก์เฉลี่ยต่อโพสต์", "posts", _POSTS_12,
    ),
    MetricSpec(
        "median_likes", averages.median_likes, "count", "Median likes per post",
        "ค่ามัธยฐานยอดไลก์ต่อโพสต์", "posts", _POSTS_12,
    ),
    MetricSpec(
        "average_comments", averages.average_comments, "count", "Average comments per post",
        "ยอดคอมเมนต์เฉลี่ยต่อโพสต์", "posts", _POSTS_12,
    ),
    MetricSpec(
        "median_comments", averages.median_comments, "count", "Median comments per post",
        "ค่ามัธยฐานยอดคอมเมนต์ต่อโพสต์", "posts", _POSTS_12,
    ),
    MetricSpec(
        "average_views", averages.average_views, "count", "Average views per video",
        "ยอดวิวเฉลี่ยต่อวิดีโอ", "posts", _POSTS_12,
    ),
    MetricSpec(
        "median_views", averages.median_views, "count", "Median views per video",
        "ค่ามัธยฐานยอดวิวต่อวิดีโอ", "posts", _POSTS_12,
    ),
    MetricSpec(
        "comment_to_like_ratio", engagement.comment_to_like_ratio, "ratio",
        "Comment-to-like ratio", "อัตราส่วนคอมเมนต์ต่อไลก์", "posts", _POSTS_12,
    ),
    MetricSpec(
        "posting_frequency", activity.posting_frequency, "per week", "Posts per week",
        "จำนวนโพสต์ต่อสัปดาห์", "posts", _DAYS_30,
    ),
    MetricSpec(
        "brand_mention_share", activity.brand_mention_share, "fraction",
        "Share of posts with brand mentions", "สัดส่วนโพสต์ที่กล่าวถึงแบรนด์", "posts", _POSTS_12,
    ),
    MetricSpec(
        "sponsored_share", activity.sponsored_share, "fraction", "Share of sponsored posts",
        "สัดส่วนโพสต์ที่ได้รับการสนับสนุน", "posts", _POSTS_12,
    ),
    MetricSpec(
        "follower_growth_absolute", growth.follower_growth_absolute, "count",
        "Follower growth", "จำนวนผู้ติดตามที่เพิ่มขึ้น", "follower history", _DAYS_30,
    ),
    MetricSpec(
        "follower_growth_rate", growth.follower_growth_rate, "fraction", "Follower growth rate",
        "อัตราการเติบโตของผู้ติดตาม", "follower history", _DAYS_30,
    ),
    MetricSpec(
        "follower_growth_per_week", growth.follower_growth_per_week, "per week",
        "Follower growth per week", "ผู้ติดตามที่เพิ่มขึ้นต่อสัปดาห์", "follower history", _DAYS_30,
    ),
)  # fmt: skip

METRICS: Mapping[str, MetricSpec] = {spec.name: spec for spec in _SPECS}


def measure_all(account: MeasuredAccount) -> dict[str, float | None]:
    """Every registered metric for one account, each over its default window."""
    return {name: spec.measure(account) for name, spec in METRICS.items()}
