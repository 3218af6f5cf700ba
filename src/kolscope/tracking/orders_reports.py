"""Marketplace reports (Shopee, Lazada, TikTok Shop) into orders: each report line becomes an
order line, kept by its line key, so importing a report again, or reports whose dates overlap,
never counts a line twice, and a later report updates the line's status.

The reader (``tracking.reports.files``) streams the lines; they go to the store in batches
(``BATCH`` lines), inside one transaction for the whole file: a bad row stops the import with
the file, row and column named, and nothing of the file is kept. Memory stays bounded however
long the report is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from kolscope.tracking.orders_values import ZEROED_STATUSES, LineWrite, ReportCounts, satang

BATCH = 2000


class ReportedLine(Protocol):
    """What the report reader gives for one line (``tracking.reports.formats.ReportLine``)."""

    @property
    def source(self) -> str: ...
    @property
    def shop(self) -> str: ...
    @property
    def order_id(self) -> str: ...
    @property
    def line_key(self) -> str: ...
    @property
    def item(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def shop_status(self) -> str | None: ...
    @property
    def ordered_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime | None: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def commission(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def sub_ids(self) -> Sequence[str]: ...
    @property
    def creator_username(self) -> str | None: ...
    @property
    def content_id(self) -> str | None: ...
    @property
    def row(self) -> int: ...


class ReportStore(Protocol):
    def import_lines(
        self, organisation_id: int | None, batches: Iterable[Sequence[LineWrite]], now: datetime
    ) -> ReportCounts: ...


class OpenedReport(Protocol):
    """What ``read_report`` gives: the kind found (or named) and the lines, streamed."""

    @property
    def kind(self) -> Any: ...

    def lines(self) -> Iterator[Any]: ...


ReadReport = Callable[[Path, str | None], OpenedReport]


def line_write(line: ReportedLine, file: str) -> LineWrite:
    """One line as stored: money in satang, zero when the line sold nothing (cancelled,
    refunded, rejected, ineligible), ids and names as the report wrote them."""
    zeroed = line.status in ZEROED_STATUSES
    return LineWrite(
        source=str(line.source),
        shop=line.shop or "",
        order_id=line.order_id,
        line_key=line.line_key,
        item=line.item or None,
        status=line.status,
        shop_status=line.shop_status or None,
        ordered_at=line.ordered_at,
        updated_at=line.updated_at or line.ordered_at,
        currency=(line.currency or "THB").upper(),
        amount_satang=0 if zeroed else satang(line.amount),
        commission_satang=0 if zeroed else satang(line.commission),
        sub_ids=tuple(dict.fromkeys(s for s in line.sub_ids if s)),
        creator_username=line.creator_username or None,
        content_id=line.content_id or None,
        file=file,
        row=line.row,
    )


class Counted:
    """Counts the rows read as the batches pass through."""

    def __init__(self) -> None:
        self.rows = 0

    def batches(self, lines: Iterable[ReportedLine], file: str) -> Iterator[list[LineWrite]]:
        iterator = iter(lines)
        while True:
            batch = [line_write(line, file) for line in islice(iterator, BATCH)]
            if not batch:
                return
            self.rows += len(batch)
            yield batch
