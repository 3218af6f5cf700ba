"""Telling what a file holds, which platform it is from and what day it describes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kolscope.catalogue.formats.headers import header_key
from kolscope.catalogue.formats.synonyms import best_match
from kolscope.catalogue.importing.kinds import KINDS
from kolscope.catalogue.importing.records import ImportKind
from kolscope.catalogue.messages import (
    AS_OF_MONTH,
    AS_OF_TITLE,
    AS_OF_TODAY,
    FROM_FILE_NAME,
    FROM_HEADERS,
    FROM_NAME_AND_HEADERS,
    KIND_DEFAULT,
    PLATFORM_FROM_HEADERS,
    PLATFORM_PER_ROW,
    quoted,
)
from kolscope.domain.dates import find_date_in_text
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform, parse_platform, platform_named_in


def detect_kind(name: str, headers: Sequence[str]) -> tuple[ImportKind, Message]:
    """The kind whose distinctive fields the headers name most, with the file name as a hint."""
    scores: dict[ImportKind, float] = {}
    evidence: dict[ImportKind, list[str]] = {}
    by_name: set[ImportKind] = set()
    for kind, spec in KINDS.items():
        for header in headers:
            match = best_match(header, spec.fields)
            if match and match.score >= 2.5 and match.field in spec.markers:
                scores[kind] = scores.get(kind, 0.0) + 1
                evidence.setdefault(kind, []).append(header)
    words = set(re.findall(r"[a-z]+|[\u0e00-\u0e7f]+", name.lower()))
    lowered = name.lower()
    for kind, spec in KINDS.items():
        if any(h in words or (not h.isalpha() and h in lowered) for h in spec.file_words):
            scores[kind] = scores.get(kind, 0.0) + 2.5
            by_name.add(kind)
    # Another kind needs two signs (two telling columns, or the name and one): a lone column
    # called "text" or "type" does not turn a creators file into something else.
    scores = {k: v for k, v in scores.items() if k == ImportKind.CREATORS or v >= 2}
    if not scores:
        return ImportKind.CREATORS, KIND_DEFAULT()
    kind = max(scores, key=lambda k: (scores[k], k == ImportKind.CREATORS))
    if kind not in by_name:
        return kind, FROM_HEADERS(headers=quoted(evidence[kind][:4]))
    shown = quoted(evidence.get(kind, [])[:3])
    return kind, FROM_NAME_AND_HEADERS(headers=shown) if shown else FROM_FILE_NAME()


def detect_platform(
    path: Path, headers: Sequence[str], has_platform_column: bool
) -> tuple[Platform | None, Message | None]:
    """The platform a file is from: its name, else its headers; None when rows say it."""
    named = platform_named_in(path.stem)
    if named is not None:
        return named, FROM_FILE_NAME()
    header_words: set[Platform] = set()
    for header in headers:
        for word in header_key(header).words:
            found = platform_named_in(word) or (
                parse_platform(word) if word in {"youtuber", "tiktoker"} else None
            )
            if found is not None:
                header_words.add(found)
    if len(header_words) == 1:
        platform = header_words.pop()
        return platform, PLATFORM_FROM_HEADERS()
    if has_platform_column:
        return None, PLATFORM_PER_ROW()
    return None, None


def detect_as_of(path: Path, preamble: Sequence[str], today: date) -> tuple[date, Message]:
    """The day a file describes: from its name, else its title lines, else today."""
    found = find_date_in_text(path.stem)
    if found is not None:
        day, precision = found
        return day, AS_OF_MONTH() if precision == "month" else FROM_FILE_NAME()
    for line in preamble:
        found = find_date_in_text(line)
        if found is not None:
            return found[0], AS_OF_TITLE(line=repr(line[:40]))
    return today, AS_OF_TODAY()
