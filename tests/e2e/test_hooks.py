"""Shop webhooks over HTTP: the raw body checked against the shop's signature (forged or
unsigned: 401 and logged; malformed: 400; nothing kept of either), a webhook stored once and
applied after the answer, duplicated and reordered deliveries counted once, WooCommerce's ping
answered, no session or CSRF token needed; Hypothesis sends random payloads through the
endpoint."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kolscope.bootstrap import Workspace
from kolscope.domain.team import INSTALLATION
from kolscope.entrypoints.web.app import create_app
from kolscope.infra.db import tables as t
from kolscope.tracking.webhooks.signatures import sign
from tests.unit.test_tracking_webhooks import (
    SECRET,
    SHOP,
    WOO_SHOP,
    shopify_order,
    woo_order,
)

EVENTS = itertools.count()  # a new event id per example (Hypothesis seeds ``random`` itself)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def hooks(workspace: Workspace) -> Iterator[tuple[TestClient, str]]:
    """A client with no session or cookie, a Shopify shop "baan" and a WooCommerce shop
    "chaba" (whose secret kolscope made)."""
    workspace.orders.add_shop(INSTALLATION, "shopify", "baan", secret=SECRET, domain=SHOP)
    woo = workspace.orders.add_shop(INSTALLATION, "woocommerce", "chaba")
    assert woo.secret is not None
    with TestClient(create_app(workspace), follow_redirects=False) as client:
        yield client, woo.secret


def count(workspace: Workspace, table: Any) -> int:
    with workspace.engine.connect() as db:
        return int(db.execute(select(func.count()).select_from(table)).scalar_one())


def shopify_post(
    client: TestClient,
    body: bytes,
    topic: str = "orders/create",
    event: str = "e1",
    signature: str | None = None,
) -> Any:
    headers = {
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": sign(SECRET, body) if signature is None else signature,
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-Event-Id": event,
        "Content-Type": "application/json",
    }
    return client.post("/hooks/shopify/baan", content=body, headers=headers)


def woo_post(client: TestClient, secret: str, body: bytes, delivery: str = "d1") -> Any:
    headers = {
        "X-WC-Webhook-Topic": "order.created",
        "X-WC-Webhook-Signature": sign(secret, body),
        "X-WC-Webhook-Source": WOO_SHOP,
        "X-WC-Webhook-Delivery-ID": delivery,
        "Content-Type": "application/json",
    }
    return client.post("/hooks/woocommerce/chaba", content=body, headers=headers)


def test_a_webhook_is_answered_stored_once_and_applied_after(
    workspace: Workspace, hooks: tuple[TestClient, str]
) -> None:
    client, _secret = hooks
    body = json.dumps(shopify_order(), indent=1).encode()  # spacing as sent, signed as sent
    first = shopify_post(client, body)
    assert first.status_code == 200
    assert first.json()["code"] == "track.orders.received"
    assert first.json()["order_id"] == "5901234567001"
    again = shopify_post(client, body)
    assert (again.status_code, again.json()["code"]) == (200, "track.orders.already_received")
    (order,) = workspace.orders.orders(INSTALLATION)  # the background task ran
    assert (order.source, order.status, order.amount) == ("shopify", "paid", Decimal("1290.00"))
    assert count(workspace, t.webhook_deliveries) == 1
    assert count(workspace, t.order_events) == 1


def test_forged_unsigned_and_malformed_webhooks_keep_nothing(
    workspace: Workspace, hooks: tuple[TestClient, str], caplog: pytest.LogCaptureFixture
) -> None:
    client, _secret = hooks
    body = json.dumps(shopify_order()).encode()
    forged = shopify_post(client, body.replace(b"1290.00", b"9.00"), signature=sign(SECRET, body))
    assert forged.status_code == 401
    assert "X-Shopify-Hmac-Sha256" in forged.json()["detail"]
    assert shopify_post(client, body, signature="").status_code == 401
    assert shopify_post(client, body, signature="not base64!").status_code == 401
    other_key = shopify_post(client, body, signature=sign("another secret", body))
    assert other_key.status_code == 401
    broken = b'{"id": 1, "created_at": "2026-11-20T10:00:00Z"}'
    malformed = shopify_post(client, broken)
    assert malformed.status_code == 400
    assert malformed.json()["detail"] == "the order has no total_price"
    assert shopify_post(client, b"[1, 2]").status_code == 400
    assert shopify_post(client, body, topic="products/create").status_code == 400
    assert count(workspace, t.webhook_deliveries) == 0
    assert count(workspace, t.orders) == 0
    refusals = [r for r in caplog.records if "webhook refused" in r.getMessage()]
    assert len(refusals) >= 7
    assert all(b"1290" not in r.getMessage().encode() for r in refusals)  # no body in the log


def test_an_unknown_shop_is_404(workspace: Workspace, hooks: tuple[TestClient, str]) -> None:
    client, _secret = hooks
    body = json.dumps(shopify_order()).encode()
    answer = client.post(
        "/hooks/shopify/nobody", content=body, headers={"X-Shopify-Hmac-Sha256": sign(SECRET, body)}
    )
    assert answer.status_code == 404
    assert client.post("/hooks/etsy/baan", content=body).status_code == 404


def test_a_session_or_csrf_token_is_not_needed_nor_used(
    workspace: Workspace, hooks: tuple[TestClient, str]
) -> None:
    client, _secret = hooks
    client.cookies.set("kolscope_session", "not-a-session")
    body = json.dumps(shopify_order()).encode()
    assert shopify_post(client, body).status_code == 200


def test_woocommerce_ping_and_order(workspace: Workspace, hooks: tuple[TestClient, str]) -> None:
    client, secret = hooks
    ping = client.post(
        "/hooks/woocommerce/chaba",
        content=b"webhook_id=15",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (ping.status_code, ping.json()["code"]) == (200, "track.webhooks.ping")
    assert count(workspace, t.webhook_deliveries) == 0
    unsigned = client.post("/hooks/woocommerce/chaba", content=b'{"id": 1}')
    assert unsigned.status_code == 401
    body = json.dumps(woo_order()).encode()
    assert woo_post(client, secret, body).json()["code"] == "track.orders.received"
    again = woo_post(client, secret, body)  # the same delivery id and order: counted once
    assert again.json()["code"] == "track.orders.already_received"
    retried = woo_post(client, secret, body, delivery="d2")  # a retry has a new delivery id
    assert retried.json()["code"] == "track.orders.received"
    (order,) = workspace.orders.orders(INSTALLATION, source="woocommerce")
    assert count(workspace, t.order_events) == 2  # two versions of one order, never added up
    assert (order.order_id, order.amount, order.evidence["codes"]) == (
        "8815",
        Decimal("870.00"),
        ["PIMTEA15"],
    )
    old = woo_post(client, "the secret before it was rotated", json.dumps(woo_order()).encode())
    assert old.status_code == 401


def _versions(order_id: int) -> list[tuple[bytes, str, str]]:
    """An order's webhooks: created, updated twice (the latest cheaper), then cancelled."""
    made = []
    for step, (topic, changes) in enumerate(
        [
            ("orders/create", {}),
            (
                "orders/updated",
                {"updated_at": "2026-11-20T11:00:00+07:00", "current_total_price": "1200.00"},
            ),
            (
                "orders/updated",
                {"updated_at": "2026-11-20T12:00:00+07:00", "current_total_price": "1100.00"},
            ),
        ]
    ):
        body = json.dumps(shopify_order(id=order_id, **changes)).encode()
        made.append((body, topic, f"{order_id}-{step}"))
    return made


