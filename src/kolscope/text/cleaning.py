"""Cleaning and splitting social-media text in Thai and English.

Thai is written without spaces, with 555 for laughter, repeated letters (ดีมากกกก), ๆ for
repetition, emoji, stickers and English mixed in. Everything that carries signal is kept as a
typed token (``<laugh>``, ``<url>``, ``<lineid>``, the emoji itself ...) so classifiers can
use it; noise (zero-width characters, letter repeats, broken Thai vowel encodings) is removed
before words are split, because the word splitter reads "ดีมากก" as ดี|มา|กก.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_CHARS = 5_000  # a comment longer than this is read from its first 5,000 characters

# Typed tokens, in the order they are looked for where two could start at the same place.
TYPED = {
    "url": "<url>", "lineid": "<lineid>", "phone": "<phone>", "sticker": "<sticker>",
    "mention": "<mention>", "hashtag": "<hashtag>", "laugh": "<laugh>", "number": "<num>",
    "elong": "<elong>",
}  # fmt: skip
_PLACEHOLDER = {f"xq{name}q": token for name, token in TYPED.items()}
_PLACEHOLDER_TEXT = re.compile(r"xq[a-z]+q")

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_TYPED_ITEMS = re.compile(
    # web addresses: scheme or www, or a bare domain with a common ending
    r"(?P<url>(?i:\b(?:https?://|www\.)\S+|\b[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|co|"
    r"io|me|ly|th|info|xyz|bet|vip|shop|link|app|cc|to)\b(?:/\S*)?))"
    # LINE ids: "line: abc", "ไลน์ @abc", "แอดไลน์ abc", line.me links, @abc1234 style ids
    r"|(?P<lineid>(?i:(?:line\s*id|line|ไอดีไลน์|ไลน์|แอดไลน์|add\s*line|id\s*line|ไอดี)"
    r"\s*(?:[:：=]\s*@?|@)\s*[a-z0-9][\w.\-]{2,}|(?:line|ไลน์)\s+@?[a-z0-9][\w.\-]{2,}"
    r"|lin\.ee/\S+|line\.me/\S+))"
    # Thai mobile and landline numbers, with or without +66
    r"|(?P<phone>(?<!\d)(?:\+?66[\s-]?|0)[2-9]\d(?:[\s-]?\d){6,7}(?!\d))"
    r"|(?P<sticker>(?i:[\[(]\s*(?:stickers?|สติ[กก๊]เกอร์)\s*[\])]|ส่งสติ[กก๊]เกอร์|sent a sticker))"
    r"|(?P<mention>(?<![\w.])@[\w.]{2,30})"
    r"|(?P<hashtag>#(?=[0-9A-Za-z_\u0e00-\u0e7f]))"
    r"|(?P<laugh>(?i:(?<!\d)5{3,}\+*(?!\d)|ถ{3,}|\b(?:ha){2,}h?\b|\b(?:lol|lmao|rofl)\b"
    r"|(?:ฮ่า){2,}|(?:อิ){3,}|(?:คริ){2,}))"
)
# Every match of _TYPED_ITEMS contains one of these; most comments contain none, and one
# plain search is far cheaper than trying every branch of the big pattern at every word.
_TYPED_GATE = re.compile(
    r"(?i)[.@#\[(\d]|http|line|ไลน์|ไอดี|สติ|sticker|ถถถ|haha|lol|lmao|rofl|ฮ่าฮ่า|อิอิอิ|คริคริ"
)
_DIGIT = re.compile(r"\d")
_ANY_REPEAT = re.compile(r"(.)\1")  # every repeat below starts with a character twice
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w.])")
_THAI_REPEAT = re.compile(r"([\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e])\1{2,}")
_THAI_MARK_REPEAT = re.compile(r"([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\1+")
_LATIN_REPEAT = re.compile(r"([a-z])\1{2,}")
_PUNCT_REPEAT = re.compile(r"([!?.~])\1+")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ALL_PUNCTUATION = re.compile(r"[\W_]+")
_LATIN_SPLIT = re.compile(r"[^\w'’+]+")
_ORPHAN_MARK = re.compile(r"^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+$")


@dataclass(frozen=True, slots=True)
class CleanText:
    """A comment made ready for classifiers: cleaned text, tokens and what was found in it."""

    text: str  # cleaned, lower-cased, typed items replaced by their tokens
    tokens: tuple[str, ...]  # words (Thai split, ๆ expanded), typed tokens and emoji
    language: str  # th, en, mixed, or none (no letters: emoji, numbers, stickers)
    emoji: tuple[str, ...]
    found: frozenset[str]  # typed tokens present: url, lineid, phone, laugh, sticker, ...
    truncated: bool = False
    mentions: tuple[str, ...] = ()  # the @handles, lower case, without the @ (spam reads them)

    @property
    def words(self) -> tuple[str, ...]:
        """Tokens that are words (not typed tokens or emoji)."""
        emoji = set(self.emoji)
        return tuple(t for t in self.tokens if not t.startswith("<") and t not in emoji)


def clean(text: str) -> str:
    """Unicode clean-up only: NFC, invisible and control characters out, Thai vowel
    encodings fixed (เเ -> แ, ํา -> ำ), runs of spaces collapsed."""
    if not text.isascii():
        if _INVISIBLE.search(text):  # before NFC: A + U+FEFF + a combining accent is á
            text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFC", text)
        if "\u0e4d" in text or "เเ" in text:
            text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")
            text = text.replace("\u0e32\u0e4d", "\u0e33")
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


_NOT_EMOJI = frozenset(range(0x1F3FB, 0x1F400)) | {0xFE0E, 0xFE0F, 0x200D, 0x20E3}
_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f\ufe0e\u20e3]")
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u2000-\U0010ffff]")


@lru_cache(maxsize=1)
def _emoji_pattern() -> re.Pattern[str]:
    """One character class of every code point used by an emoji (from the emoji package).
    Sequences (flags, families) come out as their parts, which is enough for counting."""
    import emoji as emoji_data

    points = sorted(
        {ord(ch) for key in emoji_data.EMOJI_DATA for ch in key}
        - _NOT_EMOJI
        - set(range(0x80))
        - set(range(0xE0000, 0xE0080))
    )
    ranges: list[str] = []
    first = last = points[0]
    for point in [*points[1:], -1]:
        if point == last + 1:
            last = point
            continue
        ranges.append(re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else ""))
        first = last = point
    return re.compile(f"[{''.join(ranges)}]")


def find_emoji(text: str) -> list[str]:
    """Emoji in the text, skin tones and variation selectors dropped (👍🏻 -> 👍)."""
    if not _MAYBE_EMOJI.search(text):
        return []
    return _emoji_pattern().findall(text)


def language_of(text: str) -> str:
    """th, en, mixed (both scripts, neither under 20 % of letters) or none (no letters)."""
    thai = len(_THAI_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if not thai and not latin:
        return "none"
    share = thai / (thai + latin)
    if share >= 0.8:
        return "th"
    if share <= 0.2:
        return "en"
    return "mixed"


def normalise(raw: str) -> CleanText:
    """Clean, mark typed items, undo letter repeats, split words. Never fails: empty or
    whitespace-only text gives empty tokens and language "none"."""
    text = clean(raw if isinstance(raw, str) else str(raw))
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    found: set[str] = set()
    mentions: list[str] = []
    emoji_found = find_emoji(text)
    if emoji_found:
        text = _emoji_pattern().sub(lambda m: f" {m.group()} ", _MODIFIERS.sub("", text))

    def mark(match: re.Match[str]) -> str:
        name = match.lastgroup or "url"
        found.add(name)
        if name == "mention":
            mentions.append(match.group()[1:].lower())
        return f" xq{name}q " if name != "hashtag" else " xqhashtagq "

    if _TYPED_GATE.search(text):
        text = _TYPED_ITEMS.sub(mark, text)
    language = language_of(_PLACEHOLDER_TEXT.sub(" ", text) if found else text)
    text = text.lower()
    if _ANY_REPEAT.search(text):
        before = text
        text = _THAI_REPEAT.sub(r"\1", text)
        text = _THAI_MARK_REPEAT.sub(r"\1", text)
        text = _LATIN_REPEAT.sub(r"\1\1", text)
        if text != before:
            found.add("elong")
        text = _PUNCT_REPEAT.sub(r"\1", text)
    if _DIGIT.search(text):
        text, numbers = _NUMBER.subn(" xqnumberq ", text)
        if numbers:
            found.add("number")
    text = _SPACES.sub(" ", text).strip()
    tokens = _tokens(text)
    if "elong" in found:
        tokens = (*tokens, TYPED["elong"])
    display = " ".join(_PLACEHOLDER.get(part, part) for part in text.split(" "))
    return CleanText(
        display, tokens, language, tuple(emoji_found), frozenset(found), truncated, tuple(mentions)
    )


def _tokens(text: str) -> tuple[str, ...]:
    result: list[str] = []
    for chunk in text.split(" "):
        if not chunk:
            continue
        typed = _PLACEHOLDER.get(chunk)
        if typed is not None:
            result.append(typed)
            continue
        for word in split_words(chunk):
            if word == "ๆ":
                if result and not result[-1].startswith("<"):
                    result.append(result[-1])  # ดีๆ reads as ดี ดี
                continue
            result.append(word)
    return tuple(result)


@lru_cache(maxsize=131_072)
def split_words(chunk: str) -> tuple[str, ...]:
    """Thai word boundaries (thaibreak); Latin chunks split on punctuation. Punctuation-only
    pieces and stray tone marks are dropped; an emoji is its own word; ๆ is kept."""
    if not _THAI_LETTER.search(chunk):
        if chunk.isalnum():
            return (chunk,)
        if _MAYBE_EMOJI.search(chunk) and _emoji_pattern().fullmatch(chunk):
            return (chunk,)
        pieces = _LATIN_SPLIT.split(chunk)
        return tuple(w for w in pieces if w and not _ALL_PUNCTUATION.fullmatch(w))
    import thaibreak

    return tuple(
        w
        for w in (w.strip() for w in thaibreak.words(chunk))
        if w and not _ALL_PUNCTUATION.fullmatch(w) and not _ORPHAN_MARK.match(w)
    )
