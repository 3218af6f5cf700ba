"""Engagement rates and the comment-to-like ratio, each defined in its docstring.

Every function returns None when it has nothing to measure (no followers, no post with the
counts it needs), never a made-up zero. Rates are fractions: 0.034 is shown as 3.4%.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from kolscope.vetting.metrics.posts import LAST_12_POSTS, PostTable, Window
from kolscope.vetting.metrics.statistic import known


def engagement_rate_by_followers(
    posts: PostTable, followers: float | None, window: Window = LAST_12_POSTS
) -> float | None:
    """Engagement rate by followers: the share of followers who like or comment on a typical
    post.

    Numerator: likes + comments of each post whose likes and comments are both known, averaged
        over those posts
    Denominator: followers at the as-of moment
    Window: the 12 newest posts, sponsored and organic together
    Statistic: mean

    None when followers are unknown or zero, or no post in the window has both counts.
    """
    if followers is None or not followers > 0:
        return None
    rows = posts.positions(window)
    engagements = known(posts.likes[rows] + posts.comments[rows])
    if engagements.size == 0:
        return None
    return float(engagements.sum()) / engagements.size / followers


def engagement_rate_by_followers_all(
    posts: PostTable, followers: float | None, window: Window = LAST_12_POSTS
) -> float | None:
    """Engagement rate by followers with shares and saves: likes, comments, shares and saves
    per post as a share of followers.

    Numerator: likes + comments + shares + saves of each post whose likes and comments are
        known, averaged over those posts; an unknown share or save count adds nothing
    Denominator: followers at the as-of moment
    Window: the 12 newest posts, sponsored and organic together
    Statistic: mean

    None when followers are unknown or zero, no post in the window has likes and comments, or
    none of those posts has a known share or save count (the figure would only repeat
    ``engagement_rate_by_followers``).
    """
    if followers is None or not followers > 0:
        return None
    rows = posts.positions(window)
    shares = posts.shares[rows]
    saves = posts.saves[rows]
    base = posts.likes[rows] + posts.comments[rows]
    counted = ~np.isnan(base)
    # fmax ignores NaN: it is NaN only when both counts are unknown, and against 0 it turns an
    # unknown count into 0 while keeping a known one.
    if not (counted & ~np.isnan(np.fmax(shares, saves))).any():
        return None
    total: NDArray[np.float64] = (base + np.fmax(shares, 0.0) + np.fmax(saves, 0.0))[counted]
    return float(total.sum()) / total.size / followers


def engagement_rate_by_views(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Engagement rate by views: likes and comments per view of an account's videos.

    Numerator: likes + comments summed over the video posts whose likes, comments and views are
        known and whose views are above zero
    Denominator: views summed over the same video posts
    Window: the 12 newest video posts (video, reel, short, live), sponsored and organic together
    Statistic: ratio of sums

    None when no video in the window has likes, comments and views.
    """
    rows = posts.positions(window, only=posts.video)
    engagements = posts.likes[rows] + posts.comments[rows]
    views = posts.views[rows]
    counted = ~np.isnan(engagements) & (views > 0.0)
    if not counted.any():
        return None
    return float(engagements[counted].sum()) / float(views[counted].sum())


def comment_to_like_ratio(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Comment-to-like ratio: comments for every like.

    Numerator: comments summed over the posts whose likes and comments are both known
    Denominator: likes summed over the same posts
    Window: the 12 newest posts, sponsored and organic together
    Statistic: ratio of sums

    None when no post has both counts or those posts have no likes at all.
    """
    rows = posts.positions(window)
    likes = posts.likes[rows]
    comments = posts.comments[rows]
    counted = ~np.isnan(likes + comments)
    like_total = float(likes[counted].sum())
    if like_total <= 0:
        return None
    return float(comments[counted].sum()) / like_total
