"""The largest numbers a request, a command or a file may give kolscope where a number reaches
the database or date arithmetic.

Ids are INTEGER columns, which PostgreSQL stores in 32 bits (SQLite in 64), so an id past
2^31 - 1 cannot be a row in either; counts are 64-bit, and dates end in the year 9999. Anything
past these bounds cannot be a real value: it is refused with a message naming the
parameter, never sent on to fail deep inside (``OverflowError``).
"""

from __future__ import annotations

MAX_ID = 2**31 - 1  # the largest id both databases can hold (PostgreSQL INTEGER)
MAX_OFFSET = 1_000_000_000  # rows to skip: far past any real result list
MAX_PAGE = 10_000_000  # page numbers, for the same reason
MAX_COUNT = 10**12  # followers, views, prices in THB: larger than anything real
MAX_DAYS = 36_500  # "active within N days": a hundred years


def row_id(text: str) -> int | None:
    """The id ``text`` spells, or None when it cannot be one: ASCII digits only (``str.isdigit``
    also accepts "²", which ``int`` refuses) and within 1..MAX_ID."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None
