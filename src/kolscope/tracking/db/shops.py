"""Shops with their secrets, and every webhook delivery as it arrived, in the database.

A delivery is unique per shop and dedupe key, so a webhook the shop sends again is refused by
the database itself, whichever process received it; each one is kept with the headers it is
read from and its raw body (as signed) until it is applied to its order.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.infra.db.tenancy import visible_to
from kolscope.tracking.db.writing import utc
from kolscope.tracking.orders_values import Delivery, Shop, ShopRecord


def _shop(row: Any) -> Shop:
    return Shop(
        id=row.id,
        organisation_id=row.organisation_id,
        source=row.source,
        name=row.name,
        domain=row.domain,
        brand=row.brand_name,
        secret_set_at=stored_time(row.secret_set_at),
        created_at=stored_time(row.created_at),
    )


def _record(row: Any) -> ShopRecord:
    return ShopRecord(_shop(row), bytes(row.secret))


def _shops() -> Any:
    s, b = t.shops, t.brands
    return select(s, b.c.name.label("brand_name")).select_from(
        s.outerjoin(b, b.c.id == s.c.brand_id)
    )


class SqlShopRows:
    """Shops and webhook deliveries (a part of ``SqlOrders``)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # Shops -------------------------------------------------------------------------------------

    def shop(self, source: str, name: str) -> ShopRecord | None:
        s = t.shops
        with self._engine.connect() as db:
            row = db.execute(_shops().where(s.c.source == source, s.c.name == name)).first()
        return _record(row) if row else None

    def shops(self, organisation_id: int | None) -> list[Shop]:
        s = t.shops
        statement = _shops().order_by(s.c.source, s.c.name)
        if organisation_id is not None:
            statement = statement.where(visible_to(s.c.organisation_id, organisation_id))
        with self._engine.connect() as db:
            return [_shop(row) for row in db.execute(statement)]

    def api_shops(self) -> list[ShopRecord]:
        with self._engine.connect() as db:
            rows = db.execute(_shops().where(t.shops.c.source == "api"))
            return [_record(row) for row in rows]

    def brand_id(self, organisation_id: int | None, name: str) -> int | None:
        b = t.brands
        statement = select(b.c.id).where(func.lower(b.c.name) == name.lower())
        if organisation_id is not None:
            statement = statement.where(
                (b.c.organisation_id == organisation_id) | b.c.organisation_id.is_(None)
            )
        with self._engine.connect() as db:
            found = db.execute(statement.order_by(b.c.id)).scalar()
        return int(found) if found is not None else None

    def add_shop(
        self, organisation_id: int | None, brand_id: int | None, source: str, name: str,
        domain: str | None, secret: bytes, now: datetime,
    ) -> Shop | None:  # fmt: skip
        """The new shop, or None when the source already has a shop of that name."""
        try:
            with self._engine.begin() as db:
                key = db.execute(
                    insert(t.shops).values(
                        organisation_id=organisation_id, brand_id=brand_id, source=source,
                        name=name, domain=domain, secret=secret, secret_set_at=utc(now),
                        created_at=utc(now),
                    )
                ).inserted_primary_key  # fmt: skip
        except IntegrityError:
            return None
        assert key is not None
        return self._by_id(int(key[0]))

    def set_secret(self, shop_id: int, secret: bytes, now: datetime) -> Shop:
        with self._engine.begin() as db:
            db.execute(
                update(t.shops)
                .where(t.shops.c.id == shop_id)
                .values(secret=secret, secret_set_at=utc(now))
            )
        return self._by_id(shop_id)

    def _by_id(self, shop_id: int) -> Shop:
        with self._engine.connect() as db:
            row = db.execute(_shops().where(t.shops.c.id == shop_id)).one()
        return _shop(row)

    # Webhook deliveries ------------------------------------------------------------------------

    def add_delivery(
        self, shop_id: int, dedupe_key: str, topic: str | None, headers: Mapping[str, str],
        body: bytes, now: datetime,
    ) -> int | None:  # fmt: skip
        """The stored delivery's id, or None when this shop sent that key before."""
        try:
            with self._engine.begin() as db:
                key = db.execute(
                    insert(t.webhook_deliveries).values(
                        shop_id=shop_id, dedupe_key=dedupe_key, topic=(topic or "")[:60] or None,
                        headers=dict(headers), body=body, received_at=utc(now), state="waiting",
                    )
                ).inserted_primary_key  # fmt: skip
        except IntegrityError:
            return None
        assert key is not None
        return int(key[0])

    def waiting(self, limit: int) -> list[Delivery]:
        d, s, b = t.webhook_deliveries, t.shops, t.brands
        statement = (
            select(
                d.c.id.label("delivery_id"),
                d.c.headers,
                d.c.body,
                s,
                b.c.name.label("brand_name"),
            )
            .select_from(d.join(s, s.c.id == d.c.shop_id).outerjoin(b, b.c.id == s.c.brand_id))
            .where(d.c.state == "waiting")
            .order_by(d.c.id)
            .limit(limit)
        )
        with self._engine.connect() as db:
            rows = db.execute(statement).all()
        return [
            Delivery(row.delivery_id, _record(row), dict(row.headers or {}), bytes(row.body))
            for row in rows
        ]

    def refuse_delivery(self, delivery_id: int, error: str, now: datetime) -> None:
        d = t.webhook_deliveries
        with self._engine.begin() as db:
            db.execute(
                update(d)
                .where(d.c.id == delivery_id, d.c.state == "waiting")
                .values(state="refused", error=error, processed_at=utc(now))
            )

    def deliveries(self, shop_id: int) -> list[dict[str, Any]]:
        """A shop's deliveries, oldest first (state, key, topic, error): for pages and tests."""
        d = t.webhook_deliveries
        statement = (
            select(d.c.id, d.c.dedupe_key, d.c.topic, d.c.state, d.c.error, d.c.received_at)
            .where(d.c.shop_id == shop_id)
            .order_by(d.c.id)
        )
        with self._engine.connect() as db:
            return [dict(row._mapping) for row in db.execute(statement)]
