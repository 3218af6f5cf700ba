"""A creator's recent posts as the numbers a forecast needs, and which deliverable each post is.

The campaign service fills ``PostNumbers`` from the catalogue's posts (``numbers_of``); the
forecast never sees a database row. A count that is missing or negative (a broken export) is
unknown, never zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import NamedTuple

from kolscope.domain.content import Post, PostType, parse_post_type
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.planning.choices import Deliverable

VIDEO_DELIVERABLES = frozenset({Deliverable.SHORT_VIDEO, Deliverable.LONG_VIDEO, Deliverable.LIVE})


class PostNumbers(NamedTuple):
    """One published post: what kind of deliverable it was, when, and its counts.

    ``engagements`` is likes + comments + shares + saves, of those known (None when none is).
    """

    deliverable: Deliverable
    posted_at: datetime | None = None
    views: float | None = None
    reach: float | None = None
    engagements: float | None = None
    sponsored: bool = False


def deliverable_of(post_type: PostType | str, platform: Platform | str) -> Deliverable:
    """The deliverable a post of this type on this platform counts as.

    Image, carousel and text posts are feed posts; reels and shorts are short videos; a video
    is a long video on YouTube and a short video elsewhere (TikTok, Instagram and Facebook
    feed videos are mostly short); stories and lives are themselves.
    """
    kind = post_type if isinstance(post_type, PostType) else parse_post_type(post_type)
    where = platform if isinstance(platform, Platform) else parse_platform(str(platform))
    if kind in (PostType.REEL, PostType.SHORT):
        return Deliverable.SHORT_VIDEO
    if kind == PostType.VIDEO:
        return Deliverable.LONG_VIDEO if where == Platform.YOUTUBE else Deliverable.SHORT_VIDEO
    if kind == PostType.STORY:
        return Deliverable.STORY
    if kind == PostType.LIVE:
        return Deliverable.LIVE
    return Deliverable.POST


def known(value: float | None) -> float | None:
    """A count as a number, or None when it is missing, negative or not a number."""
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number) or number < 0:
        return None
    return number


def engagements_of(*counts: float | None) -> float | None:
    """The sum of the counts that are known; None when none is."""
    present = [c for c in (known(x) for x in counts) if c is not None]
    return sum(present) if present else None


def numbers_of(post: Post, platform: Platform | str) -> PostNumbers:
    """The forecast's view of one catalogue post."""
    return PostNumbers(
        deliverable=deliverable_of(post.post_type, platform),
        posted_at=post.posted_at,
        views=known(post.views),
        reach=known(post.reach),
        engagements=engagements_of(post.likes, post.comments_count, post.shares, post.saves),
        sponsored=post.is_sponsored,
    )


def recent(history: Iterable[PostNumbers], most: int) -> list[PostNumbers]:
    """The latest ``most`` posts that carry at least one number, oldest first (posts without a
    date count as older than any dated post, in the order given)."""
    usable = [
        PostNumbers(
            p.deliverable,
            p.posted_at,
            known(p.views),
            known(p.reach),
            known(p.engagements),
            bool(p.sponsored),
        )
        for p in history
    ]
    usable = [p for p in usable if _has_number(p)]
    ordered = sorted(
        enumerate(usable),
        key=lambda item: (item[1].posted_at is not None, _stamp(item[1].posted_at), item[0]),
    )
    return [p for _, p in ordered][-most:] if most > 0 else []


def _has_number(post: PostNumbers) -> bool:
    return post.views is not None or post.reach is not None or post.engagements is not None


def _stamp(moment: datetime | None) -> float:
    if moment is None:
        return 0.0
    if moment.tzinfo is None:  # naive times are read as UTC, so both kinds sort together
        return moment.replace(tzinfo=UTC).timestamp()
    return moment.timestamp()


def days_covered(posts: Iterable[PostNumbers]) -> int:
    """Days from the first to the last dated post (at least 1 when any post is dated)."""
    stamps = [_stamp(p.posted_at) for p in posts if p.posted_at is not None]
    if not stamps:
        return 0
    return max(1, round((max(stamps) - min(stamps)) / 86_400))
