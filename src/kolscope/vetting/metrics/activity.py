"""How often an account posts, and how much of its feed is commercial."""

from __future__ import annotations

import numpy as np

from kolscope.vetting.metrics.posts import LAST_12_POSTS, LAST_30_DAYS, PostTable, Window

_DAYS_A_WEEK = 7.0


def posting_frequency(posts: PostTable, window: Window = LAST_30_DAYS) -> float | None:
    """Posting frequency: posts a week.

    Numerator: posts published in the window's days (undated posts are not counted)
    Denominator: the window's days divided by 7
    Window: the last 30 days, sponsored and organic together
    Statistic: count per week

    None when no post of the account has a date. When the table holds only an account's newest
    posts and all of them fall inside the window, the true frequency may be higher.
    """
    if window.days is None:
        raise ValueError("posting frequency needs a window in days (Window(posts=None, days=30))")
    if len(posts) == 0 or np.isnan(posts.age_days[0]):
        return None
    published = len(posts.age_days[posts.positions(window)])
    return published / (window.days / _DAYS_A_WEEK)


def brand_mention_share(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Share of posts with brand mentions: how much of the feed names a brand.

    Numerator: posts with at least one brand mention recorded
    Denominator: all posts in the window
    Window: the 12 newest posts, sponsored and organic together
    Statistic: share of posts

    None when the window holds no post.
    """
    mentions = posts.brand_mention[posts.positions(window)]
    if mentions.size == 0:
        return None
    return int(np.count_nonzero(mentions)) / mentions.size


def sponsored_share(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Share of sponsored posts: how much of the feed is paid or marked as an ad.

    Numerator: posts marked as sponsored
    Denominator: all posts in the window
    Window: the 12 newest posts, sponsored and organic together
    Statistic: share of posts

    None when the window holds no post.
    """
    sponsored = posts.sponsored[posts.positions(window)]
    if sponsored.size == 0:
        return None
    return int(np.count_nonzero(sponsored)) / sponsored.size
