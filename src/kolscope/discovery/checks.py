"""Reading a search request's values: paging, ranges, words, niches and the creator type, each
error naming the option it is about (the CLI, page and API show it as it is)."""

from __future__ import annotations

from collections.abc import Sequence

from kolscope.discovery import messages as say
from kolscope.discovery.query import (
    CREATOR_TYPES,
    MAX_LIMIT,
    SORTS,
    SearchError,
    SearchRequest,
)
from kolscope.discovery.scoring.taxonomy import niche_named
from kolscope.domain.limits import MAX_COUNT, MAX_DAYS, MAX_OFFSET
from kolscope.text.search_words import query_words


def check_paging(request: SearchRequest) -> None:
    if not 1 <= request.limit <= MAX_LIMIT:
        english = f"limit must be between 1 and {MAX_LIMIT}"
        raise SearchError(english, "limit", say.BETWEEN(low=1, high=MAX_LIMIT))
    if not 0 <= request.offset <= MAX_OFFSET:
        english = f"offset must be between 0 and {MAX_OFFSET:,}"
        raise SearchError(english, "offset", say.BETWEEN(low=0, high=MAX_OFFSET))
    if request.sort not in SORTS:
        english = f"sort {request.sort!r}: use one of {', '.join(SORTS)}"
        raise SearchError(english, "sort", say.SORT(value=repr(request.sort)))
    for sort, needs, option, reason in (
        ("fit", request.brand, "--brand", say.SORT_NEEDS_BRAND),
        ("similarity", request.like, "--like", say.SORT_NEEDS_LIKE),
        ("fan", request.fans_of, "--fans-of", say.SORT_NEEDS_FANS),
    ):
        if request.sort == sort and not needs:
            raise SearchError(f"sort {sort} needs {option}", "sort", reason())


def check_ranges(request: SearchRequest) -> None:
    for name, value in (("min-er", request.min_er), ("max-er", request.max_er)):
        if value is not None and not 0 <= value <= 1000:
            raise SearchError(
                f"{name} is a percentage (0-1000), not {value}",
                name.replace("-", "_"),
                say.PERCENTAGE(value=value),
            )
    if request.min_quality is not None and not 0 <= request.min_quality <= 100:
        raise SearchError("min-quality is a score from 0 to 100", "min_quality", say.SCORE())
    days = request.active_within_days
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise SearchError(
            f"active-within must be a number of days from 0 to {MAX_DAYS:,}",
            "active_within",
            say.DAYS(most=MAX_DAYS),
        )
    for name, count in (
        ("min-followers", request.min_followers),
        ("max-followers", request.max_followers),
        ("min-price", request.min_price),
        ("max-price", request.max_price),
    ):
        field = name.replace("-", "_")
        if count is not None and count < 0:
            raise SearchError(f"{name} cannot be negative", field, say.NEGATIVE())
        if count is not None and count > MAX_COUNT:
            english = f"{name} is too large (at most {MAX_COUNT:,})"
            raise SearchError(english, field, say.TOO_LARGE(most=MAX_COUNT))


def search_words_of(text: str | None) -> tuple[str, ...]:
    if not text or not text.strip():
        return ()
    words = tuple(query_words(text))
    if not words:
        said = say.NO_WORDS(value=repr(text))
        raise SearchError(f"text {said}", "text", said)
    return words


def niche_ids(names: Sequence[str]) -> tuple[str, ...]:
    ids = []
    for name in names:
        found = niche_named(name)
        if found is None:
            english = f"niche {name!r} is not known (see docs/classification.md)"
            raise SearchError(english, "niche", say.NICHE_UNKNOWN(value=repr(name)))
        ids.append(found.id)
    return tuple(ids)


def creator_type_of(text: str | None) -> str | None:
    if not text:
        return None
    kind = text.strip().lower()
    if kind not in CREATOR_TYPES:
        english = f"type {text!r}: use kol, koc or creator"
        raise SearchError(english, "type", say.CREATOR_TYPE_CHOICE(value=repr(text)))
    return kind
