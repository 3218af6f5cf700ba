"""Shops and their secrets: who may send orders, and how each proves it.

Per platform, the secret comes from where the platform decides it:

- **Shopify** signs a store's webhooks with a key Shopify makes and shows (Settings,
  Notifications, Webhooks: "Your webhooks will be signed with ..."; for an app, the app's
  client secret). Nobody can choose it, so the person pastes it into kolscope; kolscope keeps
  it to check signatures and never shows it again. Rotating means pasting Shopify's new key.
- **WooCommerce** lets the shop owner type any secret for a webhook, so kolscope makes a
  strong one (32 random bytes, URL-safe text), shows it once to paste into WooCommerce, and
  keeps it to check signatures. Rotating makes a new one, shown once; the old one stops working
  at once, so paste the new one into WooCommerce straight away.
- **api** (the generic conversion API and leads sent by a program): kolscope makes a bearer
  token, shows it once and keeps only its SHA-256, so the database cannot give it away. A
  random 32-byte token needs no salt or slow hash: nothing can be guessed from its hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from kolscope.domain.messages import Message
from kolscope.domain.team import Scope
from kolscope.tracking import messages_orders as said
from kolscope.tracking.orders_values import SHOP_SOURCES, OrderError, Shop, ShopKey, ShopRecord

SHOP_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,59}")
MOST_NAME = 60
LEAST_SHOPIFY_KEY = 16
TOKEN_PREFIX = "kso_"  # noqa: S105 - kolscope orders: tells a conversion token from a personal API token


class ShopStore(Protocol):
    def shop(self, source: str, name: str) -> ShopRecord | None: ...

    def shops(self, organisation_id: int | None) -> list[Shop]: ...

    def api_shops(self) -> list[ShopRecord]: ...

    def brand_id(self, organisation_id: int | None, name: str) -> int | None: ...

    def add_shop(
        self, organisation_id: int | None, brand_id: int | None, source: str, name: str,
        domain: str | None, secret: bytes, now: datetime,
    ) -> Shop | None: ...  # fmt: skip

    def set_secret(self, shop_id: int, secret: bytes, now: datetime) -> Shop: ...


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def shop_name(name: str) -> str:
    """A shop's name as it appears in its webhook address: lower case, URL-safe."""
    cleaned = name.strip().lower()
    if not SHOP_NAME.fullmatch(cleaned):
        raise OrderError(400, said.SHOP_NAME_MISSING(most=MOST_NAME), "name")
    return cleaned


def shop_domain(domain: str | None) -> str | None:
    """The shop's host ("https://Shop.example.co.th/" -> shop.example.co.th)."""
    if domain is None or not domain.strip():
        return None
    text = domain.strip()
    try:
        host = urlsplit(text if "//" in text else "//" + text).hostname
    except ValueError:
        host = None
    if not host or "." not in host or not re.fullmatch(r"[a-z0-9.-]+", host):
        raise OrderError(400, said.DOMAIN_BAD(domain=text), "domain")
    return host


class ShopKeys:
    """Adding shops, rotating their secrets, and telling a conversion token's shop."""

    def __init__(self, store: ShopStore, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._clock = clock

    def add(
        self,
        scope: Scope,
        source: str,
        name: str,
        *,
        domain: str | None = None,
        brand: str | None = None,
        secret: str | None = None,
    ) -> ShopKey:
        """A new shop; its secret is shown once (a Shopify shop's key is the one pasted)."""
        if source not in SHOP_SOURCES:
            raise OrderError(400, said.SOURCE_UNKNOWN(source=source, known=list(SHOP_SOURCES)))
        cleaned = shop_name(name)
        host = shop_domain(domain)
        brand_id = None
        if brand is not None and brand.strip():
            brand_id = self._store.brand_id(scope.organisation_id, brand.strip())
            if brand_id is None:
                raise OrderError(400, said.BRAND_UNKNOWN(brand=brand.strip()), "brand")
        shown, kept = _new_secret(source, secret)
        made = self._store.add_shop(
            scope.organisation_id, brand_id, source, cleaned, host, kept, self._clock()
        )
        if made is None:
            raise OrderError(409, said.SHOP_TAKEN(source=source, shop=cleaned), "name")
        return ShopKey(made, shown, _note(source))

    def rotate(self, scope: Scope, source: str, name: str, *, secret: str | None = None) -> ShopKey:
        """A new secret for the shop (Shopify: the key pasted), shown once; the old one stops
        working now."""
        record = self.find(scope, source, name)
        shown, kept = _new_secret(source, secret)
        shop = self._store.set_secret(record.shop.id, kept, self._clock())
        return ShopKey(shop, shown, _note(source))

    def shops(self, scope: Scope) -> list[Shop]:
        return self._store.shops(scope.organisation_id)

    def find(self, scope: Scope, source: str, name: str) -> ShopRecord:
        """The shop of that source and name, if ``scope`` may see it (else 404)."""
        if source not in SHOP_SOURCES:
            raise OrderError(400, said.SOURCE_UNKNOWN(source=source, known=list(SHOP_SOURCES)))
        cleaned = name.strip().lower()
        record = self._store.shop(source, cleaned)
        visible = {shop.id for shop in self._store.shops(scope.organisation_id)}
        if record is None or record.shop.id not in visible:
            raise OrderError(404, said.SHOP_UNKNOWN(source=source, shop=cleaned), "name")
        return record

    def by_token(self, authorization: str | None) -> ShopRecord:
        """The api shop whose conversion token this is (``Bearer <token>`` or the bare
        token); 401 when there is none or it is not one kolscope made. Every api shop is
        compared in constant time."""
        token = (authorization or "").strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        if not token:
            raise OrderError(401, said.TOKEN_MISSING())
        sent = token_hash(token)
        found = None
        for record in self._store.api_shops():
            if hmac.compare_digest(sent, record.secret):
                found = record
        if found is None:
            raise OrderError(401, said.TOKEN_WRONG())
        return found


def _new_secret(source: str, pasted: str | None) -> tuple[str | None, bytes]:
    """(what to show once, what to keep) for a new or rotated secret."""
    if source == "shopify":
        key = (pasted or "").strip()
        if not key:
            raise OrderError(400, said.SHOPIFY_SECRET_NEEDED(), "secret")
        if len(key) < LEAST_SHOPIFY_KEY:
            raise OrderError(
                400, said.SECRET_TOO_SHORT(count=len(key), least=LEAST_SHOPIFY_KEY), "secret"
            )
        return None, key.encode()
    if pasted is not None and pasted.strip():
        raise OrderError(400, said.SECRET_MADE_HERE(source=source), "secret")
    if source == "api":
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        return token, token_hash(token)
    secret = secrets.token_urlsafe(32)
    return secret, secret.encode()


def _note(source: str) -> Message:
    return said.SHOPIFY_SECRET_KEPT() if source == "shopify" else said.SECRET_SHOWN_ONCE()
