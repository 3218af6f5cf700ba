"""One order's history from its webhooks, whatever order they arrived in and however often.

Shops retry and reorder webhooks, so an order's state is worked out from all its events, never
from the last one to arrive:

- A dedupe key seen twice counts once (the copies are counted, for the log).
- Each whole order (created, updated, cancelled) is the shop's word on the order at its
  ``updated_at``; the latest one wins and the others stay in the history. Equal times are
  settled by kind (cancelled, refund, updated, created) and then by dedupe key, so the outcome
  never depends on arrival order.
- A cancelled order (or a voided or failed one) attributes nothing.
- A Shopify refund (which carries no order) counts once per refund id and is taken off the
  latest whole order only when it is newer than that order: an order sent after a refund
  already shows the refund in its total.

``replay(events)`` builds the history; ``record(history, event)`` adds one more event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from kolscope.domain.messages import Message
from kolscope.tracking import messages_webhooks as said
from kolscope.tracking.webhooks.orders import EventKind, OrderEvent

# Which of two versions sent at the same time wins: the further the order went, the later.
_KIND_RANK = {
    EventKind.CREATED: 0,
    EventKind.UPDATED: 1,
    EventKind.REFUND: 2,
    EventKind.CANCELLED: 3,
}


@dataclass(frozen=True, slots=True)
class OrderState:
    """Where the order stands: ``attributed_amount`` is what its click or code earns credit
    for (zero once cancelled, less refunds), in ``currency``; ``known`` is False while only
    refunds have arrived and the order itself has not."""

    order_key: tuple[str, str, str]
    known: bool
    status: str
    cancelled: bool
    test: bool
    currency: str
    amount: Decimal
    refunded: Decimal
    attributed_amount: Decimal
    updated_at: datetime | None
    click_id: str | None
    discount_codes: tuple[str, ...]
    utm: Mapping[str, str] = field(hash=False)
    referrer_domain: str | None
    customer_key: str | None

    @property
    def attributed_thb(self) -> Decimal | None:
        return self.attributed_amount if self.currency == "THB" else None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One distinct event of the order and what it did (``counted`` False: superseded)."""

    event: OrderEvent
    counted: bool
    note: Message


@dataclass(frozen=True, slots=True)
class OrderHistory:
    """An order's distinct events (by dedupe key), how many copies of each arrived, and the
    state they add up to with each event's part in it."""

    events: Mapping[str, OrderEvent]
    copies: Mapping[str, int]
    state: OrderState
    entries: tuple[HistoryEntry, ...]

    def duplicate_notes(self) -> list[Message]:
        """What to log about webhooks that arrived more than once."""
        return [
            said.DUPLICATE(order=self.events[key].order_id, key=key, count=count)
            for key, count in sorted(self.copies.items())
            if count > 1
        ]


def _newness(event: OrderEvent) -> tuple[datetime, int, str]:
    return (event.updated_at, _KIND_RANK[event.kind], event.dedupe_key)


def replay(events: Iterable[OrderEvent]) -> OrderHistory:
    """The history of one order from its events in any order, duplicates included."""
    distinct: dict[str, OrderEvent] = {}
    copies: dict[str, int] = {}
    order_key: tuple[str, str, str] | None = None
    for event in events:
        if order_key is None:
            order_key = event.order_key
        elif event.order_key != order_key:
            raise ValueError(f"events of two orders: {order_key} and {event.order_key}")
        distinct.setdefault(event.dedupe_key, event)
        copies[event.dedupe_key] = copies.get(event.dedupe_key, 0) + 1
    if order_key is None:
        raise ValueError("an order's history needs at least one event")
    state, entries = _settle(order_key, distinct)
    return OrderHistory(events=distinct, copies=copies, state=state, entries=entries)


def record(history: OrderHistory | None, event: OrderEvent) -> OrderHistory:
    """``history`` with one more event (a copy of a known one only raises its count)."""
    if history is None:
        return replay([event])
    if event.dedupe_key in history.events:
        copies = dict(history.copies)
        copies[event.dedupe_key] += 1
        return replace(history, copies=copies)
    earlier = [stored for key, stored in history.events.items() for _ in range(history.copies[key])]
    return replay([*earlier, event])


def _settle(
    order_key: tuple[str, str, str], distinct: Mapping[str, OrderEvent]
) -> tuple[OrderState, tuple[HistoryEntry, ...]]:
    ordered = sorted(distinct.values(), key=_newness)
    wholes = [event for event in ordered if event.whole_order]
    latest = wholes[-1] if wholes else None
    refunds: dict[str, OrderEvent] = {}
    for event in ordered:
        if not event.whole_order:
            refunds.setdefault(event.refund_id or event.dedupe_key, event)
    later_refunds = {
        event.dedupe_key
        for event in refunds.values()
        if latest is None or _newness(event) > _newness(latest)
    }
    refunded = sum(
        (event.refund_amount for event in refunds.values() if event.dedupe_key in later_refunds),
        Decimal(0),
    )
    entries = tuple(_entry(event, latest, later_refunds) for event in ordered)
    if latest is None:
        state = OrderState(
            order_key=order_key,
            known=False,
            status="refund",
            cancelled=False,
            test=False,
            currency=ordered[-1].currency,
            amount=Decimal(0),
            refunded=refunded,
            attributed_amount=Decimal(0),
            updated_at=None,
            click_id=None,
            discount_codes=(),
            utm={},
            referrer_domain=None,
            customer_key=None,
        )
        return state, entries
    newest_first = list(reversed(wholes))
    attributed = Decimal(0) if latest.cancelled else max(latest.amount - refunded, Decimal(0))
    state = OrderState(
        order_key=order_key,
        known=True,
        status=latest.status,
        cancelled=latest.cancelled,
        test=latest.test,
        currency=latest.currency,
        amount=latest.amount,
        refunded=refunded,
        attributed_amount=attributed,
        updated_at=latest.updated_at,
        click_id=next((e.click_id for e in newest_first if e.click_id), None),
        discount_codes=next((e.discount_codes for e in newest_first if e.discount_codes), ()),
        utm=next((e.utm for e in newest_first if e.utm), {}),
        referrer_domain=next((e.referrer_domain for e in newest_first if e.referrer_domain), None),
        customer_key=next((e.customer_key for e in newest_first if e.customer_key), None),
    )
    return state, entries


def _entry(event: OrderEvent, latest: OrderEvent | None, later_refunds: set[str]) -> HistoryEntry:
    order = event.order_id
    if not event.whole_order:
        if event.dedupe_key in later_refunds:
            note = said.REFUNDED(
                order=order, amount=str(event.refund_amount), currency=event.currency
            )
            return HistoryEntry(event, True, note)
        return HistoryEntry(event, False, said.SUPERSEDED(order=order))
    if event is not latest:
        return HistoryEntry(event, False, said.SUPERSEDED(order=order))
    if event.cancelled:
        return HistoryEntry(event, True, said.CANCELLED(order=order))
    if event.test:
        return HistoryEntry(event, True, said.TEST_ORDER(order=order))
    return HistoryEntry(event, True, said.COUNTED(order=order))
