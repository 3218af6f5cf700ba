"""The demo's tracking: the demo campaign's destination, every creator's link and promo code,
and synthetic clicks and orders for the creators whose content is out, so the tracking tab and
the attribution report have something to show. Synthetic like the rest of the demo: the
destination is on ``example`` and the orders say ``demo`` as their shop.

Clicks go to creators who agreed (a few, from a teaser) and most to those who published; about
one in eight is a bot or link preview, set aside by the counts. Orders carry the evidence real
ones do: a promo code, a click id in the landing address, a Shopee sub-id with the creator's
token, a TikTok Shop username, or nothing (unattributed); a few are cancelled or refunded.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from kolscope.tracking.clicks.hashing import network_hash, visitor_hash
from kolscope.tracking.service import TrackingService
from kolscope.tracking.values import TrackedLink

DESTINATION = "https://shop.moonmint.example/year-end"
PATTERN = "{HANDLE}10"
DEMO_SHOP = "demo-shop.example"
_AGENTS = (  # (browser, os, device, kind, reason code)
    ("Instagram", "iOS", "phone", "person", "track.clicks.in_app"),
    ("LINE", "Android", "phone", "person", "track.clicks.in_app"),
    ("Chrome Mobile", "Android", "phone", "person", "track.clicks.person"),
    ("Mobile Safari", "iOS", "phone", "person", "track.clicks.person"),
    ("Chrome", "Windows", "computer", "person", "track.clicks.person"),
    ("facebookexternalhit", "Other", "other", "preview", "track.clicks.preview"),
    ("HeadlessChrome", "Linux", "computer", "headless", "track.clicks.headless"),
)
_REFERRERS = ("instagram.com", "tiktok.com", "line.me", "facebook.com", None)


class DemoWriter(Protocol):
    def stages(self, campaign_id: int) -> dict[int, str]: ...
    def add_clicks(self, rows: Sequence[dict[str, Any]]) -> None: ...
    def add_orders(self, rows: Sequence[dict[str, Any]]) -> list[int]: ...


@dataclass(frozen=True, slots=True)
class DemoTracking:
    links: int
    codes: int
    clicks: int
    orders: int
    order_ids: tuple[int, ...]


def add_demo_tracking(
    tracking: TrackingService,
    writer: DemoWriter,
    campaign_id: int,
    secret: str,
    today: date,
    seed: int = 17,
) -> DemoTracking:
    """Links, codes, clicks and orders for the demo campaign (once: nothing when it has links)."""
    if tracking.links(campaign_id, deleted=True):
        return DemoTracking(0, 0, 0, 0, ())
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not a secret
    destination = tracking.add_destination(campaign_id, DESTINATION, "Year-end shop", "shopify")
    links = tracking.make_links(campaign_id, destination.id)
    codes = tracking.make_codes(campaign_id, PATTERN, "percent", "10", usage_limit=500)
    stages = writer.stages(campaign_id)
    weight = {"published": 1.0, "paid": 1.0, "approved": 0.4, "submitted": 0.3, "agreed": 0.2}
    clicks: list[dict[str, Any]] = []
    people: dict[int, list[dict[str, Any]]] = {}
    for link in links:
        share = weight.get(stages.get(link.account_id, ""), 0.0)
        count = int(rng.uniform(60, 220) * share)
        made = _clicks(link, count, secret, today, rng)
        clicks += made
        people[link.account_id] = [c for c in made if c["visitor_kind"] == "person"]
    writer.add_clicks(clicks)
    code_of = {c.account_id: c.code for c in codes if c.account_id is not None}
    organisation = tracking.campaign(campaign_id).organisation_id
    orders = [
        order | {"organisation_id": organisation}
        for order in _orders(links, people, code_of, today, rng)
    ]
    ids = writer.add_orders(orders)
    return DemoTracking(len(links), len(codes), len(clicks), len(orders), tuple(ids))


def _clicks(
    link: TrackedLink, count: int, secret: str, today: date, rng: random.Random
) -> list[dict[str, Any]]:
    made: list[dict[str, Any]] = []
    start = datetime.combine(today - timedelta(days=10), time(8), tzinfo=UTC)
    for _ in range(count):
        at = start + timedelta(minutes=rng.randint(0, 10 * 24 * 60))
        ip = f"10.{rng.randint(0, 40)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        agent = _AGENTS[rng.randint(0, 4)] if rng.random() > 0.12 else _AGENTS[rng.randint(5, 6)]
        made.append(
            {
                "click_id": secrets.token_urlsafe(12),
                "link_id": link.id,
                "clicked_at": at,
                "method": "GET",
                "referrer_domain": rng.choice(_REFERRERS),
                "browser": agent[0],
                "os": agent[1],
                "device": agent[2],
                "visitor_kind": agent[3],
                "visitor_reason": agent[4],
                "country": "TH",
                "visitor_hash": visitor_hash(ip, secret, at.date()),
                "network_hash": network_hash(ip, secret, at.date()),
            }
        )
    return made


def _orders(
    links: Sequence[TrackedLink],
    people: dict[int, list[dict[str, Any]]],
    code_of: dict[int, str],
    today: date,
    rng: random.Random,
) -> list[dict[str, Any]]:
    orders: list[dict[str, Any]] = []
    number = 1000
    for link in links:
        for click in people.get(link.account_id, []):
            if rng.random() > 0.12:  # about one person's click in 8 buys
                continue
            number += 1
            at = click["clicked_at"] + timedelta(minutes=rng.randint(3, 600))
            kind = number % 6  # every kind of evidence, in turn
            source, shop, evidence = "shopify", DEMO_SHOP, {"click_id": click["click_id"]}
            if kind in (1, 4) and link.account_id in code_of:
                evidence = {"codes": [code_of[link.account_id]]}
            elif kind == 3:
                source, shop, evidence = "shopee", "Moonmint Official", {"sub_ids": [link.token]}
            elif kind == 5 and link.platform == "tiktok":
                source, shop = "tiktok-shop", "Moonmint TikTok Shop"
                content = str(rng.randint(10**18, 10**19))
                evidence = {"creator_username": link.handle, "content_id": content}
            status = "paid" if rng.random() > 0.1 else rng.choice(["cancelled", "refunded"])
            orders.append(_order(source, shop, f"D{number}", at, status, rng, evidence))
    for _ in range(max(3, len(orders) // 5)):  # orders no creator can claim
        number += 1
        day = datetime.combine(today - timedelta(days=rng.randint(0, 9)), time(12), tzinfo=UTC)
        orders.append(_order("shopify", DEMO_SHOP, f"D{number}", day, "paid", rng, {}))
    return [o for o in orders if o["ordered_at"].date() <= today]


def _order(
    source: str,
    shop: str,
    order_id: str,
    at: datetime,
    status: str,
    rng: random.Random,
    evidence: dict[str, Any],
) -> dict[str, Any]:
    amount = rng.choice([390, 590, 790, 990, 1290, 1890]) * 100
    commission = amount * 8 // 100 if source in ("shopee", "tiktok-shop") else 0
    return {
        "source": source,
        "shop": shop,
        "order_id": order_id,
        "status": status,
        "shop_status": status,
        "ordered_at": at,
        "updated_at": at,
        "currency": "THB",
        "amount_satang": amount,
        "commission_satang": commission,
        "test": False,
        "evidence": evidence,
        "credits": [],
    }
