"""Rows in, lines out: the reader for a layout, reading a whole stream of rows, and summing
lines into orders (an order's commission is the sum of its lines, never item plus order
commission)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from kolscope.tracking.reports.formats.lazada import LazadaReader
from kolscope.tracking.reports.formats.rows import LineReader
from kolscope.tracking.reports.formats.shopee import ShopeeReader
from kolscope.tracking.reports.formats.tiktok import TikTokCreatorReader, TikTokSellerReader
from kolscope.tracking.reports.formats.values import Cell, Layout, OrderTotal, ReportLine

READERS: dict[Layout, type[LineReader]] = {
    Layout.SHOPEE: ShopeeReader,
    Layout.LAZADA: LazadaReader,
    Layout.TIKTOK_CREATOR: TikTokCreatorReader,
    Layout.TIKTOK_SELLER: TikTokSellerReader,
}


def reader_for(layout: Layout, header: Sequence[Cell], header_row: int = 1) -> LineReader:
    """The reader of ``layout``'s rows under ``header`` (row ``header_row`` of the file);
    raises ``ReportError`` when the header lacks a column the layout needs."""
    return READERS[layout](header, header_row)


def read_lines(
    layout: Layout,
    header: Sequence[Cell],
    rows: Iterable[Sequence[Cell]],
    header_row: int = 1,
) -> Iterator[ReportLine]:
    """Each non-blank row after the header as a line, numbered from ``header_row + 1``; the
    first bad cell raises ``ReportError`` naming its row and column."""
    reader = reader_for(layout, header, header_row)
    for number, cells in enumerate(rows, start=header_row + 1):
        line = reader.line(cells, number)
        if line is not None:
            yield line


def order_totals(lines: Iterable[ReportLine]) -> dict[tuple[str, str], OrderTotal]:
    """Each order's lines summed: amount and commission (Shopee's order-level commission is
    inside its first line's net figure, so the sum counts it once). A line met again (the
    same key, from an overlapping report) replaces the earlier one instead of adding to it."""
    latest: dict[tuple[str, str, str], ReportLine] = {}
    for line in lines:
        latest[line.key] = line
    totals: dict[tuple[str, str], OrderTotal] = {}
    for line in latest.values():
        key = (line.source, line.order_id)
        known = totals.get(key)
        if known is None:
            totals[key] = OrderTotal(line.source, line.order_id, 1, line.amount, line.commission)
        else:
            totals[key] = OrderTotal(
                line.source,
                line.order_id,
                known.lines + 1,
                known.amount + line.amount,
                known.commission + line.commission,
            )
    return totals
