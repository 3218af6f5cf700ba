"""The values a marketplace report is read into: which report (``ReportKind``, ``Layout``), one
line of it (``ReportLine``), and the error that names the row and column at fault
(``ReportError``). Plain values only; the readers live beside this module."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from kolscope.domain.messages import Message
from kolscope.tracking import messages_reports as said

# What a spreadsheet or CSV cell holds once read: CSV gives text, XLSX also numbers and times.
Cell = str | int | float | datetime | None

# Where a line stands for attribution. "paid" is completed, settled or delivered-and-valid;
# "unpaid" is an order the buyer has not paid yet. Cancelled, refunded, rejected and
# ineligible lines carry 0 in amount and commission (the report's word stays in shop_status).
LineStatus = Literal["paid", "pending", "unpaid", "cancelled", "refunded", "rejected", "ineligible"]
ZEROED: frozenset[str] = frozenset({"cancelled", "refunded", "rejected", "ineligible"})


class ReportKind(enum.StrEnum):
    """A marketplace whose affiliate report kolscope imports (``kolscope import --kind``)."""

    SHOPEE = "shopee"
    LAZADA = "lazada"
    TIKTOK_SHOP = "tiktok-shop"

    @property
    def report_name(self) -> Message:
        """The marketplace's report, as a sentence part ("the Lazada affiliate ... report")."""
        return KIND_TITLES[self]()


class Layout(enum.StrEnum):
    """One export's set of columns. TikTok Shop has two: the creator's export (xlsx, title rows
    above the header) and the seller's affiliate orders CSV."""

    SHOPEE = "shopee-commission"
    LAZADA = "lazada-conversion"
    TIKTOK_CREATOR = "tiktok-creator"
    TIKTOK_SELLER = "tiktok-seller"

    @property
    def kind(self) -> ReportKind:
        return LAYOUT_KINDS[self]

    @property
    def report_name(self) -> Message:
        """The report's name, as a sentence part ("the Shopee affiliate commission report")."""
        return LAYOUT_TITLES[self]()


LAYOUT_KINDS = {
    Layout.SHOPEE: ReportKind.SHOPEE,
    Layout.LAZADA: ReportKind.LAZADA,
    Layout.TIKTOK_CREATOR: ReportKind.TIKTOK_SHOP,
    Layout.TIKTOK_SELLER: ReportKind.TIKTOK_SHOP,
}
KIND_TITLES = {
    ReportKind.SHOPEE: said.SHOPEE_REPORT,
    ReportKind.LAZADA: said.LAZADA_REPORT,
    ReportKind.TIKTOK_SHOP: said.TIKTOK_REPORT,
}
LAYOUT_TITLES = {
    Layout.SHOPEE: said.SHOPEE_REPORT,
    Layout.LAZADA: said.LAZADA_REPORT,
    Layout.TIKTOK_CREATOR: said.TIKTOK_CREATOR_REPORT,
    Layout.TIKTOK_SELLER: said.TIKTOK_SELLER_REPORT,
}


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One line of a marketplace report: one item (Shopee: item and model; Lazada: sub-order;
    TikTok Shop: SKU) of one order, as the report shows it when it was downloaded.

    ``(source, order_id, line_key)`` names the line across reports, so a later report of an
    overlapping period updates it instead of counting it twice. ``amount`` is the purchase
    value net of the refunds the row shows, ``commission`` the affiliate's net commission on
    the row (Shopee puts the order-level commission on an order's first row only, inside its
    net figure: an order's commission is the sum of its lines), both in ``currency`` (THB for
    Thai reports; kolscope converts no currency). Times are aware (Bangkok time where the
    report gives none); ``updated_at`` is the latest time the row carries. ``sub_ids`` are the
    row's non-empty sub-ids in slot order (Lazada's ``Aff Sub ID`` stands in for an empty
    ``Sub ID 1``); TikTok Shop has none, and names the creator and the content instead.
    ``rate`` is the commission rate the row states, as a fraction, when it states one.
    ``row`` is the row's number in the file, counting the header and any title rows.
    """

    source: str
    shop: str
    order_id: str
    line_key: str
    item: str
    status: LineStatus
    shop_status: str
    ordered_at: datetime
    updated_at: datetime
    amount: Decimal
    commission: Decimal
    currency: str
    sub_ids: tuple[str, ...]
    creator_username: str
    content_id: str
    row: int
    rate: Decimal | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """Which line of which order this is, across reports."""
        return (self.source, self.order_id, self.line_key)


class ReportError(ValueError):
    """A report that cannot be read, naming the ``row`` (1-based, in the file) and ``column``
    (its header as the file writes it) at fault; the file layer adds the file's name."""

    def __init__(self, message: Message, row: int | None = None, column: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.row = row
        self.column = column


class CellError(ValueError):
    """A cell's value that cannot be read; the reader turns it into a ``ReportError`` naming
    the row and column."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, slots=True)
class OrderTotal:
    """One order summed over its lines: what the orders table shows."""

    source: str
    order_id: str
    lines: int
    amount: Decimal
    commission: Decimal
