"""Orders and their history in the database (``SqlOrders``, the order book's store).

``record`` adds one event to an order in one transaction: it claims the webhook delivery
(if any), creates or locks the order's row, adds the event unless the order has it already,
then works the row out again from all the order's stored events (``settle``). Two processes
applying events of the same order wait for each other on the row's lock (PostgreSQL) or the
write lock (SQLite), so neither writes a state that misses the other's event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from kolscope.infra.db import tables as t
from kolscope.infra.db.engine import WRITER_OPTIONS
from kolscope.infra.db.tenancy import visible_to
from kolscope.tracking.db.order_lists import SqlOrderLists
from kolscope.tracking.db.order_reports import SqlReportRows
from kolscope.tracking.db.shops import SqlShopRows
from kolscope.tracking.db.writing import dialect_insert, note_json, utc
from kolscope.tracking.orders_values import (
    CampaignRef,
    EventWrite,
    LeadWrite,
    LinkRef,
    OrderFields,
    Recorded,
)

Settle = Callable[[Sequence[Mapping[str, Any]]], OrderFields]


def order_values(fields: OrderFields) -> dict[str, Any]:
    """The orders row's own columns (never the placement, which attribution writes)."""
    return {
        "status": fields.status,
        "shop_status": fields.shop_status[:100] if fields.shop_status else None,
        "ordered_at": utc(fields.ordered_at),
        "updated_at": utc(fields.updated_at),
        "currency": fields.currency[:3],
        "amount_satang": fields.amount_satang,
        "commission_satang": fields.commission_satang,
        "test": fields.test,
        "evidence": dict(fields.evidence),
        "customer_key": fields.customer_key,
    }


def _campaign(row: Any) -> CampaignRef:
    return CampaignRef(row.campaign_id, row.campaign, row.brand, row.organisation_id)


def _campaigns() -> Any:
    c, b = t.campaigns, t.brands
    return select(
        c.c.id.label("campaign_id"), c.c.name.label("campaign"), b.c.name.label("brand"),
        c.c.organisation_id,
    ).select_from(c.join(b, b.c.id == c.c.brand_id))  # fmt: skip


