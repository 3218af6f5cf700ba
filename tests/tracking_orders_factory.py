"""Test data for the tracking CLI and API: a campaign of three creators, and orders and clicks
written straight to their tables (as the shop webhooks, report imports and the redirect's log
writer would), so attribution has something to place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.infra.db import tables as t
from tests.factories import write_csv

WHEN = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
CREATORS = ["instagram:mint.skin", "tiktok:gadget.guy", "youtube:big.star"]
BRIEF = {"objective": "conversion", "budget_thb": "90000", "niches": "skincare",
         "starts_on": "2026-12-01", "ends_on": "2026-12-31"}  # fmt: skip


def import_creators(workspace: Workspace, folder: Path) -> None:
    rows = [
        ["platform", "handle", "name", "followers", "country", "category"],
        ["instagram", "mint.skin", "Mint", 8_000, "Thailand", "skincare"],
        ["tiktok", "gadget.guy", "Gadget Guy", 250_000, "Thailand", "IT"],
        ["youtube", "big.star", "Big Star", 2_000_000, "Thailand", "beauty"],
    ]
    options = ImportOptions()
    path = write_csv(folder / "accounts-2026-11-01.csv", rows)
    assert workspace.importer.run(workspace.importer.plan([path], options), options).committed


def campaign_with_creators(workspace: Workspace, name: str, brand: str) -> int:
    """A campaign of ``brand`` (which must exist) with the three creators; its id."""
    actor = workspace.campaigns.command_line()
    made = workspace.campaigns.create(actor, name, brand, BRIEF, references=CREATORS)
    return made.id


def order(workspace: Workspace, order_id: str, evidence: dict[str, Any], **extra: Any) -> int:
    """A stored shop order of 1,000 THB (paid) with this evidence; its row id."""
    row = {
        "source": "shopify", "shop": "moonmint", "order_id": order_id, "status": "paid",
        "ordered_at": WHEN, "updated_at": WHEN, "currency": "THB", "amount_satang": 100_000,
        "commission_satang": 5_000, "test": False, "evidence": evidence, "credits": [],
    } | extra  # fmt: skip
    with workspace.engine.begin() as db:
        inserted = db.execute(insert(t.orders).values(**row)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def click(
    workspace: Workspace,
    link_id: int,
    click_id: str,
    visitor: str,
    kind: str = "person",
    at: datetime = WHEN - timedelta(hours=2),
) -> None:
    """A click on a link as the redirect's log writer stores it."""
    with workspace.engine.begin() as db:
        db.execute(
            insert(t.clicks).values(
                click_id=click_id, link_id=link_id, clicked_at=at, method="GET",
                visitor_kind=kind, visitor_hash=visitor, network_hash="n" + visitor,
            )
        )  # fmt: skip
