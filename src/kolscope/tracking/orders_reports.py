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

from kolscope.domain.messages import Message
from kolscope.domain.team import Scope
from kolscope.tracking import messages_orders as said
from kolscope.tracking.orders_values import (
    ZEROED_STATUSES,
    LineWrite,
    OrderError,
    ReportCounts,
    ReportImported,
    satang,
)

BATCH = 2000
REPORT_KINDS = ("shopee", "lazada", "tiktok-shop")


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


def read_report(path: Path, kind: str | None) -> OpenedReport:
    """The marketplace report reader (``tracking.reports.files``), imported when first used."""
    from kolscope.tracking.reports.files import read_report as read
    from kolscope.tracking.reports.formats.values import ReportKind

    return read(path, ReportKind(kind) if kind else None)


def refused(error: ValueError) -> OrderError:
    """A report the reader refused, as an order error keeping its message (file, row,
    column); anything else is a bug and goes on up."""
    message = getattr(error, "message", None)
    if not isinstance(message, Message):
        raise error
    return OrderError(400, message, getattr(error, "column", None))


class ReportImports:
    """Importing a report, checking one without writing, and telling whether a file is one."""

    def __init__(self, store: ReportStore, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._clock = clock

    def _open(self, path: Path, kind: str | None, reader: ReadReport | None) -> OpenedReport:
        if kind is not None and kind not in REPORT_KINDS:
            known = list(REPORT_KINDS)
            raise OrderError(400, said.REPORT_KIND_UNKNOWN(kind=kind, known=known), "kind")
        try:
            return (reader or read_report)(Path(path), kind)
        except ValueError as error:  # the reader's ReportFileError names file, row and column
            raise refused(error) from error

    def import_report(
        self, path: Path, kind: str | None, scope: Scope, reader: ReadReport | None = None
    ) -> tuple[ReportImported, tuple[int, ...]]:
        """The import's counts and the orders it changed."""
        opened = self._open(path, kind, reader)
        counted = Counted()
        name = Path(path).name
        try:
            counts = self._store.import_lines(
                scope.organisation_id, counted.batches(opened.lines(), name), self._clock()
            )
        except ValueError as error:
            raise refused(error) from error
        done = ReportImported(
            file=name, kind=str(opened.kind), rows=counted.rows, orders=counts.orders,
            new_orders=counts.new_orders, lines=counts.lines, changed_lines=counts.changed_lines,
        )  # fmt: skip
        return done, counts.order_row_ids

    def check_report(self, path: Path, kind: str | None) -> ReportImported:
        """Every line read, nothing written: how many rows and orders (the orders' keys are
        kept to count them, a few bytes each)."""
        opened = self._open(path, kind, None)
        rows = 0
        orders: set[tuple[str, str]] = set()
        try:
            for line in opened.lines():
                rows += 1
                orders.add((line.shop, line.order_id))
        except ValueError as error:
            raise refused(error) from error
        return ReportImported(Path(path).name, str(opened.kind), rows, len(orders), 0, rows, 0)

    def report_kind(self, path: Path) -> str | None:
        from kolscope.tracking.reports.files import preview

        try:
            found = preview(Path(path), rows=1)
        except ValueError:  # not a CSV or XLSX, empty, unreadable: no report
            return None
        return str(found.kind) if found.kind is not None else None
