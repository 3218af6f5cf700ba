"""The shapes of links, promo codes and attribution in JSON: what an API request may send
(every text, list and number bounded) and what the API and ``kolscope links|codes|attribution
--json`` print. Both entry points take their answers from the functions here, so a script can
switch between the command line and the API without its keys changing. No web framework is
imported here: the CLI loads this module too.

Money is a JSON number of baht with satang (``1234.5``), or null when unknown. Sentences for
people come as English ``text`` and as message dicts ``{code, params, text}`` (``why``), for a
reader's own language.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kolscope.domain.creators import handle_key
from kolscope.domain.platforms import parse_platform
from kolscope.planning.facade import Campaign
from kolscope.tracking.facade import (
    AttributionReport,
    CreatorResult,
    Destination,
    PlacedOrder,
    StoredCode,
    TrackedCreator,
    TrackedLink,
    TrackingError,
    said_cli,
)

Short = Annotated[str, StringConstraints(max_length=300)]
Address = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
References = Annotated[list[Short], Field(max_length=1000)]
MAX_DISCOUNT = 1_000_000  # baht off, or percent (the service refuses more than 100 %)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DestinationIn(_Strict):
    url: Address = Field(description="The shop or landing page (http or https).")
    label: Short | None = Field(None, description="A name for it, e.g. Shop.")
    shop: Short | None = Field(None, description="shopify, woocommerce or other")


class LinksIn(_Strict):
    """Links in bulk: one per creator (or those named) without one to the destination."""

    destination_id: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Default: the campaign's only destination."
    )
    medium: Short = Field("influencer", description="utm_medium: influencer, social, affiliate")
    creators: References | None = Field(None, description="platform:handle; default: all")


class PasteIn(_Strict):
    creator: Short = Field(description="platform:handle")
    url: Address = Field(description="The creator's Shopee or Lazada affiliate link.")
    slot: int = Field(1, ge=1, le=6, description="The sub-id slot that carries the token.")


class CodesIn(_Strict):
    """Promo codes in bulk: one per creator (or those named) without one in the campaign."""

    pattern: Short = Field(description="{HANDLE}, {NAME} and {N}, e.g. {HANDLE}10")
    kind: Literal["percent", "thb"] = Field(description="percent off, or baht (thb) off")
    value: float = Field(gt=0, le=MAX_DISCOUNT, allow_inf_nan=False)
    usage_limit: int | None = Field(None, ge=1, le=10_000_000, description="Uses in all.")
    once_per_customer: bool = True
    starts_on: date | None = None
    ends_on: date | None = None
    creators: References | None = Field(None, description="platform:handle; default: all")


# Choosing ---------------------------------------------------------------------------------------


def creator_ids(
    campaign: Campaign, creators: Sequence[TrackedCreator], references: Sequence[str]
) -> list[int]:
    """The accounts ``platform:handle`` references name among the campaign's creators (any
    case, with or without @); a reference naming nobody there is refused."""
    known = {(c.platform, handle_key(c.handle)): c.account_id for c in creators}
    found: list[int] = []
    for reference in references:
        platform_text, _, handle = reference.partition(":")
        platform = parse_platform(platform_text)
        key = (platform.value if platform else platform_text.strip().lower(), handle_key(handle))
        if key not in known:
            raise TrackingError(said_cli.UNKNOWN_CREATOR(creator=reference, campaign=campaign.name))
        found.append(known[key])
    return list(dict.fromkeys(found))


def chosen_destination(
    campaign: Campaign, known: Sequence[Destination], chosen: str | None
) -> Destination:
    """The destination named by number or address; with none named, the campaign's only one."""
    if chosen is None or not chosen.strip():
        if len(known) == 1:
            return known[0]
        if not known:
            raise TrackingError(said_cli.NO_DESTINATIONS(campaign=campaign.name))
        names = [f"{d.id} {d.url}" for d in known]
        raise TrackingError(
            said_cli.CHOOSE_DESTINATION(campaign=campaign.name, count=len(known), known=names)
        )
    wanted = chosen.strip()
    for found in known:
        if wanted == str(found.id) or wanted.rstrip("/") == found.url.rstrip("/"):
            return found
    raise TrackingError(said_cli.NO_DESTINATION(destination=wanted))


# Answers ----------------------------------------------------------------------------------------


def money(value: Decimal | None) -> float | None:
    """Baht in JSON: a number with satang, or null."""
    return None if value is None else float(value)


def moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def destination_dict(found: Destination) -> dict[str, Any]:
    return {"id": found.id, "url": found.url, "label": found.label, "shop": found.shop_kind}


