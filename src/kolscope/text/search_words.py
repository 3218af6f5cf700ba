"""Words for search: the same splitting for what is indexed and for what people type.

Thai has no spaces between words, so a search for ครีมกันแดด must match a caption that says
ครีมกันแดดตัวนี้. Both sides go through ``search_words``: Unicode clean-up, lower case, Thai split
into words (thaibreak), Latin split on punctuation, numbers kept (people search "spf 50").
A query then becomes a phrase of those words, and the database's own full-text index (SQLite
FTS5, PostgreSQL tsvector) finds the phrase anywhere in a bio, caption or hashtag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kolscope.text.cleaning import clean, find_emoji, split_words

MAX_DOCUMENT_WORDS = 4_000  # an account's search text is cut after this many words
_SEPARATORS = re.compile(r"[\s#@/|,;:!?\"“”'‘’()\[\]{}<>=+*~^`…]+")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_REPEATS = re.compile(r"([\u0e01-\u0e2e\u0e40-\u0e4e])\1{2,}|([a-z])\2{2,}")
_WORD = re.compile(r"\w")
_LATIN_PARTS = re.compile(r"[._\-]+")


def search_words(text: str | None) -> list[str]:
    """The words of ``text`` as the search index keeps them (lower case, Thai split)."""
    if not text:
        return []
    cleaned = clean(text).lower()
    for emoji in set(find_emoji(cleaned)):
        cleaned = cleaned.replace(emoji, " ")
    cleaned = _REPEATS.sub(lambda m: m.group(1) or m.group(2) * 2, cleaned)
    words: list[str] = []
    for chunk in _SEPARATORS.split(cleaned):
        if not chunk:
            continue
        if _THAI.search(chunk):
            pieces: Iterable[str] = split_words(chunk)
        elif chunk.isalnum():
            pieces = (chunk,)
        else:
            pieces = (p for p in _LATIN_PARTS.split(chunk) if p)
        for piece in pieces:
            if piece == "ๆ":
                continue
            if _WORD.search(piece):
                words.append(piece)
    return words


def document(parts: Iterable[str | None]) -> str:
    """One account's search text: every part's words, space separated, cut at a limit."""
    words: list[str] = []
    for part in parts:
        words.extend(search_words(part))
        if len(words) >= MAX_DOCUMENT_WORDS:
            break
    return " ".join(words[:MAX_DOCUMENT_WORDS])


def join_words(parts: Iterable[list[str]]) -> str:
    """Word lists already split by ``search_words`` as one search text, cut at the limit."""
    words: list[str] = []
    for part in parts:
        words.extend(part)
        if len(words) >= MAX_DOCUMENT_WORDS:
            break
    return " ".join(words[:MAX_DOCUMENT_WORDS])


def query_words(text: str) -> list[str]:
    """What a person typed, as the words to find next to each other."""
    return search_words(text)[:32]


def hashtag_key(text: str) -> str:
    """A hashtag as stored and searched: lower case, no # (``#SkincareTips`` -> skincaretips)."""
    return clean(text).lstrip("#＃").strip().lower().replace(" ", "")


def mention_key(text: str) -> str:
    """A mentioned handle as stored and searched: lower case, no @."""
    return clean(text).lstrip("@").strip().lower()
