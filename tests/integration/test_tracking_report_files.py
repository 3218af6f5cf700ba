"""Marketplace report files on disk: real CSV (UTF-8 with a BOM, Thai Windows text) and XLSX
files with the columns issue #17 lists, written by tests/tracking_reports_factory.py, read back
through ``read_report`` and ``preview``; errors name the file, row and column."""

from __future__ import annotations

import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from kolscope.tracking.reports.files import ReportFileError, preview, read_report
from kolscope.tracking.reports.formats import Layout, ReportKind, order_totals
from tests.tracking_reports_factory import (
    LAZADA,
    LAZADA_SHEET,
    SHOPEE_EN,
    SHOPEE_TH,
    TIKTOK_TITLE_ROWS,
    lazada_rows,
    lazada_values,
    lazada_xlsx,
    row,
    shopee_csv,
    shopee_order,
    shopee_rows,
    tiktok_creator_xlsx,
    tiktok_seller_csv,
    write_csv,
)

SHOPEE_NAME = "AffiliateCommissionReport20260601101500.csv"
LAZADA_NAME = "LAZADA-ConversionReport-20260501-20260531.xlsx"


def refused(path: Path, kind: ReportKind | None = None) -> ReportFileError:
    with pytest.raises(ReportFileError) as caught:
        list(read_report(path, kind).lines())
    return caught.value


def test_shopee_thai_csv_with_bom_reads_every_row(tmp_path: Path) -> None:
    path = shopee_csv(tmp_path / SHOPEE_NAME, rows=300)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    report = read_report(path)
    assert (report.kind, report.layout, report.header_row) == (
        ReportKind.SHOPEE,
        Layout.SHOPEE,
        1,
    )
    assert report.header == tuple(SHOPEE_TH)
    assert "รหัสการสั่งซื้อ" in str(report.reason)
    lines = list(report.lines())
    assert [line.row for line in lines] == list(range(2, 302))
    cells = list(shopee_rows(300))
    net = SHOPEE_EN.index("Affiliate Net Commission(฿)")
    totals = order_totals(lines)
    assert sum(t.commission for t in totals.values()) == sum(Decimal(str(r[net])) for r in cells)
    assert all(line.currency == "THB" and line.ordered_at.utcoffset() for line in lines)


def test_shopee_english_export(tmp_path: Path) -> None:
    report = read_report(shopee_csv(tmp_path / "AffiliateCommissionReport.csv", 20, thai=False))
    assert report.layout is Layout.SHOPEE
    statuses = {line.shop_status for line in report.lines()}
    assert statuses <= {"Completed", "Pending", "Cancelled", "Unpaid"}


def test_lazada_xlsx_reads_its_sheet_and_ids_as_text(tmp_path: Path) -> None:
    path = lazada_xlsx(tmp_path / LAZADA_NAME, rows=90)
    report = read_report(path)
    assert report.layout is Layout.LAZADA
    lines = list(report.lines())
    assert len(lines) == 90
    assert lines[1].shop == "100043000001"  # Seller ID stored as the number 1.00043000001E11
    assert {line.status for line in lines} == {"paid", "pending", "refunded", "rejected"}
    assert all(line.amount == 0 for line in lines if line.status in ("refunded", "rejected"))
    assert list(report.lines()) == lines  # read again: the file is opened anew


