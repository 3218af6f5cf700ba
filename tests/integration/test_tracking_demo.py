"""The demo's tracking: the demo campaign gets a destination, a link and a promo code per
creator, synthetic clicks (some set aside as bots and previews) for creators whose content is
out, and orders placed by every kind of evidence, some unattributed and some reversed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import select

from kolscope.bootstrap import open_workspace
from kolscope.config import Settings
from kolscope.infra.db import tables as t


def test_the_demo_campaign_is_tracked(tmp_path: Path) -> None:
    workspace = open_workspace(Settings(workspace=tmp_path / "ws"))
    try:
        workspace.build_demo(seed=7, creators=80, today=date(2026, 12, 7))
        campaign = workspace.tracking.campaign(1)
        links = workspace.tracking.links(campaign.id)
        creators = workspace.tracking.creators(campaign.id)
        assert len(links) == len(creators) > 0
        assert len(workspace.tracking.codes(campaign.id)) == len(creators)
        results = workspace.placement.results(campaign.id, creators)
        assert sum(r.clicks for r in results) > 0
        assert sum(r.set_aside for r in results) > 0
        assert sum(r.orders for r in results) > 0
        with workspace.engine.connect() as db:
            rules = Counter(db.execute(select(t.orders.c.rule)).scalars())
        assert rules["unattributed"] > 0
        assert rules["click_id"] > 0
        assert rules["promo_code"] > 0
        assert None not in rules  # every order placed
        report = workspace.placement.report(campaign.id)
        assert report.totals.reversed.orders > 0
        # the demo's orders are its organisation's, so its team sees the unattributed ones
        mine = workspace.placement.report(organisation_id=campaign.organisation_id)
        assert mine.totals.unattributed.orders == rules["unattributed"]
    finally:
        workspace.close()
