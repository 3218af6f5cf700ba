"""``kolscope orders|shops`` and ``kolscope import REPORT``: the JSON keys scripts rely on
(exactly the contract's, plus documented extras), marketplace reports found by their columns
with no flag or named with ``--kind``, a dry run that writes nothing, secrets printed once,
and bad input exiting 2 naming what is wrong. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kolscope.bootstrap import open_workspace
from kolscope.config import Settings
from tests.factories import write_csv
from tests.integration.test_tracking_cli import Cli
from tests.tracking_reports_factory import lazada_xlsx, shopee_csv, tiktok_seller_csv

ORDER_KEYS = {
    "order_id",
    "source",
    "status",
    "ordered_at",
    "amount_thb",
    "commission_thb",
    "creator",
    "campaign",
    "rule",
}
ORDER_EXTRAS = {
    "shop",
    "shop_status",
    "updated_at",
    "currency",
    "amount",
    "commission",
    "test",
    "evidence",
}
SUMMARY_KEYS = {"source", "orders", "amount_thb", "commission_thb", "by_status", "other_currencies"}
SHOP_KEYS = {"source", "name", "domain", "brand", "address", "secret_set_at", "created_at"}


@pytest.fixture
def cli(tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("KOLSCOPE_WORKSPACE", raising=False)
    if database:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", database)
    else:
        monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    folder = tmp_path / "ws"
    open_workspace(Settings(workspace=folder, database_url=database)).close()
    return Cli(CliRunner(), folder)


def test_a_report_is_found_by_its_columns_and_listed_with_the_contract_keys(
    cli: Cli, tmp_path: Path
) -> None:
    shopee = shopee_csv(tmp_path / "AffiliateCommissionReport20260601.csv", rows=30)
    done = cli.json(f"import {shopee}")
    (report,) = done["reports"]
    assert report["kind"] == "shopee"
    assert (report["rows"], report["changed_lines"], report["dry_run"]) == (30, 30, False)
    again = cli.json(f"import {shopee}")["reports"][0]
    assert (again["new_orders"], again["changed_lines"]) == (0, 0)
    listed = cli.json("orders list --source shopee")
    assert len(listed) == report["orders"]
    assert set(listed[0]) == ORDER_KEYS | ORDER_EXTRAS
    assert listed[0]["source"] == "shopee"
    assert listed[0]["creator"] is None
    assert listed[0]["campaign"] is None
    assert listed[0]["rule"] == "unattributed"  # attribution placed it: no creator found
    assert isinstance(listed[0]["amount_thb"], float)
    assert cli.json("orders list --source lazada") == []
    table = cli.ok("orders list --source shopee")
    assert "shopee" in table
    assert f"{report['orders']} orders" in table


def test_summary_per_source_with_the_contract_keys(cli: Cli, tmp_path: Path) -> None:
    cli.ok(f"import {shopee_csv(tmp_path / 'AffiliateCommissionReport.csv', rows=20)}")
    cli.ok(f"import {lazada_xlsx(tmp_path / 'LAZADA-ConversionReport-a-b.xlsx', 9)}")
    cli.ok(f"import {tiktok_seller_csv(tmp_path / 'affiliate_orders.csv', 8)}")
    summary = cli.json("orders summary")
    assert list(summary) == ["shopee", "lazada", "tiktok-shop"]
    for source, totals in summary.items():
        assert set(totals) == SUMMARY_KEYS
        assert totals["source"] == source
        assert sum(totals["by_status"].values()) == totals["orders"]
    assert list(cli.json("orders summary --source lazada")) == ["lazada"]
    assert "lazada" in cli.ok("orders summary")


def test_kind_overrides_and_dry_runs(cli: Cli, tmp_path: Path) -> None:
    shopee = shopee_csv(tmp_path / "AffiliateCommissionReport.csv", rows=10)
    dry = cli.json(f"import {shopee} --kind shopee --dry-run")["reports"][0]
    assert dry["dry_run"] is True
    assert dry["rows"] == 10
    assert cli.json("orders list") == []
    assert "AffiliateCommissionReport.csv" in cli.refused(f"import {shopee} --kind lazada")
    assert "unknown kind" in cli.refused(f"import {shopee} --kind amazon")
    creators = write_csv(
        tmp_path / "creators.csv",
        [["platform", "handle", "followers"], ["tiktok", "someone", "10"]],
    )
    refused = cli.refused(f"import {creators} --kind tiktok-shop")
    assert "creators.csv" in refused
    creators_json = cli.json(f"import {creators}")  # not a report: the catalogue takes it
    assert "reports" not in creators_json
    assert creators_json["report"]["committed"] is True
    assert "foreground" in cli.refused(f"import {shopee} --background")


def test_a_bad_row_names_the_file_row_and_column_and_nothing_is_imported(
    cli: Cli, tmp_path: Path
) -> None:
    path = shopee_csv(tmp_path / "AffiliateCommissionReport.csv", rows=12)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[9] = lines[9].replace("2026-05-01", "yesterday", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    refused = cli.refused(f"import {path}")
    assert "AffiliateCommissionReport.csv: row 10" in refused
    assert "nothing of AffiliateCommissionReport.csv was imported" in refused
    assert cli.json("orders list") == []


def test_shops_print_their_secret_once(cli: Cli) -> None:
    made: dict[str, Any] = cli.json("shops add woocommerce chaba --domain chaba.example")
    assert set(made) == SHOP_KEYS | {"secret", "note"}
    assert made["secret"]
    assert made["address"] == "/hooks/woocommerce/chaba"
    listed = cli.json("shops list")
    assert [set(s) for s in listed] == [SHOP_KEYS]
    assert made["secret"] not in json.dumps(listed)
    rotated = cli.json("shops rotate-secret woocommerce chaba")
    assert rotated["secret"] not in (None, made["secret"])
    shown = cli.ok("shops add api landing")
    assert "secret:  kso_" in shown
    assert "/api/conversions" in shown
    assert "Shopify signs" in cli.refused("shops add shopify baan")
    kept = cli.json("shops add shopify baan --secret shpss_0123456789abcdef")
    assert kept["secret"] is None
    assert "already" in cli.refused("shops add api landing")
    assert "no woocommerce shop" in cli.refused("shops rotate-secret woocommerce nobody")
    assert "unknown shop kind" in cli.refused("shops add etsy x")
    assert "unknown shop kind" in cli.refused("orders list --source etsy")
