"""How tracking is built: the link and code service, attribution over stored orders and the
order book, over their SQL stores.

Only the wiring (``kolscope.bootstrap``) calls these. Each function imports what it builds, so
importing this module pulls in no SQL code of the area.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from kolscope.tracking.db.demo import SqlDemoTracking
    from kolscope.tracking.orders import OrderBook
    from kolscope.tracking.placing import Placement
    from kolscope.tracking.service import TrackingService

LINKS_CHANNEL = "kolscope:tracking-links"  # redirect processes reload their code map on it


def links_changed(redis_url: str | None) -> Callable[[], None]:
    """What to call after a link changes: publish on Redis when there is one (the redirect
    processes also poll the database, so a missed message only delays the reload)."""
    if not redis_url:
        return lambda: None

    def publish() -> None:
        import redis

        try:
            client = redis.Redis.from_url(redis_url, socket_timeout=1)
            client.publish(LINKS_CHANNEL, b"changed")
            client.close()
        except redis.RedisError:
            pass  # the redirect's poll picks the change up within seconds

    return publish


def tracking(
    engine: Engine, links_base: str, clock: Callable[[], datetime], changed: Callable[[], None]
) -> TrackingService:
    from kolscope.tracking.db.links import SqlLinks
    from kolscope.tracking.service import TrackingService

    return TrackingService(SqlLinks(engine, links_base), clock, changed)


def placement(engine: Engine, links_base: str) -> Placement:
    from kolscope.tracking.db.links import SqlLinks
    from kolscope.tracking.db.placing import SqlPlacing
    from kolscope.tracking.placing import Placement

    return Placement(SqlPlacing(engine), SqlLinks(engine, links_base))


def demo_writer(engine: Engine) -> SqlDemoTracking:
    from kolscope.tracking.db.demo import SqlDemoTracking

    return SqlDemoTracking(engine)


def orders(
    engine: Engine,
    secret: bytes,
    clock: Callable[[], datetime],
    placed: Callable[[Sequence[int]], None] | None,
) -> OrderBook:
    from kolscope.tracking.db.orders import SqlOrders
    from kolscope.tracking.orders import OrderBook

    return OrderBook(SqlOrders(engine), clock, secret, placed)
