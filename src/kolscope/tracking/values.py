"""The stored things of tracking as the use cases see them: a campaign's destinations, each
creator's tracking link and promo code, the creators of a campaign as tracking knows them, and
one creator's results (clicks, orders, money) in a campaign. Plain values: the SQL stores fill
them in, pages and the CLI read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from kolscope.domain.messages import Message


class TrackingError(ValueError):
    """A request tracking refuses (unknown campaign, link or creator; a bad value): ``message``
    says why in the reader's language."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, slots=True)
class TrackedCampaign:
    """What tracking needs of a campaign: its id, name, UTM slug and dates."""

    id: int
    name: str
    slug: str
    organisation_id: int | None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TrackedCreator:
    """A creator in a campaign: the account, its handle and platform, the agreed fee."""

    account_id: int
    platform: str
    handle: str
    name: str
    fee_thb: Decimal | None

    @property
    def reference(self) -> str:
        return f"{self.platform}:{self.handle}"


@dataclass(frozen=True, slots=True)
class Destination:
    """A web address registered for a campaign: only these are redirected to."""

    id: int
    campaign_id: int
    url: str
    label: str | None
    shop_kind: str | None  # shopify | woocommerce | other

    @property
    def shopify(self) -> bool:
        return self.shop_kind == "shopify"


@dataclass(frozen=True, slots=True)
class TrackedLink:
    """One creator's tracking link: the short code and address, and where it leads (the
    destination with the creator's UTM tags; the redirect adds the click id)."""

    id: int
    campaign_id: int
    account_id: int
    platform: str
    handle: str
    code: str
    short_url: str
    target: str
    medium: str
    token: str
    marketplace: str | None
    destination_id: int | None
    created_at: datetime
    deleted_at: datetime | None = None

    @property
    def reference(self) -> str:
        return f"{self.platform}:{self.handle}"

    @property
    def live(self) -> bool:
        return self.deleted_at is None


@dataclass(frozen=True, slots=True)
class StoredCode:
    """A promo code kolscope made for a creator (``origin`` kolscope) or one the shop already
    had (``origin`` shop, kept only so new codes never clash with it)."""

    id: int
    code: str
    kind: str  # percent | thb
    value: Decimal
    origin: str
    campaign_id: int | None = None
    account_id: int | None = None
    platform: str | None = None
    handle: str | None = None
    usage_limit: int | None = None
    once_per_customer: bool = True
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @property
    def reference(self) -> str | None:
        return f"{self.platform}:{self.handle}" if self.platform and self.handle else None


@dataclass(frozen=True, slots=True)
class CreatorResult:
    """One creator's results in a campaign. Clicks are people's clicks (bots, link previews
    and headless browsers are in ``set_aside``); money is what attribution placed with the
    creator. Cost ratios are None when their divisor is zero or the fee is unknown."""

    creator: TrackedCreator
    clicks: int
    unique_clicks: int
    set_aside: int
    bursts: int
    orders: int
    revenue_thb: Decimal
    commission_thb: Decimal
    reversed_thb: Decimal
    views: int | None = None  # of the creator's published campaign posts, when known

    @property
    def ctr(self) -> Decimal | None:
        """People's clicks per view of the creator's published campaign posts."""
        if not self.views:
            return None
        return (Decimal(self.clicks) / Decimal(self.views)).quantize(Decimal("0.0001"))

    @property
    def fee_thb(self) -> Decimal | None:
        return self.creator.fee_thb

    @property
    def cpc_thb(self) -> Decimal | None:
        return _ratio(self.fee_thb, self.clicks)

    @property
    def cpa_thb(self) -> Decimal | None:
        return _ratio(self.fee_thb, self.orders)

    @property
    def roas(self) -> Decimal | None:
        if not self.fee_thb:
            return None
        return (self.revenue_thb / self.fee_thb).quantize(Decimal("0.01"))


def _ratio(fee: Decimal | None, count: int) -> Decimal | None:
    if fee is None or count == 0:
        return None
    return (fee / count).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class StoredOrder:
    """An order as attribution reads it (money in baht)."""

    id: int
    source: str
    order_id: str
    status: str
    ordered_at: datetime
    amount_thb: Decimal | None  # None when the currency is not THB
    commission_thb: Decimal
    evidence: dict[str, Any]
    test: bool
    organisation_id: int | None = None


@dataclass(frozen=True, slots=True)
class StoredClick:
    """A click with its link's creator and campaign."""

    click_id: str
    link_id: int
    at: datetime
    account_id: int
    platform: str
    handle: str
    campaign_id: int
    visitor: str
    network: str
    kind: str
