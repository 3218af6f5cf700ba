"""Which creator an order goes to, and by which rule (#17).

The default rules, tried in this order, the first that finds a creator wins:

1. a promo code on the order that belongs to a creator: 100 % to its creator;
2. else kolscope's click id in the landing address or sub-id (``kc``/``ref``) that names a
   known click made before the order: 100 % to that click's creator;
3. else the visitor's last click within the window (30 days by default, inclusive: a click
   exactly ``window_days`` before the order still counts);
4. else the order's UTM tags: ``utm_content`` is the creator's handle and ``utm_campaign`` the
   campaign slug, as kolscope's links tag them, when ``utm_medium`` is one of kolscope's.

The documented alternatives (``first_click``, ``linear``, ``time_decay``, ``position``) keep
rules 1, 2 and 4, which are evidence of one creator, and replace rule 3: the order is split
over the visitor's clicks within the window (see ``models``). A cancelled, refunded, rejected
or ineligible order keeps the rule and shares that placed it but counts 0 THB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Literal

from kolscope.domain.messages import Message, Template
from kolscope.tracking import messages_attribution as said
from kolscope.tracking.attribution import models
from kolscope.tracking.attribution.values import (
    Attributed,
    CodeOwner,
    Credit,
    Order,
    Rule,
    Touch,
)

Model = Literal["default", "first_click", "linear", "time_decay", "position"]
MODELS: tuple[Model, ...] = ("default", "first_click", "linear", "time_decay", "position")
DEFAULT_WINDOW_DAYS = 30
# The utm_medium values kolscope's links write (links/utm.py MEDIUMS).
OUR_MEDIUMS = frozenset({"influencer", "social", "affiliate"})

_VOIDED: dict[str, Template] = {
    "cancelled": said.CANCELLED,
    "refunded": said.REFUNDED,
    "rejected": said.REJECTED,
    "ineligible": said.INELIGIBLE,
    "unpaid": said.UNPAID,
}
_SPLITS: dict[str, tuple[Rule, Template]] = {
    "linear": (Rule.LINEAR, said.LINEAR),
    "time_decay": (Rule.TIME_DECAY, said.TIME_DECAY),
    "position": (Rule.POSITION, said.POSITION),
}

# A rule's result: who gets which share, which rule, and why.
Placed = tuple[list[tuple[str, str | None, float]], Rule, Message]


def attribute(
    order: Order,
    touches: Iterable[Touch],
    codes_to_creator: Mapping[str, str | CodeOwner],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    model: Model = "default",
    named: Placed | None = None,
) -> Attributed:
    """Place ``order`` with the creators its promo code, click id, the visitor's clicks or its
    UTM tags point to (see the module's docstring for the order of the rules). ``touches`` are
    all known clicks (any visitor; those after the order are ignored); ``codes_to_creator``
    maps a promo code (any case) to its creator. ``named`` is what the order's own evidence
    names when it is not a click: a marketplace sub-id carrying a creator's link token, or a
    TikTok Shop creator username; it is tried after the click id and before the visitor."""
    if model not in MODELS:
        raise ValueError(f"unknown attribution model {model!r}; one of {', '.join(MODELS)}")
    if window_days < 0:
        raise ValueError("the attribution window cannot be negative")
    clicks = sorted((t for t in touches if t.at <= order.at), key=lambda t: (t.at, t.click_id))
    rules: Sequence[Callable[[], Placed | None]] = (
        lambda: _by_code(order, codes_to_creator),
        lambda: _by_click_id(order, clicks),
        lambda: named,
        lambda: _by_visitor(order, clicks, window_days, model),
        lambda: _by_utm(order),
    )
    for rule in rules:
        placed = rule()
        if placed is not None:
            return _credited(order, *placed)
    why = said.UNATTRIBUTED(days=window_days)
    return _credited(order, [], Rule.UNATTRIBUTED, why)


def _by_code(order: Order, codes_to_creator: Mapping[str, str | CodeOwner]) -> Placed | None:
    """Rule 1: the first of the order's codes that belongs to a creator."""
    owners = {code.strip().upper(): owner for code, owner in codes_to_creator.items()}
    for code in order.codes:
        owner = owners.get(code.strip().upper())
        if owner is None:
            continue
        if isinstance(owner, str):
            owner = CodeOwner(owner)
        why = said.PROMO_CODE(code=code.strip().upper(), creator=owner.creator)
        return [(owner.creator, owner.campaign, 1.0)], Rule.PROMO_CODE, why
    return None


def _by_click_id(order: Order, clicks: Sequence[Touch]) -> Placed | None:
    """Rule 2: the click the order's click id names (a click before the order)."""
    if not order.click_id:
        return None
    for touch in clicks:
        if touch.click_id == order.click_id:
            why = said.CLICK_ID(click_id=touch.click_id, creator=touch.creator)
            return [(touch.creator, touch.campaign, 1.0)], Rule.CLICK_ID, why
    return None


def _by_visitor(
    order: Order, clicks: Sequence[Touch], window_days: int, model: Model
) -> Placed | None:
    """Rule 3: the visitor's clicks within the window, last click or split by ``model``."""
    if not order.visitor:
        return None
    since = order.at - timedelta(days=window_days)
    mine = [t for t in clicks if t.visitor == order.visitor and t.at >= since]
    if not mine:
        return None
    if model in ("default", "first_click"):
        touch = mine[-1] if model == "default" else mine[0]
        template = said.LAST_CLICK if model == "default" else said.FIRST_CLICK
        rule = Rule.LAST_CLICK if model == "default" else Rule.FIRST_CLICK
        why = template(days=window_days, creator=touch.creator, when=touch.at.date().isoformat())
        return [(touch.creator, touch.campaign, 1.0)], rule, why
    rule, template = _SPLITS[model]
    if model == "linear":
        weights = models.linear_weights(len(mine))
    elif model == "time_decay":
        weights = models.time_decay_weights([t.at for t in mine], order.at)
    else:
        weights = models.position_weights(len(mine))
    extra: dict[str, float] = {}
    if model == "time_decay":
        extra = {"half_life": models.HALF_LIFE_DAYS}
    if model == "position":
        extra = {"ends": models.POSITION_ENDS, "middle": models.POSITION_MIDDLE}
    why = template(count=len(mine), days=window_days, **extra)
    return _merged(mine, weights), rule, why


def _merged(
    touches: Sequence[Touch], weights: Sequence[float]
) -> list[tuple[str, str | None, float]]:
    """One share per creator and campaign, in the order of their first click."""
    shares: dict[tuple[str, str], float] = {}
    for touch, weight in zip(touches, weights, strict=True):
        key = (touch.creator, touch.campaign)
        shares[key] = shares.get(key, 0.0) + weight
    return [(creator, campaign, share) for (creator, campaign), share in shares.items()]


def _by_utm(order: Order) -> Placed | None:
    """Rule 4: ``utm_content`` names the creator when the medium is one of kolscope's."""
    tags = {key.lower(): value.strip() for key, value in order.utm.items()}
    creator = tags.get("utm_content", "").lstrip("@").lower()
    medium = tags.get("utm_medium", "").lower()
    if not creator or medium not in OUR_MEDIUMS:
        return None
    campaign = tags.get("utm_campaign", "").lower() or None
    why = said.UTM(creator=creator, campaign=campaign)
    return [(creator, campaign, 1.0)], Rule.UTM, why


def _credited(
    order: Order,
    shares: Sequence[tuple[str, str | None, float]],
    rule: Rule,
    why: Message,
) -> Attributed:
    """The placed order: baht split by share when it counts, 0 (and reversed) when not."""
    whole = order.amount_thb.quantize(models.SATANG)
    if not order.counts:
        credits = tuple(Credit(c, k, share, Decimal("0.00")) for c, k, share in shares)
        why = _VOIDED[order.status](why=why)
        zero = Decimal("0.00")
        return Attributed(order.order_id, credits, rule, why, zero, whole, order.status)
    baht = models.split_baht(whole, [share for _, _, share in shares])
    credits = tuple(
        Credit(c, k, share, amount) for (c, k, share), amount in zip(shares, baht, strict=True)
    )
    return Attributed(order.order_id, credits, rule, why, whole, Decimal("0.00"), order.status)
