"""Every integer a request may carry, bounded in one place.

Both databases store ids and counts as signed 64-bit integers, so a number past 2^63 - 1 in a
query or path cannot be a row and must be refused as a bad request (400/422), never reach SQL
and fail there. Routes take these aliases instead of a bare ``int``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_ID = 2**63 - 1  # the largest id either database can hold
MAX_OFFSET = 1_000_000_000  # far past any real result list; keeps offset arithmetic in range
MAX_PAGE = 10_000_000  # page numbers, for the same reason
MAX_COUNT = 10**12  # followers, views, prices in THB: larger than anything real

RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="A row id.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
PageNumber = Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE, description="Page, from 1.")]
