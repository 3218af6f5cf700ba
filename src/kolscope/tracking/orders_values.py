"""What crosses the orders facade: shops (without their secrets), the secret shown once, a
webhook's or a conversion's receipt, an order as listed, a source's totals, a report import's
counts and a lead form. Frozen values; money in baht as ``Decimal`` (satang in the database).

Also the internal values the use cases and the store hand each other (``ShopRecord`` with its
secret, ``EventWrite``, ``OrderFields``, ``LineWrite``): plain Python, no database types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kolscope.domain.messages import Message

SHOP_SOURCES = ("shopify", "woocommerce", "api")
# Where orders come from: the shops' webhooks, the marketplace reports, the API, lead forms.
ORDER_SOURCES = ("shopify", "woocommerce", "shopee", "lazada", "tiktok-shop", "api", "lead")
# Kolscope's order statuses (those of attribution, plus "unpaid" from Shopee's reports).
STATUSES = ("paid", "pending", "unpaid", "cancelled", "refunded", "rejected", "ineligible")
COUNTED_STATUSES = frozenset({"paid", "pending"})
# A report line in one of these statuses sold nothing: its amount and commission are zeroed.
ZEROED_STATUSES = frozenset({"cancelled", "refunded", "rejected", "ineligible"})
# The evidence keys attribution reads, present on every order (empty when unknown).
EVIDENCE_KEYS = (
    "codes",
    "click_id",
    "utm",
    "referrer_domain",
    "sub_ids",
    "creator_username",
    "content_id",
)


class OrderError(Exception):
    """A request the orders part refuses: ``status`` is the HTTP answer (400 bad input, 401
    not authenticated, 404 not found, 409 taken), ``field`` the input at fault, ``message``
    why, as a message."""

    def __init__(self, status: int, message: Message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.status = status
        self.message = message
        self.field = field


def satang(amount: Decimal) -> int:
    """Baht to whole satang (half a satang rounds up, as receipts do)."""
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def baht(satang_amount: int) -> Decimal:
    return (Decimal(satang_amount) / 100).quantize(Decimal("0.01"))


def evidence(**given: Any) -> dict[str, Any]:
    """An order's evidence with every key attribution reads: empty lists and None when the
    source did not say; extra keys (``sales_channel``, ``link_code``) are kept."""
    found: dict[str, Any] = {
        "codes": [],
        "click_id": None,
        "utm": {},
        "referrer_domain": None,
        "sub_ids": [],
        "creator_username": None,
        "content_id": None,
    }
    found.update(given)
    return found


# Shops ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Shop:
    """A shop or conversion source kolscope takes orders from. Its secret never leaves the
    orders part (``ShopKey`` shows a new one once)."""

    id: int
    organisation_id: int | None
    source: str
    name: str
    domain: str | None
    brand: str | None
    secret_set_at: datetime
    created_at: datetime

    @property
    def address(self) -> str:
        """Where the shop sends its orders, after the workspace's own address."""
        if self.source == "api":
            return "/api/conversions"
        return f"/hooks/{self.source}/{self.name}"


@dataclass(frozen=True, slots=True)
class ShopRecord:
    """A shop with its secret: the signing key (Shopify, WooCommerce) or the SHA-256 of the
    conversion token (api). Only the use cases and the store see it."""

    shop: Shop
    secret: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class ShopKey:
    """A shop just added or rotated: ``secret`` is shown this once (None for Shopify, whose key
    the person pasted from Shopify), with a note saying so."""

    shop: Shop
    secret: str | None
    note: Message


# Webhooks and conversions ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Receipt:
    """The answer to a webhook or a conversion: the HTTP status and why."""

    status: int
    message: Message
    order_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.status < 400


@dataclass(frozen=True, slots=True)
class Delivery:
    """A stored webhook waiting to be applied to its order."""

    id: int
    shop: ShopRecord
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True, slots=True)
class Processed:
    """What one pass over the waiting webhooks did."""

    applied: int
    refused: int
    skipped: int
    order_row_ids: tuple[int, ...]


# Writing an order ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EventWrite:
    """One event of an order's history as it is stored (``detail``: the event as read)."""

    event_key: str
    kind: str
    at: datetime
    status: str
    amount_satang: int
    commission_satang: int
    note: Message
    detail: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class OrderFields:
    """The orders row's own columns, worked out from all the order's events."""

    status: str
    shop_status: str | None
    ordered_at: datetime
    updated_at: datetime
    currency: str
    amount_satang: int
    commission_satang: int
    test: bool
    evidence: Mapping[str, Any]
    customer_key: str | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    """What writing one event did: the order's row id, and whether the order and the event
    were new (an event seen before changes nothing)."""

    order_row_id: int
    new_order: bool
    new_event: bool
    lead_id: int | None = None


