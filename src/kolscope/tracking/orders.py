"""Orders in: the use cases behind shop webhooks, the generic conversion API, lead forms,
marketplace report imports and the orders listings (``OrderBook``).

A webhook is checked and read at once (401 forged, 400 malformed, both logged), stored as it
arrived and answered 200; ``process_waiting`` applies stored webhooks to their orders right
after (a background task) and again from a loop, so none waits for ever. Each change is one
transaction (the order, its history and the delivery's state together); afterwards
``placed(order_row_ids)`` lets attribution place the orders that changed.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from kolscope.domain.team import INSTALLATION, Scope
from kolscope.tracking import messages_orders as said
from kolscope.tracking.orders_events import event_status, fit_key, settle, webhook_detail
from kolscope.tracking.orders_inputs import read_conversion, read_lead
from kolscope.tracking.orders_reports import REPORT_KINDS, ReadReport, ReportImports, ReportStore
from kolscope.tracking.orders_shops import ShopKeys, ShopStore
from kolscope.tracking.orders_values import (
    ORDER_SOURCES,
    CampaignRef,
    Delivery,
    EventWrite,
    LeadForm,
    LeadSaved,
    LeadWrite,
    LinkRef,
    OrderError,
    OrderFields,
    OrderRow,
    Processed,
    Receipt,
    Recorded,
    ReportImported,
    Shop,
    ShopKey,
    SourceSummary,
    StatusTotal,
    satang,
    summarise,
)
from kolscope.tracking.webhooks import shopify, woocommerce
from kolscope.tracking.webhooks.orders import OrderEvent, Ping, WebhookError, lower_headers, utm_of

__all__ = ["REPORT_KINDS", "OrderBook", "OrderStore"]
log = logging.getLogger("kolscope.tracking.orders")
READERS = {"shopify": shopify.read, "woocommerce": woocommerce.read}
TOPIC_HEADERS = {"shopify": "x-shopify-topic", "woocommerce": "x-wc-webhook-topic"}
KEPT_HEADERS = ("x-shopify-", "x-wc-webhook-")  # the headers a webhook is read from again
Settle = Callable[[Sequence[Mapping[str, Any]]], OrderFields]


class OrderStore(ShopStore, ReportStore, Protocol):
    """Where orders, their history, shops, deliveries and leads are kept."""

    def add_delivery(
        self, shop_id: int, dedupe_key: str, topic: str | None, headers: Mapping[str, str],
        body: bytes, now: datetime,
    ) -> int | None: ...  # fmt: skip

    def waiting(self, limit: int) -> list[Delivery]: ...

    def refuse_delivery(self, delivery_id: int, error: str, now: datetime) -> None: ...

    def record(
        self, organisation_id: int | None, key: tuple[str, str, str], event: EventWrite,
        settle: Settle, now: datetime, *, delivery_id: int | None = None,
        lead: LeadWrite | None = None,
    ) -> Recorded | None: ...  # fmt: skip

    def link(self, code: str) -> LinkRef | None: ...

    def campaign(self, organisation_id: int | None, name: str) -> CampaignRef | None: ...

    def orders(
        self, organisation_id: int | None, brand_ids: frozenset[int] | None, source: str | None,
        campaign: str | None, test: bool, limit: int | None,
    ) -> list[OrderRow]: ...  # fmt: skip

    def totals(
        self, organisation_id: int | None, brand_ids: frozenset[int] | None, source: str | None,
        campaign: str | None, test: bool,
    ) -> list[StatusTotal]: ...  # fmt: skip


class OrderBook:
    """Orders from every source, and the shops that send them."""

    def __init__(
        self,
        store: OrderStore,
        clock: Callable[[], datetime],
        secret: bytes,
        placed: Callable[[Sequence[int]], None] | None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._secret = secret
        self._placed = placed
        self._shops = ShopKeys(store, clock)
        self._reports = ReportImports(store, clock)

    def _place(self, order_row_ids: Sequence[int]) -> None:
        if self._placed is not None and order_row_ids:
            self._placed(sorted(set(order_row_ids)))

    # Shops -----------------------------------------------------------------------------------

    def add_shop(
        self, scope: Scope, source: str, name: str, *, domain: str | None = None,
        brand: str | None = None, secret: str | None = None,
    ) -> ShopKey:  # fmt: skip
        """Add a shop (shopify, woocommerce) or a conversion source (api); see
        ``orders_shops`` for whose secret each one uses. The secret is shown this once."""
        return self._shops.add(scope, source, name, domain=domain, brand=brand, secret=secret)

    def rotate_secret(
        self, scope: Scope, source: str, name: str, *, secret: str | None = None
    ) -> ShopKey:
        return self._shops.rotate(scope, source, name, secret=secret)

    def shops(self, scope: Scope) -> list[Shop]:
        return self._shops.shops(scope)

    # Webhooks --------------------------------------------------------------------------------

    def receive(self, source: str, shop: str, headers: Mapping[str, str], body: bytes) -> Receipt:
        """Check and read one webhook, store it and answer: 200 stored (or already stored:
        counted once), 200 for WooCommerce's ping (nothing stored), 401 forged or unsigned,
        400 malformed, 404 for a shop kolscope does not know."""
        reader = READERS.get(source)
        record = self._store.shop(source, shop.strip().lower()) if reader else None
        if reader is None or record is None:
            log.warning("webhook for an unknown shop refused (404): %s/%s", source, shop[:100])
            return Receipt(404, said.SHOP_UNKNOWN(source=source, shop=shop[:100]))
        try:
            read = reader(headers, body, record.secret)
        except WebhookError as refused:  # logged by the reader
            return Receipt(refused.status, refused.message)
        if isinstance(read, Ping):
            return Receipt(200, read.note)
        lowered = lower_headers(headers)
        kept = {k: v for k, v in lowered.items() if k.startswith(KEPT_HEADERS)}
        stored = self._store.add_delivery(
            record.shop.id, fit_key(read.dedupe_key), lowered.get(TOPIC_HEADERS[source]),
            kept, body, self._clock(),
        )  # fmt: skip
        if stored is None:
            return Receipt(200, said.ALREADY_RECEIVED(), read.order_id)
        return Receipt(200, said.RECEIVED(), read.order_id)

    def process_waiting(self, limit: int = 200) -> Processed:
        """Apply stored webhooks to their orders, oldest first. Safe to run twice at once:
        each delivery is claimed in the transaction that applies it, and an event already in
        an order's history is not added again."""
        applied = refused = skipped = 0
        changed: set[int] = set()
        for delivery in self._store.waiting(limit):
            source = delivery.shop.shop.source
            try:
                read = READERS[source](delivery.headers, delivery.body, delivery.shop.secret)
            except WebhookError as error:
                why = said.DELIVERY_REFUSED_LATER(why=error.message)
                self._store.refuse_delivery(
                    delivery.id, json.dumps(why.to_dict(), ensure_ascii=False), self._clock()
                )
                refused += 1
                continue
            if isinstance(read, Ping):  # never stored; a stored one is done with
                self._store.refuse_delivery(delivery.id, "ping", self._clock())
                continue
            done = self._store.record(
                delivery.shop.shop.organisation_id, read.order_key, _webhook_write(read),
                settle, self._clock(), delivery_id=delivery.id,
            )  # fmt: skip
            if done is None:
                skipped += 1
                continue
            applied += 1
            if done.new_event:
                changed.add(done.order_row_id)
        self._place(sorted(changed))
        return Processed(applied, refused, skipped, tuple(sorted(changed)))

    # The generic conversion API ---------------------------------------------------------------

    def convert(self, authorization: str | None, payload: Any) -> Receipt:
        """One conversion sent by a program with an api shop's token: 201 a new order, 200
        saved again (an update, or the same conversion resent: kept once); 401 bad token,
        400 naming the field."""
        record = self._shops.by_token(authorization)
        now = self._clock()
        detail = read_conversion(
            payload, shop=record.shop.name, secret=self._secret, received_at=now
        )
        order_id = detail["order_id"]
        event = EventWrite(
            event_key=detail["event_key"],
            kind="conversion",
            at=now,
            status=detail["status"],
            amount_satang=satang(Decimal(detail["amount_thb"])),
            commission_satang=satang(Decimal(detail["commission_thb"])),
            note=said.API_CONVERSION(status=detail["status"]),
            detail=detail,
        )
        key = ("api", record.shop.name, order_id)
        done = self._store.record(record.shop.organisation_id, key, event, settle, now)
        assert done is not None  # only a delivery can be taken by another run
        if done.new_event:
            self._place([done.order_row_id])
        if not done.new_event:
            return Receipt(200, said.CONVERSION_UNCHANGED(order=order_id), order_id)
        return Receipt(201 if done.new_order else 200, said.CONVERSION_SAVED(order=order_id),
                       order_id)  # fmt: skip

    # Leads -----------------------------------------------------------------------------------

    def lead_form(self, code: str) -> LeadForm:
        """What the lead form of tracking link ``code`` shows (404 for an unknown link)."""
        link = self._link(code)
        consent = said.CONSENT_TEXT(brand=link.campaign.brand, campaign=link.campaign.campaign)
        return LeadForm(link.code, link.campaign.campaign, link.campaign.brand, consent)

    def submit_lead(
        self, code: str, *, name: Any, contact: Any, consent: Any, consent_text: Any,
        click_id: Any = None,
    ) -> LeadSaved:  # fmt: skip
        """A lead from the public form of tracking link ``code``. ``consent_text`` is the
        consent as the person read it (in their language); nothing is kept without it."""
        person, reach, words, click = read_lead(name, contact, consent, consent_text, click_id)
        link = self._link(code)
        return self._save_lead(link.campaign, link, "form", person, reach, words, click)

    def send_lead(self, authorization: str | None, payload: Any) -> LeadSaved:
        """A lead sent by a program with an api shop's token: ``{campaign | code, name,
        contact, consent: true, consent_text, click_id}``."""
        record = self._shops.by_token(authorization)
        if not isinstance(payload, dict):
            raise OrderError(400, said.BODY_NOT_OBJECT(), "body")
        person, reach, words, click = read_lead(
            payload.get("name"), payload.get("contact"), payload.get("consent"),
            payload.get("consent_text"), payload.get("click_id"),
        )  # fmt: skip
        code, name = payload.get("code"), payload.get("campaign")
        link = None
        if isinstance(code, str) and code.strip():
            link = self._link(code)
            campaign = link.campaign
        elif isinstance(name, str) and name.strip():
            found = self._store.campaign(record.shop.organisation_id, name.strip())
            if found is None:
                raise OrderError(400, said.CAMPAIGN_UNKNOWN(campaign=name.strip()), "campaign")
            campaign = found
        else:
            raise OrderError(400, said.LEAD_NEEDS_CAMPAIGN(), "campaign")
        return self._save_lead(campaign, link, record.shop.name, person, reach, words, click)

    def _link(self, code: str) -> LinkRef:
        link = self._store.link(code.strip()) if code.strip() else None
        if link is None:
            raise OrderError(404, said.LINK_UNKNOWN(code=code.strip()[:40]), "code")
        return link

    def _save_lead(
        self, campaign: CampaignRef, link: LinkRef | None, shop: str, name: str, contact: str,
        consent_text: str, click_id: str | None,
    ) -> LeadSaved:  # fmt: skip
        now = self._clock()
        order_id = "lead-" + secrets.token_hex(8)
        detail = {
            "form": "lead",
            "at": now.isoformat(),
            "campaign_id": campaign.campaign_id,
            "click_id": click_id,
            "link_code": link.code if link else None,
            "utm": utm_of(link.target) if link else {},
        }
        event = EventWrite(
            f"lead:{order_id}", "lead", now, "paid", 0, 0, said.LEAD_CONVERSION(), detail
        )
        lead = LeadWrite(
            campaign.campaign_id, link.link_id if link else None, click_id, name, contact,
            consent_text, now,
        )  # fmt: skip
        done = self._store.record(
            campaign.organisation_id, ("lead", shop, order_id), event, settle, now, lead=lead
        )
        assert done is not None
        self._place([done.order_row_id])
        assert done.lead_id is not None
        return LeadSaved(
            done.lead_id, order_id, campaign.campaign, said.LEAD_SAVED(brand=campaign.brand)
        )

    # Marketplace reports ----------------------------------------------------------------------

    def import_report(
        self, path: Path, kind: str | None = None, *, scope: Scope = INSTALLATION,
        reader: ReadReport | None = None,
    ) -> ReportImported:  # fmt: skip
        """Import a Shopee, Lazada or TikTok Shop report (its kind found from its columns
        unless named): all of it in one transaction, or nothing (the error names file, row and
        column). Attribution then places the orders it changed."""
        done, changed = self._reports.import_report(path, kind, scope, reader)
        self._place(changed)
        return done

    def check_report(self, path: Path, kind: str | None = None) -> ReportImported:
        """Read the whole report as ``import_report`` would and write nothing (a dry run):
        its rows, lines and orders, or the first bad row named."""
        return self._reports.check_report(path, kind)

    def report_kind(self, path: Path) -> str | None:
        """The marketplace report a file is (shopee, lazada, tiktok-shop), found from its
        columns; None for any other file (a creators export, say)."""
        return self._reports.report_kind(path)

    # Listing -----------------------------------------------------------------------------------

    def orders(
        self, scope: Scope, *, source: str | None = None, campaign: str | None = None,
        test: bool = False, limit: int | None = None,
    ) -> list[OrderRow]:  # fmt: skip
        """Orders newest first (``test``: the shops' test orders instead, kept apart)."""
        _check_source(source)
        return self._store.orders(
            scope.organisation_id, scope.brand_ids, source, campaign, test, limit
        )

    def summary(
        self, scope: Scope, *, source: str | None = None, campaign: str | None = None,
        test: bool = False,
    ) -> list[SourceSummary]:  # fmt: skip
        """Per source: orders, what the counted ones are worth and earn, counts by status."""
        _check_source(source)
        totals = self._store.totals(scope.organisation_id, scope.brand_ids, source, campaign, test)
        return summarise(totals)


def _check_source(source: str | None) -> None:
    if source is not None and source not in ORDER_SOURCES:
        raise OrderError(
            400, said.SOURCE_UNKNOWN(source=source, known=list(ORDER_SOURCES)), "source"
        )


def _webhook_write(event: OrderEvent) -> EventWrite:
    """One webhook's event as it goes into the order's history."""
    amount = event.amount if event.whole_order else event.refund_amount
    if event.whole_order:
        note = said.ORDER_EVENT(
            status=event_status(event), shop_status=event.status or "-",
            amount=str(event.amount), currency=event.currency,
        )  # fmt: skip
    else:
        note = said.REFUND_EVENT(amount=str(event.refund_amount), currency=event.currency)
    return EventWrite(
        event_key=fit_key(event.dedupe_key),
        kind=event.kind.value,
        at=event.updated_at,
        status=event_status(event),
        amount_satang=satang(amount),
        commission_satang=0,
        note=note,
        detail=webhook_detail(event),
    )
