"""An order worked out from its stored events: webhooks kept as read and replayed in any
order, conversions by the latest sent, a lead; a report order's status from its lines; the
totals per source counting only what sells."""

from __future__ import annotations

import json
import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kolscope.tracking.orders_events import (
    fit_key,
    line_event_key,
    settle,
    status_of_lines,
    webhook_detail,
    webhook_event,
)
from kolscope.tracking.orders_values import StatusTotal, baht, satang, summarise
from tests.unit.test_tracking_webhooks import (
    shopify_event,
    shopify_order,
    woo_event,
    woo_order,
)


def refund_event(refund_id: int, amount: str, at: str) -> object:
    from kolscope.tracking.webhooks import shopify
    from tests.unit.test_tracking_webhooks import SECRET, shopify_headers

    refund = {
        "id": refund_id,
        "order_id": 5901234567001,
        "created_at": at,
        "transactions": [
            {"kind": "refund", "status": "success", "amount": amount, "currency": "THB"}
        ],
    }
    body = json.dumps(refund).encode()
    headers = shopify_headers(body, "refunds/create", **{"X-Shopify-Event-Id": f"r{refund_id}"})
    return shopify.read(headers, body, SECRET)


def test_a_webhook_event_round_trips_through_its_stored_form() -> None:
    for event in (shopify_event(shopify_order()), woo_event(woo_order())):
        detail = webhook_detail(event)
        assert json.loads(json.dumps(detail)) == detail  # plain JSON values
        assert webhook_event(detail) == event


def test_a_shopify_order_settles_with_its_evidence() -> None:
    fields = settle([webhook_detail(shopify_event(shopify_order()))])
    assert fields.status == "paid"
    assert fields.amount_satang == 129000
    assert fields.currency == "THB"
    assert fields.evidence["codes"] == ["NAMWAN10"]
    assert fields.evidence["click_id"] == "k7Qx2a"
    assert fields.evidence["utm"]["utm_campaign"] == "songkran"
    assert fields.evidence["referrer_domain"] == "tiktok.com"
    assert fields.evidence["sub_ids"] == []
    assert fields.evidence["creator_username"] is None
    assert fields.customer_key is not None
    assert not fields.test


def test_statuses_in_kolscope_words() -> None:
    def status(order: dict[str, object], topic: str = "orders/updated") -> str:
        return settle([webhook_detail(shopify_event(order, topic))]).status

    assert status(shopify_order(financial_status="pending")) == "pending"
    assert status(shopify_order(financial_status="partially_refunded")) == "paid"
    assert status(shopify_order(financial_status="refunded")) == "refunded"
    assert status(shopify_order(financial_status="voided")) == "cancelled"
    assert status(shopify_order(cancelled_at="2026-11-21T09:00:00+07:00")) == "cancelled"
    woo = settle([webhook_detail(woo_event(woo_order(status="on-hold")))])
    assert woo.status == "pending"
    assert settle([webhook_detail(woo_event(woo_order(status="failed")))]).status == "cancelled"


def test_a_cancelled_order_keeps_its_worth_and_counts_nothing() -> None:
    created = shopify_event(shopify_order())
    cancelled = shopify_event(
        shopify_order(
            updated_at="2026-11-21T09:00:00+07:00", cancelled_at="2026-11-21T09:00:00+07:00"
        ),
        "orders/cancelled",
    )
    fields = settle([webhook_detail(cancelled), webhook_detail(created)])
    assert fields.status == "cancelled"
    assert fields.amount_satang == 129000
    assert fields.ordered_at == created.ordered_at


