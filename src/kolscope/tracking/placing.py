"""Attribution over what is stored: each order is placed with a creator and campaign by the
default rules and the placement kept on the order (``place``), so listings show the rule of
each; a report can re-place orders under a documented alternative model without storing it
(``report``); and a campaign's results per creator add clicks and placed money (``results``).

What an order's evidence carries (keys of ``orders.evidence``, written by the order readers):
``codes``, ``click_id``, ``utm``, ``visitor``, ``sub_ids`` (marketplace sub-ids),
``creator_username`` and ``content_id`` (TikTok Shop). A sub-id holding a creator's link token
and a TikTok Shop creator username are evidence of one creator (``named`` in ``attribute``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from kolscope.tracking import messages_service as said
from kolscope.tracking.attribution import (
    DEFAULT_WINDOW_DAYS,
    MODELS,
    Attributed,
    AttributionTotals,
    CodeOwner,
    Model,
    Order,
    Rule,
    Touch,
    attribute,
    totals,
)
from kolscope.tracking.clicks.counting import Click, count_clicks, find_bursts
from kolscope.tracking.values import (
    CreatorResult,
    StoredClick,
    StoredCode,
    StoredOrder,
    TrackedCampaign,
    TrackedCreator,
    TrackedLink,
    TrackingError,
)

_STATUSES = {"paid", "pending", "unpaid", "cancelled", "refunded", "rejected", "ineligible"}


class PlacingStore(Protocol):
    def orders(self, ids: Sequence[int] | None = None) -> list[StoredOrder]: ...
    def clicks_named(self, click_ids: Sequence[str]) -> list[StoredClick]: ...
    def clicks_of_visitors(self, visitors: Sequence[str], since: datetime) -> list[StoredClick]: ...
    def clicks_of_campaign(self, campaign_id: int) -> list[StoredClick]: ...
    def accounts_named(self, platform: str, usernames: Sequence[str]) -> dict[str, list[int]]: ...
    def campaigns_of(self, account_ids: Sequence[int]) -> dict[int, list[tuple[int, Any, Any]]]: ...
    def save_placements(self, placed: Sequence[dict[str, Any]]) -> None: ...
    def views_of_content(self, campaign_id: int) -> dict[int, int]: ...
    def placed_orders(self, campaign_id: int) -> list[StoredOrder]: ...
    def all_order_ids(self) -> list[int]: ...


class LinkLookup(Protocol):
    def links_by_token(self, tokens: Sequence[str]) -> dict[str, TrackedLink]: ...
    def codes_named(self, codes: Sequence[str]) -> list[StoredCode]: ...
    def campaigns(self, ids: Sequence[int]) -> dict[int, TrackedCampaign]: ...
    def campaign_named(self, name: str) -> list[TrackedCampaign]: ...


@dataclass(frozen=True, slots=True)
class PlacedOrder:
    """A stored order and where a model placed it; ``accounts`` maps the credits' creator
    references to account ids and ``campaigns`` their campaign keys to campaign ids."""

    order: StoredOrder
    placed: Attributed
    accounts: dict[str, int]


@dataclass(frozen=True, slots=True)
class AttributionReport:
    model: str
    window_days: int
    orders: tuple[PlacedOrder, ...]
    totals: AttributionTotals


class Placement:
    def __init__(
        self, store: PlacingStore, links: LinkLookup, window_days: int = DEFAULT_WINDOW_DAYS
    ) -> None:
        self._store = store
        self._links = links
        self._window = window_days

    def place(self, order_ids: Sequence[int]) -> None:
        """Place these orders by the default rules and keep the placement on each."""
        placed = self._placed(self._store.orders(order_ids), "default", self._window)
        self._store.save_placements([_stored(p) for p in placed])

    def place_all(self) -> int:
        ids = self._store.all_order_ids()
        for start in range(0, len(ids), 2000):
            self.place(ids[start : start + 2000])
        return len(ids)

    def report(
        self,
        campaign_id: int | None = None,
        model: str = "default",
        window_days: int | None = None,
        *,
        campaign_ids: Collection[int] | None = None,
        organisation_id: int | None = None,
    ) -> AttributionReport:
        """Every order (or those placed in a campaign under any model) placed by ``model``,
        with the totals by rule and what stayed unattributed. ``campaign_ids`` keeps orders
        with a credit in one of those campaigns; ``organisation_id`` keeps that
        organisation's orders (unattributed ones too); totals are over what is kept."""
        if model not in MODELS:
            raise TrackingError(said.BAD_MODEL(model=model, known=list(MODELS)))
        days = self._window if window_days is None else window_days
        chosen: Model = model
        if campaign_id is not None and chosen == "default" and days == self._window:
            # the stored placement is this very model: only the campaign's orders can be in it
            candidates = self._store.placed_orders(campaign_id)
        else:
            candidates = self._store.orders()
        placed = [p for p in self._placed(candidates, chosen, days) if not p.order.test]
        if organisation_id is not None:
            placed = [p for p in placed if p.order.organisation_id == organisation_id]
        if campaign_id is not None:
            key = str(campaign_id)
            placed = [p for p in placed if any(c.campaign == key for c in p.placed.credits)]
        if campaign_ids is not None:
            keys = {str(i) for i in campaign_ids}
            placed = [p for p in placed if any(c.campaign in keys for c in p.placed.credits)]
        return AttributionReport(model, days, tuple(placed), totals(p.placed for p in placed))

    def results(self, campaign_id: int, creators: Sequence[TrackedCreator]) -> list[CreatorResult]:
        """Each creator's clicks, orders and money in the campaign (people's clicks only)."""
        clicks = self._store.clicks_of_campaign(campaign_id)
        by_link = count_clicks(
            Click(c.at, str(c.link_id), c.visitor, c.kind, c.network)  # type: ignore[arg-type]
            for c in clicks
        )
        bursts = find_bursts(
            Click(c.at, str(c.link_id), c.visitor, c.kind, c.network)  # type: ignore[arg-type]
            for c in clicks
        )
        owner = {str(c.link_id): c.account_id for c in clicks}
        tally: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for link, counted in by_link.items():
            row = tally[owner[link]]
            row[0] += counted.clicks
            row[1] += counted.unique
            row[2] += sum(counted.set_aside.values())
        for burst in bursts:
            tally[owner[burst.link]][3] += 1
        money: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
        orders: dict[int, int] = defaultdict(int)
        placed = self._placed(self._store.placed_orders(campaign_id), "default", self._window)
        views = self._store.views_of_content(campaign_id)
        for item in placed:
            if item.order.test:
                continue
            for credit in item.placed.credits:
                account = item.accounts.get(credit.creator)
                if account is None or credit.campaign != str(campaign_id):
                    continue
                share = Decimal(str(credit.share))
                if item.placed.amount_thb > 0:
                    orders[account] += 1
                    money[account][1] += (item.order.commission_thb * share).quantize(
                        Decimal("0.01")
                    )
                money[account][0] += credit.amount_thb
                money[account][2] += (item.placed.reversed_thb * share).quantize(Decimal("0.01"))
        return [
            CreatorResult(
                creator=c,
                clicks=tally[c.account_id][0],
                unique_clicks=tally[c.account_id][1],
                set_aside=tally[c.account_id][2],
                bursts=tally[c.account_id][3],
                orders=orders[c.account_id],
                revenue_thb=money[c.account_id][0],
                commission_thb=money[c.account_id][1],
                reversed_thb=money[c.account_id][2],
                views=views.get(c.account_id),
            )
            for c in creators
        ]

    # placing ----------------------------------------------------------------------------------

    def _placed(self, orders: Sequence[StoredOrder], model: Model, days: int) -> list[PlacedOrder]:
        if not orders:
            return []
        evidence = [o.evidence for o in orders]
        click_ids = [str(e["click_id"]) for e in evidence if e.get("click_id")]
        visitors = [str(e["visitor"]) for e in evidence if e.get("visitor")]
        found = self._store.clicks_named(click_ids) if click_ids else []
        if visitors:
            since = min(o.ordered_at for o in orders)
            from datetime import timedelta

            found += self._store.clicks_of_visitors(visitors, since - timedelta(days=days))
        accounts: dict[str, int] = {}
        touches: dict[str, Touch] = {}
        for click in found:
            if click.kind != "person":
                continue
            ref = f"{click.platform}:{click.handle}"
            accounts[ref] = click.account_id
            touches[click.click_id] = Touch(
                click.at, ref, str(click.campaign_id), click.click_id, click.visitor
            )
        owners = self._code_owners(evidence, accounts)
        tokens = self._links.links_by_token(
            [str(s) for e in evidence for s in e.get("sub_ids") or [] if s]
        )
        named = self._named_by_username(orders, accounts)
        placed: list[PlacedOrder] = []
        for order in orders:
            found_named = self._by_token(order, tokens, accounts) or named.get(order.id)
            result = attribute(
                _order(order), touches.values(), owners,
                window_days=days, model=model, named=found_named,
            )  # fmt: skip
            placed.append(PlacedOrder(order, result, dict(accounts)))
        return [self._utm_mapped(p) for p in placed]

    def _code_owners(
        self, evidence: Sequence[dict[str, Any]], accounts: dict[str, int]
    ) -> dict[str, str | CodeOwner]:
        codes = [str(c) for e in evidence for c in e.get("codes") or [] if c]
        owners: dict[str, str | CodeOwner] = {}
        for stored in self._links.codes_named(codes) if codes else []:
            if stored.origin != "kolscope" or stored.account_id is None or not stored.reference:
                continue
            accounts[stored.reference] = stored.account_id
            campaign = str(stored.campaign_id) if stored.campaign_id is not None else None
            owners[stored.code] = CodeOwner(stored.reference, campaign)
        return owners

    @staticmethod
    def _by_token(
        order: StoredOrder, tokens: dict[str, TrackedLink], accounts: dict[str, int]
    ) -> Any:
        for token in order.evidence.get("sub_ids") or []:
            link = tokens.get(str(token))
            if link is not None and link.created_at <= order.ordered_at:
                accounts[link.reference] = link.account_id
                why = said.SUB_ID(token=link.token, creator=link.reference)
                return [(link.reference, str(link.campaign_id), 1.0)], Rule.CLICK_ID, why
        return None

    def _named_by_username(
        self, orders: Sequence[StoredOrder], accounts: dict[str, int]
    ) -> dict[int, Any]:
        """TikTok Shop orders: the account with the creator's username, in the campaign whose
        dates hold the order (else the newest campaign it is in)."""
        from kolscope.domain.creators import handle_key

        tiktok = [o for o in orders if o.evidence.get("creator_username")]
        if not tiktok:
            return {}
        names = [str(o.evidence["creator_username"]) for o in tiktok]
        by_name = self._store.accounts_named("tiktok", names)
        ids = [i for found in by_name.values() for i in found]
        campaigns = self._store.campaigns_of(ids)
        named: dict[int, Any] = {}
        for order in tiktok:
            username = str(order.evidence["creator_username"])
            for account in by_name.get(handle_key(username), []):
                chosen = _campaign_at(campaigns.get(account, []), order.ordered_at)
                if chosen is None:
                    continue
                ref = f"tiktok:{username.lstrip('@')}"
                accounts[ref] = account
                content = str(order.evidence.get("content_id") or "-")
                why = said.CREATOR_USERNAME(creator=username, content=content)
                named[order.id] = ([(ref, str(chosen), 1.0)], Rule.CREATOR_USERNAME, why)
                break
        return named

    def _utm_mapped(self, item: PlacedOrder) -> PlacedOrder:
        """A UTM match names a handle and a campaign slug: find the account and campaign."""
        if item.placed.rule is not Rule.UTM or not item.placed.credits:
            return item
        utm = item.order.evidence.get("utm") or {}
        token = str(utm.get("utm_id") or "")
        link = self._links.links_by_token([token]).get(token) if token else None
        if link is None:
            return item
        from dataclasses import replace

        credit = replace(item.placed.credits[0], creator=link.reference,
                         campaign=str(link.campaign_id))  # fmt: skip
        accounts = dict(item.accounts) | {link.reference: link.account_id}
        return PlacedOrder(item.order, replace(item.placed, credits=(credit,)), accounts)


