"""Every integer a request may carry, bounded in one place.

Ids are INTEGER columns (32-bit on PostgreSQL), so a number past 2^31 - 1 in a query or path
cannot be a row and must be refused as a bad request (400/422), never reach SQL
and fail there. Routes take these aliases instead of a bare ``int``; counts written as text
("10K", parsed by ``parse_count``) are bounded by ``MAX_COUNT`` there. The numbers themselves
live in ``kolscope.domain.limits``, shared with the CLI and the services.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from kolscope.domain.limits import MAX_COUNT, MAX_DAYS, MAX_ID, MAX_OFFSET, MAX_PAGE

__all__ = [
    "MAX_COUNT",
    "MAX_DAYS",
    "MAX_ID",
    "MAX_OFFSET",
    "MAX_PAGE",
    "Offset",
    "PageNumber",
    "RowId",
]

RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="A row id.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
PageNumber = Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE, description="Page, from 1.")]