@FUZZ
@given(st.randoms(use_true_random=False), st.lists(st.integers(0, 2), max_size=4))
def test_reordered_and_repeated_deliveries_end_the_same(
    workspace: Workspace, hooks: tuple[TestClient, str], rng: random.Random, repeats: list[int]
) -> None:
    client, _secret = hooks
    order_id = rng.randrange(10**9)
    sent = _versions(order_id)
    deliveries = sent + [sent[i] for i in repeats]
    rng.shuffle(deliveries)
    for body, topic, event in deliveries:
        assert shopify_post(client, body, topic, event).status_code == 200
    (order,) = [o for o in workspace.orders.orders(INSTALLATION) if o.order_id == str(order_id)]
    assert order.amount == Decimal("1100.00")
    with workspace.engine.connect() as db:
        events = db.execute(
            select(func.count())
            .select_from(t.order_events.join(t.orders))
            .where(t.orders.c.order_id == str(order_id))
        ).scalar_one()
    assert events == 3


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=10,
)
order_fields = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "created_at": json_values,
        "updated_at": json_values,
        "currency": json_values,
        "current_total_price": json_values,
        "financial_status": json_values,
        "discount_codes": json_values,
        "landing_site": json_values,
        "customer": json_values,
        "test": json_values,
    },
)


@FUZZ
@given(order_fields, st.sampled_from(["orders/create", "orders/updated", "refunds/create"]))
def test_random_signed_payloads_are_stored_or_refused_whole(
    workspace: Workspace, hooks: tuple[TestClient, str], changes: dict[str, Any], topic: str
) -> None:
    client, _secret = hooks
    before = count(workspace, t.webhook_deliveries), count(workspace, t.orders)
    body = json.dumps({**shopify_order(), **changes}).encode()
    answer = shopify_post(client, body, topic, event=f"fuzz-{next(EVENTS)}")
    assert answer.status_code in (200, 400)
    after = count(workspace, t.webhook_deliveries), count(workspace, t.orders)
    if answer.status_code == 400:
        assert after == before
        assert answer.json()["detail"]
    else:
        assert after[0] == before[0] + 1
        with workspace.engine.connect() as db:
            states = set(db.execute(select(t.webhook_deliveries.c.state)).scalars())
        assert states <= {"done"}


@FUZZ
@given(st.binary(max_size=300))
def test_random_unsigned_bytes_are_refused(
    workspace: Workspace, hooks: tuple[TestClient, str], body: bytes
) -> None:
    client, _secret = hooks
    assert shopify_post(client, body, signature="c2lnbmF0dXJl").status_code == 401
    answer = client.post("/hooks/woocommerce/chaba", content=body)
    assert answer.status_code in (200, 401)  # 200 only for the form of a ping
    assert count(workspace, t.webhook_deliveries) == 0
