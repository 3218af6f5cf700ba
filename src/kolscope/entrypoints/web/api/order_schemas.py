"""One JSON shape for orders, their totals and shops, written by both ``kolscope orders|shops
… --json`` and the JSON API (``/api/orders``, ``/api/orders/summary``, ``/api/shops``).

The keys of an order (``order_id``, ``source``, ``status``, ``ordered_at``, ``amount_thb``,
``commission_thb``, ``creator``, ``campaign``, ``rule``) and of a source's totals (``orders``,
``amount_thb``, ``commission_thb``, ``by_status``) are a contract: others may be added, none
renamed. Baht are numbers with satang (null when the order is in another currency).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from kolscope.domain.messages import Message
from kolscope.entrypoints.web.api.tracking_schemas import moment, money
from kolscope.tracking.facade import OrderRow, ReportImported, Shop, ShopKey, SourceSummary


def order_dict(order: OrderRow) -> dict[str, Any]:
    """An order as listed; ``creator`` is ``platform:handle`` (the reference every other JSON
    answer uses), ``campaign`` the campaign's name and ``rule`` the attribution rule that
    placed it (all null while attribution has not placed it)."""
    return {
        "order_id": order.order_id,
        "source": order.source,
        "status": order.status,
        "ordered_at": moment(order.ordered_at),
        "amount_thb": money(order.amount_thb),
        "commission_thb": money(order.commission_thb),
        "creator": order.creator,
        "campaign": order.campaign,
        "rule": order.rule,
        "shop": order.shop,
        "shop_status": order.shop_status,
        "updated_at": moment(order.updated_at),
        "currency": order.currency,
        "amount": money(order.amount),
        "commission": money(order.commission),
        "test": order.test,
        "evidence": dict(order.evidence),
    }


def summary_dict(summaries: Iterable[SourceSummary]) -> dict[str, Any]:
    """Per source (keyed by it): how many orders, what the counted ones (paid, pending; in
    THB) are worth and earn, and how many orders are in each status."""
    return {
        s.source: {
            "source": s.source,
            "orders": s.orders,
            "amount_thb": money(s.amount_thb),
            "commission_thb": money(s.commission_thb),
            "by_status": dict(s.by_status),
            "other_currencies": dict(s.other_currencies),
        }
        for s in summaries
    }


def shop_dict(shop: Shop) -> dict[str, Any]:
    """A shop without its secret; ``address`` is where it sends orders (after the site)."""
    return {
        "source": shop.source,
        "name": shop.name,
        "domain": shop.domain,
        "brand": shop.brand,
        "address": shop.address,
        "secret_set_at": moment(shop.secret_set_at),
        "created_at": moment(shop.created_at),
    }


def key_dict(key: ShopKey, note: str) -> dict[str, Any]:
    """A shop just added or rotated, with its secret this once (null for Shopify)."""
    return {**shop_dict(key.shop), "secret": key.secret, "note": note}


def report_import_dict(done: ReportImported, *, dry_run: bool = False) -> dict[str, Any]:
    """A report imported (or, dry, only read): its kind and what it added or changed."""
    return {
        "file": done.file,
        "kind": done.kind,
        "rows": done.rows,
        "orders": done.orders,
        "new_orders": done.new_orders,
        "lines": done.lines,
        "changed_lines": done.changed_lines,
        "dry_run": dry_run,
    }


def said_dict(message: Message, text: str) -> dict[str, Any]:
    """A message as the API writes it: code, values and the text in the reader's language."""
    return {**message.to_dict(), "text": text}


# Request bodies ---------------------------------------------------------------------------------


class ShopIn(BaseModel):
    source: str = Field(description="shopify, woocommerce or api (the conversion API)")
    name: str = Field(description="Lower-case letters, digits, dots, dashes, underscores")
    domain: str | None = Field(None, description="The shop's address, e.g. shop.example.co.th")
    brand: str | None = Field(None, description="The brand the shop sells (kolscope brands)")
    secret: str | None = Field(
        None, description="Shopify only: the key Shopify signs the shop's webhooks with"
    )


class RotateIn(BaseModel):
    secret: str | None = Field(None, description="Shopify only: Shopify's new signing key")
