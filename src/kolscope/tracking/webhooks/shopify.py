"""Reading a Shopify order webhook: ``orders/create``, ``orders/updated``, ``orders/cancelled``
and ``refunds/create``, checked against the shop's secret first.

The order's worth is ``current_total_price`` (Shopify keeps it net of edits, returns and
refunds), the click id is ``kc`` or ``ref`` in ``landing_site`` (else a ``kc``/``ref`` note
attribute the theme wrote), and test orders keep ``test`` so they stay apart from sales.
A refund carries the refund, not the order: its amount is the refund transactions that
succeeded. Webhooks are told apart by ``X-Shopify-Event-Id`` (the same across retries), else
``X-Shopify-Webhook-Id``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kolscope.tracking import messages_webhooks as said
from kolscope.tracking.webhooks import orders as read_as
from kolscope.tracking.webhooks.orders import EventKind, OrderEvent, WebhookError
from kolscope.tracking.webhooks.signatures import verify_shopify

TOPICS = {
    "orders/create": EventKind.CREATED,
    "orders/updated": EventKind.UPDATED,
    "orders/cancelled": EventKind.CANCELLED,
    "refunds/create": EventKind.REFUND,
}
# A voided order was never paid: like a cancelled one, it sold nothing.
ZEROED_FINANCIAL_STATUSES = frozenset({"voided"})


def read(headers: Mapping[str, str], raw_body: bytes, secret: str | bytes) -> OrderEvent:
    """The order event of one Shopify webhook; ``WebhookError`` (401 forged, 400 malformed,
    logged) when it cannot be trusted or read."""
    try:
        return _read(read_as.lower_headers(headers), raw_body, secret)
    except WebhookError as refused:
        read_as.log_refusal("shopify", refused)
        raise


def _read(headers: dict[str, str], raw_body: bytes, secret: str | bytes) -> OrderEvent:
    verify_shopify(headers, secret, raw_body)
    topic = read_as.required_header(headers, "X-Shopify-Topic")
    kind = TOPICS.get(topic)
    if kind is None:
        raise WebhookError(400, said.TOPIC_UNKNOWN(topic=topic))
    shop = read_as.required_header(headers, "X-Shopify-Shop-Domain").lower()
    event_id = headers.get("x-shopify-event-id") or headers.get("x-shopify-webhook-id")
    if not event_id:
        raise WebhookError(400, said.HEADER_MISSING(header="X-Shopify-Event-Id"))
    body = _json_object(raw_body)
    key = secret.encode() if isinstance(secret, str) else secret
    dedupe_key = f"shopify:{shop}:{event_id.strip()}"
    if kind is EventKind.REFUND:
        return _refund(body, shop, dedupe_key)
    return _order(body, kind, shop, dedupe_key, key)


def _json_object(raw_body: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw_body)
    except (ValueError, RecursionError):
        raise WebhookError(400, said.BODY_NOT_JSON()) from None
    if not isinstance(body, dict):
        raise WebhookError(400, said.BODY_NOT_JSON())
    return body


def _order(
    order: dict[str, Any], kind: EventKind, shop: str, dedupe_key: str, secret: bytes
) -> OrderEvent:
    order_id = read_as.identifier(read_as.required(order, "id"), "id")
    ordered_at = read_as.moment(read_as.required(order, "created_at"), "created_at")
    updated = order.get("updated_at")
    updated_at = read_as.moment(updated, "updated_at") if updated else ordered_at
    price_field = "current_total_price" if "current_total_price" in order else "total_price"
    worth = read_as.amount(read_as.required(order, price_field), price_field)
    currency = read_as.text(read_as.required(order, "currency"), "currency") or ""
    financial = read_as.text(order.get("financial_status"), "financial_status") or ""
    cancelled_at = order.get("cancelled_at")
    if cancelled_at:
        read_as.moment(cancelled_at, "cancelled_at")
    cancelled = (
        kind is EventKind.CANCELLED or bool(cancelled_at) or financial in ZEROED_FINANCIAL_STATUSES
    )
    landing = read_as.text(order.get("landing_site"), "landing_site")
    referrer = read_as.text(order.get("referring_site"), "referring_site")
    customer = order.get("customer")
    customer_id = None
    if isinstance(customer, dict) and customer.get("id") is not None:
        customer_id = read_as.identifier(customer["id"], "customer.id")
    return OrderEvent(
        source="shopify",
        shop=shop,
        order_id=order_id,
        kind=EventKind.CANCELLED if cancelled and kind is EventKind.UPDATED else kind,
        dedupe_key=dedupe_key,
        ordered_at=ordered_at,
        updated_at=updated_at,
        status="cancelled" if cancelled_at else financial,
        amount=worth,
        currency=currency.upper(),
        discount_codes=_discount_codes(order),
        click_id=read_as.click_id_of(landing) or _noted_click_id(order),
        utm=read_as.utm_of(landing),
        referrer_domain=read_as.domain_of(referrer),
        customer_key=read_as.customer_key(secret, "shopify", shop, customer_id),
        sales_channel=read_as.text(order.get("source_name"), "source_name"),
        test=order.get("test") is True,
        cancelled=cancelled,
    )


def _discount_codes(order: Mapping[str, Any]) -> tuple[str, ...]:
    codes = []
    for entry in read_as.mapping_list(order.get("discount_codes"), "discount_codes"):
        code = read_as.text(entry.get("code"), "discount_codes.code")
        if code:
            codes.append(code.strip().upper())
    return tuple(codes)


def _noted_click_id(order: Mapping[str, Any]) -> str | None:
    """A click id the shop's theme saved as a note attribute (``kc`` or ``ref``)."""
    notes = read_as.mapping_list(order.get("note_attributes"), "note_attributes")
    found = {str(note.get("name", "")).lower(): note.get("value") for note in notes}
    for parameter in read_as.CLICK_ID_PARAMETERS:
        value = found.get(parameter)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _refund(refund: dict[str, Any], shop: str, dedupe_key: str) -> OrderEvent:
    refund_id = read_as.identifier(read_as.required(refund, "id"), "id")
    order_id = read_as.identifier(read_as.required(refund, "order_id"), "order_id")
    created_at = read_as.moment(read_as.required(refund, "created_at"), "created_at")
    refunded = Decimal(0)
    currency = ""
    for entry in read_as.mapping_list(refund.get("transactions"), "transactions"):
        if entry.get("kind") != "refund" or entry.get("status") not in ("success", None):
            continue
        refunded += abs(read_as.amount(read_as.required(entry, "amount"), "transactions.amount"))
        currency = read_as.text(entry.get("currency"), "transactions.currency") or currency
    return OrderEvent(
        source="shopify",
        shop=shop,
        order_id=order_id,
        kind=EventKind.REFUND,
        dedupe_key=dedupe_key,
        ordered_at=created_at,
        updated_at=created_at,
        status="refund",
        amount=Decimal(0),
        currency=currency.upper(),
        refund_amount=refunded,
        refund_id=refund_id,
        whole_order=False,
    )
