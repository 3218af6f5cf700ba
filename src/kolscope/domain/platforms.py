"""The social platforms kolscope tracks, and the words people use for them."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache


class Platform(StrEnum):
    """A social platform. The value is the stable name used in files, URLs and the API."""

    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"
    FACEBOOK = "facebook"
    X = "x"
    LEMON8 = "lemon8"
    LINE = "line"
    PANTIP = "pantip"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Platform.INSTAGRAM: "Instagram",
    Platform.TIKTOK: "TikTok",
    Platform.YOUTUBE: "YouTube",
    Platform.FACEBOOK: "Facebook",
    Platform.X: "X (Twitter)",
    Platform.LEMON8: "Lemon8",
    Platform.LINE: "LINE",
    Platform.PANTIP: "Pantip",
    Platform.OTHER: "Other",
}

# Words that name a platform in file names, headers and cells (lower case, Thai included).
_ALIASES: dict[str, Platform] = {
    "instagram": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "อินสตาแกรม": Platform.INSTAGRAM,
    "ไอจี": Platform.INSTAGRAM,
    "tiktok": Platform.TIKTOK,
    "tik tok": Platform.TIKTOK,
    "tiktoker": Platform.TIKTOK,
    "tt": Platform.TIKTOK,
    "ติ๊กต็อก": Platform.TIKTOK,
    "ติ๊กต๊อก": Platform.TIKTOK,
    "youtube": Platform.YOUTUBE,
    "youtuber": Platform.YOUTUBE,
    "yt": Platform.YOUTUBE,
    "ยูทูบ": Platform.YOUTUBE,
    "ยูทูป": Platform.YOUTUBE,
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "เฟซบุ๊ก": Platform.FACEBOOK,
    "เฟสบุ๊ค": Platform.FACEBOOK,
    "x": Platform.X,
    "twitter": Platform.X,
    "ทวิตเตอร์": Platform.X,
    "lemon8": Platform.LEMON8,
    "lemon 8": Platform.LEMON8,
    "เลมอนเอท": Platform.LEMON8,
    "line": Platform.LINE,
    "line oa": Platform.LINE,
    "line voom": Platform.LINE,
    "ไลน์": Platform.LINE,
    "pantip": Platform.PANTIP,
    "พันทิป": Platform.PANTIP,
    "other": Platform.OTHER,
}


@lru_cache(maxsize=1024)
def parse_platform(text: str) -> Platform | None:
    """The platform a cell or option names, or None when it names none."""
    key = " ".join(text.strip().lower().split())
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return Platform(key)
    except ValueError:
        return None


_NAME_WORD = re.compile(r"[a-z0-9]+|[\u0e00-\u0e7f]+")
# In a file name, short aliases are too ambiguous to count ("x", "line", "tt" inside words).
_FILE_NAME_WORDS = {
    "instagram": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "tiktok": Platform.TIKTOK,
    "youtube": Platform.YOUTUBE,
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "twitter": Platform.X,
    "lemon8": Platform.LEMON8,
    "pantip": Platform.PANTIP,
}


def platform_named_in(text: str) -> Platform | None:
    """The one platform a file name or title mentions, or None when it names none or several."""
    found = {
        _FILE_NAME_WORDS[word]
        for word in _NAME_WORD.findall(text.lower())
        if word in _FILE_NAME_WORDS
    }
    if len(found) == 1:
        return found.pop()
    return None


_HOSTS = {
    "instagram.com": Platform.INSTAGRAM,
    "instagr.am": Platform.INSTAGRAM,
    "tiktok.com": Platform.TIKTOK,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "fb.watch": Platform.FACEBOOK,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "lemon8-app.com": Platform.LEMON8,
    "line.me": Platform.LINE,
    "pantip.com": Platform.PANTIP,
}
_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|vm\.|vt\.|page\.)?([^/?#]+)(/[^?#]*)?(\?[^#]*)?", re.I
)
_NOT_HANDLES = {
    "p", "reel", "reels", "tv", "watch", "shorts", "video", "channel", "c", "user",
    "status", "posts", "stories", "explore", "hashtag", "tag", "topic", "profile",
}  # fmt: skip


def _split_url(url: str) -> tuple[Platform | None, list[str], str]:
    match = _URL.match(url.strip())
    if match is None:
        return None, [], ""
    host = match[1].lower()
    platform = next((p for h, p in _HOSTS.items() if host == h or host.endswith("." + h)), None)
    parts = [p for p in (match[2] or "").split("/") if p]
    return platform, parts, match[3] or ""


def account_from_url(url: str) -> tuple[Platform, str] | None:
    """The platform and handle of a profile link (instagram.com/som.review, tiktok.com/@som)."""
    platform, parts, _query = _split_url(url)
    if platform is None or not parts or "youtu.be" in url.lower():
        return None
    if platform == Platform.YOUTUBE and parts[0] in {"channel", "c", "user"} and len(parts) > 1:
        return platform, parts[1]
    if platform == Platform.PANTIP and parts[0] == "profile" and len(parts) > 1:
        return platform, parts[1]
    first = parts[0].lstrip("@")
    if not first or first.lower() in _NOT_HANDLES:
        return None
    return platform, first


def post_from_url(url: str) -> tuple[Platform | None, str | None, str] | None:
    """(platform, handle when the link shows it, post id) of a post link, or None."""
    platform, parts, query = _split_url(url)
    if platform is None:
        return None
    handle = parts[0].lstrip("@") if parts and parts[0].startswith("@") else None
    for marker in ("p", "reel", "reels", "tv", "video", "shorts", "status", "posts", "videos"):
        if marker in parts:
            position = parts.index(marker)
            if position + 1 < len(parts):
                if platform in {Platform.X, Platform.FACEBOOK} and position > 0:
                    handle = handle or parts[position - 1]
                return platform, handle, parts[position + 1]
    if platform == Platform.YOUTUBE:
        video = re.search(r"[?&]v=([\w-]+)", query)
        if video:
            return platform, None, video[1]
        if parts and len(parts) == 1 and "youtu.be" in url:
            return platform, None, parts[0]
    return None
