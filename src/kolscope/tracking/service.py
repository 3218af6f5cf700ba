"""Tracking's use cases for links and codes: register a campaign's destinations, make every
creator's tracking link (short code, UTM-tagged target, QR), keep a pasted marketplace
affiliate link with the creator's token in its sub-id, delete a link, make promo codes from a
pattern (unique across the workspace and against the shop's own codes), and export them all.

Every change of links calls ``changed()`` so running redirect processes reload their code map.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from kolscope.tracking import messages_service as said
from kolscope.tracking.links.bulk import LinkFor, campaign_links, qr_images
from kolscope.tracking.links.codes import CodeFor, check_pattern, promo_codes, short_codes
from kolscope.tracking.links.exports import (
    CreatorLink,
    link_rows,
    shopify_rows,
    woocommerce_rows,
    zip_files,
)
from kolscope.tracking.links.marketplace import marketplace_of, with_token
from kolscope.tracking.links.problems import LinkError
from kolscope.tracking.links.promo import DiscountKind, PromoCode
from kolscope.tracking.links.redirects import allowed
from kolscope.tracking.links.utm import MEDIUMS, tracking_url
from kolscope.tracking.values import (
    Destination,
    StoredCode,
    TrackedCampaign,
    TrackedCreator,
    TrackedLink,
    TrackingError,
)

SHOP_KINDS = ("shopify", "woocommerce", "other")


class LinkStore(Protocol):
    def campaign(self, campaign_id: int) -> TrackedCampaign | None: ...
    def creators(self, campaign_id: int) -> list[TrackedCreator]: ...
    def destinations(self, campaign_id: int) -> list[Destination]: ...
    def add_destination(
        self, campaign_id: int, url: str, label: str | None, shop_kind: str | None, now: datetime
    ) -> Destination: ...
    def links(self, campaign_id: int, *, deleted: bool = False) -> list[TrackedLink]: ...
    def link(self, code: str) -> TrackedLink | None: ...
    def taken_link_codes(self) -> set[str]: ...
    def add_links(self, rows: Sequence[dict[str, Any]]) -> None: ...
    def delete_link(self, code: str, now: datetime) -> bool: ...
    def codes(self, campaign_id: int | None = None) -> list[StoredCode]: ...
    def taken_promo_codes(self) -> set[str]: ...
    def add_codes(self, rows: Sequence[dict[str, Any]]) -> int: ...


def new_token() -> str:
    """A creator's link token: travels in a marketplace sub-id (letters and digits) and in
    ``utm_id``; 10 characters from a 32-letter alphabet (50 bits)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "k" + "".join(secrets.choice(alphabet) for _ in range(9))