def _order(order: StoredOrder) -> Order:
    evidence = order.evidence
    status = order.status if order.status in _STATUSES else "pending"
    return Order(
        order_id=f"{order.source}:{order.order_id}",
        at=order.ordered_at,
        amount_thb=order.amount_thb if order.amount_thb is not None else Decimal(0),
        codes=tuple(str(c) for c in evidence.get("codes") or []),
        click_id=str(evidence["click_id"]) if evidence.get("click_id") else None,
        visitor=str(evidence["visitor"]) if evidence.get("visitor") else None,
        utm={str(k): str(v) for k, v in (evidence.get("utm") or {}).items()},
        status=status,  # type: ignore[arg-type]
    )


def _campaign_at(campaigns: Sequence[tuple[int, Any, Any]], at: datetime) -> int | None:
    day = at.date()
    for campaign_id, starts, ends in campaigns:
        if (starts is None or starts <= day) and (ends is None or day <= ends):
            return campaign_id
    return campaigns[-1][0] if campaigns else None


def _stored(item: PlacedOrder) -> dict[str, Any]:
    credits = [
        {
            "creator": c.creator,
            "account_id": item.accounts.get(c.creator),
            "campaign_id": int(c.campaign) if c.campaign and c.campaign.isdigit() else None,
            "share": c.share,
            "amount_thb": str(c.amount_thb),
        }
        for c in item.placed.credits
    ]
    first = credits[0] if credits else {}
    return {
        "id": item.order.id,
        "account_id": first.get("account_id"),
        "campaign_id": first.get("campaign_id"),
        "rule": item.placed.rule.value,
        "credits": credits,
    }