class SqlOrders(SqlShopRows, SqlOrderLists, SqlReportRows):
    """Shops, deliveries, orders with their lines and history, and leads."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(
        self, organisation_id: int | None, key: tuple[str, str, str], event: EventWrite,
        settle: Settle, now: datetime, *, delivery_id: int | None = None,
        lead: LeadWrite | None = None,
    ) -> Recorded | None:  # fmt: skip
        """Add ``event`` to the order ``key`` (and the lead, if any) and work the order out
        again; None when the delivery was applied already (by another run)."""
        with self._engine.connect().execution_options(**WRITER_OPTIONS) as db, db.begin():
            if delivery_id is not None:
                d = t.webhook_deliveries
                claimed = db.execute(
                    update(d)
                    .where(d.c.id == delivery_id, d.c.state == "waiting")
                    .values(state="done", processed_at=utc(now))
                ).rowcount
                if claimed == 0:
                    return None
            row_id, new_order = self._order_row(db, organisation_id, key, event, settle)
            e = t.order_events
            # RETURNING, not rowcount: psycopg reports -1 for an INSERT ... ON CONFLICT.
            added = db.execute(
                dialect_insert(db, e)
                .values(
                    order_row_id=row_id, event_key=event.event_key, kind=event.kind,
                    at=utc(event.at), status=event.status, amount_satang=event.amount_satang,
                    commission_satang=event.commission_satang, note=note_json(event.note),
                    detail=dict(event.detail),
                )
                .on_conflict_do_nothing(index_elements=["order_row_id", "event_key"])
                .returning(e.c.id)
            ).first() is not None  # fmt: skip
            lead_id = self._add_lead(db, lead, now) if lead is not None else None
            if added:
                details = db.execute(
                    select(e.c.detail).where(e.c.order_row_id == row_id).order_by(e.c.id)
                ).scalars()
                fields = settle([dict(detail) for detail in details])
                db.execute(
                    update(t.orders).where(t.orders.c.id == row_id).values(order_values(fields))
                )
        return Recorded(row_id, new_order, added, lead_id)

    def _order_row(
        self, db: Connection, organisation_id: int | None, key: tuple[str, str, str],
        event: EventWrite, settle: Settle,
    ) -> tuple[int, bool]:  # fmt: skip
        """The order's row id, made from this event when new, and locked until commit."""
        o = t.orders
        source, shop, order_id = key
        made = db.execute(
            dialect_insert(db, o)
            .values(
                organisation_id=organisation_id, source=source, shop=shop, order_id=order_id,
                credits=[], **order_values(settle([dict(event.detail)])),
            )
            .on_conflict_do_nothing(index_elements=["source", "shop", "order_id"])
            .returning(o.c.id)
        ).first() is not None  # fmt: skip
        row_id = db.execute(
            select(o.c.id)
            .where(o.c.source == source, o.c.shop == shop, o.c.order_id == order_id)
            .with_for_update()
        ).scalar_one()
        return int(row_id), made

    def _add_lead(self, db: Connection, lead: LeadWrite, now: datetime) -> int:
        key = db.execute(
            insert(t.leads).values(
                campaign_id=lead.campaign_id, link_id=lead.link_id, click_id=lead.click_id,
                name=lead.name, contact=lead.contact, consent_text=lead.consent_text,
                consented_at=utc(lead.consented_at), created_at=utc(now),
            )
        ).inserted_primary_key  # fmt: skip
        assert key is not None
        return int(key[0])

    # What an order's history holds -------------------------------------------------------------

    def history(self, key: tuple[str, str, str]) -> list[dict[str, Any]]:
        """The order's events, oldest first (kind, time, status, amounts, note, detail)."""
        o, e = t.orders, t.order_events
        source, shop, order_id = key
        statement = (
            select(
                e.c.event_key,
                e.c.kind,
                e.c.at,
                e.c.status,
                e.c.amount_satang,
                e.c.commission_satang,
                e.c.note,
                e.c.detail,
            )
            .select_from(e.join(o, o.c.id == e.c.order_row_id))
            .where(o.c.source == source, o.c.shop == shop, o.c.order_id == order_id)
            .order_by(e.c.id)
        )
        with self._engine.connect() as db:
            return [dict(row._mapping) for row in db.execute(statement)]

    def leads(self, campaign_id: int) -> list[dict[str, Any]]:
        """A campaign's leads with their consent, oldest first."""
        d = t.leads
        with self._engine.connect() as db:
            rows = db.execute(select(d).where(d.c.campaign_id == campaign_id).order_by(d.c.id))
            return [dict(row._mapping) for row in rows]

    # Links and campaigns, for leads -----------------------------------------------------------

    def link(self, code: str) -> LinkRef | None:
        k, c = t.tracking_links, t.campaigns
        statement = (
            _campaigns()
            .add_columns(k.c.id.label("link_id"), k.c.code, k.c.target)
            .join(k, k.c.campaign_id == c.c.id)
            .where(k.c.code == code, k.c.deleted_at.is_(None))
        )
        with self._engine.connect() as db:
            row = db.execute(statement).first()
        return LinkRef(row.link_id, row.code, row.target, _campaign(row)) if row else None

    def campaign(self, organisation_id: int | None, name: str) -> CampaignRef | None:
        c = t.campaigns
        statement = _campaigns().where(func.lower(c.c.name) == name.lower())
        if organisation_id is not None:
            statement = statement.where(visible_to(c.c.organisation_id, organisation_id))
        with self._engine.connect() as db:
            row = db.execute(statement.order_by(c.c.id)).first()
        return _campaign(row) if row else None