def test_a_refund_before_its_order_and_after_it() -> None:
    alone = settle([webhook_detail(refund_event(1, "100.00", "2026-11-22T10:00:00+07:00"))])
    assert (alone.status, alone.shop_status, alone.amount_satang) == ("refunded", "refund", 0)
    events = [
        shopify_event(shopify_order()),
        refund_event(1, "100.00", "2026-11-22T10:00:00+07:00"),
    ]
    fields = settle([webhook_detail(e) for e in reversed(events)])  # type: ignore[arg-type]
    assert fields.amount_satang == 119000
    assert fields.status == "paid"


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=3))
def test_shuffled_and_repeated_events_settle_the_same(rng: random.Random, copies: int) -> None:
    events = [
        shopify_event(shopify_order()),
        shopify_event(
            shopify_order(updated_at="2026-11-20T11:00:00+07:00", current_total_price="1100.00"),
            "orders/updated",
        ),
        refund_event(7, "50.00", "2026-11-21T10:00:00+07:00"),
    ]
    details = [webhook_detail(e) for e in events]  # type: ignore[arg-type]
    expected = settle(details)
    shuffled = details + [rng.choice(details) for _ in range(copies)]
    rng.shuffle(shuffled)
    distinct = list({d["dedupe_key"]: d for d in shuffled}.values())
    assert settle(distinct) == expected
    assert expected.amount_satang == 105000


def test_the_latest_conversion_sent_is_the_order() -> None:
    first = {
        "form": "api",
        "event_key": "api:a",
        "received_at": "2026-11-20T01:00:00+00:00",
        "ordered_at": "2026-11-20T00:00:00+00:00",
        "status": "paid",
        "amount_thb": "100.00",
        "commission_thb": "0.00",
        "codes": ["X"],
        "click_id": None,
        "utm": {},
        "referrer_domain": None,
        "customer_key": None,
    }
    later = {
        **first,
        "event_key": "api:b",
        "received_at": "2026-11-21T01:00:00+00:00",
        "status": "refunded",
    }
    assert settle([later, first]).status == "refunded"
    assert settle([first]).evidence["codes"] == ["X"]


def test_a_lead_is_a_conversion_worth_nothing_placed_by_its_link() -> None:
    lead = {
        "form": "lead",
        "at": "2026-11-20T01:00:00+00:00",
        "campaign_id": 3,
        "click_id": "k1",
        "link_code": "abc2345",
        "utm": {"utm_content": "mint"},
    }
    fields = settle([lead])
    assert (fields.status, fields.amount_satang) == ("paid", 0)
    assert fields.evidence["click_id"] == "k1"
    assert fields.evidence["utm"] == {"utm_content": "mint"}
    assert fields.evidence["link_code"] == "abc2345"


def test_an_order_status_from_its_lines() -> None:
    assert status_of_lines(["cancelled", "paid", "pending"]) == "paid"
    assert status_of_lines(["pending", "unpaid"]) == "pending"
    assert status_of_lines(["rejected", "refunded"]) == "refunded"
    assert status_of_lines(["ineligible"]) == "ineligible"


def test_keys_fit_their_column_and_a_line_state_has_one_key() -> None:
    long = "shopify:" + "x" * 400
    assert len(fit_key(long)) == 200
    assert fit_key(long) != fit_key(long + "y")
    assert fit_key("short") == "short"
    from datetime import UTC, datetime

    at = datetime(2026, 5, 1, tzinfo=UTC)
    key = line_event_key("item-1", "paid", 100, 5, at)
    assert key == line_event_key("item-1", "paid", 100, 5, at)
    assert key != line_event_key("item-1", "pending", 100, 5, at)
    assert len(line_event_key("x" * 500, "paid", 1, 1, at)) <= 200


def test_money_in_satang_rounds_half_up() -> None:
    assert satang(Decimal("1290.505")) == 129051
    assert satang(Decimal("0.004")) == 0
    assert baht(129051) == Decimal("1290.51")


def test_totals_count_only_thb_that_sells() -> None:
    totals = [
        StatusTotal("shopee", "paid", "THB", 3, 30000, 300),
        StatusTotal("shopee", "cancelled", "THB", 1, 0, 0),
        StatusTotal("shopify", "pending", "THB", 2, 5000, 0),
        StatusTotal("shopify", "paid", "USD", 1, 9900, 0),
        StatusTotal("shopify", "refunded", "THB", 1, 0, 0),
    ]
    shopify, shopee = summarise(totals)
    assert (shopify.source, shopify.orders, shopify.amount_thb) == ("shopify", 4, Decimal("50.00"))
    assert shopify.by_status == {"paid": 1, "pending": 2, "refunded": 1}
    assert shopify.other_currencies == {"USD": 1}
    assert (shopee.orders, shopee.amount_thb, shopee.commission_thb) == (
        4,
        Decimal("300.00"),
        Decimal("3.00"),
    )
