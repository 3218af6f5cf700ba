"""Marketplace affiliate reports, pure: telling Shopee, Lazada and TikTok Shop reports apart by
their columns, reading their rows into lines by each marketplace's rules, and naming the row
and column of a bad cell. Rows come from tests/tracking_reports_factory.py (synthetic)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kolscope.domain.dates import BANGKOK
from kolscope.tracking.reports.formats import (
    Layout,
    ReportError,
    ReportKind,
    ReportLine,
    detect,
    explain,
    locate,
    order_totals,
    read_lines,
)
from kolscope.tracking.reports.formats import cells as read
from kolscope.tracking.reports.formats.values import CellError
from tests.tracking_reports_factory import (
    LAZADA,
    SHOPEE_EN,
    SHOPEE_TH,
    TIKTOK_CREATOR_EN,
    TIKTOK_CREATOR_TH,
    TIKTOK_SELLER,
    TIKTOK_TITLE_ROWS,
    lazada_values,
    row,
    shopee_order,
    tiktok_creator_values,
    tiktok_seller_values,
)


def one(layout: Layout, header: list[str], values: dict[str, Any]) -> ReportLine:
    english = {
        Layout.SHOPEE: SHOPEE_EN,
        Layout.LAZADA: LAZADA,
        Layout.TIKTOK_CREATOR: TIKTOK_CREATOR_EN,
        Layout.TIKTOK_SELLER: TIKTOK_SELLER,
    }[layout]
    (line,) = read_lines(layout, header, [row(english, values)])
    return line


def failure(layout: Layout, header: list[str], rows: list[list[Any]]) -> ReportError:
    with pytest.raises(ReportError) as caught:
        list(read_lines(layout, header, rows))
    return caught.value


# Detection ----------------------------------------------------------------------------------------
HEADERS = [
    (SHOPEE_TH, Layout.SHOPEE), (SHOPEE_EN, Layout.SHOPEE), (LAZADA, Layout.LAZADA),
    (TIKTOK_CREATOR_EN, Layout.TIKTOK_CREATOR), (TIKTOK_CREATOR_TH, Layout.TIKTOK_CREATOR),
    (TIKTOK_SELLER, Layout.TIKTOK_SELLER),
]  # fmt: skip


@pytest.mark.parametrize(("header", "layout"), HEADERS)
def test_each_report_is_told_by_its_columns(header: list[str], layout: Layout) -> None:
    found = detect(header)
    assert found is not None
    assert (found.kind, found.layout) == (layout.kind, layout)
    assert found.reason.code == "track.reports.found"
    assert set(found.reason.params["columns"]) <= set(header)  # named as the file writes them


def test_detection_ignores_bom_spaces_case_and_currency_signs() -> None:
    messy = [f"  {h.upper()} " for h in SHOPEE_EN]
    messy[0] = "\ufeff" + messy[0]
    messy[36] = "Affiliate_Net_Commission (RM)"
    found = detect(messy)
    assert found is not None
    assert found.layout is Layout.SHOPEE
    thai = ["\ufeff" + SHOPEE_TH[0], *SHOPEE_TH[1:]]
    assert detect(thai) is not None


def test_tiktok_creator_header_is_found_below_its_title_rows() -> None:
    found = locate([*TIKTOK_TITLE_ROWS, TIKTOK_CREATOR_TH, ["x"]])
    assert found is not None
    index, detected = found
    assert index == len(TIKTOK_TITLE_ROWS)
    assert detected.layout is Layout.TIKTOK_CREATOR


def test_a_file_that_is_no_report_says_so() -> None:
    rows = [["handle", "followers", "engagement"], ["namwan", "12000", "0.03"]]
    assert detect(rows[0]) is None
    assert locate(rows) is None
    said = explain(rows)
    assert said.code == "track.reports.nothing"
    assert "none of the first 2 rows" in str(said)


def test_a_near_miss_names_the_nearest_report_and_its_missing_columns() -> None:
    header = [h for h in LAZADA if h not in ("Validity", "Payout")]
    assert locate([header]) is None
    said = explain([header])
    assert said.code == "track.reports.nearest"
    assert said.params["missing"] == ["Validity", "Payout"]
    assert "Lazada" in str(said)


def test_kind_asked_for_is_read_as_that_kind_and_its_reader_names_what_is_missing() -> None:
    header = [h for h in LAZADA if h != "Payout"]
    found = locate([header], ReportKind.LAZADA)
    assert found is not None
    assert found[1].layout is Layout.LAZADA
    assert found[1].reason.code == "track.reports.asked"
    error = failure(Layout.LAZADA, header, [])
    assert (error.row, error.column) == (1, "Payout")
    assert "needs the columns Payout" in str(error)


def test_kind_asked_for_that_the_file_plainly_is_not_is_refused() -> None:
    assert locate([SHOPEE_TH], ReportKind.LAZADA) is None
    said = explain([SHOPEE_TH], ReportKind.LAZADA)
    assert said.code == "track.reports.wrong_kind"
    assert "Shopee" in str(said)
    assert "Lazada" in str(said)
    assert explain([["a"]], ReportKind.TIKTOK_SHOP).code == "track.reports.missing_columns"
    assert detect(TIKTOK_SELLER, ReportKind.SHOPEE) is None
    seller = detect(TIKTOK_SELLER, ReportKind.TIKTOK_SHOP)
    assert seller is not None
    assert seller.layout is Layout.TIKTOK_SELLER


# Shopee -------------------------------------------------------------------------------------------
SHOPEE_WORDS = [
    ("สำเร็จ", "paid"), ("รอดำเนินการ", "pending"), ("ยกเลิก", "cancelled"),
    ("ยังไม่ชำระเงิน", "unpaid"), ("Completed", "paid"), ("Pending", "pending"),
    ("Cancelled", "cancelled"), ("Unpaid", "unpaid"),
]  # fmt: skip


@pytest.mark.parametrize(("word", "status"), SHOPEE_WORDS)
def test_shopee_statuses(word: str, status: str) -> None:
    values = shopee_order(1)[0] | {"Order Status": word}
    line = one(Layout.SHOPEE, SHOPEE_TH, values)
    assert (line.status, line.shop_status) == (status, word)
    if status == "cancelled":
        assert line.amount == line.commission == 0
    if status == "unpaid":
        assert line.amount == Decimal(str(values["Purchase Value(฿)"]))  # may still be paid


def test_shopee_commission_is_summed_down_the_rows_never_item_plus_order() -> None:
    order = shopee_order(4, items=3)
    lines = list(read_lines(Layout.SHOPEE, SHOPEE_TH, [row(SHOPEE_EN, v) for v in order]))
    assert [line.row for line in lines] == [2, 3, 4]
    net = sum(Decimal(str(v["Affiliate Net Commission(฿)"])) for v in order)
    item_total = sum(Decimal(str(v["Item Total Commission(฿)"])) for v in order)
    order_total = Decimal(str(order[0]["Order Total Commission(฿)"]))
    total = order_totals(lines)[("shopee", order[0]["Order id"])]
    assert total.lines == 3
    assert total.commission == net == item_total + order_total  # the order part once
    assert total.commission != item_total + 3 * order_total  # not once per row
    assert total.amount == sum(Decimal(str(v["Purchase Value(฿)"])) for v in order)


def test_shopee_line_reads_ids_as_text_times_in_bangkok_and_sub_ids_in_order() -> None:
    values = shopee_order(2, items=2)[1] | {"Sub_id1": "", "Sub_id3": "tiktok"}
    line = one(Layout.SHOPEE, SHOPEE_EN, values)
    assert line.order_id == "260500000002TH"
    assert line.line_key == "23456000021:178000000001"
    assert line.shop == "311000101"
    assert line.ordered_at == datetime(2026, 5, 1, 9, 14, tzinfo=BANGKOK)
    assert line.updated_at == line.ordered_at + timedelta(days=6)  # its complete time
    assert line.sub_ids == ("songkran26", "tiktok")
    assert line.currency == "THB"
    assert line.rate == Decimal("0.035")
    assert line.key == ("shopee", "260500000002TH", "23456000021:178000000001")


def test_shopee_refunds_are_taken_off_and_a_whole_refund_zeroes_the_line() -> None:
    values = shopee_order(3)[0]
    purchase = Decimal(str(values["Purchase Value(฿)"]))
    part = one(Layout.SHOPEE, SHOPEE_TH, values | {"Refund Amount(฿)": "100.00"})
    assert part.status == "paid"
    assert part.amount == purchase - 100
    assert part.commission == Decimal(str(values["Affiliate Net Commission(฿)"]))
    whole = one(Layout.SHOPEE, SHOPEE_TH, values | {"Refund Amount(฿)": str(purchase)})
    assert (whole.status, whole.amount, whole.commission) == ("refunded", 0, 0)


def test_shopee_other_country_export_takes_its_currency_from_the_money_headers() -> None:
    header = [h.replace("(฿)", "(RM)") for h in SHOPEE_EN]
    line = one(Layout.SHOPEE, header, shopee_order(1)[0] | {"Order Status": "Completed"})
    assert line.currency == "MYR"


def test_shopee_bad_cells_name_their_row_and_column() -> None:
    good = row(SHOPEE_EN, shopee_order(1)[0])
    bad = row(SHOPEE_EN, shopee_order(2)[0] | {"Affiliate Net Commission(฿)": "12,3x"})
    error = failure(Layout.SHOPEE, SHOPEE_TH, [good, good, bad])
    assert (error.row, error.column) == (4, "ค่าคอมมิชชั่นสุทธิ(฿)")
    assert str(error) == "row 4, column ค่าคอมมิชชั่นสุทธิ(฿): 12,3x is not an amount of money"
    empty = row(SHOPEE_EN, shopee_order(2)[0] | {"Order id": "N/A"})
    error = failure(Layout.SHOPEE, SHOPEE_EN, [empty])
    assert (error.row, error.column, error.message.params["problem"].code) == (
        2,
        "Order id",
        "track.reports.empty",
    )
    when = row(SHOPEE_EN, shopee_order(2)[0] | {"Order Time": "31/02/2026 10:00"})
    assert failure(Layout.SHOPEE, SHOPEE_EN, [when]).column == "Order Time"


def test_shopee_unknown_status_names_the_words_it_knows() -> None:
    error = failure(
        Layout.SHOPEE, SHOPEE_TH, [row(SHOPEE_EN, shopee_order(1)[0] | {"Order Status": "ส่งแล้ว"})]
    )
    assert error.column == "สถานะการสั่งซื้อ"
    assert "ส่งแล้ว is not a status" in str(error)
    assert "สำเร็จ" in str(error)


def test_shopee_header_without_a_required_column_is_refused_at_the_header() -> None:
    header = [h for h in SHOPEE_TH if h != "มูลค่าซื้อ(฿)"]
    error = failure(Layout.SHOPEE, header, [])
    assert (error.row, error.column) == (1, "Purchase Value")


def test_blank_rows_are_skipped_but_counted() -> None:
    rows = [row(SHOPEE_EN, shopee_order(1)[0]), [""] * 47, [], row(SHOPEE_EN, shopee_order(2)[0])]
    assert [line.row for line in read_lines(Layout.SHOPEE, SHOPEE_EN, rows)] == [2, 5]


# Lazada -------------------------------------------------------------------------------------------
LAZADA_PAIRS = [
    ("Delivered", "valid", "paid", True), ("Fulfilled", "valid", "pending", True),
    ("Returned", "valid", "refunded", False), ("Rejected", "invalid", "rejected", False),
    ("Delivered", "invalid", "rejected", False),
]  # fmt: skip


@pytest.mark.parametrize(("status", "validity", "expected", "counts"), LAZADA_PAIRS)
def test_lazada_status_and_validity_pairs(
    status: str, validity: str, expected: str, counts: bool
) -> None:
    line = one(Layout.LAZADA, LAZADA, lazada_values(3, status=status, validity=validity))
    assert line.status == expected
    assert line.shop_status == f"{status} / {validity}"
    assert (line.amount > 0) is counts
    assert (line.commission > 0) is counts


def test_lazada_ids_stored_as_xlsx_numbers_read_as_text() -> None:
    values = lazada_values(1) | {"Seller ID": 1.00188093044e11, "Sub Order ID": 7.00000000001e11}
    line = one(Layout.LAZADA, LAZADA, values)
    assert line.shop == "100188093044"
    assert line.line_key == "700000000001"
    assert line.order_id == "500000000000"
    assert line.rate == Decimal("0.1629")
    assert line.amount == Decimal("295")
    assert line.commission == Decimal("48.06")


def test_lazada_dates_are_days_and_na_is_empty() -> None:
    line = one(Layout.LAZADA, LAZADA, lazada_values(0, status="Fulfilled"))
    assert line.ordered_at == datetime(2026, 5, 1, tzinfo=BANGKOK)
    assert line.updated_at == datetime(2026, 5, 2, tzinfo=BANGKOK)  # fulfilled; delivered N/A


def test_lazada_sub_ids_fall_back_to_aff_sub_id() -> None:
    values = lazada_values(0) | {"Sub ID 1": "N/A", "Aff Sub ID": "tok_old"}
    assert one(Layout.LAZADA, LAZADA, values).sub_ids == ("tok_old", "songkran26")
    values = lazada_values(0) | {"Sub ID 1": "tok_namwan", "Aff Sub ID": "tok_old"}
    assert one(Layout.LAZADA, LAZADA, values).sub_ids == ("tok_namwan", "songkran26")


def test_lazada_unknown_validity_and_broken_ids_are_named() -> None:
    bad = row(LAZADA, lazada_values(0) | {"Validity": "maybe"})
    error = failure(Layout.LAZADA, LAZADA, [bad])
    assert (error.row, error.column) == (2, "Validity")
    cut = row(LAZADA, lazada_values(0) | {"Seller ID": "1.00043E+11"})
    error = failure(Layout.LAZADA, LAZADA, [cut])
    assert error.column == "Seller ID"
    assert "last digits are lost" in str(error)


# TikTok Shop --------------------------------------------------------------------------------------
TIKTOK_WORDS = [
    ("Settled", "paid"), ("Pending", "pending"), ("Awaiting payment", "unpaid"),
    ("Ineligible", "ineligible"),
]  # fmt: skip


@pytest.mark.parametrize(("word", "status"), TIKTOK_WORDS)
def test_tiktok_settlement_statuses(word: str, status: str) -> None:
    line = one(Layout.TIKTOK_CREATOR, TIKTOK_CREATOR_TH, tiktok_creator_values(2, status=word))
    assert (line.status, line.shop_status) == (status, word)
    assert (line.commission == 0) is (status == "ineligible")


def test_tiktok_creator_export_refunds_dates_and_commission() -> None:
    values = tiktok_creator_values(5, status="Pending")  # 2 sold, 1 refunded
    line = one(Layout.TIKTOK_CREATOR, TIKTOK_CREATOR_EN, values)
    assert line.amount == Decimal("159.00")  # one item kept
    assert line.commission == Decimal("15.90")  # the estimate for the item kept
    assert line.ordered_at == datetime(2026, 5, 2, tzinfo=BANGKOK)  # 02/05/2026, day first
    assert line.line_key == "1729000000000000005"
    assert line.content_id == "7360000000000000005"
    assert line.sub_ids == ()
    assert line.creator_username == ""
    assert line.rate == Decimal("0.1")
    refunded = one(Layout.TIKTOK_CREATOR, TIKTOK_CREATOR_EN, values | {"Items refunded": 2})
    assert (refunded.status, refunded.amount, refunded.commission) == ("refunded", 0, 0)
    settled = one(Layout.TIKTOK_CREATOR, TIKTOK_CREATOR_EN, tiktok_creator_values(5))
    assert settled.commission == Decimal("15.90")  # the final amount TikTok states


def test_tiktok_creator_line_key_falls_back_to_the_product() -> None:
    values = tiktok_creator_values(1) | {"SKU ID": ""}
    assert one(Layout.TIKTOK_CREATOR, TIKTOK_CREATOR_EN, values).line_key == (
        "product:1729500000000000001"
    )


def test_tiktok_seller_csv_names_the_creator_and_content() -> None:
    line = one(Layout.TIKTOK_SELLER, TIKTOK_SELLER, tiktok_seller_values(2, status="Pending"))
    assert line.creator_username == "arm.eats"  # "@" dropped
    assert line.content_id == "7361000000000000002"
    assert line.commission == Decimal("31.08")  # estimated until paid
    assert line.ordered_at == datetime(2026, 5, 1, 10, 26, tzinfo=BANGKOK)
    assert line.amount == Decimal("259.00")
    assert line.status == "pending"
    settled = one(Layout.TIKTOK_SELLER, TIKTOK_SELLER, tiktok_seller_values(0))
    assert settled.commission == Decimal("22.68")
    assert settled.status == "paid"


def test_tiktok_seller_without_a_creator_is_refused() -> None:
    bad = row(TIKTOK_SELLER, tiktok_seller_values(0) | {"Creator Username": ""})
    error = failure(Layout.TIKTOK_SELLER, TIKTOK_SELLER, [bad])
    assert (error.row, error.column) == (2, "Creator Username")


# Cell readers (Hypothesis) ------------------------------------------------------------------------
@given(st.integers(min_value=0, max_value=2**53 - 1))
def test_integral_ids_are_their_digits_whatever_the_cell_type(number: int) -> None:
    assert read.id_text(number) == str(number)
    assert read.id_text(float(number)) == str(number)
    assert read.id_text(f"{number}.0") == str(number)
    digits = str(number)
    scientific = f"{digits[0]}.{digits[1:]}E+{len(digits) - 1}" if len(digits) > 1 else digits
    assert read.id_text(scientific) == digits


@given(st.integers(min_value=10**6, max_value=10**18))
def test_ids_written_short_are_refused_not_guessed(number: int) -> None:
    short = f"{number:.3E}"  # 1.234E+12
    with pytest.raises(CellError):
        read.id_text(short)
    if number >= 2**53:
        with pytest.raises(CellError):
            read.id_text(float(number))


@given(st.text(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ0123456789_", min_size=1, max_size=20))
def test_text_ids_are_kept_as_written(text: str) -> None:
    assert read.id_text(f" {text} ") == text


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_money_reads_plain_grouped_and_baht_signed_amounts(amount: Decimal) -> None:
    assert read.money(str(amount)) == amount
    assert read.money(f"{amount:,}") == amount
    assert read.money(f"฿{amount:,}") == amount
    assert read.money(float(amount)) == amount
    assert read.money_or_zero("N/A") == 0


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_rates_are_fractions(percent: Decimal) -> None:
    assert read.rate(f"{percent}%") == percent / 100
    fraction = percent / 100
    assert read.rate(str(fraction)) == fraction


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    )
)
def test_times_in_each_marketplace_form_are_bangkok_time(moment: datetime) -> None:
    aware = moment.replace(tzinfo=BANGKOK)
    assert read.moment(moment.strftime("%Y-%m-%d %H:%M:%S")) == aware
    assert read.moment(moment.strftime("%d/%m/%Y %H:%M:%S")) == aware
    day = aware.replace(hour=0, minute=0, second=0)
    assert read.moment(moment.strftime("%Y-%m-%d")) == day
    assert read.moment(moment.strftime("%d/%m/%Y")) == day
    assert read.moment(f"{moment.day:02d}/{moment.month:02d}/{moment.year + 543}") == day
    assert read.moment(moment) == aware


BAD_VALUES = [
    (read.money, "twelve"), (read.money, "NaN"), (read.rate, "150%"), (read.rate, "abc%"),
    (read.count, "1.5"), (read.count, "-2"), (read.moment, "2026-13-01"),
    (read.moment, "05/2026"), (read.id_text, 1.5), (read.id_text, "1.5E+0"),
]  # fmt: skip


@pytest.mark.parametrize(("reader", "value"), BAD_VALUES)
def test_bad_values_raise_cell_errors(reader: Any, value: Any) -> None:
    with pytest.raises(CellError):
        reader(value)


def test_headers_compare_loosely() -> None:
    assert read.header_key("\ufeff Sub_id1 ") == read.header_key("SUB ID 1") == "subid1"
    assert read.header_key("ค่าคอมมิชชั่นของแบรนด์์ต่อชิ้น(฿)") == read.header_key("ค่าคอมมิชชั่นของแบรนด์ต่อชิ้น")
    assert read.currency_in_header("Purchase Value(฿)") == "THB"
    assert read.currency_in_header("Purchase Value (Rp)") == "IDR"
    assert read.currency_in_header("Purchase Value") is None
