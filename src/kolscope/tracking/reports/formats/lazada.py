"""Lazada's Affiliate Conversion Report (``LAZADA-ConversionReport-<from>-<to>.xlsx``, sheet
"Lazada Report"): one row per sub-order, 42 columns, English headers.

The rules that matter:

* ``Status`` and ``Validity`` come in pairs: Delivered / valid (paid), Fulfilled / valid
  (shipped, not yet delivered: pending), Returned / valid (refunded), Rejected / invalid
  (rejected). A returned or rejected sub-order, or any marked invalid, counts 0.
* Dates are dates only (``2026-05-01``), ``N/A`` when empty, and Bangkok days.
* Product, brand and seller ids are XLSX numbers (``1.00188093044E11``): every id is read as
  text through its digits.
* ``Commission Rate`` is a fraction (``0.1629``); ``Payout`` is the affiliate's commission.
* The creator's token travels in ``Sub ID 1`` (of 1–6); a report without it falls back to
  ``Aff Sub ID``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kolscope.tracking import messages_reports as said
from kolscope.tracking.reports.formats import cells as read
from kolscope.tracking.reports.formats.cells import Column, header_key
from kolscope.tracking.reports.formats.rows import LineReader, StatusWords
from kolscope.tracking.reports.formats.values import (
    ZEROED,
    Cell,
    Layout,
    ReportLine,
)

CONVERSION_TIME = Column("Conversion Time")
FULFILLED_TIME = Column("Fulfilled Time", (), False)
DELIVERED_TIME = Column("Delivered Time", (), False)
RETURNED_TIME = Column("Returned Time", (), False)
PRODUCT_NAME = Column("Product Name")
STATUS = Column("Status")
CHECK_OUT_ID = Column("Check Out ID", ("Checkout ID",))
SUB_ORDER_ID = Column("Sub Order ID")
SELLER_ID = Column("Seller ID", (), False)
SELLER_NAME = Column("Seller Name", (), False)
COMMISSION_RATE = Column("Commission Rate", (), False)
PAYOUT = Column("Payout")
CURRENCY = Column("Currency", (), False)
AFF_SUB_ID = Column("Aff Sub ID", (), False)
VALIDITY = Column("Validity")
ORDER_AMOUNT = Column("Order Amount")
SUB_IDS = tuple(Column(f"Sub ID {n}", (), False) for n in range(1, 7))

COLUMNS = (
    CONVERSION_TIME,
    FULFILLED_TIME,
    DELIVERED_TIME,
    RETURNED_TIME,
    PRODUCT_NAME,
    STATUS,
    CHECK_OUT_ID,
    SUB_ORDER_ID,
    SELLER_ID,
    SELLER_NAME,
    COMMISSION_RATE,
    PAYOUT,
    CURRENCY,
    AFF_SUB_ID,
    VALIDITY,
    ORDER_AMOUNT,
    *SUB_IDS,
)
SIGNATURE = (CHECK_OUT_ID, SUB_ORDER_ID, STATUS, VALIDITY, PAYOUT, ORDER_AMOUNT)

# A valid sub-order's status; "invalid" makes any of them rejected. Pending and Canceled are not
# in the list of pairs; read as the words say.
STATUSES = StatusWords(
    {
        "Delivered": "paid",
        "Fulfilled": "pending",
        "Pending": "pending",
        "Returned": "refunded",
        "Rejected": "rejected",
        "Canceled": "cancelled",
        "Cancelled": "cancelled",
    }
)
VALID, INVALID = "valid", "invalid"


class LazadaReader(LineReader):
    layout = Layout.LAZADA
    columns = COLUMNS

    def __init__(self, header: Sequence[Cell], header_row: int = 1) -> None:
        super().__init__(header, header_row)
        self.sub_id_names = [c.name for c in SUB_IDS if self.has(c.name)]

    def read(self, cells: Sequence[Cell]) -> ReportLine:
        status, word = self.status(cells, STATUS.name, STATUSES)
        validity = header_key(self.get(cells, VALIDITY.name, read.text))
        if validity == INVALID:
            status = "rejected"
        elif validity not in (VALID, ""):
            raise self.error(
                said.UNKNOWN_VALIDITY(value=self.get(cells, VALIDITY.name, read.text)),
                VALIDITY.name,
            )
        ordered_at = self.need(cells, CONVERSION_TIME.name, read.moment)
        later = [
            self.get(cells, column.name, read.moment)
            for column in (FULFILLED_TIME, DELIVERED_TIME, RETURNED_TIME)
        ]
        amount = self.get(cells, ORDER_AMOUNT.name, read.money_or_zero)
        commission = self.get(cells, PAYOUT.name, read.money_or_zero)
        if status in ZEROED:
            amount = commission = Decimal(0)
        sub_order = self.need(cells, SUB_ORDER_ID.name, read.id_text)
        return ReportLine(
            source=self.layout.kind.value,
            shop=self.get(cells, SELLER_ID.name, read.id_text)
            or self.get(cells, SELLER_NAME.name, read.text),
            order_id=self.get(cells, CHECK_OUT_ID.name, read.id_text) or sub_order,
            line_key=sub_order,
            item=self.get(cells, PRODUCT_NAME.name, read.text),
            status=status,
            shop_status=_shop_status(word, validity),
            ordered_at=ordered_at,
            updated_at=read.latest(ordered_at, *later) or ordered_at,
            amount=amount,
            commission=commission,
            currency=(self.get(cells, CURRENCY.name, read.text) or "THB").upper(),
            sub_ids=self.sub_ids(cells),
            creator_username="",
            content_id="",
            row=self.row,
            rate=self.get(cells, COMMISSION_RATE.name, read.rate),
        )

    def sub_ids(self, cells: Sequence[Cell]) -> tuple[str, ...]:
        """Sub ID 1–6 in slot order; ``Aff Sub ID`` stands in for an empty Sub ID 1."""
        slots = [self.get(cells, name, read.id_text) for name in self.sub_id_names]
        if not (slots and self.sub_id_names[0] == SUB_IDS[0].name and slots[0]):
            fallback = self.get(cells, AFF_SUB_ID.name, read.id_text)
            if fallback:
                slots.insert(0, fallback)
        return tuple(s for s in slots if s)


def _shop_status(word: str, validity: str) -> str:
    return f"{word} / {validity}" if validity else word
