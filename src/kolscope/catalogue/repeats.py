"""The catalogue's rule for repeated rows: within one import, the first row of each key is the
one kept, and every later row with the same key is a repeat of it (counted once, with a warning
that names the row it repeats). What the key is belongs to each import kind
(``importing/kinds.py``); the SQL writers apply this before they write."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Protocol, TypeVar

from kolscope.catalogue.messages import REPEATS
from kolscope.domain.messages import Message


class NumberedRow(Protocol):
    @property
    def row(self) -> int: ...


R = TypeVar("R", bound=NumberedRow)


def repeats_row(first: int) -> Message:
    return REPEATS(first=first)


def first_of_each(
    rows: Iterable[R],
    key: Callable[[R], Hashable],
    message: Callable[[int], Message] = repeats_row,
) -> tuple[list[R], list[tuple[int, Message]]]:
    """The rows to keep (the first of each key, in order) and the repeats as (row, message)."""
    first: dict[Hashable, int] = {}
    kept: list[R] = []
    repeated: list[tuple[int, Message]] = []
    for item in rows:
        found = key(item)
        seen = first.get(found)
        if seen is not None:
            repeated.append((item.row, message(seen)))
            continue
        first[found] = item.row
        kept.append(item)
    return kept, repeated
