"""What attribution reads and writes in the database: stored orders with their evidence, the
people's clicks an order's click id or visitor points to, the accounts a TikTok Shop username
names, and each order's placement (creator, campaign, rule, credits). Also each link's clicks,
for a campaign's results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select, update

from kolscope.domain.creators import handle_key
from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.tracking.values import StoredClick, StoredOrder

_CHUNK = 500


def _chunks(items: Sequence[Any]) -> list[list[Any]]:
    unique = list(dict.fromkeys(items))
    return [unique[i : i + _CHUNK] for i in range(0, len(unique), _CHUNK)]


def _order(row: Any) -> StoredOrder:
    thb = Decimal(row.amount_satang) / 100 if row.currency == "THB" else None
    return StoredOrder(
        id=row.id,
        source=row.source,
        order_id=row.order_id,
        status=row.status,
        ordered_at=stored_time(row.ordered_at),
        amount_thb=thb,
        commission_thb=Decimal(row.commission_satang) / 100,
        evidence=dict(row.evidence or {}),
        test=bool(row.test),
        organisation_id=row.organisation_id,
    )


class SqlPlacing:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def orders(self, ids: Sequence[int] | None = None) -> list[StoredOrder]:
        o = t.orders
        columns = (o.c.id, o.c.source, o.c.order_id, o.c.status, o.c.ordered_at,
                   o.c.amount_satang, o.c.commission_satang, o.c.currency, o.c.evidence,
                   o.c.test, o.c.organisation_id)  # fmt: skip
        with self._engine.connect() as db:
            if ids is None:
                return [_order(r) for r in db.execute(select(*columns).order_by(o.c.id))]
            found: list[StoredOrder] = []
            for part in _chunks(ids):
                found += [_order(r) for r in db.execute(select(*columns).where(o.c.id.in_(part)))]
        return found

    def _click_query(self) -> Any:
        c, k, a = t.clicks, t.tracking_links, t.accounts
        return (
            select(c.c.click_id, c.c.link_id, c.c.clicked_at, c.c.visitor_hash, c.c.network_hash,
                   c.c.visitor_kind, k.c.account_id, k.c.campaign_id, a.c.platform, a.c.handle)
            .join(k, k.c.id == c.c.link_id)
            .join(a, a.c.id == k.c.account_id)
        )  # fmt: skip

    @staticmethod
    def _click(r: Any) -> StoredClick:
        return StoredClick(
            r.click_id, r.link_id, stored_time(r.clicked_at), r.account_id, r.platform, r.handle,
            r.campaign_id, r.visitor_hash, r.network_hash, r.visitor_kind,
        )  # fmt: skip

    def clicks_named(self, click_ids: Sequence[str]) -> list[StoredClick]:
        c = t.clicks
        found: list[StoredClick] = []
        with self._engine.connect() as db:
            for part in _chunks(click_ids):
                query = self._click_query().where(c.c.click_id.in_(part))
                found += [self._click(r) for r in db.execute(query)]
        return found

    def clicks_of_visitors(self, visitors: Sequence[str], since: datetime) -> list[StoredClick]:
        c = t.clicks
        found: list[StoredClick] = []
        with self._engine.connect() as db:
            for part in _chunks(visitors):
                query = self._click_query().where(
                    c.c.visitor_hash.in_(part), c.c.clicked_at >= since
                )
                found += [self._click(r) for r in db.execute(query)]
        return found

    def clicks_of_campaign(self, campaign_id: int) -> list[StoredClick]:
        k = t.tracking_links
        with self._engine.connect() as db:
            query = self._click_query().where(k.c.campaign_id == campaign_id)
            return [self._click(r) for r in db.execute(query)]

    def accounts_named(self, platform: str, usernames: Sequence[str]) -> dict[str, list[int]]:
        """handle key -> account ids on ``platform`` with that handle."""
        a = t.accounts
        keys = [handle_key(u) for u in usernames if u]
        found: dict[str, list[int]] = {}
        with self._engine.connect() as db:
            for part in _chunks(keys):
                query = select(a.c.id, a.c.handle_key).where(
                    a.c.platform == platform, a.c.handle_key.in_(part)
                )
                for r in db.execute(query):
                    found.setdefault(r.handle_key, []).append(r.id)
        return found

    def campaigns_of(self, account_ids: Sequence[int]) -> dict[int, list[tuple[int, Any, Any]]]:
        """account id -> [(campaign id, starts_on, ends_on)] of the campaigns it is in."""
        cc, c = t.campaign_creators, t.campaigns
        found: dict[int, list[tuple[int, Any, Any]]] = {}
        with self._engine.connect() as db:
            for part in _chunks(account_ids):
                query = (
                    select(cc.c.account_id, c.c.id, c.c.starts_on, c.c.ends_on)
                    .join(c, c.c.id == cc.c.campaign_id)
                    .where(cc.c.account_id.in_(part))
                    .order_by(c.c.id)
                )
                for r in db.execute(query):
                    found.setdefault(r.account_id, []).append((r.id, r.starts_on, r.ends_on))
        return found

    def views_of_content(self, campaign_id: int) -> dict[int, int]:
        """account id -> the views of its published campaign posts (the board's content
        links matched to the account's imported posts), for accounts where some are known."""
        cc, p = t.campaign_creators, t.posts
        with self._engine.connect() as db:
            links = {
                r.account_id: [str(u) for u in r.content_links or []]
                for r in db.execute(
                    select(cc.c.account_id, cc.c.content_links).where(
                        cc.c.campaign_id == campaign_id
                    )
                )
            }
            wanted = {u.strip() for urls in links.values() for u in urls if u.strip()}
            views: dict[int, int] = {}
            for part in _chunks(sorted(wanted)):
                query = select(p.c.account_id, p.c.url, p.c.views).where(
                    p.c.url.in_(part), p.c.views.is_not(None)
                )
                for r in db.execute(query):
                    if r.url in links.get(r.account_id, []):
                        views[r.account_id] = views.get(r.account_id, 0) + int(r.views)
        return views

    def save_placements(self, placed: Sequence[dict[str, Any]]) -> None:
        """Each order's creator, campaign, rule and credits (``id`` names the order)."""
        o = t.orders
        with self._engine.begin() as db:
            for item in placed:
                db.execute(
                    update(o)
                    .where(o.c.id == item["id"])
                    .values(account_id=item["account_id"], campaign_id=item["campaign_id"],
                            rule=item["rule"], credits=item["credits"])
                )  # fmt: skip

    def placed_orders(self, campaign_id: int) -> list[StoredOrder]:
        """Orders the stored (default) attribution placed in the campaign."""
        o = t.orders
        with self._engine.connect() as db:
            ids = list(db.execute(select(o.c.id).where(o.c.campaign_id == campaign_id)).scalars())
        return self.orders(ids)

    def all_order_ids(self) -> list[int]:
        with self._engine.connect() as db:
            return list(db.execute(select(t.orders.c.id).order_by(t.orders.c.id)).scalars())


def window_start(moments: Sequence[datetime], days: int) -> datetime:
    return min(moments) - timedelta(days=days)
