"""``kolscope links|codes|attribution``: destinations, links in bulk, pasted marketplace links,
the links sheet and QR ZIP, promo codes against the shop's own, the Shopify and WooCommerce
files, and orders placed and reported by rule with each creator's results. The JSON keys are
the contract scripts rely on; bad input exits 2 naming what is wrong. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import shlex
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from kolscope.bootstrap import open_workspace
from kolscope.config import Settings
from kolscope.entrypoints.cli.app import app
from kolscope.tracking.facade import SHOPIFY_COLUMNS, WOOCOMMERCE_COLUMNS
from tests.tracking_orders_factory import (
    CREATORS,
    campaign_with_creators,
    click,
    import_creators,
    order,
)

CAMPAIGN = "Glow Up 2026"
GLOW = shlex.quote(CAMPAIGN)
SHOP = "https://moonmint.example/glow?x=1"
LINK_KEYS = {
    "campaign",
    "creator",
    "code",
    "short_url",
    "target",
    "medium",
    "marketplace",
    "token",
    "created_at",
}
RESULT_KEYS = {
    "creator",
    "clicks",
    "unique_clicks",
    "bot_clicks_excluded",
    "orders",
    "revenue_thb",
    "commission_thb",
    "fee_thb",
    "cpc_thb",
    "cpa_thb",
    "roas",
    "ctr",
}


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path, database: str | None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with an organisation, its brand and a campaign of three creators."""
    monkeypatch.delenv("KOLSCOPE_WORKSPACE", raising=False)
    if database:
        monkeypatch.setenv("KOLSCOPE_DATABASE_URL", database)
    else:
        monkeypatch.delenv("KOLSCOPE_DATABASE_URL", raising=False)
    path = tmp_path / "ws"
    workspace = open_workspace(Settings(workspace=path, database_url=database))
    try:
        owner = workspace.team.create_first_owner("Agency", "a@example.com", "Ann", "a long pass")
        workspace.brands.add(owner, "Moonmint Skin", handles="@moonmint.skin")
        import_creators(workspace, tmp_path)
        campaign_with_creators(workspace, CAMPAIGN, "Moonmint Skin")
    finally:
        workspace.close()
    return path


@dataclass
class Cli:
    """``kolscope`` in the workspace, each command written as a shell line."""

    runner: CliRunner
    folder: Path

    def run(self, line: str) -> Result:
        return self.runner.invoke(app, ["--workspace", str(self.folder), *shlex.split(line)])

    def ok(self, line: str) -> str:
        result = self.run(line)
        assert result.exit_code == 0, result.output
        return result.stdout

    def json(self, line: str) -> Any:
        return json.loads(self.ok(f"{line} --json"))

    def refused(self, line: str) -> str:
        """The error the command exits 2 with (on stderr), on one line."""
        result = self.run(line)
        assert result.exit_code == 2, result.output
        assert "error:" in result.stderr
        return " ".join(result.stderr.split())


@pytest.fixture
def cli(runner: CliRunner, folder: Path) -> Cli:
    return Cli(runner, folder)


def test_destinations_and_links_in_bulk(cli: Cli) -> None:
    assert "no destination yet" in cli.refused(f"links make {GLOW}")
    assert "javascript" in cli.refused(f"links destination add {GLOW} javascript:alert(1)")
    assert "amazon" in cli.refused(f"links destination add {GLOW} {SHOP} --shop amazon")
    assert "No campaign is called" in cli.refused("links list Nope")
    cli.ok(f"links destination add {GLOW} {SHOP} --label Shop --shop shopify")
    [shop] = cli.json(f"links destination list {GLOW}")
    assert shop == {"id": shop["id"], "url": SHOP, "label": "Shop", "shop": "shopify"}

    made = cli.json(f"links make {GLOW}")
    assert [k["creator"] for k in made] == CREATORS
    assert set(made[0]) == LINK_KEYS
    assert made[0]["campaign"] == CAMPAIGN
    assert made[0]["medium"] == "influencer"
    assert "utm_content=mint.skin" in made[0]["target"]
    assert made[0]["short_url"].endswith("/r/" + made[0]["code"])
    assert cli.json(f"links make {GLOW}") == []  # nothing new to make

    cli.ok(f"links destination add {GLOW} https://moonmint.example/sale")
    assert "2 destinations" in cli.refused(f"links make {GLOW}")
    sale = f"links make {GLOW} --destination https://moonmint.example/sale/"
    assert "tiktok:nobody" in cli.refused(f"{sale} --creator tiktok:nobody")
    assert "not registered" in cli.refused(
        f"links make {GLOW} --destination https://elsewhere.example"
    )
    assert "banner" in cli.refused(f"{sale} --medium banner")
    made = cli.json(f"{sale} --creator Instagram:@Mint.Skin --medium social")
    assert [(k["creator"], k["medium"]) for k in made] == [("instagram:mint.skin", "social")]
    assert len(cli.json(f"links list {GLOW}")) == 4
    assert made[0]["short_url"] in cli.ok(f"links list {GLOW}")


