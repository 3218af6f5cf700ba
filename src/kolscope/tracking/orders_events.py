"""An order's history as stored, and the order it adds up to (pure: no database).

Every event is kept as read (``order_events.detail``), so an order's row is always worked out
again from all its events, whatever order they arrived in: a shop's webhooks through
``webhooks.ordering.replay``, conversions sent to the API by the latest one sent, a lead as
itself. ``settle(details)`` does that for any of them; the store calls it inside the
transaction that adds the event, so the row and its history never disagree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from kolscope.tracking.orders_values import OrderFields, evidence, satang
from kolscope.tracking.webhooks.ordering import replay
from kolscope.tracking.webhooks.orders import EventKind, OrderEvent

KEY_LENGTH = 200  # the dedupe and event key columns' size

# What each shop's own status says in kolscope's words (anything else: pending).
SHOPIFY_STATUSES = {
    "paid": "paid",
    "partially_paid": "paid",
    "partially_refunded": "paid",
    "pending": "pending",
    "authorized": "pending",
    "refunded": "refunded",
    "voided": "cancelled",
    "cancelled": "cancelled",
}
WOOCOMMERCE_STATUSES = {
    "processing": "paid",
    "completed": "paid",
    "pending": "pending",
    "on-hold": "pending",
    "checkout-draft": "pending",
    "refunded": "refunded",
    "cancelled": "cancelled",
    "failed": "cancelled",
    "trash": "cancelled",
}


def fit_key(key: str) -> str:
    """A key short enough for its column: a long one keeps its start and a hash of the whole."""
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"{key[: KEY_LENGTH - 33]}~{digest}"


# A shop's webhook ------------------------------------------------------------------------------
def webhook_detail(event: OrderEvent) -> dict[str, Any]:
    """The event as read, in JSON values (amounts as exact text, times in ISO 8601)."""
    return {
        "form": "webhook",
        "source": event.source,
        "shop": event.shop,
        "order_id": event.order_id,
        "kind": event.kind.value,
        "dedupe_key": event.dedupe_key,
        "ordered_at": event.ordered_at.isoformat(),
        "updated_at": event.updated_at.isoformat(),
        "status": event.status,
        "amount": str(event.amount),
        "currency": event.currency,
        "discount_codes": list(event.discount_codes),
        "click_id": event.click_id,
        "utm": dict(event.utm),
        "referrer_domain": event.referrer_domain,
        "customer_key": event.customer_key,
        "sales_channel": event.sales_channel,
        "test": event.test,
        "cancelled": event.cancelled,
        "refund_amount": str(event.refund_amount),
        "refund_id": event.refund_id,
        "whole_order": event.whole_order,
    }


def webhook_event(detail: Mapping[str, Any]) -> OrderEvent:
    """``webhook_detail`` read back."""
    return OrderEvent(
        source=detail["source"],
        shop=detail["shop"],
        order_id=detail["order_id"],
        kind=EventKind(detail["kind"]),
        dedupe_key=detail["dedupe_key"],
        ordered_at=datetime.fromisoformat(detail["ordered_at"]),
        updated_at=datetime.fromisoformat(detail["updated_at"]),
        status=detail["status"],
        amount=Decimal(detail["amount"]),
        currency=detail["currency"],
        discount_codes=tuple(detail["discount_codes"]),
        click_id=detail["click_id"],
        utm=dict(detail["utm"]),
        referrer_domain=detail["referrer_domain"],
        customer_key=detail["customer_key"],
        sales_channel=detail["sales_channel"],
        test=bool(detail["test"]),
        cancelled=bool(detail["cancelled"]),
        refund_amount=Decimal(detail["refund_amount"]),
        refund_id=detail["refund_id"],
        whole_order=bool(detail["whole_order"]),
    )


def shop_status_in_our_words(source: str, shop_status: str, cancelled: bool) -> str:
    if cancelled:
        return "cancelled"
    table = SHOPIFY_STATUSES if source == "shopify" else WOOCOMMERCE_STATUSES
    return table.get(shop_status, "pending")


def event_status(event: OrderEvent) -> str:
    """The status one event gives the order (a refund: refunded)."""
    if not event.whole_order:
        return "refunded"
    return shop_status_in_our_words(event.source, event.status, event.cancelled)


def settle_webhooks(events: Sequence[OrderEvent]) -> OrderFields:
    """The order a shop's webhooks add up to (``webhooks.ordering``): the latest whole order
    wins, refunds newer than it are taken off, a cancelled order keeps its worth but counts
    nothing (its status says so). While only refunds have arrived the order is ``refunded``
    with nothing to count."""
    state = replay(events).state
    wholes = [event for event in events if event.whole_order]
    ordered_at = min(event.ordered_at for event in (wholes or events))
    updated_at = max(event.updated_at for event in events)
    shop_status: str | None
    if not state.known:
        status, shop_status, worth = "refunded", "refund", Decimal(0)
    else:
        status = shop_status_in_our_words(state.order_key[0], state.status, state.cancelled)
        shop_status = state.status or None
        worth = max(state.amount - state.refunded, Decimal(0))
    channel = next((e.sales_channel for e in reversed(wholes) if e.sales_channel), None)
    return OrderFields(
        status=status,
        shop_status=shop_status,
        ordered_at=ordered_at,
        updated_at=updated_at,
        currency=state.currency or "THB",
        amount_satang=satang(worth),
        commission_satang=0,
        test=state.test,
        evidence=evidence(
            codes=list(state.discount_codes),
            click_id=state.click_id,
            utm=dict(state.utm),
            referrer_domain=state.referrer_domain,
            sales_channel=channel,
        ),
        customer_key=state.customer_key,
    )


# The conversion API and lead forms ------------------------------------------------------------
def settle_conversions(details: Sequence[Mapping[str, Any]]) -> OrderFields:
    """The latest conversion sent for an order is the order (sending it again with a new
    status or amount updates it; the earlier ones stay in the history). A conversion sent
    again exactly as before is not stored twice, so a late retry of an older version never
    undoes a newer one."""
    # Stored events come oldest first: at the same time, the one stored later wins.
    _, latest = max(enumerate(details), key=lambda pair: (pair[1]["received_at"], pair[0]))
    return OrderFields(
        status=latest["status"],
        shop_status=latest["status"],
        ordered_at=datetime.fromisoformat(latest["ordered_at"]),
        updated_at=datetime.fromisoformat(latest["received_at"]),
        currency="THB",
        amount_satang=satang(Decimal(latest["amount_thb"])),
        commission_satang=satang(Decimal(latest["commission_thb"])),
        test=False,
        evidence=evidence(
            codes=list(latest["codes"]),
            click_id=latest["click_id"],
            utm=dict(latest["utm"]),
            referrer_domain=latest["referrer_domain"],
        ),
        customer_key=latest["customer_key"],
    )


def settle_lead(details: Sequence[Mapping[str, Any]]) -> OrderFields:
    """A lead is a conversion worth nothing in baht; its evidence is the click id it came
    with and the UTM tags of the link it came through (which name the creator)."""
    lead = details[0]
    at = datetime.fromisoformat(lead["at"])
    return OrderFields(
        status="paid",
        shop_status="lead",
        ordered_at=at,
        updated_at=at,
        currency="THB",
        amount_satang=0,
        commission_satang=0,
        test=False,
        evidence=evidence(
            click_id=lead["click_id"], utm=dict(lead["utm"]), link_code=lead["link_code"]
        ),
    )


def settle(details: Sequence[Mapping[str, Any]]) -> OrderFields:
    """The order all its stored events add up to, by the form they were read in."""
    if not details:
        raise ValueError("an order needs at least one event")
    form = details[0].get("form")
    if form == "webhook":
        return settle_webhooks([webhook_event(detail) for detail in details])
    if form == "api":
        return settle_conversions(details)
    if form == "lead":
        return settle_lead(details)
    raise ValueError(f"no rule for events of the form {form!r}")


# Marketplace report lines ---------------------------------------------------------------------
LINE_STATUS_ORDER = (
    "paid", "pending", "unpaid", "refunded", "cancelled", "rejected", "ineligible",
)  # fmt: skip


def status_of_lines(statuses: Sequence[str]) -> str:
    """An order's status from its lines: paid when any line is paid, else pending, else
    unpaid; an order none of whose lines sold anything takes the first of refunded, cancelled,
    rejected, ineligible its lines show."""
    present = set(statuses)
    for status in LINE_STATUS_ORDER:
        if status in present:
            return status
    return sorted(present)[0] if present else "pending"


def line_event_key(line_key: str, status: str, amount: int, commission: int, at: datetime) -> str:
    """One line's state as a history key: importing the same report again adds nothing; a
    later report that changes the line adds one event."""
    state = f"{line_key}|{status}|{amount}|{commission}|{at.isoformat()}"
    digest = hashlib.sha256(state.encode()).hexdigest()[:24]
    return fit_key(f"report:{digest}:{line_key}")