@dataclass(frozen=True, slots=True)
class LeadWrite:
    """A lead as stored: who, how to reach them, and the consent they gave."""

    campaign_id: int
    link_id: int | None
    click_id: str | None
    name: str
    contact: str
    consent_text: str
    consented_at: datetime


@dataclass(frozen=True, slots=True)
class CampaignRef:
    """The campaign a lead belongs to, with its brand (named in the consent) and owner."""

    campaign_id: int
    campaign: str
    brand: str
    organisation_id: int | None


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A tracking link a lead came through: its campaign and where it sends people."""

    link_id: int
    code: str
    target: str
    campaign: CampaignRef


@dataclass(frozen=True, slots=True)
class LeadForm:
    """What the lead form of a tracking link shows: the campaign and brand, and the consent
    the person is asked for."""

    code: str
    campaign: str
    brand: str
    consent: Message


@dataclass(frozen=True, slots=True)
class LeadSaved:
    lead_id: int
    order_id: str
    campaign: str
    message: Message


# Marketplace reports ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LineWrite:
    """One report line as it is stored (money in satang, zeroed when the line sold nothing)."""

    source: str
    shop: str
    order_id: str
    line_key: str
    item: str | None
    status: str
    shop_status: str | None
    ordered_at: datetime
    updated_at: datetime
    currency: str
    amount_satang: int
    commission_satang: int
    sub_ids: tuple[str, ...]
    creator_username: str | None
    content_id: str | None
    file: str
    row: int


@dataclass(frozen=True, slots=True)
class ReportCounts:
    orders: int
    new_orders: int
    lines: int
    changed_lines: int
    order_row_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReportImported:
    """A report imported: its file, kind, and what it changed."""

    file: str
    kind: str
    rows: int
    orders: int
    new_orders: int
    lines: int
    changed_lines: int

    @property
    def message(self) -> Message:
        from kolscope.tracking import messages_orders as said

        return said.REPORT_IMPORTED(
            file=self.file, rows=self.rows, orders=self.orders, new=self.new_orders,
            lines=self.lines, changed=self.changed_lines,
        )  # fmt: skip


# Listing ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OrderRow:
    """An order as listed: where it came from, its status and money, and where attribution
    placed it (``creator`` is ``platform:handle``; None while unplaced)."""

    order_id: str
    source: str
    shop: str
    status: str
    shop_status: str | None
    ordered_at: datetime
    updated_at: datetime
    currency: str
    amount: Decimal
    commission: Decimal
    test: bool
    creator: str | None
    campaign: str | None
    rule: str | None
    evidence: Mapping[str, Any] = field(hash=False)

    @property
    def amount_thb(self) -> Decimal | None:
        return self.amount if self.currency == "THB" else None

    @property
    def commission_thb(self) -> Decimal | None:
        return self.commission if self.currency == "THB" else None


@dataclass(frozen=True, slots=True)
class StatusTotal:
    """Orders of one source, status and currency, counted and summed (satang)."""

    source: str
    status: str
    currency: str
    orders: int
    amount_satang: int
    commission_satang: int


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """One source's orders: how many, what the counted ones (paid, pending; THB) are worth and
    earn, and how many are in each status."""

    source: str
    orders: int
    amount_thb: Decimal
    commission_thb: Decimal
    by_status: Mapping[str, int] = field(hash=False)
    other_currencies: Mapping[str, int] = field(hash=False, default_factory=dict)


def summarise(totals: Sequence[StatusTotal]) -> list[SourceSummary]:
    """Per source, in the order of ``ORDER_SOURCES``: counts by status, counted THB sums."""
    by_source: dict[str, list[StatusTotal]] = {}
    for total in totals:
        by_source.setdefault(total.source, []).append(total)
    rank = {name: index for index, name in enumerate(ORDER_SOURCES)}
    summaries = []
    for source in sorted(by_source, key=lambda s: (rank.get(s, len(rank)), s)):
        rows = by_source[source]
        by_status: dict[str, int] = {}
        others: dict[str, int] = {}
        amount = commission = 0
        for row in rows:
            by_status[row.status] = by_status.get(row.status, 0) + row.orders
            if row.currency != "THB":
                others[row.currency] = others.get(row.currency, 0) + row.orders
            elif row.status in COUNTED_STATUSES:
                amount += row.amount_satang
                commission += row.commission_satang
        ordered = {s: by_status[s] for s in sorted(by_status, key=_status_rank)}
        summaries.append(
            SourceSummary(
                source=source,
                orders=sum(row.orders for row in rows),
                amount_thb=baht(amount),
                commission_thb=baht(commission),
                by_status=ordered,
                other_currencies=others,
            )
        )
    return summaries


def _status_rank(status: str) -> tuple[int, str]:
    return (STATUSES.index(status) if status in STATUSES else len(STATUSES), status)