def test_lazada_sheet_is_found_by_name_among_others(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Summary"  # type: ignore[union-attr]
    book.active.append(["Total payout", 123])  # type: ignore[union-attr]
    sheet = book.create_sheet(LAZADA_SHEET)
    sheet.append(LAZADA)
    for cells in lazada_rows(3):
        sheet.append(cells)
    book.save(tmp_path / LAZADA_NAME)
    assert len(list(read_report(tmp_path / LAZADA_NAME).lines())) == 3


def test_tiktok_creator_export_with_title_rows_and_thai_headers(tmp_path: Path) -> None:
    report = read_report(tiktok_creator_xlsx(tmp_path / "affiliate_orders.xlsx", 30, thai=True))
    assert (report.kind, report.layout) == (ReportKind.TIKTOK_SHOP, Layout.TIKTOK_CREATOR)
    assert report.header_row == len(TIKTOK_TITLE_ROWS) + 1
    lines = list(report.lines())
    assert lines[0].row == report.header_row + 1
    assert lines[0].order_id == "577000000000000000"
    assert all(line.sub_ids == () for line in lines)


def test_tiktok_seller_csv(tmp_path: Path) -> None:
    report = read_report(tiktok_seller_csv(tmp_path / "affiliate_orders.csv", 16))
    assert report.layout is Layout.TIKTOK_SELLER
    lines = list(report.lines())
    assert {line.creator_username for line in lines} == {"namwan.review", "pim_daily", "arm.eats"}
    assert list(report.lines()) == lines


def test_a_bad_cell_names_the_file_row_and_column(tmp_path: Path) -> None:
    rows = list(shopee_rows(80))
    rows[55][SHOPEE_EN.index("Purchase Value(฿)")] = "๑๒๓ บาท?"
    path = write_csv(tmp_path / SHOPEE_NAME, SHOPEE_TH, rows)
    error = refused(path)
    assert (error.file, error.row, error.column) == (SHOPEE_NAME, 57, "มูลค่าซื้อ(฿)")
    assert str(error).startswith(f"{SHOPEE_NAME}: row 57, column มูลค่าซื้อ(฿): ")


def test_xlsx_row_numbers_are_the_sheets_even_with_empty_rows_between(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = LAZADA_SHEET  # type: ignore[union-attr]
    for column, name in enumerate(LAZADA, start=1):
        sheet.cell(row=1, column=column, value=name)  # type: ignore[union-attr]
    good = row(LAZADA, lazada_values(0))
    bad = row(LAZADA, lazada_values(1) | {"Order Amount": "lots"})
    for at, cells in ((2, good), (6, bad)):  # rows 3-5 left empty
        for column, value in enumerate(cells, start=1):
            sheet.cell(row=at, column=column, value=value or None)  # type: ignore[union-attr]
    book.save(tmp_path / LAZADA_NAME)
    error = refused(tmp_path / LAZADA_NAME)
    assert (error.row, error.column) == (6, "Order Amount")


def test_a_header_missing_a_needed_column_is_refused_before_reading(tmp_path: Path) -> None:
    header = [h for h in SHOPEE_TH if h != "เวลาที่สั่งซื้อ"]
    cells = [
        [c for h, c in zip(SHOPEE_TH, r, strict=True) if h != "เวลาที่สั่งซื้อ"] for r in shopee_rows(3)
    ]
    path = write_csv(tmp_path / SHOPEE_NAME, header, cells)
    with pytest.raises(ReportFileError) as caught:
        read_report(path)
    assert (caught.value.row, caught.value.column) == (1, "Order Time")
    assert SHOPEE_NAME in str(caught.value)


def test_asking_for_the_wrong_kind_or_giving_no_report_is_refused(tmp_path: Path) -> None:
    path = shopee_csv(tmp_path / SHOPEE_NAME, 5)
    error = refused(path, ReportKind.LAZADA)
    assert error.problem.code == "track.reports.wrong_kind"
    assert read_report(path, ReportKind.SHOPEE).reason.code == "track.reports.asked"
    creators = write_csv(tmp_path / "creators.csv", ["handle", "followers"], [["namwan", 1200]])
    error = refused(creators)
    assert error.problem.code == "track.reports.nothing"
    assert error.file == "creators.csv"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("report.pdf", b"%PDF-1.4", "track.reports.not_a_report_file"),
        ("report.csv", b"", "track.reports.empty_file"),
        ("report.xlsx", b"PK\x03\x04 not really a zip", "track.reports.not_xlsx"),
    ],
)
def test_files_that_are_no_spreadsheet(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert refused(path).problem.code == code


def test_thai_windows_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / SHOPEE_NAME
    lines = [",".join(SHOPEE_TH), *(",".join(str(c) for c in r) for r in shopee_rows(4))]
    path.write_bytes("\r\n".join(lines).encode("cp874"))
    report = read_report(path)
    assert report.header == tuple(SHOPEE_TH)
    assert next(line.item for line in report.lines()) == "เซรั่มวิตามินซี 30ml"


def test_preview_shows_the_report_found_and_its_first_rows(tmp_path: Path) -> None:
    shown = preview(lazada_xlsx(tmp_path / LAZADA_NAME, rows=40), rows=20)
    assert (shown.kind, shown.layout) == (ReportKind.LAZADA, Layout.LAZADA)
    assert "Lazada" in str(shown.reason)
    assert len(shown.rows) == len(shown.lines) == 20
    assert shown.rows[0]["Product ID"] == "100188093044"  # ids shown as text too
    assert shown.problem is None


def test_preview_of_a_bad_row_or_of_no_report(tmp_path: Path) -> None:
    order = [v | {"Order Time": "soon"} if i == 1 else v for i, v in enumerate(shopee_order(1, 3))]
    path = write_csv(tmp_path / SHOPEE_NAME, SHOPEE_TH, [row(SHOPEE_EN, v) for v in order])
    shown = preview(path)
    assert len(shown.rows) == 3
    assert len(shown.lines) == 1
    assert shown.problem is not None
    assert "row 3, column เวลาที่สั่งซื้อ" in str(shown.problem)
    other = preview(write_csv(tmp_path / "x.csv", ["a", "b"], [["1", "2"]]))
    assert other.kind is None
    assert other.rows == ({"a": "1", "b": "2"},)
    assert other.reason.code == "track.reports.nothing"


def test_lines_stream_in_flat_memory(tmp_path: Path) -> None:
    """10,000 rows (about 4.5 MB of CSV) read with a peak far below the file's size."""
    path = shopee_csv(tmp_path / SHOPEE_NAME, rows=10_000)
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_report(path).lines())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert path.stat().st_size > 4_000_000
    assert peak < 1_000_000
