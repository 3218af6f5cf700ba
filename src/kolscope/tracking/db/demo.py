"""What the demo's tracking writes straight to the database: its synthetic clicks (a real
install gets them from the redirect's click log) and its synthetic orders with their first
event (a real install gets them from webhooks, the conversion API and reports)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, insert, select

from kolscope.infra.db import tables as t


class SqlDemoTracking:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def stages(self, campaign_id: int) -> dict[int, str]:
        cc = t.campaign_creators
        with self._engine.connect() as db:
            query = select(cc.c.account_id, cc.c.stage).where(cc.c.campaign_id == campaign_id)
            rows = db.execute(query)
            return {r.account_id: r.stage for r in rows}

    def add_clicks(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            with self._engine.begin() as db:
                db.execute(insert(t.clicks), list(rows))

    def add_orders(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        ids: list[int] = []
        with self._engine.begin() as db:
            for row in rows:
                made = db.execute(insert(t.orders).values(**row)).inserted_primary_key
                assert made is not None
                ids.append(int(made[0]))
                db.execute(
                    insert(t.order_events).values(
                        order_row_id=ids[-1], event_key=f"demo:{row['order_id']}", kind="created",
                        at=row["ordered_at"], status=row["status"],
                        amount_satang=row["amount_satang"],
                        commission_satang=row["commission_satang"], note="demo", detail={},
                    )
                )  # fmt: skip
        return ids
