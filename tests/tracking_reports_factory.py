"""Synthetic marketplace affiliate reports, shaped as issue #17 lists their columns, for tests
and benchmarks: any number of rows, Thai or English headers, written as real CSV and XLSX files.

Every value is made up (shop names, items, ids, tokens). Rows are lists in column order; the
``*_values`` functions give one row as a dict keyed by the English column name, so a test can
change a cell by name and turn it into a row with ``row``.

    path = shopee_csv(tmp_path / "AffiliateCommissionReport20260601.csv", rows=500)
    path = lazada_xlsx(tmp_path / "LAZADA-ConversionReport-20260501-20260531.xlsx", rows=200)
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import chain
from pathlib import Path

from tests.tracking_reports_xlsx import write_sheet_xlsx

Cell = str | int | float | datetime | None

# Shopee Affiliate Commission Report (TH): 47 columns in this order --------------------------------
SHOPEE_TH = [
    "รหัสการสั่งซื้อ", "สถานะการสั่งซื้อ", "เลขที่คำสั่งซื้อ", "เวลาที่สั่งซื้อ", "เวลาที่สั่งซื้อสำเร็จ",
    "เวลาคลิก", "ชื่อร้านค้า", "ID ร้านค้า", "ประเภทของร้านค้า", "รหัสรายการสินค้า",
    "ชื่อรายการสินค้า", "เลขที่ โมเดล", "ประเภทสินค้า", "เลขที่โปรโมชั่น", "L1 หมวดหมู่สากล",
    "L2 หมวดหมู่สากล", "L3 หมวดหมู่สากล", "ราคา(฿)", "จำนวน", "ประเภทข้อเสนอ",
    "พาร์ทเนอร์ในแคมเปญ", "มูลค่าซื้อ(฿)", "จำนวนเงินคืน(฿)", "อัตราคอมมิชชั่นช้อปปี้ของสินค้า",
    "ค่าคอมมิชชั่นของช้อปปี้ต่อชิ้น(฿)", "อัตราคอมมิชชั่นร้านค้าของสินค้า",
    "ค่าคอมมิชชั่นของแบรนด์์ต่อชิ้น(฿)", "คอมมิชชั่นสินค้าโดยรวม(฿)",
    "คอมมิชชั่นคำสั่งซื้อจาก Shopee(฿)", "คอมมิชชั่นคำสั่งซื้อจากผู้ขาย(฿)",
    "คอมมิชชั่นคำสั่งซื้อโดยรวม(฿)", "ชื่อ MCN ที่ผูกไว้", "รหัสสัญญา MCN", "อัตราค่าบริการ MCN",
    "ค่าบริการ MCN(฿)", "อัตราค่าคอมมิชชั่นของพาร์ทเนอร์ตามข้อตกลง", "ค่าคอมมิชชั่นสุทธิ(฿)",
    "สถานะสินค้า Affiliate", "หมายเหตุสินค้า", "ประเภทการแจกจ่าย", "สถานะของผู้ซื้อ",
    "Sub_id1", "Sub_id2", "Sub_id3", "Sub_id4", "Sub_id5", "ช่องทาง",
]  # fmt: skip
SHOPEE_EN = [
    "Order id", "Order Status", "Conversion id", "Order Time", "Complete Time", "Click Time",
    "Shop Name", "Shop id", "Shop Type", "Item id", "Item Name", "Model id", "Product Type",
    "Promotion id", "L1 Global Category", "L2 Global Category", "L3 Global Category",
    "Price(฿)", "Qty", "Offer Type", "Campaign Partner", "Purchase Value(฿)",
    "Refund Amount(฿)", "Item Shopee Commission Rate", "Item Shopee Commission per Piece(฿)",
    "Item Seller Commission Rate", "Item Seller Commission per Piece(฿)",
    "Item Total Commission(฿)", "Order Commission from Shopee(฿)",
    "Order Commission from Seller(฿)", "Order Total Commission(฿)", "MCN Name",
    "MCN Contract id", "MCN Fee Rate", "MCN Fee(฿)", "Agreed Partner Commission Rate",
    "Affiliate Net Commission(฿)", "Affiliate Item Status", "Item Note", "Attribution Type",
    "Buyer Status", "Sub_id1", "Sub_id2", "Sub_id3", "Sub_id4", "Sub_id5", "Channel",
]  # fmt: skip
SHOPEE_STATUS_EN = {
    "สำเร็จ": "Completed",
    "รอดำเนินการ": "Pending",
    "ยกเลิก": "Cancelled",
    "ยังไม่ชำระเงิน": "Unpaid",
}

# Lazada Affiliate Conversion Report: 42 columns, sheet "Lazada Report" ----------------------------
LAZADA_SHEET = "Lazada Report"
LAZADA = [
    "Conversion Time", "Fulfilled Time", "Delivered Time", "Returned Time",
    "Offer ID", "Product ID", "Product Name", "Status", "Platform", "Country",
    "Check Out ID", "Sku Order ID", "Sub Order ID", "SKU", "SKU Name", "Category L1",
    "Brand ID", "Brand Name", "Seller ID", "Seller Name",
    "Commission Rate", "New User", "Payout", "Currency", "Aff Sub ID", "Validity", "Order Amount",
    "Invite Id", "Invite Name", "DM offerId", "DM Start Time", "DM End Time",
    "DM Commission Rate", "DM Commission Fee", "Guided Type", "Is Code",
    "Sub ID 1", "Sub ID 2", "Sub ID 3", "Sub ID 4", "Sub ID 5", "Sub ID 6",
]  # fmt: skip

# TikTok Shop affiliate orders: the creator's export and the seller's CSV --------------------------
TIKTOK_CREATOR_EN = [
    "Order ID", "SKU ID", "Product name", "Product ID", "Price", "Items sold", "Items refunded",
    "Shop name", "Order settlement status", "Content Type", "Content ID",
    "Standard commission rate", "Standard commission", "Total final earned amount", "Order date",
]  # fmt: skip
TIKTOK_CREATOR_TH = [
    "รหัสคำสั่งซื้อ", "รหัส SKU", "ชื่อสินค้า", "รหัสสินค้า", "ราคา", "จำนวนสินค้าที่ขายได้",
    "จำนวนสินค้าที่คืนเงิน", "ชื่อร้านค้า", "สถานะการชำระบัญชีคำสั่งซื้อ", "ประเภทเนื้อหา", "รหัสเนื้อหา",
    "อัตราค่าคอมมิชชั่นมาตรฐาน", "ค่าคอมมิชชั่นมาตรฐาน", "จำนวนเงินที่ได้รับจริงทั้งหมด", "วันที่สั่งซื้อ",
]  # fmt: skip
TIKTOK_TITLE_ROWS: list[list[Cell]] = [
    ["Affiliate orders"],
    ["Order date: 01/05/2026 - 31/05/2026"],
    [],
]
TIKTOK_SELLER = [
    "Order ID", "Product ID", "SKU ID", "Product Name", "Creator Username", "Content Type",
    "Content ID", "Payment Amount", "Commission Rate", "Estimated Commission Payment",
    "Actual Commission Payment", "Order Status", "Time Created",
]  # fmt: skip

ITEMS = ["เซรั่มวิตามินซี 30ml", "ครีมกันแดด SPF50", "ชาไทยพร้อมชง 500g", "Linen shirt, oversize"]
SHOPS = [("ร้านบ้านสบาย สกินแคร์", 311000101), ("Chaba Tea Official", 311000102)]
TOKENS = ["tok_namwan", "tok_pim", "tok_arm", ""]
START = datetime(2026, 5, 1, 9, 0, 0)


def row(columns: Sequence[str], values: Mapping[str, Cell]) -> list[Cell]:
    """``values`` (keyed by English column name) in ``columns``' order; "" for the rest."""
    return [values.get(column, "") for column in columns]


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


