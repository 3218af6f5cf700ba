"""The tracking tab's contents made ready for the page: one row per creator (their links, promo
code and results), the campaign's totals, the orders with the rule and reason of each, and the
names people read instead of codes (rules, models, order statuses, sources, shop kinds).

Numbers are written here in the reader's language so the page and its live refresh
(``/campaigns/N/tracking/live``, read by static/tracking.js) show the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from kolscope.domain.messages import Message
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.vocabulary import N_
from kolscope.tracking.facade import (
    AttributionReport,
    CreatorResult,
    StoredCode,
    TrackedCreator,
    TrackedLink,
)

RULE_NAMES = {
    "promo_code": N_("Promo code"),
    "click_id": N_("Click id or sub-id"),
    "last_click": N_("Last click"),
    "utm": N_("UTM tags"),
    "creator_username": N_("TikTok Shop creator"),
    "first_click": N_("First click"),
    "linear": N_("Split equally"),
    "time_decay": N_("Recent clicks weigh more"),
    "position": N_("First and last click weigh most"),
    "unattributed": N_("Not attributed"),
}
MODEL_NAMES = {
    "default": N_("Default: promo code, click id, last click, UTM"),
    "first_click": N_("First click"),
    "linear": N_("Split equally over the clicks"),
    "time_decay": N_("Recent clicks weigh more (7-day half-life)"),
    "position": N_("First and last click weigh most (40/20/40)"),
}
MEDIUM_NAMES = {
    "influencer": N_("Influencer (the default)"),
    "social": N_("Social"),
    "affiliate": N_("Affiliate"),
}
SHOP_KIND_NAMES = {
    "shopify": "Shopify",
    "woocommerce": "WooCommerce",
    "other": N_("Another shop or page"),
}
STATUS_NAMES = {
    "paid": N_("paid"),
    "pending": N_("pending"),
    "unpaid": N_("not paid yet"),
    "cancelled": N_("cancelled"),
    "refunded": N_("refunded"),
    "rejected": N_("rejected"),
    "ineligible": N_("ineligible"),
}
SOURCE_NAMES = {
    "shopify": "Shopify",
    "woocommerce": "WooCommerce",
    "shopee": "Shopee",
    "lazada": "Lazada",
    "tiktok-shop": "TikTok Shop",
    "api": N_("Conversion API"),
    "lead": N_("Lead form"),
}
MARKETPLACE_NAMES = {"shopee": "Shopee", "lazada": "Lazada", "tiktok-shop": "TikTok Shop"}
ORDERS_SHOWN = 200  # the orders table shows the newest; the totals count them all
LIVE_FIELDS = (
    "clicks", "unique_clicks", "set_aside", "orders", "revenue", "commission", "cpc", "cpa",
    "roas",
)  # fmt: skip
FEE_FIELDS = ("cpc", "cpa", "roas")  # worked out from the agreed fee: never shown to a client


_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around data, never in a value shown


class DataMarked(said.PageWording):
    """The page's wording, with each literal value of a message (a click id, a promo code, a
    creator's reference) marked as data: the page wraps it in ``translate="no"`` so a
    translator (and the Thai check) leaves it alone."""

    def value(self, kind: str, value: Any) -> str:
        if kind == "" and value is not None:
            plain = str(value).replace(_OPEN, "").replace(_CLOSE, "")
            return f"{_OPEN}{plain}{_CLOSE}"
        return super().value(kind, value)


def marked(message: Message, words: said.PageWording) -> Markup:
    """A message in the reader's language, escaped, its data in ``<span translate="no">``."""
    wording = DataMarked(
        words.language, thai_units=words.thai_units, buddhist_era=words.buddhist_era
    )
    text = str(escape(said.say_with(message, wording)))
    opened = text.replace(_OPEN, '<span translate="no">').replace(_CLOSE, "</span>")
    return Markup(opened)  # noqa: S704 - escaped above; only our own tags added


def named(names: dict[str, str], code: str | None) -> str:
    """A code as its name in the reader's language (an unknown code as it is)."""
    if not code:
        return ""
    found = names.get(code)
    return _(found) if found else code


@dataclass(frozen=True, slots=True)
class CreatorRow:
    """One creator of the campaign on the tracking tab."""

    creator: TrackedCreator
    links: tuple[TrackedLink, ...]
    code: StoredCode | None
    numbers: dict[str, str]

    @property
    def discount(self) -> str:
        """The code's value as people say it: "10% off", "฿150 off"."""
        return discount(self.code) if self.code is not None else ""

    @property
    def key(self) -> str:
        return str(self.creator.account_id)


def discount(code: StoredCode) -> str:
    value = code.value.normalize()
    if code.kind == "percent":
        return _("%(value)s%% off") % {"value": f"{value:f}"}
    return _("%(amount)s off") % {"amount": i18n.money(float(value))}


