"""One account's posts as numpy columns, and the windows metrics are read over.

Metrics run for every account of a workspace, so they work on columns rather than on ``Post``
objects: a ``PostTable`` holds the counts of one account's posts, newest first, with NaN where a
count is unknown (a hidden like count is not zero likes). ``Window`` says which of those posts a
metric reads: the newest N, those of the last D days, organic or sponsored ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from kolscope.domain.content import Post, PostType
from kolscope.domain.dates import BANGKOK

Counts = NDArray[np.float64]
Flags = NDArray[np.bool_]
Positions = slice | NDArray[np.intp]
Sponsorship = Literal["all", "organic", "sponsored"]

VIDEO_POST_TYPES = frozenset({PostType.VIDEO, PostType.REEL, PostType.SHORT, PostType.LIVE})
SPONSORSHIP_CHOICES: tuple[Sponsorship, ...] = ("all", "organic", "sponsored")
_SECONDS_A_DAY = 86_400.0


@dataclass(frozen=True, slots=True)
class Window:
    """Which posts a metric reads: the ``posts`` newest ones (None: no limit) published in the
    last ``days`` days (None: any date), counting ``sponsored`` posts ("all", only "organic" or
    only "sponsored" ones). With both limits, the newest ``posts`` posts of the last ``days``
    days. A day window leaves out undated posts; a post-count window takes them last."""

    posts: int | None = 12
    days: int | None = None
    sponsored: Sponsorship = "all"

    def __post_init__(self) -> None:
        if self.posts is not None and self.posts < 1:
            raise ValueError(f"a window needs at least one post, not {self.posts}")
        if self.days is not None and self.days < 1:
            raise ValueError(f"a window needs at least one day, not {self.days}")
        if self.sponsored not in SPONSORSHIP_CHOICES:
            raise ValueError(
                f"sponsored must be one of {', '.join(SPONSORSHIP_CHOICES)}, not {self.sponsored!r}"
            )

    def describe(self) -> str:
        """The window in words: "the 12 newest organic posts of the last 30 days"."""
        kind = {"all": "posts", "organic": "organic posts", "sponsored": "sponsored posts"}
        newest = f"the {self.posts} newest " if self.posts is not None else "all "
        period = f" of the last {self.days} days" if self.days is not None else ""
        return f"{newest}{kind[self.sponsored]}{period}"


LAST_12_POSTS = Window()
LAST_30_DAYS = Window(posts=None, days=30)


@dataclass(frozen=True, slots=True)
class PostTable:
    """One account's posts, newest first (undated posts last), as parallel columns.

    Counts are float64 with NaN where unknown; ``age_days`` is how many days before the as-of
    moment each post was published (NaN when undated), so it never decreases down the table.
    """

    likes: Counts
    comments: Counts
    shares: Counts
    saves: Counts
    views: Counts
    age_days: Counts
    sponsored: Flags
    brand_mention: Flags
    video: Flags

    def __len__(self) -> int:
        return len(self.age_days)

    @classmethod
    def from_columns(
        cls,
        *,
        likes: Counts,
        comments: Counts,
        shares: Counts,
        saves: Counts,
        views: Counts,
        age_days: Counts,
        sponsored: Flags,
        brand_mention: Flags,
        video: Flags,
    ) -> PostTable:
        """A table over existing columns, kept as they are (slices of bigger arrays stay views).

        The caller keeps the table's promise: rows newest first (``age_days`` ascending, NaN
        last), only posts published by the as-of moment, every column the same length.
        """
        size = len(age_days)
        columns = (likes, comments, shares, saves, views, sponsored, brand_mention, video)
        if any(len(column) != size for column in columns):
            raise ValueError("the columns of a post table must all have the same length")
        return cls(likes, comments, shares, saves, views, age_days, sponsored, brand_mention, video)

    @classmethod
    def from_posts(cls, posts: Sequence[Post], as_of: datetime) -> PostTable:
        """The table of ``posts`` as of ``as_of``: sorted newest first, undated posts last, posts
        published after ``as_of`` left out. Times without a zone are Bangkok time."""
        moment = _aware(as_of)
        rows: list[tuple[float, float, float, float, float, float, bool, bool, bool]] = []
        for post in posts:
            age = np.nan
            if post.posted_at is not None:
                age = (moment - _aware(post.posted_at)).total_seconds() / _SECONDS_A_DAY
                if age < 0:
                    continue
            rows.append(
                (
                    _count(post.likes),
                    _count(post.comments_count),
                    _count(post.shares),
                    _count(post.saves),
                    _count(post.views),
                    age,
                    post.is_sponsored,
                    bool(post.brand_mentions),
                    post.post_type in VIDEO_POST_TYPES,
                )
            )
        if not rows:
            return cls.empty()
        counts = np.array([row[:6] for row in rows], dtype=np.float64)
        flags = np.array([row[6:] for row in rows], dtype=np.bool_)
        order = np.argsort(counts[:, 5], kind="stable")
        counts = np.ascontiguousarray(counts[order].T)
        flags = np.ascontiguousarray(flags[order].T)
        return cls(*counts, *flags)

    @classmethod
    def empty(cls) -> PostTable:
        """A table without posts (every metric over it is None)."""
        counts = np.empty(0, dtype=np.float64)
        flags = np.empty(0, dtype=np.bool_)
        return cls(counts, counts, counts, counts, counts, counts, flags, flags, flags)

    def positions(self, window: Window, only: Flags | None = None) -> Positions:
        """Where the posts of ``window`` are in the table, newest first: a slice when the window
        is the table's first rows, else an array of row numbers. ``only`` narrows the posts
        before the window counts them (``table.video`` gives the newest N videos)."""
        stop = len(self.age_days)
        if window.days is not None:
            stop = int(self.age_days.searchsorted(window.days, "right"))
        if window.sponsored == "all":
            if only is None:
                if window.posts is not None and window.posts < stop:
                    stop = window.posts
                return slice(0, stop)
            chosen = only[:stop]
        else:
            chosen = self.sponsored[:stop]
            if window.sponsored == "organic":
                chosen = ~chosen
            if only is not None:
                chosen = chosen & only[:stop]
        rows = chosen.nonzero()[0]
        return rows if window.posts is None else rows[: window.posts]

    def window(self, window: Window) -> PostTable:
        """The posts of ``window`` as a table of their own."""
        rows = self.positions(window)
        return PostTable(
            self.likes[rows],
            self.comments[rows],
            self.shares[rows],
            self.saves[rows],
            self.views[rows],
            self.age_days[rows],
            self.sponsored[rows],
            self.brand_mention[rows],
            self.video[rows],
        )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BANGKOK)


def _count(value: int | None) -> float:
    return np.nan if value is None else float(value)
