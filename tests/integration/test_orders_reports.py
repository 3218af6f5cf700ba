"""Marketplace reports into orders on SQLite and PostgreSQL: Shopee, Lazada and TikTok Shop
files imported whole or not at all (a bad row named by file, row and column, even past the
first batch), imported again or overlapping without counting anything twice, a later report
updating a line's status (and an older one never undoing it), lines that sold nothing zeroed,
and the evidence attribution reads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kolscope.bootstrap import Workspace
from kolscope.domain.team import INSTALLATION
from kolscope.infra.db import tables as t
from kolscope.tracking.db.orders import SqlOrders
from kolscope.tracking.orders_reports import BATCH
from kolscope.tracking.orders_values import OrderError
from tests.integration.test_orders_book import Placed, count, make_book
from tests.tracking_reports_factory import (
    SHOPEE_EN,
    SHOPEE_TH,
    lazada_xlsx,
    row,
    shopee_csv,
    shopee_order,
    shopee_rows,
    tiktok_seller_csv,
    write_csv,
)


def shopee_file(path: Path, orders: list[list[dict[str, Any]]]) -> Path:
    return write_csv(path, SHOPEE_TH, [row(SHOPEE_EN, v) for order in orders for v in order])


def totals(workspace: Workspace, source: str) -> tuple[int, Decimal, Decimal]:
    (summary,) = make_book(workspace).summary(INSTALLATION, source=source)
    return summary.orders, summary.amount_thb, summary.commission_thb


def test_a_shopee_report_imported_twice_counts_once(workspace: Workspace, tmp_path: Path) -> None:
    placed = Placed()
    book = make_book(workspace, placed)
    path = shopee_csv(tmp_path / "AffiliateCommissionReport20260601.csv", rows=120)
    first = book.import_report(path)
    assert (first.kind, first.rows, first.lines, first.changed_lines) == ("shopee", 120, 120, 120)
    assert first.new_orders == first.orders > 0
    before = totals(workspace, "shopee")
    again = book.import_report(path)
    assert (again.new_orders, again.changed_lines) == (0, 0)
    assert totals(workspace, "shopee") == before
    assert count(workspace, t.order_lines) == 120
    assert count(workspace, t.order_events) == 120
    assert len(placed.calls) == 1  # nothing changed the second time: nothing to place again
    assert str(again.message).startswith("AffiliateCommissionReport20260601.csv: 120 rows")


def test_overlapping_reports_never_double_count(workspace: Workspace, tmp_path: Path) -> None:
    book = make_book(workspace)
    orders = [shopee_order(number, items=2) for number in range(15)]
    book.import_report(shopee_file(tmp_path / "AffiliateCommissionReport1.csv", orders[:10]))
    book.import_report(shopee_file(tmp_path / "AffiliateCommissionReport2.csv", orders[5:]))
    book.import_report(shopee_file(tmp_path / "AffiliateCommissionReport3.csv", orders))
    expected = sum(
        (Decimal(str(v["Purchase Value(฿)"])) for order in orders for v in order), Decimal(0)
    )
    commission = sum(
        (Decimal(str(v["Affiliate Net Commission(฿)"])) for order in orders for v in order),
        Decimal(0),
    )
    assert totals(workspace, "shopee") == (15, expected, commission)
    assert count(workspace, t.order_lines) == 30


def test_a_later_report_updates_the_status_and_an_older_one_does_not_undo_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    book = make_book(workspace)
    pending = [shopee_order(1, status="รอดำเนินการ")]
    done = [shopee_order(1, status="สำเร็จ")]
    for values in done[0]:  # the completed report was downloaded later
        values["Complete Time"] = "2026-05-09 10:00:00"
    book.import_report(shopee_file(tmp_path / "AffiliateCommissionReport-early.csv", pending))
    (order,) = book.orders(INSTALLATION)
    assert order.status == "pending"
    book.import_report(shopee_file(tmp_path / "AffiliateCommissionReport-late.csv", done))
    book.import_report(shopee_file(tmp_path / "AffiliateCommissionReport-early.csv", pending))
    (order,) = book.orders(INSTALLATION)
    assert (order.status, order.shop_status) == ("paid", "สำเร็จ")
    history = SqlOrders(workspace.engine).history(("shopee", order.shop, order.order_id))
    assert [e["status"] for e in history] == ["pending", "paid"]
    assert history[1]["detail"]["file"] == "AffiliateCommissionReport-late.csv"


def test_lines_that_sold_nothing_are_zeroed(workspace: Workspace, tmp_path: Path) -> None:
    book = make_book(workspace)
    book.import_report(
        shopee_file(
            tmp_path / "AffiliateCommissionReport.csv",
            [shopee_order(1, 2), shopee_order(2, 1, status="ยกเลิก")],
        )
    )
    rows = {o.order_id: o for o in book.orders(INSTALLATION)}
    cancelled = rows["260500000002TH"]
    assert (cancelled.status, cancelled.amount, cancelled.commission) == (
        "cancelled",
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert rows["260500000001TH"].amount > 0
    assert rows["260500000001TH"].evidence["sub_ids"] == ["tok_namwan", "songkran26"]


def test_a_bad_row_past_the_first_batch_leaves_nothing_imported(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = list(shopee_rows(BATCH + 60))
    bad = BATCH + 40
    rows[bad][SHOPEE_EN.index("Order Time")] = "sometime in May"
    path = write_csv(tmp_path / "AffiliateCommissionReport-bad.csv", SHOPEE_TH, rows)
    placed = Placed()
    with pytest.raises(OrderError) as refused:
        make_book(workspace, placed).import_report(path)
    said = str(refused.value.message)
    assert "AffiliateCommissionReport-bad.csv" in said
    assert f"row {bad + 2:,}" in said  # the header is row 1
    assert "column เวลาที่สั่งซื้อ" in said
    assert refused.value.status == 400
    assert count(workspace, t.orders) == 0
    assert count(workspace, t.order_lines) == 0
    assert count(workspace, t.order_events) == 0
    assert placed.calls == []


def test_lazada_and_tiktok_shop_reports_carry_their_evidence(
    workspace: Workspace, tmp_path: Path
) -> None:
    book = make_book(workspace)
    lazada = book.import_report(lazada_xlsx(tmp_path / "LAZADA-ConversionReport-a-b.xlsx", 18))
    assert (lazada.kind, lazada.orders) == ("lazada", 18)
    statuses = {o.status for o in book.orders(INSTALLATION, source="lazada")}
    assert {"paid", "rejected"} <= statuses
    rejected = [o for o in book.orders(INSTALLATION, source="lazada") if o.status == "rejected"]
    assert all(o.amount == 0 for o in rejected)
    tiktok = book.import_report(tiktok_seller_csv(tmp_path / "affiliate_orders.csv", 9))
    assert tiktok.kind == "tiktok-shop"
    names = {
        o.evidence["creator_username"] for o in book.orders(INSTALLATION, source="tiktok-shop")
    }
    assert names
    assert all(isinstance(n, str) and n for n in names)
    assert all(o.evidence["content_id"] for o in book.orders(INSTALLATION, source="tiktok-shop"))


def test_the_kind_named_wins_and_an_unknown_kind_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    book = make_book(workspace)
    path = shopee_csv(tmp_path / "AffiliateCommissionReport.csv", rows=5)
    with pytest.raises(OrderError) as wrong:
        book.import_report(path, "lazada")
    assert "AffiliateCommissionReport.csv" in str(wrong.value.message)
    with pytest.raises(OrderError) as unknown:
        book.import_report(path, "amazon")
    assert unknown.value.field == "kind"
    assert book.import_report(path, "shopee").rows == 5