# Shopee -------------------------------------------------------------------------------------------
def shopee_order(
    number: int, items: int = 1, *, status: str = "สำเร็จ", token: str = "tok_namwan"
) -> list[dict[str, Cell]]:
    """One order's rows (one per item), keyed by English column name. The order-level
    commission (5.00 from Shopee, 2.00 from the seller) sits on the first row only, inside
    its net commission, as Shopee writes it."""
    shop_name, shop_id = SHOPS[number % len(SHOPS)]
    ordered = START + timedelta(minutes=7 * number)
    rows: list[dict[str, Cell]] = []
    for index in range(items):
        price = Decimal(199 + 100 * ((number + index) % 4))
        qty = 1 + (number + index) % 3
        purchase = price * qty
        shopee_rate, seller_rate = Decimal("0.035"), Decimal("0.05") if index == 0 else Decimal(0)
        item_commission = (purchase * (shopee_rate + seller_rate)).quantize(Decimal("0.01"))
        first = index == 0
        order_commission = Decimal("7.00") if first else Decimal(0)
        cancelled = status in ("ยกเลิก", "ยังไม่ชำระเงิน")
        net = Decimal(0) if cancelled else item_commission + order_commission
        rows.append(
            {
                "Order id": f"2605{number:08d}TH",
                "Order Status": status,
                "Conversion id": 9_100_000_000_000 + number,
                "Order Time": ordered.strftime("%Y-%m-%d %H:%M:%S"),
                "Complete Time": (ordered + timedelta(days=6)).strftime("%Y-%m-%d %H:%M:%S")
                if status == "สำเร็จ"
                else "--",
                "Click Time": (ordered - timedelta(minutes=12)).strftime("%Y-%m-%d %H:%M:%S"),
                "Shop Name": shop_name,
                "Shop id": shop_id,
                "Shop Type": "Mall" if shop_id % 2 else "Normal",
                "Item id": 23_456_000_000 + number * 10 + index,
                "Item Name": ITEMS[(number + index) % len(ITEMS)],
                "Model id": 178_000_000_000 + index,
                "Product Type": "Normal",
                "Promotion id": "",
                "L1 Global Category": "Beauty",
                "L2 Global Category": "Skincare",
                "L3 Global Category": "Serum",
                "Price(฿)": _money(price),
                "Qty": qty,
                "Offer Type": "Product Offer",
                "Campaign Partner": "",
                "Purchase Value(฿)": _money(purchase),
                "Refund Amount(฿)": "0.00",
                "Item Shopee Commission Rate": f"{shopee_rate * 100:.2f}%",
                "Item Shopee Commission per Piece(฿)": _money(price * shopee_rate),
                "Item Seller Commission Rate": f"{seller_rate * 100:.2f}%",
                "Item Seller Commission per Piece(฿)": _money(price * seller_rate),
                "Item Total Commission(฿)": _money(item_commission),
                "Order Commission from Shopee(฿)": "5.00" if first else "0.00",
                "Order Commission from Seller(฿)": "2.00" if first else "0.00",
                "Order Total Commission(฿)": _money(order_commission),
                "MCN Name": "",
                "MCN Contract id": "",
                "MCN Fee Rate": "0.00%",
                "MCN Fee(฿)": "0.00",
                "Agreed Partner Commission Rate": "0.00%",
                "Affiliate Net Commission(฿)": _money(net),
                "Affiliate Item Status": status,
                "Item Note": "",
                "Attribution Type": "Ordered in Same Shop",
                "Buyer Status": "New" if number % 3 == 0 else "Existing",
                "Sub_id1": token,
                "Sub_id2": "songkran26" if token else "",
                "Sub_id3": "",
                "Sub_id4": "",
                "Sub_id5": "",
                "Channel": "Instagram",
            }
        )
    return rows