def link_dict(link: TrackedLink, campaign: str) -> dict[str, Any]:
    """One creator's link; ``target`` is where it leads (the redirect adds a click id)."""
    return {
        "campaign": campaign,
        "creator": link.reference,
        "code": link.code,
        "short_url": link.short_url,
        "target": link.target,
        "medium": link.medium,
        "marketplace": link.marketplace,
        "token": link.token,
        "created_at": link.created_at.isoformat(),
    }


def code_dict(found: StoredCode, campaign: str | None) -> dict[str, Any]:
    """A promo code; ``origin`` shop for codes the shop already had (no creator, no value)."""
    return {
        "campaign": campaign,
        "creator": found.reference,
        "code": found.code,
        "kind": found.kind,
        "value": float(found.value),
        "usage_limit": found.usage_limit,
        "once_per_customer": found.once_per_customer,
        "starts_at": moment(found.starts_at),
        "ends_at": moment(found.ends_at),
        "origin": found.origin,
    }


def result_dict(result: CreatorResult) -> dict[str, Any]:
    """One creator's results in a campaign: people's clicks (bots and link previews counted
    apart), orders and baht attribution placed with them, and the cost ratios of their fee
    (null when the fee is unknown or the divisor is 0). ``ctr`` is clicks per view of the
    creator's published campaign posts, null until those views are known (``ctr_note``)."""
    return {
        "creator": result.creator.reference,
        "clicks": result.clicks,
        "unique_clicks": result.unique_clicks,
        "bot_clicks_excluded": result.set_aside,
        "bursts": result.bursts,
        "orders": result.orders,
        "revenue_thb": money(result.revenue_thb),
        "commission_thb": money(result.commission_thb),
        "reversed_thb": money(result.reversed_thb),
        "fee_thb": money(result.fee_thb),
        "cpc_thb": money(result.cpc_thb),
        "cpa_thb": money(result.cpa_thb),
        "roas": money(result.roas),
        "views": result.views,
        "ctr": float(result.ctr) if result.ctr is not None else None,
    }


def results_dict(campaign: str, results: Iterable[CreatorResult]) -> dict[str, Any]:
    note = said_cli.CTR_UNKNOWN()
    return {
        "campaign": campaign,
        "creators": [result_dict(r) for r in results],
        "ctr_note": note.to_dict(),
    }


def order_dict(
    item: PlacedOrder, campaigns: Mapping[str, str], hidden: Collection[str] = ()
) -> dict[str, Any]:
    """One order as a model placed it: the rule, why (in words and as a message), and each
    creator's share. ``campaigns`` maps a credit's campaign key (its id) to the name; the
    credits of ``hidden`` campaigns are left out."""
    order, placed = item.order, item.placed
    return {
        "order_id": order.order_id,
        "source": order.source,
        "status": order.status,
        "ordered_at": order.ordered_at.isoformat(),
        "amount_thb": money(order.amount_thb),
        "counted_thb": money(placed.amount_thb),
        "reversed_thb": money(placed.reversed_thb),
        "rule": placed.rule.value,
        "why": str(placed.why),
        "why_message": placed.why.to_dict(),
        "credits": [
            {
                "creator": c.creator,
                "campaign": campaigns.get(c.campaign, c.campaign) if c.campaign else None,
                "share": round(c.share, 6),
                "amount_thb": money(c.amount_thb),
            }
            for c in placed.credits
            if c.campaign not in hidden
        ],
    }


def _total(orders: int, amount: Decimal) -> dict[str, Any]:
    return {"orders": orders, "amount_thb": money(amount)}


def totals_dict(report: AttributionReport) -> dict[str, Any]:
    """Orders and baht by the rule that placed them, all attributed together, unattributed,
    and what cancellations, refunds and rejections took back."""
    totals = report.totals
    return {
        "by_rule": {
            rule.value: _total(t.orders, t.amount_thb) for rule, t in totals.by_rule.items()
        },
        "attributed": _total(totals.attributed.orders, totals.attributed.amount_thb),
        "unattributed": _total(totals.unattributed.orders, totals.unattributed.amount_thb),
        "reversed": _total(totals.reversed.orders, totals.reversed.amount_thb),
        "amount_thb": money(totals.amount_thb),
    }


def report_dict(
    report: AttributionReport, campaigns: Mapping[str, str], *, only_known: bool = False
) -> dict[str, Any]:
    """The report: totals by rule, unattributed and reversed, then every order. With
    ``only_known`` an order's credits in campaigns not in ``campaigns`` (another brand's or
    organisation's, which a visitor's clicks may also have touched) are left out."""
    hidden = set()
    if only_known:
        keys = {c.campaign for p in report.orders for c in p.placed.credits if c.campaign}
        hidden = {k for k in keys if k.isdigit() and k not in campaigns}
    return {
        "model": report.model,
        "window_days": report.window_days,
        "totals": totals_dict(report),
        "orders": [order_dict(item, campaigns, hidden) for item in report.orders],
    }
