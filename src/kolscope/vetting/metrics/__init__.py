"""Engagement metrics with published definitions, and workspace benchmarks for them.

Each metric is one function whose docstring states its numerator, denominator, window and
statistic; docs/metrics.md lists them all, and a test holds the page to the code. ``METRICS``
registers them for the audit, the web and the benchmarks.
"""

from kolscope.vetting.metrics.activity import (
    brand_mention_share,
    posting_frequency,
    sponsored_share,
)
from kolscope.vetting.metrics.averages import (
    average_comments,
    average_likes,
    average_views,
    median_comments,
    median_likes,
    median_views,
)
from kolscope.vetting.metrics.benchmarks import MIN_ACCOUNTS, Benchmarks, Distribution
from kolscope.vetting.metrics.engagement import (
    comment_to_like_ratio,
    engagement_rate_by_followers,
    engagement_rate_by_followers_all,
    engagement_rate_by_views,
)
from kolscope.vetting.metrics.growth import (
    DEFAULT_GROWTH_DAYS,
    FollowerGrowth,
    FollowerHistory,
    day_from_number,
    day_number,
    follower_growth,
    follower_growth_absolute,
    follower_growth_from_history,
    follower_growth_per_week,
    follower_growth_rate,
)
from kolscope.vetting.metrics.posts import (
    LAST_12_POSTS,
    LAST_30_DAYS,
    VIDEO_POST_TYPES,
    PostTable,
    Window,
)
from kolscope.vetting.metrics.registry import (
    METRICS,
    MeasuredAccount,
    MetricDefinition,
    MetricSpec,
    definition_of,
    measure_all,
)

__all__ = [
    "DEFAULT_GROWTH_DAYS",
    "LAST_12_POSTS",
    "LAST_30_DAYS",
    "METRICS",
    "MIN_ACCOUNTS",
    "VIDEO_POST_TYPES",
    "Benchmarks",
    "Distribution",
    "FollowerGrowth",
    "FollowerHistory",
    "MeasuredAccount",
    "MetricDefinition",
    "MetricSpec",
    "PostTable",
    "Window",
    "average_comments",
    "average_likes",
    "average_views",
    "brand_mention_share",
    "comment_to_like_ratio",
    "day_from_number",
    "day_number",
    "definition_of",
    "engagement_rate_by_followers",
    "engagement_rate_by_followers_all",
    "engagement_rate_by_views",
    "follower_growth",
    "follower_growth_absolute",
    "follower_growth_from_history",
    "follower_growth_per_week",
    "follower_growth_rate",
    "measure_all",
    "median_comments",
    "median_likes",
    "median_views",
    "posting_frequency",
    "sponsored_share",
]