def shopee_rows(count: int, *, thai: bool = True, seed: int = 17) -> Iterator[list[Cell]]:
    """``count`` rows of orders of 1-3 items with mixed statuses, in column order."""
    rng = random.Random(seed)
    statuses = ["สำเร็จ"] * 6 + ["รอดำเนินการ"] * 3 + ["ยกเลิก", "ยังไม่ชำระเงิน"]
    made, number = 0, 0
    while made < count:
        status = rng.choice(statuses)
        order = shopee_order(number, rng.randint(1, 3), status=status, token=rng.choice(TOKENS))
        for values in order[: count - made]:
            if not thai:
                values["Order Status"] = SHOPEE_STATUS_EN[str(values["Order Status"])]
            yield row(SHOPEE_EN, values)
            made += 1
        number += 1


def shopee_csv(path: Path, rows: int = 100, *, thai: bool = True) -> Path:
    """A Shopee report as the Thai (or English) export writes it: CSV, UTF-8 with a BOM."""
    return write_csv(path, SHOPEE_TH if thai else SHOPEE_EN, shopee_rows(rows, thai=thai))


# Lazada -------------------------------------------------------------------------------------------
LAZADA_PAIRS = [("Delivered", "valid")] * 5 + [
    ("Fulfilled", "valid"),
    ("Fulfilled", "valid"),
    ("Returned", "valid"),
    ("Rejected", "invalid"),
]


