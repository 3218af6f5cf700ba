"""Shops and their secrets, with a store kept in memory: whose secret each platform uses, the
secret shown once, a conversion token kept only as a hash, rotation; and what a webhook is
answered before anything is stored (unknown shop, forged, malformed, WooCommerce's ping)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from kolscope.domain.team import INSTALLATION, Scope
from kolscope.tracking.orders import OrderBook
from kolscope.tracking.orders_values import OrderError, Shop, ShopRecord
from kolscope.tracking.webhooks.signatures import sign
from tests.unit.test_tracking_webhooks import SECRET, shopify_headers, shopify_order

NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


class MemoryShops:
    """The shop and delivery parts of the order store, in memory."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], ShopRecord] = {}
        self.deliveries: dict[tuple[int, str], dict[str, Any]] = {}

    def shop(self, source: str, name: str) -> ShopRecord | None:
        return self.records.get((source, name))

    def shops(self, organisation_id: int | None) -> list[Shop]:
        return [
            r.shop
            for r in self.records.values()
            if organisation_id is None or r.shop.organisation_id in (None, organisation_id)
        ]

    def api_shops(self) -> list[ShopRecord]:
        return [r for r in self.records.values() if r.shop.source == "api"]

    def brand_id(self, organisation_id: int | None, name: str) -> int | None:
        return 7 if name == "Glow Lab" else None

    def add_shop(
        self,
        organisation_id: int | None,
        brand_id: int | None,
        source: str,
        name: str,
        domain: str | None,
        secret: bytes,
        now: datetime,
    ) -> Shop | None:
        if (source, name) in self.records:
            return None
        brand = "Glow Lab" if brand_id == 7 else None
        shop = Shop(len(self.records) + 1, organisation_id, source, name, domain, brand, now, now)
        self.records[(source, name)] = ShopRecord(shop, secret)
        return shop

    def set_secret(self, shop_id: int, secret: bytes, now: datetime) -> Shop:
        for key, record in self.records.items():
            if record.shop.id == shop_id:
                shop = replace(record.shop, secret_set_at=now)
                self.records[key] = ShopRecord(shop, secret)
                return shop
        raise KeyError(shop_id)

    def add_delivery(
        self,
        shop_id: int,
        dedupe_key: str,
        topic: str | None,
        headers: Mapping[str, str],
        body: bytes,
        now: datetime,
    ) -> int | None:
        if (shop_id, dedupe_key) in self.deliveries:
            return None
        self.deliveries[(shop_id, dedupe_key)] = {"topic": topic, "headers": dict(headers)}
        return len(self.deliveries)


@pytest.fixture
def shops() -> MemoryShops:
    return MemoryShops()


@pytest.fixture
def book(shops: MemoryShops) -> OrderBook:
    return OrderBook(shops, lambda: NOW, b"workspace secret", None)  # type: ignore[arg-type]


