"""Shop webhooks: signatures (Shopify, WooCommerce), reading orders, and an order's history
from duplicated, reordered, cancelled and refunded webhooks."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kolscope.tracking.webhooks import ordering, shopify, woocommerce
from kolscope.tracking.webhooks.orders import EventKind, OrderEvent, Ping, WebhookError
from kolscope.tracking.webhooks.signatures import sign

SECRET = "shpss_kolscope_test_secret"
SHOP = "baan-sabai-skincare.myshopify.com"
WOO_SECRET = "woo & secret"
WOO_SHOP = "https://www.chaba-tea.co.th/"


# Factories: real-shaped payloads, written for these tests ------------------------------------
def shopify_order(**changes: Any) -> dict[str, Any]:
    order: dict[str, Any] = {
        "id": 5901234567001,
        "name": "#1042",
        "created_at": "2026-11-20T10:15:00+07:00",
        "updated_at": "2026-11-20T10:16:30+07:00",
        "currency": "THB",
        "current_total_price": "1290.00",
        "total_price": "1290.00",
        "financial_status": "paid",
        "cancelled_at": None,
        "test": False,
        "source_name": "web",
        "landing_site": "/products/serum?kc=k7Qx2a&utm_source=tiktok&utm_medium=kol"
        "&utm_campaign=songkran",
        "referring_site": "https://www.tiktok.com/@namwan.review/video/1",
        "discount_codes": [{"code": "namwan10", "amount": "129.00", "type": "percentage"}],
        "note_attributes": [{"name": "gift_wrap", "value": "yes"}],
        "customer": {"id": 7712000011, "email": "somchai@example.co.th"},
    }
    order.update(changes)
    return order


def shopify_headers(body: bytes, topic: str = "orders/create", **extra: str) -> dict[str, str]:
    headers = {
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": sign(SECRET, body),
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-Event-Id": "evt-" + topic.replace("/", "-") + "-1",
        "X-Shopify-Webhook-Id": "wh-77",
    }
    headers.update(extra)
    return headers


def shopify_event(order: dict[str, Any], topic: str = "orders/create", **extra: str) -> OrderEvent:
    body = json.dumps(order).encode()
    return shopify.read(shopify_headers(body, topic, **extra), body, SECRET)


def woo_order(**changes: Any) -> dict[str, Any]:
    order: dict[str, Any] = {
        "id": 8815,
        "status": "processing",
        "currency": "THB",
        "total": "870.00",
        "date_created_gmt": "2026-11-21T03:00:00",
        "date_modified_gmt": "2026-11-21T03:05:00",
        "customer_id": 0,
        "billing": {"email": "Pim@Example.com"},
        "created_via": "checkout",
        "coupon_lines": [{"id": 3, "code": "pimtea15", "discount": "130.00"}],
        "refunds": [],
        "meta_data": [
            {
                "id": 1,
                "key": "_wc_order_attribution_session_entry",
                "value": "https://www.chaba-tea.co.th/shop/?ref=r9Zp1&utm_source=instagram",
            },
            {"id": 2, "key": "_wc_order_attribution_source_type", "value": "utm"},
            {"id": 3, "key": "_wc_order_attribution_utm_source", "value": "instagram"},
            {"id": 4, "key": "_wc_order_attribution_utm_medium", "value": "story"},
            {"id": 5, "key": "_wc_order_attribution_referrer", "value": "https://l.instagram.com/"},
            {"id": 6, "key": "is_vat_exempt", "value": "no"},
        ],
    }
    order.update(changes)
    return order


def woo_headers(body: bytes, topic: str = "order.created", delivery: str = "d1") -> dict[str, str]:
    return {
        "x-wc-webhook-topic": topic,
        "x-wc-webhook-signature": sign(WOO_SECRET, body),
        "x-wc-webhook-source": WOO_SHOP,
        "x-wc-webhook-delivery-id": delivery,
        "x-wc-webhook-id": "4",
    }


def woo_event(order: dict[str, Any], topic: str = "order.created", delivery: str = "d1") -> Any:
    body = json.dumps(order).encode()
    return woocommerce.read(woo_headers(body, topic, delivery), body, WOO_SECRET)


# Reading Shopify ----------------------------------------------------------------------------------
def test_shopify_order_is_read_with_click_id_codes_utm_and_referrer() -> None:
    event = shopify_event(shopify_order())
    assert event.source == "shopify"
    assert event.shop == SHOP
    assert event.order_id == "5901234567001"
    assert event.kind is EventKind.CREATED
    assert event.amount == Decimal("1290.00")
    assert event.amount_thb == Decimal("1290.00")
    assert event.click_id == "k7Qx2a"
    assert event.discount_codes == ("NAMWAN10",)
    assert event.utm == {"utm_source": "tiktok", "utm_medium": "kol", "utm_campaign": "songkran"}
    assert event.referrer_domain == "tiktok.com"
    assert event.sales_channel == "web"
    assert not event.test
    assert not event.cancelled
    assert event.dedupe_key == f"shopify:{SHOP}:evt-orders-create-1"
    assert event.customer_key
    assert "7712000011" not in event.customer_key
    assert event.updated_at.isoformat() == "2026-11-20T03:16:30+00:00"


def test_shopify_ref_note_attribute_test_flag_and_foreign_currency() -> None:
    order = shopify_order(
        landing_site="/",
        note_attributes=[{"name": "ref", "value": "n0te1"}],
        currency="usd",
        test=True,
    )
    event = shopify_event(order)
    assert event.click_id == "n0te1"
    assert event.test
    assert event.currency == "USD"
    assert event.amount_thb is None


def test_shopify_dedupe_falls_back_to_webhook_id() -> None:
    body = json.dumps(shopify_order()).encode()
    headers = shopify_headers(body)
    del headers["X-Shopify-Event-Id"]
    assert shopify.read(headers, body, SECRET).dedupe_key == f"shopify:{SHOP}:wh-77"
    del headers["X-Shopify-Webhook-Id"]
    with pytest.raises(WebhookError) as refused:
        shopify.read(headers, body, SECRET)
    assert refused.value.status == 400
    assert "X-Shopify-Event-Id" in str(refused.value.message)


def test_shopify_cancelled_and_refund() -> None:
    cancelled = shopify_event(
        shopify_order(cancelled_at="2026-11-21T09:00:00+07:00", updated_at="2026-11-21T09:00:00Z"),
        "orders/cancelled",
    )
    assert cancelled.kind is EventKind.CANCELLED
    assert cancelled.cancelled
    refund = {
        "id": 9100001,
        "order_id": 5901234567001,
        "created_at": "2026-11-22T12:00:00+07:00",
        "transactions": [
            {"kind": "refund", "status": "success", "amount": "300.00", "currency": "THB"},
            {"kind": "refund", "status": "failure", "amount": "999.00", "currency": "THB"},
        ],
    }
    event = shopify_event(refund, "refunds/create")
    assert event.kind is EventKind.REFUND
    assert not event.whole_order
    assert event.refund_amount == Decimal("300.00")
    assert event.refund_id == "9100001"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": None}, "id"),
        ({"current_total_price": "twelve"}, "current_total_price"),
        ({"current_total_price": "NaN"}, "current_total_price"),
        ({"created_at": "yesterday"}, "created_at"),
        ({"currency": None}, "currency"),
        ({"discount_codes": "NAMWAN10"}, "discount_codes"),
    ],
)
def test_shopify_malformed_order_is_400_naming_the_field(
    change: dict[str, Any], field: str
) -> None:
    with pytest.raises(WebhookError) as refused:
        shopify_event(shopify_order(**change))
    assert refused.value.status == 400
    assert field in str(refused.value.message)


def test_shopify_body_not_json_and_unknown_topic_are_400() -> None:
    body = b"<html>not json</html>"
    with pytest.raises(WebhookError) as refused:
        shopify.read(shopify_headers(body), body, SECRET)
    assert refused.value.status == 400
    assert refused.value.message.code == "track.webhooks.body_not_json"
    body = b"{}"
    with pytest.raises(WebhookError) as refused:
        shopify.read(shopify_headers(body, "products/create"), body, SECRET)
    assert refused.value.message.code == "track.webhooks.topic_unknown"


# Signatures ---------------------------------------------------------------------------------------
def test_shopify_signatures_tampered_wrong_secret_missing_and_not_base64(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = json.dumps(shopify_order()).encode()
    headers = shopify_headers(body)
    cases = {
        "tampered body": (headers, body.replace(b"1290.00", b"9290.00"), SECRET),
        "wrong secret": (headers, body, "another-shop-secret"),
        "empty secret": (headers, body, ""),
        "missing header": ({k: v for k, v in headers.items() if "Hmac" not in k}, body, SECRET),
        "not base64": ({**headers, "X-Shopify-Hmac-Sha256": "not base64!!"}, body, SECRET),
        "non-ascii": ({**headers, "X-Shopify-Hmac-Sha256": "สวัสดี"}, body, SECRET),
    }
    for name, (sent, raw, secret) in cases.items():
        with pytest.raises(WebhookError) as refused:
            shopify.read(sent, raw, secret)
        assert refused.value.status == 401, name
        assert "X-Shopify-Hmac-Sha256" in str(refused.value.message), name
    assert sum("refused (401)" in record.getMessage() for record in caplog.records) == len(cases)


def test_header_names_ignore_case() -> None:
    body = json.dumps(shopify_order()).encode()
    headers = {name.lower(): value for name, value in shopify_headers(body).items()}
    assert shopify.read(headers, body, SECRET).order_id == "5901234567001"


def test_woocommerce_signatures() -> None:
    body = json.dumps(woo_order()).encode()
    headers = woo_headers(body)
    for sent, raw, secret in [
        (headers, body + b" ", WOO_SECRET),
        (headers, body, "woo &amp; secret"),
        ({k: v for k, v in headers.items() if k != "x-wc-webhook-signature"}, body, WOO_SECRET),
        ({**headers, "x-wc-webhook-signature": "%%%"}, body, WOO_SECRET),
    ]:
        with pytest.raises(WebhookError) as refused:
            woocommerce.read(sent, raw, secret)
        assert refused.value.status == 401
        assert "X-WC-Webhook-Signature" in str(refused.value.message)


# Reading WooCommerce ------------------------------------------------------------------------------
def test_woocommerce_order_is_read_from_attribution_meta() -> None:
    event = woo_event(woo_order())
    assert isinstance(event, OrderEvent)
    assert event.shop == "www.chaba-tea.co.th"
    assert event.order_id == "8815"
    assert event.dedupe_key == "woocommerce:www.chaba-tea.co.th:d1:8815"
    assert event.click_id == "r9Zp1"
    assert event.discount_codes == ("PIMTEA15",)
    assert event.utm == {"utm_source": "instagram", "utm_medium": "story"}
    assert event.referrer_domain == "l.instagram.com"
    assert event.sales_channel == "utm"
    assert event.amount_thb == Decimal("870.00")
    assert event.customer_key
    assert event.ordered_at.isoformat() == "2026-11-21T03:00:00+00:00"


def test_woocommerce_refunds_cancel_and_statuses() -> None:
    partly = woo_event(woo_order(refunds=[{"id": 91, "total": "-200.00"}]), "order.updated")
    assert partly.kind is EventKind.UPDATED
    assert partly.amount == Decimal("670.00")
    full = woo_event(
        woo_order(status="refunded", refunds=[{"id": 92, "total": "-870.00"}]), "order.updated"
    )
    assert full.kind is EventKind.REFUND
    assert full.amount == 0
    assert full.whole_order
    gone = woo_event(woo_order(status="cancelled"), "order.updated")
    assert gone.kind is EventKind.CANCELLED
    assert gone.cancelled


def test_woocommerce_ping_is_answered_without_signature() -> None:
    body = b"webhook_id=4"
    headers = {"content-type": "application/x-www-form-urlencoded", "x-wc-webhook-source": WOO_SHOP}
    ping = woocommerce.read(headers, body, WOO_SECRET)
    assert ping == Ping(source="woocommerce", shop="www.chaba-tea.co.th", webhook_id="4")
    with pytest.raises(WebhookError) as refused:
        woocommerce.read(headers, b"webhook_id=4&status=paid", WOO_SECRET)
    assert refused.value.status == 401


def test_woocommerce_malformed_is_400() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"total": []}, "total"),
        ({"status": None}, "status"),
    ]
    for change, field in cases:
        with pytest.raises(WebhookError) as refused:
            woo_event(woo_order(**change))
        assert refused.value.status == 400
        assert field in str(refused.value.message)
    body = b"[1, 2]"
    with pytest.raises(WebhookError) as refused:
        woocommerce.read(woo_headers(body), body, WOO_SECRET)
    assert refused.value.status == 400


# Random payloads never raise anything but WebhookError ----------------------------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
FIELDS = st.sampled_from(
    ["id", "created_at", "updated_at", "currency", "current_total_price", "landing_site",
     "discount_codes", "note_attributes", "customer", "cancelled_at", "test", "order_id",
     "transactions", "status", "total", "date_created_gmt", "coupon_lines", "meta_data",
     "refunds", "customer_id", "billing", "referring_site", "financial_status"]
)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    base=st.sampled_from(["shopify", "refund", "woo", "empty"]),
    changes=st.dictionaries(FIELDS, JSON, max_size=6),
    topic=st.sampled_from(
        ["orders/create", "orders/updated", "orders/cancelled", "refunds/create"]
    ),
)
def test_random_signed_payloads_raise_only_webhook_error(
    base: str, changes: dict[str, Any], topic: str
) -> None:
    payload: dict[str, Any] = {
        "shopify": shopify_order(),
        "woo": woo_order(),
        "refund": {"id": 1, "order_id": 2, "created_at": "2026-11-22T12:00:00Z"},
        "empty": {},
    }[base]
    payload.update(changes)
    try:
        body = json.dumps(payload).encode()
    except ValueError:
        return
    statuses: list[int] = []
    readers: list[Callable[[], object]] = [
        lambda: shopify.read(shopify_headers(body, topic), body, SECRET),
        lambda: woocommerce.read(woo_headers(body, "order.updated"), body, WOO_SECRET),
    ]
    for read in readers:
        try:
            read()
        except WebhookError as refused:
            statuses.append(refused.status)
    assert set(statuses) <= {400, 401}


@settings(max_examples=200, deadline=None)
@given(body=st.binary(max_size=200) | JSON.map(lambda value: json.dumps(value).encode()))
def test_random_bodies_raise_only_webhook_error(body: bytes) -> None:
    statuses: list[int] = []
    readers: list[Callable[[], object]] = [
        lambda: shopify.read(shopify_headers(body), body, SECRET),
        lambda: woocommerce.read(woo_headers(body), body, WOO_SECRET),
        lambda: shopify.read({"X-Shopify-Hmac-Sha256": "AAAA"}, body, SECRET),
    ]
    for read in readers:
        try:
            read()
        except WebhookError as refused:
            statuses.append(refused.status)
    assert set(statuses) <= {400, 401}


# An order's history -------------------------------------------------------------------------------
def story_of_one_shopify_order() -> list[OrderEvent]:
    created = shopify_event(shopify_order(), "orders/create", **{"X-Shopify-Event-Id": "e1"})
    paid = shopify_event(
        shopify_order(updated_at="2026-11-20T11:00:00+07:00"),
        "orders/updated",
        **{"X-Shopify-Event-Id": "e2"},
    )
    refund = shopify_event(
        {
            "id": 9100001,
            "order_id": 5901234567001,
            "created_at": "2026-11-22T12:00:00+07:00",
            "transactions": [{"kind": "refund", "status": "success", "amount": "300.00"}],
        },
        "refunds/create",
        **{"X-Shopify-Event-Id": "e3"},
    )
    return [created, paid, refund]


def test_refund_after_the_latest_order_is_taken_off_and_history_kept() -> None:
    history = ordering.replay(story_of_one_shopify_order())
    assert history.state.amount == Decimal("1290.00")
    assert history.state.refunded == Decimal("300.00")
    assert history.state.attributed_amount == Decimal("990.00")
    assert history.state.attributed_thb == Decimal("990.00")
    assert history.state.click_id == "k7Qx2a"
    assert history.state.discount_codes == ("NAMWAN10",)
    assert [entry.counted for entry in history.entries] == [False, True, True]
    assert [entry.note.code for entry in history.entries] == [
        "track.webhooks.superseded",
        "track.webhooks.counted",
        "track.webhooks.refunded",
    ]


def test_an_order_sent_after_its_refund_already_shows_it() -> None:
    later = shopify_event(
        shopify_order(updated_at="2026-11-23T08:00:00+07:00", current_total_price="990.00"),
        "orders/updated",
        **{"X-Shopify-Event-Id": "e4"},
    )
    history = ordering.replay([*story_of_one_shopify_order(), later])
    assert history.state.refunded == 0
    assert history.state.attributed_amount == Decimal("990.00")
    assert history.entries[2].note.code == "track.webhooks.superseded"


def test_cancellation_zeroes_even_when_it_arrives_first() -> None:
    cancel = shopify_event(
        shopify_order(
            updated_at="2026-11-24T09:00:00+07:00", cancelled_at="2026-11-24T09:00:00+07:00"
        ),
        "orders/cancelled",
        **{"X-Shopify-Event-Id": "e9"},
    )
    history = ordering.replay([cancel, *story_of_one_shopify_order()])
    assert history.state.cancelled
    assert history.state.attributed_amount == 0
    assert history.entries[-1].note.code == "track.webhooks.cancelled"
    assert len(history.entries) == 4  # the history is kept


def test_duplicates_count_once_and_are_noted() -> None:
    events = story_of_one_shopify_order()
    history = ordering.replay([*events, events[2], events[2], events[0]])
    assert history.state.attributed_amount == Decimal("990.00")
    assert [note.params["count"] for note in history.duplicate_notes()] == [2, 3]
    assert ordering.record(history, events[1]).copies[events[1].dedupe_key] == 2


def test_only_a_refund_so_far_is_not_a_known_order() -> None:
    history = ordering.replay(story_of_one_shopify_order()[2:])
    assert not history.state.known
    assert history.state.attributed_amount == 0


def test_woocommerce_retry_with_a_new_delivery_id_does_not_add_up() -> None:
    first = woo_event(woo_order(), "order.created", "d1")
    retry = woo_event(woo_order(), "order.created", "d2")
    history = ordering.replay([first, retry])
    assert len(history.entries) == 2
    assert history.state.attributed_amount == Decimal("870.00")


def test_events_of_two_orders_are_refused() -> None:
    with pytest.raises(ValueError, match="two orders"):
        ordering.replay([woo_event(woo_order()), woo_event(woo_order(id=1))])


def _event(index: int, kind: EventKind, hour: int, worth: int, refund: int) -> OrderEvent:
    from datetime import UTC, datetime

    when = datetime(2026, 11, 20, hour, tzinfo=UTC)
    whole = kind is not EventKind.REFUND
    return OrderEvent(
        source="shopify",
        shop=SHOP,
        order_id="1001",
        kind=kind,
        dedupe_key=f"e{index}",
        ordered_at=when,
        updated_at=when,
        status=kind.value,
        amount=Decimal(worth) if whole else Decimal(0),
        currency="THB",
        click_id=f"k{index}" if index % 2 else None,
        cancelled=kind is EventKind.CANCELLED,
        refund_amount=Decimal(0) if whole else Decimal(refund),
        refund_id=None if whole else f"r{refund % 3}",
        whole_order=whole,
    )


EVENT_LISTS = st.lists(
    st.tuples(
        st.sampled_from(list(EventKind)),
        st.integers(0, 3),
        st.integers(0, 2000),
        st.integers(0, 500),
    ),
    min_size=1,
    max_size=8,
).map(lambda rows: [_event(i, *row) for i, row in enumerate(rows)])


@settings(max_examples=300, deadline=None)
@given(events=EVENT_LISTS, seed=st.integers(0, 2**32), copies=st.lists(st.integers(0, 7)))
def test_permutations_and_duplicates_give_the_same_final_state(
    events: list[OrderEvent], seed: int, copies: list[int]
) -> None:
    expected = ordering.replay(events)
    shuffled = [*events, *(events[i % len(events)] for i in copies)]
    random.Random(seed).shuffle(shuffled)
    again = ordering.replay(shuffled)
    assert again.state == expected.state
    assert again.entries == expected.entries
    step: ordering.OrderHistory | None = None
    for event in shuffled:
        step = ordering.record(step, event)
    assert step is not None
    assert step.state == expected.state
    assert expected.state.attributed_amount >= 0
    if expected.state.cancelled:
        assert expected.state.attributed_amount == 0