def lazada_values(
    number: int, *, status: str = "Delivered", validity: str = "valid"
) -> dict[str, Cell]:
    """One sub-order, with product, brand and seller ids as XLSX numbers (floats)."""
    day = (START + timedelta(hours=3 * number)).date()
    amount = Decimal(250 + (number % 7) * 45)
    rate = Decimal("0.1629") if number % 2 else Decimal("0.08")
    return {
        "Conversion Time": day.isoformat(),
        "Fulfilled Time": (day + timedelta(days=1)).isoformat() if status != "Rejected" else "N/A",
        "Delivered Time": (day + timedelta(days=3)).isoformat()
        if status in ("Delivered", "Returned")
        else "N/A",
        "Returned Time": (day + timedelta(days=9)).isoformat() if status == "Returned" else "N/A",
        "Offer ID": 70_001,
        "Product ID": 1.00188093044e11 + number,
        "Product Name": ITEMS[number % len(ITEMS)],
        "Status": status,
        "Platform": "app",
        "Country": "TH",
        "Check Out ID": str(500_000_000_000 + number // 2),
        "Sku Order ID": str(600_000_000_000 + number),
        "Sub Order ID": str(700_000_000_000 + number),
        "SKU": f"SKU-{number % 50}",
        "SKU Name": "30ml",
        "Category L1": "Health & Beauty",
        "Brand ID": 1.0000123e7 + number % 5,
        "Brand Name": "Baan Sabai",
        "Seller ID": 1.00043e11 + number % 3,
        "Seller Name": "Baan Sabai Official Store",
        "Commission Rate": float(rate),
        "New User": "N",
        "Payout": float((amount * rate).quantize(Decimal("0.01"))),
        "Currency": "THB",
        "Aff Sub ID": "N/A",
        "Validity": validity,
        "Order Amount": float(amount),
        "Invite Id": "N/A",
        "Invite Name": "N/A",
        "DM offerId": "N/A",
        "DM Start Time": "N/A",
        "DM End Time": "N/A",
        "DM Commission Rate": "N/A",
        "DM Commission Fee": "N/A",
        "Guided Type": "N/A",
        "Is Code": "N",
        "Sub ID 1": TOKENS[number % len(TOKENS)] or "N/A",
        "Sub ID 2": "songkran26",
        "Sub ID 3": "N/A",
        "Sub ID 4": "N/A",
        "Sub ID 5": "N/A",
        "Sub ID 6": "N/A",
    }


def lazada_rows(count: int) -> Iterator[list[Cell]]:
    for number in range(count):
        status, validity = LAZADA_PAIRS[number % len(LAZADA_PAIRS)]
        yield row(LAZADA, lazada_values(number, status=status, validity=validity))


def lazada_xlsx(path: Path, rows: int = 100) -> Path:
    """A Lazada conversion report: XLSX, sheet "Lazada Report"."""
    return write_xlsx(path, LAZADA, lazada_rows(rows), sheet=LAZADA_SHEET)


# TikTok Shop --------------------------------------------------------------------------------------
TIKTOK_STATUSES = ["Settled"] * 4 + ["Pending", "Pending", "Awaiting payment", "Ineligible"]


def tiktok_creator_values(number: int, *, status: str = "Settled") -> dict[str, Cell]:
    """One SKU of an order in a creator's export; a few have items refunded."""
    price = Decimal(159 + (number % 5) * 60)
    sold = 1 + number % 2
    refunded = 1 if number % 11 == 5 else 0
    standard = (price * sold * Decimal("0.1")).quantize(Decimal("0.01"))
    kept_share = Decimal(sold - refunded) / sold
    final = (standard * kept_share).quantize(Decimal("0.01")) if status == "Settled" else ""
    return {
        "Order ID": str(577_000_000_000_000_000 + number // 2),
        "SKU ID": str(1_729_000_000_000_000_000 + number),
        "Product name": ITEMS[number % len(ITEMS)],
        "Product ID": str(1_729_500_000_000_000_000 + number % 9),
        "Price": f"฿{price:,.2f}",
        "Items sold": sold,
        "Items refunded": refunded,
        "Shop name": SHOPS[number % 2][0],
        "Order settlement status": status,
        "Content Type": "Video" if number % 3 else "LIVE",
        "Content ID": str(7_360_000_000_000_000_000 + number % 13),
        "Standard commission rate": "10%",
        "Standard commission": f"฿{standard:,.2f}",
        "Total final earned amount": f"฿{final:,.2f}" if final != "" else "",
        "Order date": (START + timedelta(hours=5 * number)).strftime("%d/%m/%Y"),
    }


def tiktok_creator_rows(count: int) -> Iterator[list[Cell]]:
    for number in range(count):
        status = TIKTOK_STATUSES[number % len(TIKTOK_STATUSES)]
        yield row(TIKTOK_CREATOR_EN, tiktok_creator_values(number, status=status))


def tiktok_creator_xlsx(path: Path, rows: int = 100, *, thai: bool = False) -> Path:
    """A creator's TikTok Shop affiliate orders export: XLSX, title rows above the header."""
    header = TIKTOK_CREATOR_TH if thai else TIKTOK_CREATOR_EN
    return write_xlsx(
        path, header, tiktok_creator_rows(rows), sheet="Affiliate orders", titles=TIKTOK_TITLE_ROWS
    )


def tiktok_seller_values(number: int, *, status: str = "Settled") -> dict[str, Cell]:
    amount = Decimal(189 + (number % 6) * 35)
    estimate = (amount * Decimal("0.12")).quantize(Decimal("0.01"))
    return {
        "Order ID": str(578_000_000_000_000_000 + number),
        "Product ID": str(1_729_500_000_000_000_000 + number % 9),
        "SKU ID": str(1_729_100_000_000_000_000 + number),
        "Product Name": ITEMS[number % len(ITEMS)],
        "Creator Username": ["namwan.review", "pim_daily", "@arm.eats"][number % 3],
        "Content Type": "Video",
        "Content ID": str(7_361_000_000_000_000_000 + number % 17),
        "Payment Amount": f"{amount:.2f}",
        "Commission Rate": "12%",
        "Estimated Commission Payment": f"{estimate:.2f}",
        "Actual Commission Payment": f"{estimate:.2f}" if status == "Settled" else "",
        "Order Status": status,
        "Time Created": (START + timedelta(minutes=43 * number)).strftime("%d/%m/%Y %H:%M:%S"),
    }


def tiktok_seller_rows(count: int) -> Iterator[list[Cell]]:
    for number in range(count):
        status = TIKTOK_STATUSES[number % len(TIKTOK_STATUSES)]
        yield row(TIKTOK_SELLER, tiktok_seller_values(number, status=status))


def tiktok_seller_csv(path: Path, rows: int = 100) -> Path:
    """A seller's TikTok Shop affiliate orders CSV (UTF-8, no BOM)."""
    return write_csv(path, TIKTOK_SELLER, tiktok_seller_rows(rows), bom=False)


# Writing files ------------------------------------------------------------------------------------
def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    bom: bool = True,
    titles: Iterable[Sequence[Cell]] = (),
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows(titles)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    sheet: str = "Sheet1",
    titles: Iterable[Sequence[Cell]] = (),
) -> Path:
    """An XLSX workbook as marketplaces write them: shared strings, its size stated, streamed
    (rows never all in memory); see tests/tracking_reports_xlsx.py."""
    return write_sheet_xlsx(path, chain(titles, [header], rows), sheet=sheet)