def test_pasted_links_exports_qr_and_delete(cli: Cli, tmp_path: Path) -> None:
    cli.ok(f"links destination add {GLOW} {SHOP}")
    cli.ok(f"links make {GLOW}")
    shopee = "https://shopee.co.th/product/1/2?smtt=0"
    assert "tiktok:gadget.guy" in cli.ok(f"links paste {GLOW} tiktok:gadget.guy {shopee} --slot 2")
    assert "not a Shopee or Lazada" in cli.refused(
        f"links paste {GLOW} tiktok:gadget.guy https://example.com/x"
    )
    links = {k["code"]: k for k in cli.json(f"links list {GLOW}")}
    pasted = next(k for k in links.values() if k["marketplace"] == "shopee")
    assert pasted["token"] in pasted["target"]
    assert pasted["medium"] == "affiliate"

    sheet, book = tmp_path / "links.csv", tmp_path / "links.xlsx"
    assert "4 links written" in cli.ok(f"links export {GLOW} --out {sheet}")
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert {r["short_code"] for r in rows} == set(links)
    cli.ok(f"links export {GLOW} --out {book}")
    sheet_rows = list(load_workbook(book).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert len(sheet_rows) == 5
    assert "csv or .xlsx" in cli.refused(f"links export {GLOW} --out {tmp_path / 'links.txt'}")

    qr = tmp_path / "qr.zip"
    cli.ok(f"links qr {GLOW} --out {qr}")
    names = zipfile.ZipFile(qr).namelist()
    assert len(names) == 8
    assert {n.rsplit(".", 1)[1] for n in names} == {"png", "svg"}
    assert ".zip" in cli.refused(f"links qr {GLOW} --out {tmp_path / 'qr.png'}")
    assert "does not exist" in cli.refused(f"links qr {GLOW} --out {tmp_path / 'no' / 'qr.zip'}")

    code = pasted["code"]
    assert f"link {code} deleted" in cli.ok(f"links delete {code}")
    assert code not in {k["code"] for k in cli.json(f"links list {GLOW}")}
    assert "no live tracking link" in cli.refused(f"links delete {code}")


def test_promo_codes_and_shop_files(cli: Cli, tmp_path: Path) -> None:
    theirs, empty = tmp_path / "shop-codes.csv", tmp_path / "empty.txt"
    theirs.write_text("Code,Uses\nMINTSKIN10,4\nwelcome5,1\n\n", encoding="utf-8")
    empty.write_text("code\n", encoding="utf-8")
    assert "2 codes read, 2 new" in cli.ok(f"codes import-shop {theirs}")
    assert "holds no codes" in cli.refused(f"codes import-shop {empty}")

    make = f"codes make {GLOW} --pattern {{HANDLE}}10"
    assert "--percent or --thb" in cli.refused(make)
    assert "--percent or --thb" in cli.refused(f"{make} --percent 5 --thb 5")
    assert "(starts)" in cli.refused(f"{make} --percent 10 --starts soon")
    assert "150" in cli.refused(f"{make} --percent 150")
    made = cli.json(f"{make} --percent 10 --limit 100 --starts 2026-12-01 --ends 2026-12-31")
    codes = {c["creator"]: c for c in made}
    assert codes["instagram:mint.skin"]["code"] != "MINTSKIN10"  # the shop has that one
    gadget = codes["tiktok:gadget.guy"]
    assert gadget["code"] == "GADGETGUY10"
    assert (gadget["kind"], gadget["value"], gadget["usage_limit"]) == ("percent", 10, 100)
    assert gadget["once_per_customer"] is True
    assert gadget["starts_at"].startswith("2026-12-01")
    assert cli.json(f"{make} --thb 50") == []  # every creator has one

    assert {c["code"] for c in cli.json(f"codes list {GLOW}")} == {c["code"] for c in made}
    everything = cli.json("codes list")
    assert {c["code"] for c in everything if c["origin"] == "shop"} == {"MINTSKIN10", "WELCOME5"}
    assert {c["campaign"] for c in everything if c["origin"] == "kolscope"} == {CAMPAIGN}

    shopify, woo = tmp_path / "shopify.csv", tmp_path / "woo.csv"
    cli.ok(f"codes export {GLOW} --format shopify --out {shopify}")
    with shopify.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == SHOPIFY_COLUMNS
        rows = list(reader)
    assert {r["code"] for r in rows} == {c["code"] for c in made}
    assert {r["discount_type"] for r in rows} == {"percentage"}
    cli.ok(f"codes export {GLOW} --format WooCommerce --out {woo}")
    assert woo.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(WOOCOMMERCE_COLUMNS)
    assert "(format)" in cli.refused(f"codes export {GLOW} --format magento --out {woo}")
    xlsx = tmp_path / "codes.xlsx"
    assert "(out)" in cli.refused(f"codes export {GLOW} --format shopify --out {xlsx}")


def test_attribution_run_report_and_creators(cli: Cli, database: str | None) -> None:
    cli.ok(f"links destination add {GLOW} {SHOP}")
    links = {k["creator"]: k["code"] for k in cli.json(f"links make {GLOW}")}
    made = cli.json(f"codes make {GLOW} --pattern {{HANDLE}}5 --thb 5")
    codes = {c["creator"]: c["code"] for c in made}
    workspace = open_workspace(Settings(workspace=cli.folder, database_url=database))
    try:
        campaign = workspace.campaigns.named(workspace.campaigns.command_line(), CAMPAIGN).id
        ids = {k.code: k.id for k in workspace.tracking.links(campaign)}
        gadget = ids[links["tiktok:gadget.guy"]]
        click(workspace, gadget, "click-1", "v1")
        click(workspace, gadget, "click-2", "v1")  # the same visitor within the hour
        click(workspace, ids[links["youtube:big.star"]], "click-bot", "v9", "preview")
        order(workspace, "1001", {"codes": [codes["instagram:mint.skin"].lower()]})
        order(workspace, "1002", {"click_id": "click-1"})
        order(workspace, "1003", {"click_id": "click-1"}, status="cancelled")
        order(workspace, "1004", {})
        order(workspace, "1005", {"click_id": "click-1"}, test=True)
    finally:
        workspace.close()

    run = cli.ok("attribution run")
    assert "5 orders placed (1 test orders kept apart)" in run
    assert "promo_code" in run
    assert "click_id" in run

    report = cli.json("attribution report")
    assert set(report) == {"model", "window_days", "totals", "orders"}
    assert (report["model"], report["window_days"]) == ("default", 30)
    totals = report["totals"]
    assert totals["by_rule"] == {
        "promo_code": {"orders": 1, "amount_thb": 1000.0},
        "click_id": {"orders": 2, "amount_thb": 1000.0},
    }
    assert totals["unattributed"] == {"orders": 1, "amount_thb": 1000.0}
    assert totals["reversed"] == {"orders": 1, "amount_thb": 1000.0}
    assert totals["amount_thb"] == 3000.0  # attributed 2,000 + unattributed 1,000
    orders = {o["order_id"]: o for o in report["orders"]}
    assert set(orders) == {"1001", "1002", "1003", "1004"}  # the test order is kept apart
    by_code = orders["1001"]
    assert by_code["rule"] == "promo_code"
    assert codes["instagram:mint.skin"] in by_code["why"]
    assert by_code["why_message"]["code"].startswith("track.attribution.")
    assert by_code["credits"] == [
        {"creator": "instagram:mint.skin", "campaign": CAMPAIGN, "share": 1.0, "amount_thb": 1000.0}
    ]
    assert (orders["1003"]["counted_thb"], orders["1003"]["reversed_thb"]) == (0, 1000.0)
    assert orders["1004"]["rule"] == "unattributed"

    only = cli.json(f"attribution report --campaign {GLOW} --model linear --window 7")
    assert (only["model"], only["window_days"]) == ("linear", 7)
    assert {o["order_id"] for o in only["orders"]} == {"1001", "1002", "1003"}
    table = cli.ok("attribution report")
    assert "shopify:1004" in table
    assert "unattributed" in table
    assert "magic" in cli.refused("attribution report --model magic")
    assert "No campaign is called" in cli.refused("attribution report --campaign X")

    results = cli.json(f"attribution creators {GLOW}")
    assert results["campaign"] == CAMPAIGN
    assert "views" in results["ctr_note"]["text"]
    rows = {r["creator"]: r for r in results["creators"]}
    gadget_row = rows["tiktok:gadget.guy"]
    assert set(gadget_row) >= RESULT_KEYS
    assert (gadget_row["clicks"], gadget_row["unique_clicks"], gadget_row["orders"]) == (2, 1, 1)
    assert (gadget_row["revenue_thb"], gadget_row["commission_thb"]) == (1000.0, 50.0)
    assert gadget_row["ctr"] is None
    assert rows["youtube:big.star"]["bot_clicks_excluded"] == 1
    assert rows["instagram:mint.skin"]["orders"] == 1
    printed = cli.ok(f"attribution creators {GLOW}")
    assert "tiktok:gadget.guy" in printed
    assert "CTR is clicks divided by the views" in printed
