"""TikTok Shop affiliate orders, in its two layouts: the creator's export (XLSX; title rows may
sit above the header; Thai headers in the Thai interface) and the seller's affiliate orders CSV.

TikTok Shop has no sub-id: a line names the creator (``Creator Username``; the creator's own
export names nobody, the uploader says whose it is) and the content (``Content ID``) instead.

* Settlement statuses: Settled (paid), Pending, Awaiting payment (unpaid), Ineligible
  (cancelled or refunded, no commission); the creator help pages also show Customer unpaid,
  Not settled, Frozen (held for review: pending) and Refunded.
* The creator's export states ``Items sold`` and ``Items refunded``: the line's amount is the
  price times the items kept, and a line whose items were all refunded is "refunded".
* Commission is the final amount once TikTok states one (``Total final earned amount``,
  ``Actual Commission Payment``); before that, the estimate (``Standard commission`` for the
  items kept, ``Estimated Commission Payment``).
* Dates are day first (``DD/MM/YYYY``), Bangkok time.

The Thai headers accepted here were not checked against a Thai export; they are listed in
docs/tracking_reports.md so a mismatch is easy to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from kolscope.tracking.reports.formats import cells as read
from kolscope.tracking.reports.formats.cells import Column
from kolscope.tracking.reports.formats.rows import LineReader, StatusWords
from kolscope.tracking.reports.formats.values import (
    ZEROED,
    Cell,
    Layout,
    LineStatus,
    ReportLine,
)

STATUSES = StatusWords(
    {
        "Settled": "paid",
        "Completed": "paid",
        "Pending": "pending",
        "Not settled": "pending",
        "Frozen": "pending",
        "Awaiting payment": "unpaid",
        "Customer unpaid": "unpaid",
        "Unpaid": "unpaid",
        "Ineligible": "ineligible",
        "Refunded": "refunded",
        "Cancelled": "cancelled",
        "Canceled": "cancelled",
        "ชำระบัญชีแล้ว": "paid",
        "รอดำเนินการ": "pending",
        "รอการชำระเงิน": "unpaid",
        "ไม่มีสิทธิ์": "ineligible",
    }
)

# The creator's export ---------------------------------------------------------------------------
ORDER_ID = Column("Order ID", ("รหัสคำสั่งซื้อ", "หมายเลขคำสั่งซื้อ"))
SKU_ID = Column("SKU ID", ("รหัส SKU",), False)
PRODUCT_NAME = Column("Product name", ("ชื่อสินค้า",))
PRODUCT_ID = Column("Product ID", ("รหัสสินค้า",))
PRICE = Column("Price", ("ราคา",))
ITEMS_SOLD = Column("Items sold", ("จำนวนสินค้าที่ขายได้", "สินค้าที่ขายได้"))
ITEMS_REFUNDED = Column("Items refunded", ("จำนวนสินค้าที่คืนเงิน", "สินค้าที่คืนเงิน"), False)
SHOP_NAME = Column("Shop name", ("ชื่อร้านค้า",), False)
SETTLEMENT_STATUS = Column("Order settlement status", ("สถานะการชำระบัญชีคำสั่งซื้อ",))
CONTENT_TYPE = Column("Content Type", ("ประเภทเนื้อหา",), False)
CONTENT_ID = Column("Content ID", ("รหัสเนื้อหา",))
STANDARD_COMMISSION = Column("Standard commission", ("ค่าคอมมิชชั่นมาตรฐาน",), False)
STANDARD_RATE = Column("Standard commission rate", ("อัตราค่าคอมมิชชั่นมาตรฐาน",), False)
FINAL_EARNED = Column("Total final earned amount", ("จำนวนเงินที่ได้รับจริงทั้งหมด",))
ORDER_DATE = Column("Order date", ("วันที่สั่งซื้อ",))
CREATOR = Column("Creator username", ("ชื่อผู้ใช้ครีเอเตอร์",), False)

CREATOR_COLUMNS = (
    ORDER_ID,
    SKU_ID,
    PRODUCT_NAME,
    PRODUCT_ID,
    PRICE,
    ITEMS_SOLD,
    ITEMS_REFUNDED,
    SHOP_NAME,
    SETTLEMENT_STATUS,
    CONTENT_TYPE,
    CONTENT_ID,
    STANDARD_COMMISSION,
    STANDARD_RATE,
    FINAL_EARNED,
    ORDER_DATE,
    CREATOR,
)
CREATOR_SIGNATURE = (ORDER_ID, SETTLEMENT_STATUS, CONTENT_ID, FINAL_EARNED)

# The seller's affiliate orders CSV --------------------------------------------------------------
CREATOR_USERNAME = Column("Creator Username", ("ชื่อผู้ใช้ครีเอเตอร์",))
PAYMENT_AMOUNT = Column("Payment Amount", ("ยอดชำระเงิน",))
ORDER_STATUS = Column("Order Status", ("สถานะคำสั่งซื้อ",))
ACTUAL_COMMISSION = Column("Actual Commission Payment", ("ค่าคอมมิชชั่นที่จ่ายจริง",))
ESTIMATED_COMMISSION = Column("Estimated Commission Payment", ("ค่าคอมมิชชั่นโดยประมาณ",), False)
COMMISSION_RATE = Column("Commission Rate", ("อัตราค่าคอมมิชชั่น",), False)
TIME_CREATED = Column("Time Created", ("เวลาที่สร้าง",))
SELLER_PRODUCT_ID = Column("Product ID", ("รหัสสินค้า",), False)
SELLER_PRODUCT_NAME = Column("Product Name", ("ชื่อสินค้า",), False)
SELLER_SHOP = Column("Shop Name", ("ชื่อร้านค้า",), False)

SELLER_COLUMNS = (
    ORDER_ID,
    CREATOR_USERNAME,
    CONTENT_ID,
    PAYMENT_AMOUNT,
    ORDER_STATUS,
    ACTUAL_COMMISSION,
    ESTIMATED_COMMISSION,
    COMMISSION_RATE,
    TIME_CREATED,
    SKU_ID,
    SELLER_PRODUCT_ID,
    SELLER_PRODUCT_NAME,
    SELLER_SHOP,
)
SELLER_SIGNATURE = (ORDER_ID, CREATOR_USERNAME, CONTENT_ID, ACTUAL_COMMISSION)


def _commission(final: Decimal | None, estimate: Decimal | None, status: LineStatus) -> Decimal:
    """The final commission once stated (a 0 counts only for a settled line: TikTok writes 0
    before it settles), else the estimate."""
    if final is not None and (final != 0 or status == "paid"):
        return final
    return estimate if estimate is not None else Decimal(0)


def _satang(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class TikTokCreatorReader(LineReader):
    layout = Layout.TIKTOK_CREATOR
    columns = CREATOR_COLUMNS

    def __init__(self, header: Sequence[Cell], header_row: int = 1) -> None:
        super().__init__(header, header_row)
        self.currency = read.currency_in_header(self.column_header(PRICE.name)) or "THB"

    def read(self, cells: Sequence[Cell]) -> ReportLine:
        status, word = self.status(cells, SETTLEMENT_STATUS.name, STATUSES)
        ordered_at = self.need(cells, ORDER_DATE.name, read.moment)
        price = self.need(cells, PRICE.name, read.money)
        sold = self.get(cells, ITEMS_SOLD.name, read.count)
        refunded = min(self.get(cells, ITEMS_REFUNDED.name, read.count), sold)
        kept = sold - refunded
        if status in ("paid", "pending") and sold > 0 and kept == 0:
            status = "refunded"
        standard = self.get(cells, STANDARD_COMMISSION.name, read.money)
        estimate = None if standard is None or sold == 0 else _satang(standard * kept / sold)
        commission = _commission(self.get(cells, FINAL_EARNED.name, read.money), estimate, status)
        amount = price * kept
        if status in ZEROED:
            amount = commission = Decimal(0)
        order_id = self.need(cells, ORDER_ID.name, read.id_text)
        product_id = self.need(cells, PRODUCT_ID.name, read.id_text)
        return ReportLine(
            source=self.layout.kind.value,
            shop=self.get(cells, SHOP_NAME.name, read.text),
            order_id=order_id,
            line_key=self.get(cells, SKU_ID.name, read.id_text) or f"product:{product_id}",
            item=self.get(cells, PRODUCT_NAME.name, read.text),
            status=status,
            shop_status=word,
            ordered_at=ordered_at,
            updated_at=ordered_at,
            amount=amount,
            commission=commission,
            currency=self.currency,
            sub_ids=(),
            creator_username=self.get(cells, CREATOR.name, read.text).lstrip("@"),
            content_id=self.get(cells, CONTENT_ID.name, read.id_text),
            row=self.row,
            rate=self.get(cells, STANDARD_RATE.name, read.rate),
        )


class TikTokSellerReader(LineReader):
    layout = Layout.TIKTOK_SELLER
    columns = SELLER_COLUMNS

    def __init__(self, header: Sequence[Cell], header_row: int = 1) -> None:
        super().__init__(header, header_row)
        self.currency = read.currency_in_header(self.column_header(PAYMENT_AMOUNT.name)) or "THB"

    def read(self, cells: Sequence[Cell]) -> ReportLine:
        status, word = self.status(cells, ORDER_STATUS.name, STATUSES)
        ordered_at = self.need(cells, TIME_CREATED.name, read.moment)
        amount = self.get(cells, PAYMENT_AMOUNT.name, read.money_or_zero)
        commission = _commission(
            self.get(cells, ACTUAL_COMMISSION.name, read.money),
            self.get(cells, ESTIMATED_COMMISSION.name, read.money),
            status,
        )
        if status in ZEROED:
            amount = commission = Decimal(0)
        order_id = self.need(cells, ORDER_ID.name, read.id_text)
        line_key = (
            self.get(cells, SKU_ID.name, read.id_text)
            or self.get(cells, SELLER_PRODUCT_ID.name, read.id_text)
            or order_id
        )
        return ReportLine(
            source=self.layout.kind.value,
            shop=self.get(cells, SELLER_SHOP.name, read.text),
            order_id=order_id,
            line_key=line_key,
            item=self.get(cells, SELLER_PRODUCT_NAME.name, read.text),
            status=status,
            shop_status=word,
            ordered_at=ordered_at,
            updated_at=ordered_at,
            amount=amount,
            commission=commission,
            currency=self.currency,
            sub_ids=(),
            creator_username=self.need(cells, CREATOR_USERNAME.name, read.text).lstrip("@"),
            content_id=self.get(cells, CONTENT_ID.name, read.id_text),
            row=self.row,
            rate=self.get(cells, COMMISSION_RATE.name, read.rate),
        )
