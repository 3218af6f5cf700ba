"""Where tracking keeps a campaign's destinations, its creators' tracking links and promo codes
(``campaign_destinations``, ``tracking_links``, ``promo_codes``), and what it reads of the
campaign itself (``campaigns``, ``campaign_creators``, ``accounts``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, Row, func, insert, select, update

from kolscope.infra.db import tables as t
from kolscope.infra.db.rows import stored_time
from kolscope.tracking.values import (
    Destination,
    StoredCode,
    TrackedCampaign,
    TrackedCreator,
    TrackedLink,
)


def _campaign(row: Row[Any]) -> TrackedCampaign:
    from kolscope.tracking.links.utm import campaign_slug

    def moment(day: Any) -> datetime | None:
        return datetime.combine(day, time(), tzinfo=UTC) if day is not None else None

    return TrackedCampaign(
        id=row.id,
        name=row.name,
        slug=campaign_slug(row.name, row.id),
        organisation_id=row.organisation_id,
        starts_at=moment(row.starts_on),
        ends_at=moment(row.ends_on),
    )


def _link(row: Row[Any], base: str) -> TrackedLink:
    return TrackedLink(
        id=row.id,
        campaign_id=row.campaign_id,
        account_id=row.account_id,
        platform=row.platform,
        handle=row.handle,
        code=row.code,
        short_url=f"{base.rstrip('/')}/{row.code}",
        target=row.target,
        medium=row.medium,
        token=row.token,
        marketplace=row.marketplace,
        destination_id=row.destination_id,
        created_at=stored_time(row.created_at),
        deleted_at=stored_time(row.deleted_at),
    )


def _code(row: Row[Any]) -> StoredCode:
    return StoredCode(
        id=row.id,
        code=row.code,
        kind=row.kind,
        value=Decimal(row.value),
        origin=row.origin,
        campaign_id=row.campaign_id,
        account_id=row.account_id,
        platform=row.platform,
        handle=row.handle,
        usage_limit=row.usage_limit,
        once_per_customer=bool(row.once_per_customer),
        starts_at=stored_time(row.starts_at),
        ends_at=stored_time(row.ends_at),
    )


class SqlLinks:
    """The SQL store of destinations, links and promo codes."""

    def __init__(self, engine: Engine, links_base: str) -> None:
        self._engine = engine
        self._base = links_base

    # campaigns and their creators -----------------------------------------------------------

    def campaign(self, campaign_id: int) -> TrackedCampaign | None:
        c = t.campaigns
        with self._engine.connect() as db:
            row = db.execute(select(c).where(c.c.id == campaign_id)).first()
        return _campaign(row) if row else None

    def campaign_named(self, name: str) -> list[TrackedCampaign]:
        c = t.campaigns
        with self._engine.connect() as db:
            rows = db.execute(select(c).where(c.c.name == name).order_by(c.c.id)).all()
        return [_campaign(r) for r in rows]

    def campaigns(self, ids: Sequence[int]) -> dict[int, TrackedCampaign]:
        c = t.campaigns
        with self._engine.connect() as db:
            rows = db.execute(select(c).where(c.c.id.in_(list(set(ids))))).all()
        return {r.id: _campaign(r) for r in rows}

    def creators(self, campaign_id: int) -> list[TrackedCreator]:
        cc, a = t.campaign_creators, t.accounts
        query = (
            select(a.c.id, a.c.platform, a.c.handle, a.c.display_name, cc.c.fee_thb)
            .join(a, a.c.id == cc.c.account_id)
            .where(cc.c.campaign_id == campaign_id)
            .order_by(cc.c.id)
        )
        with self._engine.connect() as db:
            rows = db.execute(query).all()
        return [
            TrackedCreator(
                account_id=r.id,
                platform=r.platform,
                handle=r.handle,
                name=r.display_name or r.handle,
                fee_thb=Decimal(str(r.fee_thb)) if r.fee_thb is not None else None,
            )
            for r in rows
        ]

    # destinations ---------------------------------------------------------------------------

    def destinations(self, campaign_id: int) -> list[Destination]:
        d = t.campaign_destinations
        with self._engine.connect() as db:
            rows = db.execute(select(d).where(d.c.campaign_id == campaign_id).order_by(d.c.id))
            return [
                Destination(r.id, r.campaign_id, r.url, r.label, r.shop_kind) for r in rows.all()
            ]

    def add_destination(
        self, campaign_id: int, url: str, label: str | None, shop_kind: str | None, now: datetime
    ) -> Destination:
        d = t.campaign_destinations
        with self._engine.begin() as db:
            found = db.execute(
                select(d.c.id).where(d.c.campaign_id == campaign_id, d.c.url == url)
            ).scalar()
            if found is None:
                made = db.execute(
                    insert(d).values(
                        campaign_id=campaign_id,
                        url=url,
                        label=label,
                        shop_kind=shop_kind,
                        created_at=now,
                    )
                ).inserted_primary_key
                assert made is not None
                found = made[0]
            else:
                db.execute(
                    update(d).where(d.c.id == found).values(label=label, shop_kind=shop_kind)
                )
        return Destination(int(found), campaign_id, url, label, shop_kind)

    # links ----------------------------------------------------------------------------------

    def _link_query(self) -> Any:
        k, a = t.tracking_links, t.accounts
        return select(k, a.c.platform, a.c.handle).join(a, a.c.id == k.c.account_id)

    def links(self, campaign_id: int, *, deleted: bool = False) -> list[TrackedLink]:
        k = t.tracking_links
        query = self._link_query().where(k.c.campaign_id == campaign_id)
        if not deleted:
            query = query.where(k.c.deleted_at.is_(None))
        with self._engine.connect() as db:
            rows = db.execute(query.order_by(k.c.id)).all()
        return [_link(r, self._base) for r in rows]

    def links_by_token(self, tokens: Sequence[str]) -> dict[str, TrackedLink]:
        k = t.tracking_links
        with self._engine.connect() as db:
            rows = db.execute(self._link_query().where(k.c.token.in_(list(set(tokens))))).all()
        return {r.token: _link(r, self._base) for r in rows}

    def link(self, code: str) -> TrackedLink | None:
        k = t.tracking_links
        with self._engine.connect() as db:
            row = db.execute(self._link_query().where(k.c.code == code)).first()
        return _link(row, self._base) if row else None

    def taken_link_codes(self) -> set[str]:
        with self._engine.connect() as db:
            return set(db.execute(select(t.tracking_links.c.code)).scalars())

    def add_links(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            with self._engine.begin() as db:
                db.execute(insert(t.tracking_links), list(rows))

    def delete_link(self, code: str, now: datetime) -> bool:
        k = t.tracking_links
        with self._engine.begin() as db:
            done = db.execute(
                update(k).where(k.c.code == code, k.c.deleted_at.is_(None)).values(deleted_at=now)
            )
        return bool(done.rowcount)

    # promo codes ----------------------------------------------------------------------------

    def codes(self, campaign_id: int | None = None) -> list[StoredCode]:
        p, a = t.promo_codes, t.accounts
        query = select(p, a.c.platform, a.c.handle).outerjoin(a, a.c.id == p.c.account_id)
        if campaign_id is not None:
            query = query.where(p.c.campaign_id == campaign_id)
        with self._engine.connect() as db:
            rows = db.execute(query.order_by(p.c.id)).all()
        return [_code(r) for r in rows]

    def codes_named(self, codes: Sequence[str]) -> list[StoredCode]:
        p, a = t.promo_codes, t.accounts
        wanted = list({c.strip().upper() for c in codes})
        query = (
            select(p, a.c.platform, a.c.handle)
            .outerjoin(a, a.c.id == p.c.account_id)
            .where(p.c.code.in_(wanted))
        )
        with self._engine.connect() as db:
            return [_code(r) for r in db.execute(query).all()]

    def taken_promo_codes(self) -> set[str]:
        with self._engine.connect() as db:
            return set(db.execute(select(t.promo_codes.c.code)).scalars())

    def add_codes(self, rows: Sequence[dict[str, Any]]) -> int:
        """Insert codes not already stored (by code); how many were new."""
        if not rows:
            return 0
        p = t.promo_codes
        with self._engine.begin() as db:
            have = set(
                db.execute(
                    select(p.c.code).where(p.c.code.in_([r["code"] for r in rows]))
                ).scalars()
            )
            new = [r for r in rows if r["code"] not in have]
            if new:
                db.execute(insert(p), new)
        return len(new)

    def count_links(self) -> int:
        with self._engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(t.tracking_links)).scalar_one())
