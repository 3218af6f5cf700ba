"""Listing orders and adding them up, as the CLI, the API and pages show them: with the creator
and campaign attribution placed each one with, filtered by source and campaign, within what
the reader may see (their organisation; a brand's client only their brands' campaigns)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, func, select

from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.infra.db.tenancy import visible_to
from kolscope.tracking.orders_values import OrderRow, StatusTotal, baht


def _conditions(
    organisation_id: int | None, brand_ids: frozenset[int] | None, source: str | None,
    campaign: str | None, test: bool,
) -> list[ColumnElement[bool]]:  # fmt: skip
    o, c = t.orders, t.campaigns
    found: list[ColumnElement[bool]] = [o.c.test.is_(test)]
    if organisation_id is not None:
        found.append(visible_to(o.c.organisation_id, organisation_id))
    if brand_ids is not None:
        found.append(c.c.brand_id.in_(sorted(brand_ids)))
    if source is not None:
        found.append(o.c.source == source)
    if campaign is not None:
        found.append(func.lower(c.c.name) == campaign.strip().lower())
    return found


def _joined(statement: Select[Any]) -> Select[Any]:
    o, a, c = t.orders, t.accounts, t.campaigns
    return statement.select_from(
        o.outerjoin(a, a.c.id == o.c.account_id).outerjoin(c, c.c.id == o.c.campaign_id)
    )


def _row(r: Any) -> OrderRow:
    creator = f"{r.platform}:{r.handle}" if r.platform and r.handle else None
    return OrderRow(
        order_id=r.order_id,
        source=r.source,
        shop=r.shop,
        status=r.status,
        shop_status=r.shop_status,
        ordered_at=stored_time(r.ordered_at),
        updated_at=stored_time(r.updated_at),
        currency=r.currency,
        amount=baht(r.amount_satang),
        commission=baht(r.commission_satang),
        test=bool(r.test),
        creator=creator,
        campaign=r.campaign,
        rule=r.rule,
        evidence=dict(r.evidence or {}),
    )


class SqlOrderLists:
    """Order listings and totals (a part of ``SqlOrders``)."""

    _engine: Engine

    def orders(
        self, organisation_id: int | None, brand_ids: frozenset[int] | None, source: str | None,
        campaign: str | None, test: bool, limit: int | None,
    ) -> list[OrderRow]:  # fmt: skip
        o, a, c = t.orders, t.accounts, t.campaigns
        statement = _joined(
            select(
                o.c.order_id,
                o.c.source,
                o.c.shop,
                o.c.status,
                o.c.shop_status,
                o.c.ordered_at,
                o.c.updated_at,
                o.c.currency,
                o.c.amount_satang,
                o.c.commission_satang,
                o.c.test,
                o.c.rule,
                o.c.evidence,
                a.c.platform,
                a.c.handle,
                c.c.name.label("campaign"),
            )
        ).where(and_(*_conditions(organisation_id, brand_ids, source, campaign, test)))
        statement = statement.order_by(o.c.ordered_at.desc(), o.c.id.desc())
        if limit is not None:
            statement = statement.limit(limit)
        with self._engine.connect() as db:
            return [_row(r) for r in db.execute(statement)]

    def totals(
        self, organisation_id: int | None, brand_ids: frozenset[int] | None, source: str | None,
        campaign: str | None, test: bool,
    ) -> list[StatusTotal]:  # fmt: skip
        o = t.orders
        statement = (
            _joined(
                select(
                    o.c.source,
                    o.c.status,
                    o.c.currency,
                    func.count().label("orders"),
                    func.coalesce(func.sum(o.c.amount_satang), 0).label("amount"),
                    func.coalesce(func.sum(o.c.commission_satang), 0).label("commission"),
                )
            )
            .where(and_(*_conditions(organisation_id, brand_ids, source, campaign, test)))
            .group_by(o.c.source, o.c.status, o.c.currency)
        )
        with self._engine.connect() as db:
            return [
                StatusTotal(
                    r.source, r.status, r.currency, int(r.orders), int(r.amount), int(r.commission)
                )
                for r in db.execute(statement)
            ]