class TrackingService:
    def __init__(
        self,
        store: LinkStore,
        clock: Callable[[], datetime],
        changed: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._changed = changed

    # campaigns --------------------------------------------------------------------------------

    def campaign(self, campaign_id: int) -> TrackedCampaign:
        found = self._store.campaign(campaign_id)
        if found is None:
            raise TrackingError(said.NO_CAMPAIGN(campaign=str(campaign_id)))
        return found

    def creators(self, campaign_id: int) -> list[TrackedCreator]:
        return self._store.creators(campaign_id)

    # destinations -----------------------------------------------------------------------------

    def destinations(self, campaign_id: int) -> list[Destination]:
        return self._store.destinations(campaign_id)

    def add_destination(
        self, campaign_id: int, url: str, label: str | None = None, shop_kind: str | None = None
    ) -> Destination:
        """Register ``url`` for the campaign: links may lead there, and nowhere else."""
        self.campaign(campaign_id)
        clean = url.strip()
        try:
            tracking_url(clean, "web", "check", "check", 0, None)
        except LinkError as error:
            raise TrackingError(error.message) from None
        kind = (shop_kind or "").strip().lower() or None
        if kind is not None and kind not in SHOP_KINDS:
            raise TrackingError(said.BAD_SHOP_KIND(kind=kind, known=list(SHOP_KINDS)))
        return self._store.add_destination(
            campaign_id, clean, (label or "").strip() or None, kind, self._clock()
        )

    # links ------------------------------------------------------------------------------------

    def links(self, campaign_id: int, *, deleted: bool = False) -> list[TrackedLink]:
        return self._store.links(campaign_id, deleted=deleted)

    def make_links(
        self,
        campaign_id: int,
        destination_id: int,
        medium: str = "influencer",
        account_ids: Sequence[int] | None = None,
    ) -> list[TrackedLink]:
        """A link to the destination for each creator (or those named) who has none to it yet;
        returns the new links."""
        campaign = self.campaign(campaign_id)
        destination = self._destination(campaign_id, destination_id)
        if medium not in MEDIUMS:
            raise TrackingError(said.BAD_MEDIUM(medium=medium, known=list(MEDIUMS)))
        have = {
            k.account_id
            for k in self._store.links(campaign_id)
            if k.destination_id == destination_id
        }
        creators = self._chosen(campaign_id, account_ids)
        wanted = [c for c in creators if c.account_id not in have]
        if not wanted:
            return []
        tokens = [new_token() for _ in wanted]
        made = campaign_links(
            [LinkFor(c.handle, c.platform, token) for c, token in zip(wanted, tokens, strict=True)],
            destination.url,
            campaign.slug,
            "",
            self._store.taken_link_codes(),
            medium=medium,
        )
        now = self._clock()
        rows = []
        for creator, token, link in zip(wanted, tokens, made, strict=True):
            if not allowed(link.tracking_url, [destination.url]):
                raise TrackingError(said.NOT_REGISTERED(url=link.tracking_url))
            rows.append(
                {
                    "campaign_id": campaign_id,
                    "account_id": creator.account_id,
                    "destination_id": destination_id,
                    "code": link.short_code,
                    "target": link.tracking_url,
                    "medium": medium,
                    "marketplace": None,
                    "token": token,
                    "created_at": now,
                }
            )
        self._store.add_links(rows)
        self._changed()
        codes = {r["code"] for r in rows}
        return [k for k in self._store.links(campaign_id) if k.code in codes]

    def paste_link(self, campaign_id: int, account_id: int, url: str, slot: int = 1) -> TrackedLink:
        """Keep a creator's marketplace affiliate link (Shopee, Lazada) with their token in
        sub-id ``slot``, behind a short code like any other link."""
        campaign = self.campaign(campaign_id)
        creator = self._creator(campaign_id, account_id)
        market = marketplace_of(url.strip())
        if market is None:
            raise TrackingError(said.NOT_A_MARKETPLACE(url=url))
        token = new_token()
        try:
            target = with_token(url.strip(), token, slot)
        except LinkError as error:
            raise TrackingError(error.message) from None
        code = short_codes(1, self._store.taken_link_codes())[0]
        self._store.add_links(
            [
                {
                    "campaign_id": campaign.id,
                    "account_id": creator.account_id,
                    "destination_id": None,
                    "code": code,
                    "target": target,
                    "medium": "affiliate",
                    "marketplace": market.value,
                    "token": token,
                    "created_at": self._clock(),
                }
            ]
        )
        self._changed()
        made = self._store.link(code)
        assert made is not None
        return made

    def link(self, code: str) -> TrackedLink | None:
        """The link with this short code (deleted or not), or None."""
        return self._store.link(code.strip())

    def delete_link(self, code: str) -> None:
        """Retire a link: its short address answers "not found" from now on; its clicks stay."""
        if not self._store.delete_link(code.strip(), self._clock()):
            raise TrackingError(said.NO_LINK(code=code))
        self._changed()

    def link_rows(self, campaign_id: int) -> list[dict[str, str]]:
        """The links sheet (CSV/XLSX): one row per live link, with the creator's promo code."""
        return link_rows(self._exported(campaign_id))

    def qr_zip(self, campaign_id: int) -> bytes:
        """A ZIP of every live link's QR code, PNG and SVG."""
        return zip_files(qr_images(self._exported(campaign_id)))

    def _exported(self, campaign_id: int) -> list[CreatorLink]:
        codes = {c.account_id: c.code for c in self._store.codes(campaign_id)}
        return [
            CreatorLink(
                handle=k.handle,
                platform=k.platform,
                short_code=k.code,
                short_url=k.short_url,
                tracking_url=k.target,
                promo_code=codes.get(k.account_id, ""),
            )
            for k in self._store.links(campaign_id)
        ]

    # promo codes ------------------------------------------------------------------------------

    def codes(self, campaign_id: int | None = None) -> list[StoredCode]:
        return self._store.codes(campaign_id)

    def make_codes(
        self,
        campaign_id: int,
        pattern: str,
        kind: str,
        value: str | Decimal,
        *,
        usage_limit: int | None = None,
        once_per_customer: bool = True,
        starts: date | None = None,
        ends: date | None = None,
        account_ids: Sequence[int] | None = None,
    ) -> list[StoredCode]:
        """A promo code from ``pattern`` for each creator (or those named) without one in the
        campaign; unique across the workspace and the shop's imported codes."""
        campaign = self.campaign(campaign_id)
        try:
            discount = DiscountKind(kind.strip().lower())
        except ValueError:
            raise TrackingError(said.BAD_DISCOUNT_KIND(kind=kind)) from None
        amount = _decimal(value)
        try:  # refuse a bad pattern or value even when every creator has a code already
            check_pattern(pattern)
            PromoCode("CHECK", "check", discount, amount, usage_limit, True, None, starts, ends)
        except LinkError as error:
            raise TrackingError(error.message) from None
        have = {c.account_id for c in self._store.codes(campaign_id)}
        wanted = [c for c in self._chosen(campaign_id, account_ids) if c.account_id not in have]
        try:
            made = promo_codes(
                pattern,
                [CodeFor(c.handle, c.name) for c in wanted],
                self._store.taken_promo_codes(),
            )
            promos = [
                PromoCode(
                    code,
                    c.handle,
                    discount,
                    amount,
                    usage_limit,
                    once_per_customer,
                    None,
                    starts,
                    ends,
                    campaign.slug,
                )
                for code, c in zip(made, wanted, strict=True)
            ]
        except LinkError as error:
            raise TrackingError(error.message) from None
        now = self._clock()
        self._store.add_codes(
            [
                {
                    "organisation_id": campaign.organisation_id,
                    "campaign_id": campaign_id,
                    "account_id": c.account_id,
                    "code": promo.code,
                    "kind": promo.kind.value,
                    "value": str(promo.value),
                    "usage_limit": promo.usage_limit,
                    "once_per_customer": promo.once_per_customer,
                    "starts_at": _start(promo.starts),
                    "ends_at": _start(promo.ends),
                    "origin": "kolscope",
                    "created_at": now,
                }
                for promo, c in zip(promos, wanted, strict=True)
            ]
        )
        fresh = set(made)
        return [c for c in self._store.codes(campaign_id) if c.code in fresh]

    def import_shop_codes(self, codes: Iterable[str]) -> int:
        """Remember codes the shop already has, so new codes never clash with them; how many
        were new to kolscope."""
        clean = sorted({c.strip().upper() for c in codes if c and c.strip()})
        now = self._clock()
        return self._store.add_codes(
            [
                {
                    "code": c,
                    "kind": "percent",
                    "value": "0",
                    "origin": "shop",
                    "once_per_customer": False,
                    "created_at": now,
                }
                for c in clean
            ]
        )

    def shopify_rows(self, campaign_id: int) -> list[dict[str, str]]:
        return shopify_rows(self._promos(campaign_id))

    def woocommerce_rows(self, campaign_id: int) -> list[dict[str, str]]:
        return woocommerce_rows(self._promos(campaign_id))

    def _promos(self, campaign_id: int) -> list[PromoCode]:
        campaign = self.campaign(campaign_id)
        return [
            PromoCode(
                c.code,
                c.handle or "",
                DiscountKind(c.kind),
                c.value,
                c.usage_limit,
                c.once_per_customer,
                None,
                c.starts_at.date() if c.starts_at else None,
                c.ends_at.date() if c.ends_at else None,
                campaign.slug,
            )
            for c in self._store.codes(campaign_id)
            if c.origin == "kolscope"
        ]

    # helpers ----------------------------------------------------------------------------------

    def _destination(self, campaign_id: int, destination_id: int) -> Destination:
        for destination in self._store.destinations(campaign_id):
            if destination.id == destination_id:
                return destination
        raise TrackingError(said.NO_DESTINATION(destination=str(destination_id)))

    def _creator(self, campaign_id: int, account_id: int) -> TrackedCreator:
        for creator in self._store.creators(campaign_id):
            if creator.account_id == account_id:
                return creator
        raise TrackingError(said.NOT_IN_CAMPAIGN(creator=str(account_id)))

    def _chosen(self, campaign_id: int, account_ids: Sequence[int] | None) -> list[TrackedCreator]:
        creators = self._store.creators(campaign_id)
        if account_ids is None:
            return creators
        known = {c.account_id for c in creators}
        for wanted in account_ids:
            if wanted not in known:
                raise TrackingError(said.NOT_IN_CAMPAIGN(creator=str(wanted)))
        return [c for c in creators if c.account_id in set(account_ids)]


def _decimal(value: str | Decimal) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise TrackingError(said.NOT_AN_AMOUNT(value=str(value))) from None
    if not amount.is_finite():
        raise TrackingError(said.NOT_AN_AMOUNT(value=str(value)))
    return amount


def _start(day: date | None) -> datetime | None:
    return datetime.combine(day, time(), tzinfo=UTC) if day is not None else None
