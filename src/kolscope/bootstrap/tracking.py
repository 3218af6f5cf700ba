"""The tracking part of the workspace's wiring: links and codes, attribution over stored
orders, and the order book, built on first use. A mixin of ``Workspace`` so the wiring stays
one object for entry points while its files stay small."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from kolscope.config import Settings
from kolscope.tracking import wiring as tracking_wiring

if TYPE_CHECKING:
    from kolscope.tracking.orders import OrderBook
    from kolscope.tracking.placing import Placement
    from kolscope.tracking.service import TrackingService


def links_base(settings: Settings) -> str:
    """Where short links point: the setting, else the web app's own ``/r``."""
    chosen = getattr(settings, "links_base_url", None)
    return str(chosen).rstrip("/") if chosen else f"{settings.base_url}/r"


class TrackingParts:
    settings: Settings
    engine: Engine

    @cached_property
    def tracking(self) -> TrackingService:
        changed = tracking_wiring.links_changed(self.settings.redis_url)
        return tracking_wiring.tracking(
            self.engine, links_base(self.settings), lambda: datetime.now(UTC), changed
        )

    @cached_property
    def placement(self) -> Placement:
        return tracking_wiring.placement(self.engine, links_base(self.settings))

    @cached_property
    def orders(self) -> OrderBook:
        return tracking_wiring.orders(
            self.engine,
            self.settings.secret_key.encode(),
            lambda: datetime.now(UTC),
            self.placement.place,
        )

    def add_demo_tracking(self, campaign_id: int, today: date) -> None:
        """The demo campaign's links, codes, clicks and orders, placed (``tracking/demo.py``)."""
        from kolscope.tracking.demo import add_demo_tracking

        made = add_demo_tracking(
            self.tracking,
            tracking_wiring.demo_writer(self.engine),
            campaign_id,
            self.settings.secret_key,
            today,
        )
        self.placement.place(made.order_ids)
