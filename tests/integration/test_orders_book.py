"""The order book on SQLite and PostgreSQL: shop webhooks stored once and applied to their
orders in any arrival order (duplicates, reordering, refunds, test orders), nothing half
written, safe to process twice at once; the conversion API; leads with their consent, placed
by attribution through their link; listings and totals with the creator and campaign."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.domain.brands import Brand
from kolscope.domain.team import INSTALLATION
from kolscope.infra.db import tables as t
from kolscope.tracking.db.orders import SqlOrders
from kolscope.tracking.orders import OrderBook
from kolscope.tracking.orders_events import settle
from kolscope.tracking.orders_values import EventWrite, OrderError
from kolscope.tracking.webhooks.signatures import sign
from tests.factories import write_csv
from tests.unit.test_tracking_webhooks import SECRET, SHOP, shopify_order

WHEN = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
WORKSPACE_SECRET = b"workspace secret for the order tests"
BRIEF = {
    "objective": "conversion",
    "budget_thb": "90000",
    "niches": "skincare",
    "starts_on": "2026-12-01",
    "ends_on": "2026-12-31",
}


class Placed:
    """Records what the order book asked attribution to place (and can pass it on)."""

    def __init__(self, then: Callable[[Sequence[int]], None] | None = None) -> None:
        self.calls: list[list[int]] = []
        self.then = then

    def __call__(self, ids: Sequence[int]) -> None:
        self.calls.append(list(ids))
        if self.then is not None:
            self.then(ids)


def make_book(workspace: Workspace, placed: Placed | None = None) -> OrderBook:
    return OrderBook(SqlOrders(workspace.engine), lambda: WHEN, WORKSPACE_SECRET, placed)


def count(workspace: Workspace, table: Any) -> int:
    with workspace.engine.connect() as db:
        return int(db.execute(select(func.count()).select_from(table)).scalar_one())


def shopify_webhook(
    order: dict[str, Any], topic: str = "orders/create", event: str = "e1"
) -> tuple[dict[str, str], bytes]:
    body = json.dumps(order).encode()
    headers = {
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": sign(SECRET, body),
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-Event-Id": event,
    }
    return headers, body


def refund_webhook(
    refund_id: int, amount: str, at: str, order_id: int = 5901234567001
) -> tuple[dict[str, str], bytes]:
    refund = {
        "id": refund_id,
        "order_id": order_id,
        "created_at": at,
        "transactions": [{"kind": "refund", "status": "success", "amount": amount}],
    }
    return shopify_webhook(refund, "refunds/create", f"refund-{refund_id}")


def history_of_an_order(order_id: int = 5901234567001) -> list[tuple[dict[str, str], bytes]]:
    """Created, then updated (cheaper), then a refund: three webhooks of one order."""
    return [
        shopify_webhook(shopify_order(id=order_id), "orders/create", f"c{order_id}"),
        shopify_webhook(
            shopify_order(
                id=order_id, updated_at="2026-11-20T12:00:00+07:00", current_total_price="1100.00"
            ),
            "orders/updated",
            f"u{order_id}",
        ),
        refund_webhook(order_id, "100.00", "2026-11-21T10:00:00+07:00", order_id),
    ]


@pytest.fixture
def book(workspace: Workspace) -> OrderBook:
    made = make_book(workspace)
    made.add_shop(INSTALLATION, "shopify", "baan", secret=SECRET, domain=SHOP)
    return made


def test_duplicated_and_reordered_webhooks_count_once(workspace: Workspace) -> None:
    final = None
    book = make_book(workspace)
    book.add_shop(INSTALLATION, "shopify", "baan", secret=SECRET)
    for seed in (1, 2, 3):
        placed = Placed()
        book = make_book(workspace, placed)
        sent = history_of_an_order(seed)
        sent += [random.Random(seed).choice(sent) for _ in range(3)]
        random.Random(seed).shuffle(sent)
        answers = [book.receive("shopify", "baan", h, b) for h, b in sent]
        assert all(a.status == 200 for a in answers)
        assert sum(a.message.code == "track.orders.already_received" for a in answers) == 3
        done = book.process_waiting()
        assert (done.applied, done.refused) == (3, 0)
        (row,) = [o for o in book.orders(INSTALLATION) if o.order_id == str(seed)]
        assert placed.calls == [[*done.order_row_ids]]
        if final is not None:
            assert (row.status, row.amount, row.evidence) == final
        final = (row.status, row.amount, row.evidence)
        # processing again changes nothing
        assert book.process_waiting().applied == 0
    assert final is not None
    assert final[:2] == ("paid", Decimal("1000.00"))
    assert count(workspace, t.orders) == 3
    assert count(workspace, t.order_events) == 9


def test_the_history_keeps_every_event_as_read(workspace: Workspace, book: OrderBook) -> None:
    for headers, body in reversed(history_of_an_order()):
        book.receive("shopify", "baan", headers, body)
    book.process_waiting()
    history = SqlOrders(workspace.engine).history(("shopify", SHOP, "5901234567001"))
    assert [e["kind"] for e in history] == ["refund", "updated", "created"]
    assert history[0]["detail"]["refund_amount"] == "100.00"
    assert json.loads(history[1]["note"])["code"] == "track.orders.order_event"


def test_forged_and_malformed_webhooks_write_nothing(workspace: Workspace, book: OrderBook) -> None:
    headers, body = shopify_webhook(shopify_order())
    assert book.receive("shopify", "baan", headers, body + b" ").status == 401
    assert (
        book.receive("shopify", "baan", {**headers, "X-Shopify-Hmac-Sha256": ""}, body).status
        == 401
    )
    broken = b'{"id": 5, "created_at": "soon"}'
    assert (
        book.receive(
            "shopify",
            "baan",
            shopify_webhook({})[0] | {"X-Shopify-Hmac-Sha256": sign(SECRET, broken)},
            broken,
        ).status
        == 400
    )
    assert count(workspace, t.webhook_deliveries) == 0
    assert book.process_waiting().applied == 0
    assert count(workspace, t.orders) == 0


def test_a_failure_while_applying_leaves_nothing_half_written(
    workspace: Workspace, book: OrderBook
) -> None:
    headers, body = shopify_webhook(shopify_order())
    book.receive("shopify", "baan", headers, body)
    store = SqlOrders(workspace.engine)
    (delivery,) = store.waiting(10)
    event = EventWrite(
        "k", "created", WHEN, "paid", 1, 0, OrderError(400, _message()).message, {"form": "webhook"}
    )

    def broken(details: Sequence[dict[str, Any]]) -> Any:
        if len(details) > 1 or "source" not in details[0]:
            raise RuntimeError("a bug while working the order out")
        return settle(details)

    with pytest.raises(RuntimeError):
        store.record(None, ("shopify", SHOP, "1"), event, broken, WHEN, delivery_id=delivery.id)
    assert count(workspace, t.orders) == 0
    assert count(workspace, t.order_events) == 0
    assert [d.id for d in store.waiting(10)] == [delivery.id]  # still waiting, applied later
    assert book.process_waiting().applied == 1


def _message() -> Any:
    from kolscope.tracking import messages_orders as said

    return said.RECEIVED()


def test_processing_twice_at_once_applies_each_webhook_once(
    workspace: Workspace, book: OrderBook
) -> None:
    for number in range(12):
        order = shopify_order(id=7000 + number % 4, updated_at=f"2026-11-20T1{number % 10}:00:00Z")
        book.receive("shopify", "baan", *shopify_webhook(order, "orders/updated", f"e{number}"))
    results: list[Any] = []
    runners = [
        threading.Thread(
            target=lambda: results.append(make_book(workspace).process_waiting(limit=5))
        )
        for _ in range(3)
    ]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    book.process_waiting()
    assert sum(r.applied for r in results) <= 12
    assert count(workspace, t.order_events) == 12
    assert count(workspace, t.orders) == 4
    with workspace.engine.connect() as db:
        states = db.execute(select(t.webhook_deliveries.c.state)).scalars().all()
    assert set(states) == {"done"}
    latest = {o.order_id: o.updated_at for o in book.orders(INSTALLATION)}
    assert latest["7000"] == datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def test_test_orders_are_kept_apart(workspace: Workspace, book: OrderBook) -> None:
    book.receive("shopify", "baan", *shopify_webhook(shopify_order(test=True)))
    book.receive("shopify", "baan", *shopify_webhook(shopify_order(id=2), event="e2"))
    book.process_waiting()
    assert [o.order_id for o in book.orders(INSTALLATION)] == ["2"]
    assert [o.order_id for o in book.orders(INSTALLATION, test=True)] == ["5901234567001"]
    (summary,) = book.summary(INSTALLATION)
    assert summary.orders == 1


def test_the_conversion_api_is_idempotent_on_the_order(workspace: Workspace) -> None:
    placed = Placed()
    book = make_book(workspace, placed)
    token = str(book.add_shop(INSTALLATION, "api", "landing").secret)
    sent = {
        "order_id": "WEB-1",
        "amount_thb": 590,
        "ordered_at": "2026-12-09T20:00:00+07:00",
        "codes": ["mint10"],
        "customer": "pim@example.com",
    }
    assert book.convert(f"Bearer {token}", sent).status == 201
    again = book.convert(token, sent)
    assert (again.status, again.message.code) == (200, "track.orders.conversion_unchanged")
    changed = book.convert(f"Bearer {token}", {**sent, "status": "refunded"})
    assert (changed.status, changed.message.code) == (200, "track.orders.conversion_saved")
    (row,) = book.orders(INSTALLATION, source="api")
    assert (row.order_id, row.status, row.shop) == ("WEB-1", "refunded", "landing")
    assert row.evidence["codes"] == ["MINT10"]
    assert count(workspace, t.order_events) == 2
    assert len(placed.calls) == 2
    with workspace.engine.connect() as db:
        stored = db.execute(select(t.orders.c.customer_key)).scalar_one()
    assert stored
    assert "pim" not in stored


def test_the_conversion_api_refuses_before_writing(workspace: Workspace) -> None:
    book = make_book(workspace)
    token = str(book.add_shop(INSTALLATION, "api", "landing").secret)
    with pytest.raises(OrderError) as wrong:
        book.convert("Bearer kso_not-ours", {"order_id": "1"})
    assert wrong.value.status == 401
    with pytest.raises(OrderError) as missing:
        book.convert(None, {"order_id": "1"})
    assert missing.value.status == 401
    with pytest.raises(OrderError) as bad:
        book.convert(token, {"order_id": "1", "amount_thb": "-5", "ordered_at": "2026-12-09"})
    assert (bad.value.status, bad.value.field) == (400, "amount_thb")
    rotated = str(book.rotate_secret(INSTALLATION, "api", "landing").secret)
    with pytest.raises(OrderError):
        book.convert(token, {"order_id": "1", "amount_thb": "5", "ordered_at": "2026-12-09"})
    assert (
        book.convert(
            rotated, {"order_id": "1", "amount_thb": "5", "ordered_at": "2026-12-09"}
        ).status
        == 201
    )
    assert count(workspace, t.orders) == 1


# Leads, placed through their link -----------------------------------------------------------
@pytest.fixture
def campaign(workspace: Workspace, tmp_path: Path) -> dict[str, Any]:
    """A campaign with three creators and a tracking link each (as the tracking tab makes)."""
    accounts = [
        ["platform", "handle", "name", "followers", "country", "category"],
        ["instagram", "mint.skin", "Mint", 8_000, "Thailand", "skincare"],
        ["tiktok", "gadget.guy", "Gadget Guy", 250_000, "Thailand", "IT"],
    ]
    options = ImportOptions()
    path = write_csv(tmp_path / "accounts-2026-11-01.csv", accounts)
    assert workspace.importer.run(workspace.importer.plan([path], options), options).committed
    with workspace.unit_of_work() as work:
        work.catalogue.save_brand(Brand("Moonmint Skin", ("moonmint.skin",), (), "skincare"))
        work.commit()
    actor = workspace.campaigns.command_line()
    made = workspace.campaigns.create(
        actor,
        "Glow Up 2026",
        "Moonmint Skin",
        BRIEF,
        references=["instagram:mint.skin", "tiktok:gadget.guy"],
    )
    destination = workspace.tracking.add_destination(made.id, "https://moonmint.example/glow")
    links = workspace.tracking.make_links(made.id, destination.id)
    return {"id": made.id, "links": {k.reference: k.code for k in links}}


def test_a_lead_keeps_its_consent_and_is_placed_by_its_link(
    workspace: Workspace, campaign: dict[str, Any]
) -> None:
    placed = Placed(workspace.placement.place)
    book = make_book(workspace, placed)
    code = campaign["links"]["instagram:mint.skin"]
    form = book.lead_form(code)
    assert (form.campaign, form.brand) == ("Glow Up 2026", "Moonmint Skin")
    words = str(form.consent)
    assert "Moonmint Skin" in words
    assert "Glow Up 2026" in words
    saved = book.submit_lead(
        code,
        name="Pim",
        contact="pim@example.com",
        consent=True,
        consent_text=words,
        click_id="kc123",
    )
    assert saved.message.code == "track.orders.lead_saved"
    (lead,) = SqlOrders(workspace.engine).leads(campaign["id"])
    assert (lead["name"], lead["contact"], lead["consent_text"]) == (
        "Pim",
        "pim@example.com",
        words,
    )
    assert lead["click_id"] == "kc123"
    assert lead["consented_at"] is not None
    (row,) = book.orders(INSTALLATION, source="lead")
    assert (row.order_id, row.status, row.amount) == (saved.order_id, "paid", 0)
    assert (row.creator, row.campaign, row.rule) == ("instagram:mint.skin", "Glow Up 2026", "utm")
    assert [o.order_id for o in book.orders(INSTALLATION, campaign="glow up 2026")] == [
        saved.order_id
    ]
    assert book.orders(INSTALLATION, campaign="Another") == []


def test_a_lead_without_consent_keeps_nothing(
    workspace: Workspace, campaign: dict[str, Any]
) -> None:
    book = make_book(workspace)
    code = campaign["links"]["tiktok:gadget.guy"]
    with pytest.raises(OrderError) as refused:
        book.submit_lead(code, name="Arm", contact="081", consent=False, consent_text="I agree")
    assert refused.value.field == "consent"
    with pytest.raises(OrderError) as unknown:
        book.submit_lead("nope", name="Arm", contact="081", consent=True, consent_text="x")
    assert unknown.value.status == 404
    assert count(workspace, t.leads) == 0
    assert count(workspace, t.orders) == 0


def test_a_program_sends_leads_with_the_api_token(
    workspace: Workspace, campaign: dict[str, Any]
) -> None:
    book = make_book(workspace)
    token = str(book.add_shop(INSTALLATION, "api", "landing").secret)
    lead = {
        "campaign": "Glow Up 2026",
        "name": "Nok",
        "contact": "@nok",
        "consent": True,
        "consent_text": "ฉันยินยอม",
    }
    assert book.send_lead(token, lead).campaign == "Glow Up 2026"
    for changed, field in (
        ({"campaign": "Nope"}, "campaign"),
        ({"campaign": None}, "campaign"),
        ({"consent": "true"}, "consent"),
    ):
        with pytest.raises(OrderError) as refused:
            book.send_lead(token, {**lead, **changed})
        assert refused.value.field == field
    (row,) = book.orders(INSTALLATION, source="lead")
    assert row.shop == "landing"
    assert row.campaign is None