def _thb(amount: Decimal | None) -> str:
    return "–" if amount is None else i18n.money(float(amount))


def _times(ratio: Decimal | None) -> str:
    return "–" if ratio is None else f"{ratio:,.2f}×"


def numbers(result: CreatorResult | None, thai_units: bool, may_see_fees: bool) -> dict[str, str]:
    """A creator's results as the page writes them (fee-based ratios only for the team)."""
    if result is None:
        shown = dict.fromkeys(LIVE_FIELDS, "0")
        shown.update(revenue=_thb(Decimal(0)), commission=_thb(Decimal(0)))
        shown.update(cpc="–", cpa="–", roas="–")
    else:
        shown = {
            "clicks": i18n.count(result.clicks, thai_units),
            "unique_clicks": i18n.count(result.unique_clicks, thai_units),
            "set_aside": i18n.count(result.set_aside, thai_units),
            "orders": i18n.count(result.orders, thai_units),
            "revenue": _thb(result.revenue_thb),
            "commission": _thb(result.commission_thb),
            "cpc": _thb(result.cpc_thb),
            "cpa": _thb(result.cpa_thb),
            "roas": _times(result.roas),
        }
    if not may_see_fees:
        for field in FEE_FIELDS:
            shown.pop(field, None)
    return shown


def totals(results: Sequence[CreatorResult], thai_units: bool) -> dict[str, str]:
    """The campaign's clicks, orders and money over every creator."""
    zero = Decimal(0)
    return {
        "clicks": i18n.count(sum(r.clicks for r in results), thai_units),
        "unique_clicks": i18n.count(sum(r.unique_clicks for r in results), thai_units),
        "set_aside": i18n.count(sum(r.set_aside for r in results), thai_units),
        "orders": i18n.count(sum(r.orders for r in results), thai_units),
        "revenue": _thb(sum((r.revenue_thb for r in results), zero)),
        "commission": _thb(sum((r.commission_thb for r in results), zero)),
    }


def creator_rows(
    creators: Sequence[TrackedCreator],
    links: Sequence[TrackedLink],
    codes: Sequence[StoredCode],
    results: Sequence[CreatorResult],
    *,
    thai_units: bool,
    may_see_fees: bool,
) -> list[CreatorRow]:
    by_account: dict[int, list[TrackedLink]] = {}
    for link in links:
        by_account.setdefault(link.account_id, []).append(link)
    code_of = {c.account_id: c for c in codes if c.origin == "kolscope"}
    result_of = {r.creator.account_id: r for r in results}
    return [
        CreatorRow(
            creator=c,
            links=tuple(by_account.get(c.account_id, ())),
            code=code_of.get(c.account_id),
            numbers=numbers(result_of.get(c.account_id), thai_units, may_see_fees),
        )
        for c in creators
    ]


def live(results: Sequence[CreatorResult], thai_units: bool, may_see_fees: bool) -> dict[str, Any]:
    """What the tab's refresh reads: each creator's numbers and the totals, as written."""
    return {
        "creators": {
            str(r.creator.account_id): numbers(r, thai_units, may_see_fees) for r in results
        },
        "totals": totals(results, thai_units),
    }


def orders_view(report: AttributionReport, words: said.PageWording) -> dict[str, Any]:
    """The orders table (newest first, at most ``ORDERS_SHOWN``) and the totals by rule."""
    placed = sorted(report.orders, key=lambda p: p.order.ordered_at, reverse=True)
    rows = []
    for item in placed[:ORDERS_SHOWN]:
        order, where = item.order, item.placed
        rows.append(
            {
                "source": named(SOURCE_NAMES, order.source),
                "order_id": order.order_id,
                "at": order.ordered_at,
                "status": order.status,
                "status_name": named(STATUS_NAMES, order.status),
                "amount": _thb(order.amount_thb),
                "counted": _thb(where.amount_thb),
                "commission": _thb(order.commission_thb),
                "creators": [
                    (c.creator.split(":", 1)[-1], f"{c.share:.0%}") for c in where.credits
                ],
                "rule": where.rule.value,
                "rule_name": named(RULE_NAMES, where.rule.value),
                "why": marked(where.why, words),
            }
        )
    by_rule = [
        {"rule": rule.value, "name": named(RULE_NAMES, rule.value), "orders": total.orders,
         "amount": _thb(total.amount_thb)}
        for rule, total in report.totals.by_rule.items()
    ]  # fmt: skip
    return {
        "rows": rows,
        "count": len(placed),
        "by_rule": by_rule,
        "attributed": report.totals.attributed,
        "unattributed": report.totals.unattributed,
        "reversed": report.totals.reversed,
        "amount": _thb(report.totals.amount_thb),
    }
