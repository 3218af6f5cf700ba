"""What discovery reads about a creator: profile text, categories and recent posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple


class PostText(NamedTuple):
    """The words of one post and whether it was paid for."""

    caption: str | None
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    is_sponsored: bool = False
    posted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CreatorContent:
    """One account as discovery sees it. Every field may be missing or empty."""

    handle: str
    display_name: str | None = None
    bio: str | None = None
    categories: tuple[str, ...] = ()  # category labels from imports / vendor tools, any language
    followers: int | None = None
    posts: tuple[PostText, ...] = ()  # recent posts, newest first (up to ~30)
    question_share: float | None = None  # share of audience comments that are questions
