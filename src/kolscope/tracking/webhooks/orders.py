"""What a shop's order webhook says, as one value (``OrderEvent``), and the small readers the
Shopify and WooCommerce parts share: amounts, times, the click id and UTM tags in a landing
address, a referrer's domain, and a hashed customer key.

Everything here is pure: no database, no HTTP. A webhook that cannot be read raises
``WebhookError`` with the HTTP status the endpoint should answer (401 for a forged or unsigned
webhook, 400 for a malformed order) and a message that names the header or field at fault.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from kolscope.domain.messages import Message
from kolscope.tracking import messages_webhooks as said

Source = Literal["shopify", "woocommerce"]
# An amount beyond this is not an order a shop sends; refusing it keeps the arithmetic exact.
LARGEST_AMOUNT = Decimal("1e12")
# The query parameters our tracking links carry the click id in, the first found wins.
CLICK_ID_PARAMETERS = ("kc", "ref")
UTM_TAGS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "utm_id")


class EventKind(enum.StrEnum):
    """What happened to the order, as the shop's topic (or the order's state) says."""

    CREATED = "created"
    UPDATED = "updated"
    CANCELLED = "cancelled"
    REFUND = "refund"


class WebhookError(Exception):
    """A webhook we refuse: ``status`` is the HTTP answer (401 forged, 400 malformed) and
    ``message`` says why, naming the header or field."""

    def __init__(self, status: int, message: Message) -> None:
        super().__init__(str(message))
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Ping:
    """WooCommerce's check that a new webhook's address answers (a form with ``webhook_id``,
    unsigned): answer it 2xx and record nothing."""

    source: Source
    shop: str
    webhook_id: str

    @property
    def note(self) -> Message:
        return said.PING(webhook=self.webhook_id)


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """One order webhook, read. ``amount`` is what the shop says the order is worth at
    ``updated_at`` (already net of refunds the shop knew of then); ``amount_thb`` is the same
    when the currency is THB and None otherwise (kolscope converts no currency).

    ``whole_order`` is False only for a Shopify refund, which carries the refund and not the
    order: its ``refund_amount`` is taken off the last whole order seen before it.
    ``customer_key`` is an HMAC of the customer's id under the shop's secret, so orders by
    the same customer match without kolscope keeping who they are.
    """

    source: Source
    shop: str
    order_id: str
    kind: EventKind
    dedupe_key: str
    ordered_at: datetime
    updated_at: datetime
    status: str
    amount: Decimal
    currency: str
    discount_codes: tuple[str, ...] = ()
    click_id: str | None = None
    utm: Mapping[str, str] = field(default_factory=dict, hash=False)
    referrer_domain: str | None = None
    customer_key: str | None = None
    sales_channel: str | None = None
    test: bool = False
    cancelled: bool = False
    refund_amount: Decimal = Decimal(0)
    refund_id: str | None = None
    whole_order: bool = True

    @property
    def amount_thb(self) -> Decimal | None:
        return self.amount if self.currency == "THB" else None

    @property
    def order_key(self) -> tuple[str, str, str]:
        """Which order of which shop this event is about."""
        return (self.source, self.shop, self.order_id)


# Headers ------------------------------------------------------------------------------------------
def lower_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """HTTP header names ignore case; the readers look them up in lower case."""
    return {str(name).lower(): str(value) for name, value in headers.items()}


def required_header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name.lower(), "").strip()
    if not value:
        raise WebhookError(400, said.HEADER_MISSING(header=name))
    return value


# Values of the order ----------------------------------------------------------------------------
def required(order: Mapping[str, Any], name: str) -> Any:
    value = order.get(name)
    if value is None or value == "":
        raise WebhookError(400, said.FIELD_MISSING(name=name))
    return value


def identifier(value: Any, name: str) -> str:
    """An id a shop sends as a number or as text."""
    if isinstance(value, bool) or not isinstance(value, int | str) or str(value).strip() == "":
        raise WebhookError(400, said.FIELD_MISSING(name=name))
    return str(value).strip()


def text(value: Any, name: str) -> str | None:
    """Optional text; a number or list where text belongs is malformed."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise WebhookError(400, said.FIELD_NOT_TEXT(name=name))
    return value


def amount(value: Any, name: str) -> Decimal:
    """A money amount sent as a string ("1290.00") or a number, exact and finite."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise WebhookError(400, said.FIELD_NOT_AMOUNT(name=name))
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise WebhookError(400, said.FIELD_NOT_AMOUNT(name=name)) from None
    if not number.is_finite() or abs(number) > LARGEST_AMOUNT:
        raise WebhookError(400, said.FIELD_NOT_AMOUNT(name=name))
    return number


def moment(value: Any, name: str) -> datetime:
    """An ISO 8601 time; one without a zone (WooCommerce's ``*_gmt``) is UTC."""
    if not isinstance(value, str):
        raise WebhookError(400, said.FIELD_NOT_TIME(name=name))
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise WebhookError(400, said.FIELD_NOT_TIME(name=name)) from None
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        raise WebhookError(400, said.FIELD_NOT_TIME(name=name)) from None


def mapping_list(value: Any, name: str) -> list[Mapping[str, Any]]:
    """A list of objects (discount codes, coupon lines, meta data); absent is empty."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise WebhookError(400, said.FIELD_NOT_LIST(name=name))
    return value


# What a landing address and a referrer say ----------------------------------------------------
def query_of(address: str | None) -> dict[str, str]:
    """The query parameters of an address or a bare path ("/p/x?kc=abc"), first value wins."""
    if not address:
        return {}
    try:
        query = urlsplit(address.strip()).query
    except ValueError:
        return {}
    found: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=False):
        found.setdefault(key.lower(), value.strip())
    return found


def click_id_of(*addresses: str | None) -> str | None:
    """Our click id (``kc``, else ``ref``) from the first address that carries one."""
    for address in addresses:
        query = query_of(address)
        for parameter in CLICK_ID_PARAMETERS:
            if query.get(parameter):
                return query[parameter]
    return None


def utm_of(address: str | None) -> dict[str, str]:
    query = query_of(address)
    return {tag: query[tag] for tag in UTM_TAGS if query.get(tag)}


def domain_of(address: str | None) -> str | None:
    """The referring site's domain without ``www.`` ("https://www.tiktok.com/@x" → tiktok.com);
    a bare word such as WooCommerce's "(direct)" is no domain."""
    if not address or "." not in address:
        return None
    candidate = address.strip() if "//" in address else "//" + address.strip()
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def customer_key(secret: bytes, source: Source, shop: str, customer: str | None) -> str | None:
    """The customer's id hashed with the shop's secret: stable per shop, not reversible by
    trying every small number as a plain hash would be."""
    if not customer:
        return None
    digest = hmac.new(secret, f"{source}:{shop}:{customer}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def log_refusal(source: str, refused: WebhookError) -> None:
    """Log a refused webhook by its message code (never the body: it holds customers' data)."""
    logging.getLogger(f"kolscope.tracking.webhooks.{source}").warning(
        "%s webhook refused (%s): %s",
        source,
        refused.status,
        refused.message.code,
        extra={"code": refused.message.code, "params": dict(refused.message.params)},
    )
