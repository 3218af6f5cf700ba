"""A webhook stored but not yet applied (its process died between answering the shop and
applying it) is applied by the workers' regular sweep, through the workspace's own wiring."""

from __future__ import annotations

from sqlalchemy import func, select

from kolscope.bootstrap import Workspace
from kolscope.domain.team import INSTALLATION
from kolscope.infra.db import tables as t
from tests.integration.test_orders_book import shopify_webhook
from tests.unit.test_tracking_webhooks import SECRET, SHOP, shopify_order


def _count(workspace: Workspace, table: object) -> int:
    with workspace.engine.connect() as db:
        return int(db.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_the_workers_sweep_applies_a_stored_webhook(workspace: Workspace) -> None:
    workspace.orders.add_shop(INSTALLATION, "shopify", "baan", secret=SECRET, domain=SHOP)
    answer = workspace.orders.receive("shopify", "baan", *shopify_webhook(shopify_order()))
    assert answer.status == 200
    assert _count(workspace, t.orders) == 0  # answered, not applied yet
    workspace.jobs.recover_stale()
    assert _count(workspace, t.orders) == 1
    with workspace.engine.connect() as db:
        states = set(db.execute(select(t.webhook_deliveries.c.state)).scalars())
        rule = db.execute(select(t.orders.c.rule)).scalar_one()
    assert states == {"done"}
    assert rule == "unattributed"  # placed by the default rules as it was applied
