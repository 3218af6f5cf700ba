"""Tracking links, promo codes and attribution over stored orders, on SQLite and PostgreSQL:
a destination registered per campaign, one link per creator (unique short code, UTM tags,
token), pasted marketplace links with the token in the sub-id, deleted links, codes from a
pattern that never clash with the shop's, exports, and orders placed by promo code, click id,
sub-id token, TikTok Shop username and UTM tags, with each creator's results."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import insert

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.brands import Brand
from kolscope.infra.db import tables as t
from kolscope.tracking.facade import TrackingError
from tests.factories import write_csv

BRIEF = {"objective": "conversion", "budget_thb": "90000", "niches": "skincare",
         "starts_on": "2026-12-01", "ends_on": "2026-12-31"}  # fmt: skip
WHEN = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def shop(workspace: Workspace, tmp_path: Path) -> tuple[Workspace, int]:
    accounts = [
        ["platform", "handle", "name", "followers", "country", "category"],
        ["instagram", "mint.skin", "Mint", 8_000, "Thailand", "skincare"],
        ["tiktok", "gadget.guy", "Gadget Guy", 250_000, "Thailand", "IT"],
        ["youtube", "big.star", "Big Star", 2_000_000, "Thailand", "beauty"],
    ]
    options = ImportOptions()
    path = write_csv(tmp_path / "accounts-2026-11-01.csv", accounts)
    assert workspace.importer.run(workspace.importer.plan([path], options), options).committed
    with workspace.unit_of_work() as work:
        work.catalogue.save_brand(Brand("Moonmint Skin", ("moonmint.skin",), (), "skincare"))
        work.commit()
    actor = workspace.campaigns.command_line()
    refs = ["instagram:mint.skin", "tiktok:gadget.guy", "youtube:big.star"]
    made = workspace.campaigns.create(actor, "Glow Up 2026", "Moonmint Skin", BRIEF,
                                      references=refs)  # fmt: skip
    return workspace, made.id


def _linked(shop: tuple[Workspace, int]) -> tuple[Workspace, int, dict[str, Any]]:
    ws, campaign = shop
    destination = ws.tracking.add_destination(campaign, "https://moonmint.example/glow?x=1",
                                              "Shop", "shopify")  # fmt: skip
    links = ws.tracking.make_links(campaign, destination.id)
    return ws, campaign, {k.reference: k for k in links}


def test_links_one_per_creator_with_utm_and_unique_codes(shop: tuple[Workspace, int]) -> None:
    ws, campaign, links = _linked(shop)
    assert set(links) == {"instagram:mint.skin", "tiktok:gadget.guy", "youtube:big.star"}
    assert len({k.code for k in links.values()}) == 3
    mint = links["instagram:mint.skin"]
    query = parse_qs(urlsplit(mint.target).query)
    assert query["utm_source"] == ["instagram"]
    assert query["utm_medium"] == ["influencer"]
    assert query["utm_campaign"] == ["glow-up-2026"]
    assert query["utm_content"] == ["mint.skin"]
    assert query["utm_id"] == [mint.token]
    assert query["x"] == ["1"]
    assert "kc" not in query  # the redirect adds one per click
    assert mint.short_url.endswith(f"/r/{mint.code}")
    # asking again makes nothing new
    destination = ws.tracking.destinations(campaign)[0]
    assert destination.shopify
    assert ws.tracking.make_links(campaign, destination.id) == []


def test_bad_destination_and_unknown_things_are_refused(shop: tuple[Workspace, int]) -> None:
    ws, campaign = shop
    with pytest.raises(TrackingError):
        ws.tracking.add_destination(campaign, "javascript:alert(1)")
    with pytest.raises(TrackingError):
        ws.tracking.make_links(campaign, 999)
    with pytest.raises(TrackingError):
        ws.tracking.delete_link("NOPE")
    with pytest.raises(TrackingError):
        ws.tracking.campaign(12345)
    with pytest.raises(TrackingError):
        ws.tracking.add_destination(campaign, "https://ok.example", shop_kind="amazon")


def test_pasted_marketplace_link_carries_the_token(shop: tuple[Workspace, int]) -> None:
    ws, campaign = shop
    account = ws.tracking.creators(campaign)[0].account_id
    link = ws.tracking.paste_link(campaign, account, "https://shopee.co.th/product/1/2?smtt=0")
    assert link.marketplace == "shopee"
    assert link.token in link.target
    with pytest.raises(TrackingError):
        ws.tracking.paste_link(campaign, account, "https://example.com/not-a-shop")


def test_deleted_links_leave_the_list(shop: tuple[Workspace, int]) -> None:
    ws, campaign, links = _linked(shop)
    code = links["youtube:big.star"].code
    ws.tracking.delete_link(code)
    assert code not in {k.code for k in ws.tracking.links(campaign)}
    assert code in {k.code for k in ws.tracking.links(campaign, deleted=True)}
    with pytest.raises(TrackingError):
        ws.tracking.delete_link(code)


def test_codes_from_a_pattern_avoid_the_shops_codes(shop: tuple[Workspace, int]) -> None:
    ws, campaign = shop
    assert ws.tracking.import_shop_codes(["mintskin10", "MINTSKIN10", " "]) == 1
    codes = ws.tracking.make_codes(campaign, "{HANDLE}10", "percent", "10", usage_limit=100)
    by_handle = {c.handle: c.code for c in codes}
    assert by_handle["gadget.guy"] == "GADGETGUY10"
    assert by_handle["mint.skin"].startswith("MINTSKIN10")
    assert by_handle["mint.skin"] != ("MINTSKIN10")
    assert ws.tracking.make_codes(campaign, "{HANDLE}10", "percent", "10") == []
    shopify = ws.tracking.shopify_rows(campaign)
    assert {row["code"] for row in shopify} == set(by_handle.values())
    assert len(ws.tracking.woocommerce_rows(campaign)) == 3
    with pytest.raises(TrackingError):
        ws.tracking.make_codes(campaign, "{HANDLE}", "percent", "150")
    with pytest.raises(TrackingError):
        ws.tracking.make_codes(campaign, "{HANDLE}", "bogof", "1")


def test_exports_rows_and_qr_zip(shop: tuple[Workspace, int]) -> None:
    ws, campaign, _links = _linked(shop)
    ws.tracking.make_codes(campaign, "GLOW{N}", "thb", "50")
    rows = ws.tracking.link_rows(campaign)
    assert len(rows) == 3
    assert all(r["promo_code"].startswith("GLOW") for r in rows)
    names = zipfile.ZipFile(io.BytesIO(ws.tracking.qr_zip(campaign))).namelist()
    assert len(names) == 6
    assert any(n.endswith(".svg") for n in names)


# attribution over stored orders ---------------------------------------------------------------


def _order(ws: Workspace, order_id: str, evidence: dict[str, Any], **extra: Any) -> int:
    row = {
        "source": "shopify", "shop": "moonmint", "order_id": order_id, "status": "paid",
        "ordered_at": WHEN, "updated_at": WHEN, "currency": "THB", "amount_satang": 100_000,
        "commission_satang": 0, "test": False, "evidence": evidence, "credits": [],
    } | extra  # fmt: skip
    with ws.engine.begin() as db:
        return int(db.execute(insert(t.orders).values(**row)).inserted_primary_key[0])  # type: ignore[index]


def _click(ws: Workspace, link_id: int, click_id: str, visitor: str, kind: str = "person",
           at: datetime = WHEN - timedelta(hours=2)) -> None:  # fmt: skip
    with ws.engine.begin() as db:
        db.execute(insert(t.clicks).values(
            click_id=click_id, link_id=link_id, clicked_at=at, method="GET",
            visitor_kind=kind, visitor_hash=visitor, network_hash="n" + visitor,
        ))  # fmt: skip


def _placed(ws: Workspace, order: int) -> tuple[Any, Any, Any]:
    with ws.engine.connect() as db:
        row = db.execute(t.orders.select().where(t.orders.c.id == order)).one()
    return row.account_id, row.campaign_id, row.rule


def test_orders_are_placed_by_each_rule(shop: tuple[Workspace, int]) -> None:
    ws, campaign, links = _linked(shop)
    codes = {c.handle: c.code for c in ws.tracking.make_codes(campaign, "{HANDLE}5", "thb", "5")}
    mint, gadget, star = (links[r] for r in ("instagram:mint.skin", "tiktok:gadget.guy",
                                             "youtube:big.star"))  # fmt: skip
    _click(ws, gadget.id, "click-1", "v1")
    _click(ws, star.id, "click-bot", "v9", kind="preview")
    orders = {
        "code": _order(ws, "1", {"codes": [codes["mint.skin"].lower()], "click_id": "click-1"}),
        "click": _order(ws, "2", {"click_id": "click-1"}),
        "bot": _order(ws, "3", {"click_id": "click-bot"}),
        "utm": _order(ws, "4", {"utm": {"utm_medium": "influencer", "utm_content": "big.star",
                                        "utm_campaign": "glow-up-2026", "utm_id": star.token}}),
        "subid": _order(ws, "5", {"sub_ids": [mint.token]}, source="shopee", shop="s"),
        "tiktok": _order(ws, "6", {"creator_username": "Gadget.Guy", "content_id": "77"},
                         source="tiktok-shop", shop="t"),
        "cancelled": _order(ws, "7", {"click_id": "click-1"}, status="cancelled"),
    }  # fmt: skip
    ws.placement.place(list(orders.values()))
    assert _placed(ws, orders["code"]) == (mint.account_id, campaign, "promo_code")
    assert _placed(ws, orders["click"]) == (gadget.account_id, campaign, "click_id")
    assert _placed(ws, orders["bot"]) == (None, None, "unattributed")
    assert _placed(ws, orders["utm"]) == (star.account_id, campaign, "utm")
    assert _placed(ws, orders["subid"]) == (mint.account_id, campaign, "click_id")
    assert _placed(ws, orders["tiktok"]) == (gadget.account_id, campaign, "creator_username")
    assert _placed(ws, orders["cancelled"]) == (gadget.account_id, campaign, "click_id")

    report = ws.placement.report(campaign)
    assert report.totals.unattributed.orders == 0
    by_rule = {rule: total.orders for rule, total in report.totals.by_rule.items()}
    assert by_rule["click_id"] == 3
    assert by_rule["promo_code"] == 1
    # the campaign's default report reads only its stored placements: the same orders as
    # placing every order again and keeping the campaign's
    again = ws.placement.report(campaign_ids=[campaign])
    assert {p.order.id for p in again.orders} == {p.order.id for p in report.orders}
    everything = ws.placement.report()
    assert everything.totals.unattributed.orders == 1
    with pytest.raises(TrackingError):
        ws.placement.report(model="magic")

    results = {r.creator.reference: r for r in ws.placement.results(campaign,
               ws.tracking.creators(campaign))}  # fmt: skip
    gadget_result = results["tiktok:gadget.guy"]
    assert (gadget_result.clicks, gadget_result.unique_clicks, gadget_result.orders) == (1, 1, 2)
    assert gadget_result.revenue_thb == Decimal("2000.00")
    assert gadget_result.reversed_thb == Decimal("1000.00")
    assert results["youtube:big.star"].set_aside == 1
    assert results["instagram:mint.skin"].orders == 2
    assert gadget_result.ctr is None  # no views known yet


def test_ctr_from_the_views_of_published_campaign_posts(shop: tuple[Workspace, int]) -> None:
    ws, campaign, links = _linked(shop)
    gadget = links["tiktok:gadget.guy"]
    for number in range(3):
        _click(ws, gadget.id, f"c{number}", f"visitor{number}")
    url = "https://www.tiktok.com/@gadget.guy/video/1"
    with ws.engine.begin() as db:
        db.execute(
            t.campaign_creators.update()
            .where(t.campaign_creators.c.account_id == gadget.account_id)
            .values(content_links=[url])
        )
        db.execute(insert(t.posts).values(
            account_id=gadget.account_id, platform_post_id="1", url=url, post_type="video",
            hashtags=[], mentions=[], views=1500, is_sponsored=True, brand_mentions=[],
        ))  # fmt: skip
        db.execute(insert(t.posts).values(  # the creator's other post is not the campaign's
            account_id=gadget.account_id, platform_post_id="2", url=url + "2",
            post_type="video", hashtags=[], mentions=[], views=9_000_000, is_sponsored=False,
            brand_mentions=[],
        ))  # fmt: skip
    results = {r.creator.reference: r for r in ws.placement.results(campaign,
               ws.tracking.creators(campaign))}  # fmt: skip
    assert results["tiktok:gadget.guy"].views == 1500
    assert results["tiktok:gadget.guy"].ctr == Decimal("0.0020")
    assert results["instagram:mint.skin"].ctr is None
