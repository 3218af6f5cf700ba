"""Reading a WooCommerce order webhook (``order.created``, ``order.updated``), checked against
the webhook's secret first, and answering WooCommerce's unsigned ping.

When a webhook is saved, WooCommerce posts a form with only ``webhook_id`` and no signature,
and disables a webhook whose address keeps failing (woocommerce/woocommerce#15642), so the ping
is answered 2xx and records nothing. An order's click id comes from its order-attribution meta:
``_wc_order_attribution_session_entry`` is the landing address with our ``kc``/``ref``; the
``_utm_*``, ``_source_type`` and ``_referrer`` meta say where the visit came from. WooCommerce
sends no refund webhook: a refund fires ``order.updated`` with the order's ``refunds`` list,
and a fully refunded order has the status ``refunded``.

A delivery is told apart by ``X-WC-Webhook-Delivery-ID`` plus the order id. WooCommerce makes
a new delivery id for each attempt, so a retry is a second copy of the same order; that is
harmless because copies of an order never add up (the latest version wins, see ``ordering``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kolscope.tracking import messages_webhooks as said
from kolscope.tracking.webhooks import orders as read_as
from kolscope.tracking.webhooks.orders import EventKind, OrderEvent, Ping, WebhookError
from kolscope.tracking.webhooks.signatures import verify_woocommerce

TOPICS = {"order.created": EventKind.CREATED, "order.updated": EventKind.UPDATED}
# Statuses in which the order sold nothing (a cancelled, failed or trashed order).
ZEROED_STATUSES = frozenset({"cancelled", "failed", "trash"})
ATTRIBUTION = "_wc_order_attribution_"


def read(headers: Mapping[str, str], raw_body: bytes, secret: str | bytes) -> OrderEvent | Ping:
    """The order event of one WooCommerce webhook, or the ``Ping`` of a new webhook;
    ``WebhookError`` (401 forged, 400 malformed, logged) when it cannot be trusted or read."""
    lowered = read_as.lower_headers(headers)
    try:
        ping = _ping(lowered, raw_body)
        return ping if ping is not None else _read(lowered, raw_body, secret)
    except WebhookError as refused:
        read_as.log_refusal("woocommerce", refused)
        raise


def _shop(headers: Mapping[str, str]) -> str:
    """The shop, from ``X-WC-Webhook-Source`` (its address) as its host name."""
    source = read_as.required_header(headers, "X-WC-Webhook-Source")
    try:
        host = urlsplit(source if "//" in source else "//" + source).hostname
    except ValueError:
        host = None
    if not host:
        raise WebhookError(400, said.HEADER_MISSING(header="X-WC-Webhook-Source"))
    return host


def _ping(headers: Mapping[str, str], raw_body: bytes) -> Ping | None:
    """The form ``webhook_id=<number>`` and nothing else is WooCommerce's ping."""
    if raw_body.lstrip()[:1] in (b"{", b"["):
        return None
    try:
        form = parse_qs(raw_body.decode("ascii"), strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        return None
    values = form.get("webhook_id", [])
    if set(form) != {"webhook_id"} or len(values) != 1 or not values[0].isdigit():
        return None
    shop = _shop(headers) if headers.get("x-wc-webhook-source") else ""
    return Ping(source="woocommerce", shop=shop, webhook_id=values[0])


def _read(headers: dict[str, str], raw_body: bytes, secret: str | bytes) -> OrderEvent:
    verify_woocommerce(headers, secret, raw_body)
    topic = read_as.required_header(headers, "X-WC-Webhook-Topic")
    kind = TOPICS.get(topic)
    if kind is None:
        raise WebhookError(400, said.TOPIC_UNKNOWN(topic=topic))
    shop = _shop(headers)
    delivery = read_as.required_header(headers, "X-WC-Webhook-Delivery-ID")
    try:
        order = json.loads(raw_body)
    except (ValueError, RecursionError):
        raise WebhookError(400, said.BODY_NOT_JSON()) from None
    if not isinstance(order, dict):
        raise WebhookError(400, said.BODY_NOT_JSON())
    key = secret.encode() if isinstance(secret, str) else secret
    return _order(order, kind, shop, delivery, key)


def _time(order: Mapping[str, Any], name: str) -> Any:
    """``date_*_gmt`` (UTC) when sent, else the shop-local ``date_*``."""
    return order.get(f"{name}_gmt") or order.get(name)


def _order(
    order: dict[str, Any], kind: EventKind, shop: str, delivery: str, secret: bytes
) -> OrderEvent:
    order_id = read_as.identifier(read_as.required(order, "id"), "id")
    status = read_as.text(read_as.required(order, "status"), "status") or ""
    ordered_at = read_as.moment(_time(order, "date_created"), "date_created")
    modified = _time(order, "date_modified")
    updated_at = read_as.moment(modified, "date_modified") if modified else ordered_at
    total = read_as.amount(read_as.required(order, "total"), "total")
    refunded = sum(
        (
            abs(read_as.amount(read_as.required(entry, "total"), "refunds.total"))
            for entry in read_as.mapping_list(order.get("refunds"), "refunds")
        ),
        Decimal(0),
    )
    currency = read_as.text(read_as.required(order, "currency"), "currency") or ""
    meta = _attribution(order)
    entry_address = meta.get("session_entry")
    utm = {tag: meta[tag] for tag in read_as.UTM_TAGS if meta.get(tag)} or read_as.utm_of(
        entry_address
    )
    cancelled = status in ZEROED_STATUSES
    if cancelled:
        kind = EventKind.CANCELLED
    elif status == "refunded":
        kind = EventKind.REFUND
    return OrderEvent(
        source="woocommerce",
        shop=shop,
        order_id=order_id,
        kind=kind,
        dedupe_key=f"woocommerce:{shop}:{delivery}:{order_id}",
        ordered_at=ordered_at,
        updated_at=updated_at,
        status=status,
        amount=max(total - refunded, Decimal(0)),
        currency=currency.upper(),
        discount_codes=_coupon_codes(order),
        click_id=read_as.click_id_of(entry_address),
        utm=utm,
        referrer_domain=read_as.domain_of(meta.get("referrer")),
        customer_key=read_as.customer_key(secret, "woocommerce", shop, _customer(order)),
        sales_channel=meta.get("source_type") or _created_via(order),
        cancelled=cancelled,
        refund_amount=min(refunded, total) if refunded else Decimal(0),
    )


def _coupon_codes(order: Mapping[str, Any]) -> tuple[str, ...]:
    codes = []
    for line in read_as.mapping_list(order.get("coupon_lines"), "coupon_lines"):
        code = read_as.text(line.get("code"), "coupon_lines.code")
        if code:
            codes.append(code.strip().upper())
    return tuple(codes)


def _attribution(order: Mapping[str, Any]) -> dict[str, str]:
    """The ``_wc_order_attribution_*`` meta, by the rest of its key (``session_entry``,
    ``utm_source``, ``source_type``, ``referrer``, ...); values that are not text are skipped."""
    found: dict[str, str] = {}
    for entry in read_as.mapping_list(order.get("meta_data"), "meta_data"):
        key, value = entry.get("key"), entry.get("value")
        text = value.strip() if isinstance(value, str) else ""
        if isinstance(key, str) and key.startswith(ATTRIBUTION) and text:
            found.setdefault(key.removeprefix(ATTRIBUTION), text)
    return found


def _customer(order: Mapping[str, Any]) -> str | None:
    """The customer's account id; a guest (id 0) is known by the billing e-mail."""
    customer = order.get("customer_id")
    plain = isinstance(customer, int | str) and not isinstance(customer, bool)
    if plain and str(customer).strip() not in ("", "0"):
        return str(customer).strip()
    billing = order.get("billing")
    if isinstance(billing, dict):
        email = billing.get("email")
        if isinstance(email, str) and "@" in email:
            return "email:" + email.strip().lower()
    return None


def _created_via(order: Mapping[str, Any]) -> str | None:
    value = order.get("created_via")
    return value if isinstance(value, str) and value else None
