"""Shopee's Affiliate Commission Report (``AffiliateCommissionReport<timestamp>.csv``): one row
per item and model of an order, 47 columns, Thai headers in the Thai export and English ones
(money headers carrying the local currency sign) in the others.

The rules that matter:

* An order's commission is the sum of ``ค่าคอมมิชชั่นสุทธิ(฿)`` (Affiliate Net Commission) down
  its rows. The order-level commission appears on the order's first row only and is already
  inside that row's net figure, so adding the item and order commission columns would count
  it twice; they are not read.
* A line's amount is its purchase value less its refund; a row whose refund covers its whole
  purchase value is "refunded".
* Statuses: รอดำเนินการ (pending), สำเร็จ (completed: paid), ยกเลิก (cancelled),
  ยังไม่ชำระเงิน (unpaid), or the English words.
* The creator's token travels in ``Sub_id1`` (of ``Sub_id1``–``Sub_id5``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kolscope.tracking.reports.formats import cells as read
from kolscope.tracking.reports.formats.cells import Column
from kolscope.tracking.reports.formats.rows import LineReader, StatusWords
from kolscope.tracking.reports.formats.values import ZEROED, Cell, Layout, ReportLine

ORDER_ID = Column("Order id", ("รหัสการสั่งซื้อ",))
ORDER_STATUS = Column("Order Status", ("สถานะการสั่งซื้อ",))
ORDER_TIME = Column("Order Time", ("เวลาที่สั่งซื้อ",))
COMPLETE_TIME = Column("Complete Time", ("เวลาที่สั่งซื้อสำเร็จ", "Completed Time"), False)
CLICK_TIME = Column("Click Time", ("เวลาคลิก",), False)
SHOP_NAME = Column("Shop Name", ("ชื่อร้านค้า",), False)
SHOP_ID = Column("Shop id", ("ID ร้านค้า",), False)
ITEM_ID = Column("Item id", ("รหัสรายการสินค้า",))
ITEM_NAME = Column("Item Name", ("ชื่อรายการสินค้า",))
MODEL_ID = Column("Model id", ("เลขที่ โมเดล", "เลขที่โมเดล"))
PURCHASE_VALUE = Column("Purchase Value", ("มูลค่าซื้อ",))
REFUND_AMOUNT = Column("Refund Amount", ("จำนวนเงินคืน",), False)
SHOPEE_RATE = Column("Item Shopee Commission Rate", ("อัตราคอมมิชชั่นช้อปปี้ของสินค้า",), False)
SELLER_RATE = Column("Item Seller Commission Rate", ("อัตราคอมมิชชั่นร้านค้าของสินค้า",), False)
NET_COMMISSION = Column("Affiliate Net Commission", ("ค่าคอมมิชชั่นสุทธิ", "Net Commission"))
SUB_IDS = tuple(Column(f"Sub_id{n}", (), n == 1) for n in range(1, 6))

COLUMNS = (
    ORDER_ID,
    ORDER_STATUS,
    ORDER_TIME,
    COMPLETE_TIME,
    CLICK_TIME,
    SHOP_NAME,
    SHOP_ID,
    ITEM_ID,
    ITEM_NAME,
    MODEL_ID,
    PURCHASE_VALUE,
    REFUND_AMOUNT,
    SHOPEE_RATE,
    SELLER_RATE,
    NET_COMMISSION,
    *SUB_IDS,
)
# What tells this report from the others (detection).
SIGNATURE = (ORDER_ID, ORDER_STATUS, ITEM_ID, MODEL_ID, NET_COMMISSION, SUB_IDS[0])

STATUSES = StatusWords(
    {
        "รอดำเนินการ": "pending",
        "สำเร็จ": "paid",
        "ยกเลิก": "cancelled",
        "ยังไม่ชำระเงิน": "unpaid",
        "Pending": "pending",
        "Completed": "paid",
        "Complete": "paid",
        "Cancelled": "cancelled",
        "Canceled": "cancelled",
        "Unpaid": "unpaid",
    }
)


class ShopeeReader(LineReader):
    layout = Layout.SHOPEE
    columns = COLUMNS

    def __init__(self, header: Sequence[Cell], header_row: int = 1) -> None:
        super().__init__(header, header_row)
        self.currency = (
            read.currency_in_header(self.column_header(NET_COMMISSION.name))
            or read.currency_in_header(self.column_header(PURCHASE_VALUE.name))
            or "THB"
        )
        self.sub_id_names = [c.name for c in SUB_IDS if self.has(c.name)]

    def read(self, cells: Sequence[Cell]) -> ReportLine:
        status, word = self.status(cells, ORDER_STATUS.name, STATUSES)
        ordered_at = self.need(cells, ORDER_TIME.name, read.moment)
        completed_at = self.get(cells, COMPLETE_TIME.name, read.moment)
        clicked_at = self.get(cells, CLICK_TIME.name, read.moment)
        purchase = self.get(cells, PURCHASE_VALUE.name, read.money_or_zero)
        refund = self.get(cells, REFUND_AMOUNT.name, read.money_or_zero)
        commission = self.get(cells, NET_COMMISSION.name, read.money_or_zero)
        if status in ("paid", "pending") and purchase > 0 and refund >= purchase:
            status = "refunded"
        amount = max(purchase - refund, Decimal(0))
        if status in ZEROED:
            amount = commission = Decimal(0)
        item_id = self.need(cells, ITEM_ID.name, read.id_text)
        model_id = self.get(cells, MODEL_ID.name, read.id_text)
        return ReportLine(
            source=self.layout.kind.value,
            shop=self.get(cells, SHOP_ID.name, read.id_text)
            or self.get(cells, SHOP_NAME.name, read.text),
            order_id=self.need(cells, ORDER_ID.name, read.id_text),
            line_key=f"{item_id}:{model_id}",
            item=self.get(cells, ITEM_NAME.name, read.text),
            status=status,
            shop_status=word,
            ordered_at=ordered_at,
            updated_at=read.latest(ordered_at, completed_at, clicked_at) or ordered_at,
            amount=amount,
            commission=commission,
            currency=self.currency,
            sub_ids=self.sub_ids(cells),
            creator_username="",
            content_id="",
            row=self.row,
            rate=self.rate(cells),
        )

    def sub_ids(self, cells: Sequence[Cell]) -> tuple[str, ...]:
        found = (self.get(cells, name, read.id_text) for name in self.sub_id_names)
        return tuple(s for s in found if s)

    def rate(self, cells: Sequence[Cell]) -> Decimal | None:
        """The item's commission rate: Shopee's and the seller's added, when stated."""
        rates = [
            self.get(cells, SHOPEE_RATE.name, read.rate),
            self.get(cells, SELLER_RATE.name, read.rate),
        ]
        stated = [r for r in rates if r is not None]
        return sum(stated, Decimal(0)) if stated else None