def refused(call: Any, *args: Any, **kwargs: Any) -> OrderError:
    with pytest.raises(OrderError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_a_shopify_shop_keeps_the_key_pasted_and_shows_nothing(
    book: OrderBook, shops: MemoryShops
) -> None:
    made = book.add_shop(
        INSTALLATION,
        "shopify",
        " Baan-Sabai ",
        secret=SECRET,
        domain="https://Baan-Sabai.myshopify.com/",
        brand="Glow Lab",
    )
    assert made.secret is None
    assert made.note.code == "track.orders.shopify_secret_kept"
    assert made.shop.name == "baan-sabai"
    assert made.shop.domain == "baan-sabai.myshopify.com"
    assert made.shop.brand == "Glow Lab"
    assert made.shop.address == "/hooks/shopify/baan-sabai"
    assert shops.records[("shopify", "baan-sabai")].secret == SECRET.encode()
    assert refused(book.add_shop, INSTALLATION, "shopify", "other").field == "secret"
    short = refused(book.add_shop, INSTALLATION, "shopify", "other", secret="abc")
    assert "too short" in str(short.message)


def test_a_woocommerce_secret_is_made_here_and_shown_once(
    book: OrderBook, shops: MemoryShops
) -> None:
    made = book.add_shop(INSTALLATION, "woocommerce", "chaba")
    assert made.secret is not None
    assert len(made.secret) >= 40
    assert made.note.code == "track.orders.secret_shown_once"
    assert shops.records[("woocommerce", "chaba")].secret == made.secret.encode()
    pasted = refused(book.add_shop, INSTALLATION, "woocommerce", "two", secret="mine")
    assert pasted.field == "secret"
    rotated = book.rotate_secret(INSTALLATION, "woocommerce", "CHABA")
    assert rotated.secret not in (None, made.secret)
    assert shops.records[("woocommerce", "chaba")].secret == str(rotated.secret).encode()


def test_a_conversion_token_is_kept_only_as_its_hash(book: OrderBook, shops: MemoryShops) -> None:
    made = book.add_shop(INSTALLATION, "api", "landing")
    token = str(made.secret)
    assert token.startswith("kso_")
    kept = shops.records[("api", "landing")].secret
    assert kept == hashlib.sha256(token.encode()).digest()
    assert token.encode() not in kept
    assert made.shop.address == "/api/conversions"


def test_names_sources_brands_and_duplicates_are_checked(book: OrderBook) -> None:
    assert refused(book.add_shop, INSTALLATION, "etsy", "x").status == 400
    assert refused(book.add_shop, INSTALLATION, "api", "has space").field == "name"
    assert refused(book.add_shop, INSTALLATION, "api", "ok", brand="Nobody").field == "brand"
    assert refused(book.add_shop, INSTALLATION, "api", "ok", domain="not a host").field == "domain"
    book.add_shop(INSTALLATION, "api", "ok")
    assert refused(book.add_shop, INSTALLATION, "api", "OK").status == 409
    assert refused(book.rotate_secret, INSTALLATION, "api", "missing").status == 404


def test_another_organisation_does_not_see_or_rotate_a_shop(book: OrderBook) -> None:
    book.add_shop(Scope(1), "woocommerce", "ours")
    assert [s.name for s in book.shops(Scope(1))] == ["ours"]
    assert book.shops(Scope(2)) == []
    assert refused(book.rotate_secret, Scope(2), "woocommerce", "ours").status == 404


# What a webhook is answered --------------------------------------------------------------------
def _signed() -> tuple[dict[str, str], bytes]:
    body = json.dumps(shopify_order()).encode()
    return shopify_headers(body), body


def test_a_webhook_for_an_unknown_shop_is_404(book: OrderBook, shops: MemoryShops) -> None:
    headers, body = _signed()
    assert book.receive("shopify", "nobody", headers, body).status == 404
    assert book.receive("etsy", "nobody", headers, body).status == 404
    assert shops.deliveries == {}


def test_forged_and_malformed_webhooks_are_refused_and_nothing_is_kept(
    book: OrderBook, shops: MemoryShops, caplog: pytest.LogCaptureFixture
) -> None:
    book.add_shop(INSTALLATION, "shopify", "baan", secret=SECRET)
    headers, body = _signed()
    forged = book.receive("shopify", "baan", headers, body.replace(b"1290", b"9999"))
    assert forged.status == 401
    assert forged.message.code == "track.webhooks.signature_wrong"
    unsigned = {k: v for k, v in headers.items() if k != "X-Shopify-Hmac-Sha256"}
    assert book.receive("shopify", "baan", unsigned, body).status == 401
    broken = b'{"id": 1}'
    malformed = book.receive(
        "shopify", "baan", {**headers, "X-Shopify-Hmac-Sha256": sign(SECRET, broken)}, broken
    )
    assert malformed.status == 400
    assert str(malformed.message) == "the order has no created_at"
    assert shops.deliveries == {}
    assert "webhook refused (401)" in caplog.text


def test_a_webhook_is_stored_once_with_the_headers_it_is_read_from(
    book: OrderBook, shops: MemoryShops
) -> None:
    book.add_shop(INSTALLATION, "shopify", "baan", secret=SECRET)
    headers, body = _signed()
    first = book.receive("shopify", "baan", {**headers, "Cookie": "x=1"}, body)
    again = book.receive("shopify", "baan", headers, body)
    assert (first.status, first.message.code) == (200, "track.orders.received")
    assert (again.status, again.message.code) == (200, "track.orders.already_received")
    assert first.order_id == "5901234567001"
    (stored,) = shops.deliveries.values()
    assert stored["topic"] == "orders/create"
    assert "cookie" not in stored["headers"]
    assert stored["headers"]["x-shopify-hmac-sha256"] == headers["X-Shopify-Hmac-Sha256"]


def test_woocommerce_ping_is_answered_and_not_stored(book: OrderBook, shops: MemoryShops) -> None:
    book.add_shop(INSTALLATION, "woocommerce", "chaba")
    ping = book.receive(
        "woocommerce",
        "chaba",
        {"content-type": "application/x-www-form-urlencoded"},
        b"webhook_id=12",
    )
    assert (ping.status, ping.message.code) == (200, "track.webhooks.ping")
    assert shops.deliveries == {}
