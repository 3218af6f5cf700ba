"""The largest numbers a request, a command or a file may give kolscope where a number reaches
the database or date arithmetic.

Both databases store ids and counts as signed 64-bit integers, and dates end in the year 9999,
so anything past these bounds cannot be a real value: it is refused with a message naming the
parameter, never sent on to fail deep inside (``OverflowError``).
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # the largest id either database can hold
MAX_OFFSET = 1_000_000_000  # rows to skip: far past any real result list
MAX_PAGE = 10_000_000  # page numbers, for the same reason
MAX_COUNT = 10**12  # followers, views, prices in THB: larger than anything real
MAX_DAYS = 36_500  # "active within N days": a hundred years
