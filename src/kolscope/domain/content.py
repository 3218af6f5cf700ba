"""Posts and the comments under them."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


class PostType(StrEnum):
    IMAGE = "image"
    CAROUSEL = "carousel"
    VIDEO = "video"
    REEL = "reel"
    SHORT = "short"
    LIVE = "live"
    STORY = "story"
    TEXT = "text"


_POST_TYPE_ALIASES = {
    "photo": PostType.IMAGE,
    "picture": PostType.IMAGE,
    "graphimage": PostType.IMAGE,
    "รูป": PostType.IMAGE,
    "รูปภาพ": PostType.IMAGE,
    "album": PostType.CAROUSEL,
    "sidecar": PostType.CAROUSEL,
    "graphsidecar": PostType.CAROUSEL,
    "อัลบั้ม": PostType.CAROUSEL,
    "graphvideo": PostType.VIDEO,
    "clip": PostType.VIDEO,
    "วิดีโอ": PostType.VIDEO,
    "คลิป": PostType.VIDEO,
    "reels": PostType.REEL,
    "shorts": PostType.SHORT,
    "livestream": PostType.LIVE,
    "live stream": PostType.LIVE,
    "ไลฟ์": PostType.LIVE,
    "stories": PostType.STORY,
    "สตอรี่": PostType.STORY,
    "status": PostType.TEXT,
    "tweet": PostType.TEXT,
    "thread": PostType.TEXT,
}


def parse_post_type(text: str) -> PostType:
    key = " ".join(text.strip().lower().split())
    if key in _POST_TYPE_ALIASES:
        return _POST_TYPE_ALIASES[key]
    try:
        return PostType(key)
    except ValueError:
        known = ", ".join(t.value for t in PostType)
        raise ValueError(f"unknown post type {text.strip()!r} (known: {known})") from None


# Thai combining vowels and tone marks (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E) are part of a tag.
_TAG_BODY = r"[0-9A-Za-z_\u00c0-\u024f\u0e00-\u0e7f]+"
_HASHTAG = re.compile(r"(?:(?<=\s)|^|(?<=[^\w&]))#(" + _TAG_BODY + ")")
_MENTION = re.compile(r"(?:(?<=\s)|^|(?<=[^\w.]))@([A-Za-z0-9_.]{1,64}[A-Za-z0-9_])")


def extract_hashtags(text: str | None) -> tuple[str, ...]:
    """Hashtags in a caption, Thai included, lower-cased, in order, without repeats."""
    if not text:
        return ()
    seen: dict[str, None] = {}
    for tag in _HASHTAG.findall(text):
        seen.setdefault(tag.casefold(), None)
    return tuple(seen)


def extract_mentions(text: str | None) -> tuple[str, ...]:
    """@handles mentioned in a caption or comment, lower-cased, in order, without repeats."""
    if not text:
        return ()
    seen: dict[str, None] = {}
    for handle in _MENTION.findall(text):
        seen.setdefault(handle.casefold(), None)
    return tuple(seen)


class Post(NamedTuple):
    """A piece of content an account published, with the counts known when it was imported."""

    platform_post_id: str
    post_type: PostType = PostType.IMAGE
    caption: str | None = None
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    posted_at: datetime | None = None
    url: str | None = None
    likes: int | None = None
    comments_count: int | None = None
    shares: int | None = None
    saves: int | None = None
    views: int | None = None
    reach: int | None = None
    is_sponsored: bool = False
    brand_mentions: tuple[str, ...] = ()
    id: int | None = None
    account_id: int | None = None


class Comment(NamedTuple):
    """A comment under a post. ``author`` is a handle when the author is a creator we track, else a
    pseudonym (``anon:…``) so people who merely comment are not stored by name (PDPA)."""

    text: str
    author: str | None = None
    author_is_pseudonym: bool = False
    posted_at: datetime | None = None
    likes: int | None = None
    platform_comment_id: str | None = None
    id: int | None = None
    post_id: int | None = None


def comment_identity(platform_post_id: str, comment: Comment) -> str:
    """A comment's identity under its post: the platform's id, else a digest of its author,
    time and text, so importing the same export twice adds nothing."""
    if comment.platform_comment_id:
        return f"id:{comment.platform_comment_id}"
    basis = "\x1f".join(
        [
            platform_post_id,
            comment.author or "",
            comment.posted_at.isoformat() if comment.posted_at else "",
            comment.text,
        ]
    )
    return "sha:" + hashlib.sha256(basis.encode()).hexdigest()[:40]
