"""A promo code as the shop will know it: the code, whose it is, its value, limits and validity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from kolscope.tracking.links.problems import LinkError
from kolscope.tracking.messages_links import BAD_AMOUNT, BAD_LIMIT, BAD_PERCENT, BAD_VALIDITY


class DiscountKind(StrEnum):
    """What a code's value means: a percentage off, or baht off the order."""

    PERCENT = "percent"
    THB = "thb"


@dataclass(frozen=True, slots=True)
class PromoCode:
    """One creator's promo code. ``value`` is a percentage (``10`` = 10 % off) or baht;
    ``usage_limit`` is the number of orders in all (None: unlimited); ``once_per_customer``
    stops one shopper reusing it; ``starts``/``ends`` are inclusive days (None: open)."""

    code: str
    handle: str
    kind: DiscountKind
    value: Decimal
    usage_limit: int | None = None
    once_per_customer: bool = True
    minimum_order_thb: Decimal | None = None
    starts: date | None = None
    ends: date | None = None
    campaign: str = ""

    def __post_init__(self) -> None:
        check_promo(self)


def check_promo(promo: PromoCode) -> None:
    """Refuse (``LinkError``) a value, limit or validity no shop would accept."""
    if promo.kind is DiscountKind.PERCENT and not Decimal(0) < promo.value <= Decimal(100):
        raise LinkError(BAD_PERCENT(value=str(promo.value)))
    if promo.kind is DiscountKind.THB and promo.value <= 0:
        raise LinkError(BAD_AMOUNT(value=str(promo.value)))
    if promo.usage_limit is not None and promo.usage_limit < 1:
        raise LinkError(BAD_LIMIT(value=str(promo.usage_limit)))
    if promo.starts and promo.ends and promo.ends < promo.starts:
        raise LinkError(BAD_VALIDITY(starts=promo.starts.isoformat(), ends=promo.ends.isoformat()))
