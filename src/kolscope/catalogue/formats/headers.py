"""Finding the header row of a messy export and reading what its cells mean."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kolscope.domain.quantities import is_missing, parse_number

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_PUNCTUATION = re.compile(r"[\s_\-./\\|()\[\]{}:;,!?*'\"=+&<>~`^]+")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# Words that add nothing to a header's meaning ("Followers Numbers", "Engagement avg Values").
_FILLER = {"values", "value", "numbers", "number", "num", "count", "total", "mostly", "the", "of",
           "in", "per", "a", "an", "all", "qty"}  # fmt: skip
_ABBREVIATIONS = {
    "average": "avg",
    "mean": "avg",
    "eng": "engagement",
    "engagements": "engagement",
    "auth": "authentic",
    "subs": "subscribers",
    "subscriber": "subscribers",
    "follower": "followers",
    "foll": "followers",
    "cmts": "comments",
    "comment": "comments",
    "like": "likes",
    "view": "views",
    "share": "shares",
    "save": "saves",
    "pics": "pic",
    "picture": "pic",
    "photo": "pic",
    "desc": "description",
}


@dataclass(frozen=True, slots=True)
class HeaderKey:
    """A header as words (order-free, fillers kept apart) and as a compact string for Thai."""

    text: str  # cleaned for display: newlines and runs of spaces collapsed
    words: frozenset[str]
    core: frozenset[str]  # words without fillers such as "values" or "count"
    compact: str  # lower case, no spaces or punctuation
    has_percent: bool


def clean_header(cell: object) -> str:
    text = unicodedata.normalize("NFC", "" if cell is None else str(cell)).replace("\ufeff", "")
    return " ".join(text.split())


def header_key(cell: object, *, split_camel_case: bool = True) -> HeaderKey:
    """Words of a header; ``userFollowerCount`` splits into user, follower(s), count."""
    text = clean_header(cell)
    spaced = (_CAMEL.sub(" ", text) if split_camel_case else text).lower()
    has_percent = "%" in spaced or "percent" in spaced or "เปอร์เซ็นต์" in spaced
    spaced = spaced.replace("%", " ")
    words = [_ABBREVIATIONS.get(w, w) for w in _PUNCTUATION.split(spaced) if w]
    compact = "".join(words)
    word_set = frozenset(words)
    core = frozenset(w for w in words if w not in _FILLER and not w.isdigit()) or word_set
    return HeaderKey(text, word_set, core, compact, has_percent)


def synonym_key(phrase: str) -> HeaderKey:
    return header_key(phrase)


def is_thai(text: str) -> bool:
    return bool(_THAI.search(text))


def _looks_like_header_cell(cell: object) -> bool:
    if cell is None or isinstance(cell, int | float | bool):
        return False
    text = str(cell).strip()
    if not text or len(text) > 80:
        return False
    try:
        return parse_number(text) is None and not is_missing(text)
    except ValueError:
        return True


def is_blank(cells: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
    """Index of the header among the first rows: the first with several text cells and at least
    half as many of them as the widest such row (title lines above it are skipped)."""
    scores = [sum(_looks_like_header_cell(c) for c in row) for row in rows]
    widest = max(scores, default=0)
    if widest < 2:
        return None
    for index, score in enumerate(scores):
        if score >= 2 and score >= widest / 2:
            return index
    return None


def same_header(cells: Sequence[object], header: Sequence[str]) -> bool:
    """True when a data row repeats the header (exports that paste pages together do this)."""
    probe = next((i for i, h in enumerate(header) if h and not h.startswith("column ")), None)
    if probe is None or probe >= len(cells):
        return False
    if clean_header(cells[probe]).lower() != header[probe].lower():
        return False  # the cheap test that settles almost every row
    cleaned = [clean_header(c).lower() for c in cells]
    expected = [h.lower() for h in header]
    width = max(len(cleaned), len(expected))
    cleaned += [""] * (width - len(cleaned))
    expected += [""] * (width - len(expected))
    matches = sum(1 for a, b in zip(cleaned, expected, strict=True) if a and a == b)
    return matches >= max(2, sum(1 for b in expected if b) * 0.8)
