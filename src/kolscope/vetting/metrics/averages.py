"""Likes, comments and views of a typical post: the mean and the median of each.

The mean shows what a post earns on average, viral hits included; the median shows what a usual
post earns. A wide gap between them means a few posts carry the account. Posts whose count is
unknown are skipped, never counted as zero. Views are read from videos only.
"""

from __future__ import annotations

from kolscope.vetting.metrics.posts import LAST_12_POSTS, PostTable, Window
from kolscope.vetting.metrics.statistic import mean_of_known, median_of_known


def average_likes(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Average likes per post.

    Numerator: likes summed over the posts whose likes are known
    Denominator: the number of those posts
    Window: the 12 newest posts, sponsored and organic together
    Statistic: mean
    """
    return mean_of_known(posts.likes[posts.positions(window)])


def median_likes(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Median likes per post.

    Numerator: likes of each post whose likes are known
    Denominator: none (the middle value of those posts' likes)
    Window: the 12 newest posts, sponsored and organic together
    Statistic: median
    """
    return median_of_known(posts.likes[posts.positions(window)])


def average_comments(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Average comments per post.

    Numerator: comments summed over the posts whose comment count is known
    Denominator: the number of those posts
    Window: the 12 newest posts, sponsored and organic together
    Statistic: mean
    """
    return mean_of_known(posts.comments[posts.positions(window)])


def median_comments(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Median comments per post.

    Numerator: comments of each post whose comment count is known
    Denominator: none (the middle value of those posts' comments)
    Window: the 12 newest posts, sponsored and organic together
    Statistic: median
    """
    return median_of_known(posts.comments[posts.positions(window)])


def average_views(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Average views per video.

    Numerator: views summed over the video posts whose views are known
    Denominator: the number of those video posts
    Window: the 12 newest video posts (video, reel, short, live), sponsored and organic together
    Statistic: mean
    """
    return mean_of_known(posts.views[posts.positions(window, only=posts.video)])


def median_views(posts: PostTable, window: Window = LAST_12_POSTS) -> float | None:
    """Median views per video.

    Numerator: views of each video post whose views are known
    Denominator: none (the middle value of those videos' views)
    Window: the 12 newest video posts (video, reel, short, live), sponsored and organic together
    Statistic: median
    """
    return median_of_known(posts.views[posts.positions(window, only=posts.video)])
