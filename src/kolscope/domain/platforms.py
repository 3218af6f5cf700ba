"""The social platforms kolscope tracks, and the words people use for them."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from kolscope.domain.quantities import ReadError


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


# Handles ----------------------------------------------------------------------------------------
# Where a platform publishes its username rule, a handle must follow it (checked 2026-12):
# Instagram: at most 30 letters, numbers, periods and underscores (Help Centre, "username");
# TikTok: at most 24 letters, numbers, underscores and periods (Support, "Username"; it asks
# for at least 2, but a one-letter handle is let through);
# X: at most 15 letters, numbers and underscores (Help Center, "Username").
# ``\w`` also admits letters of other scripts: looser than the platforms, never stricter.
# Exports of the other platforms often put a page or channel name in the handle column
# ("Kids Diana Show", "أترو/Atro" in the YouTube exports of ../shared/data), so there only what
# is never part of a name is refused: < and >, control characters, more than 100 characters.
HANDLE_RULES: dict[Platform, tuple[re.Pattern[str], str]] = {
    Platform.INSTAGRAM: (
        re.compile(r"[\w.]{1,30}"),
        "at most 30 letters, digits, periods and underscores",
    ),
    Platform.TIKTOK: (
        re.compile(r"[\w.]{1,24}"),
        "at most 24 letters, digits, periods and underscores",
    ),
    Platform.X: (re.compile(r"\w{1,15}"), "at most 15 letters, digits and underscores"),
}
NAME_HANDLE_MAX = 100  # a YouTube channel name's limit, the longest of the name-like handles
_NEVER_IN_HANDLES = re.compile(r"[<>\x00-\x1f\x7f-\x9f\u2028\u2029]")


def handle_problem(platform: Platform, handle: str) -> ReadError | None:
    """Why ``handle`` cannot be an account's handle on ``platform`` (its English ``str()``, a
    code and values, see ``ReadError``); None when it can be."""
    rule = HANDLE_RULES.get(platform)
    if rule is not None:
        pattern, described = rule
        if pattern.fullmatch(handle) is None:
            most = int(pattern.pattern.rsplit(",", 1)[1].rstrip("}"))
            return ReadError(
                "handle.periods" if "." in pattern.pattern else "handle.underscores",
                f"not a possible {platform.label} username ({described})",
                platform=platform.value,
                most=most,
            )
        return None
    if _NEVER_IN_HANDLES.search(handle):
        return ReadError(
            "handle.characters", "holds < or > or control characters, which no handle or name has"
        )
    if len(handle) > NAME_HANDLE_MAX:
        return ReadError(
            "handle.long", f"longer than {NAME_HANDLE_MAX} characters", most=NAME_HANDLE_MAX
        )
    return None
