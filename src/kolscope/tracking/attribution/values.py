"""The plain values attribution reads and writes: a click (``Touch``), an order (``Order``),
one creator's part of an order (``Credit``) and the placed order (``Attributed``), with the
rule that placed it (``Rule``). No I/O: the database and the shop webhooks fill these in."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal

from kolscope.domain.messages import Message

# What the shop (or the marketer reviewing a conversion) says of an order. Only "paid" and
# "pending" count; the others keep the rule that placed them but count 0 THB ("unpaid": a
# marketplace order not paid for yet, which may still be).
OrderStatus = Literal[
    "paid", "pending", "unpaid", "cancelled", "refunded", "rejected", "ineligible"
]
COUNTED: frozenset[str] = frozenset({"paid", "pending"})


class Rule(enum.StrEnum):
    """Which rule placed an order: the four default rules in the order they are tried, the
    documented multi-touch alternatives to the last click, or none."""

    PROMO_CODE = "promo_code"
    CLICK_ID = "click_id"
    LAST_CLICK = "last_click"
    UTM = "utm"
    CREATOR_USERNAME = "creator_username"
    FIRST_CLICK = "first_click"
    LINEAR = "linear"
    TIME_DECAY = "time_decay"
    POSITION = "position"
    UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class Touch:
    """One click on a creator's tracking link: when, whose link, for which campaign, the click
    id the redirect gave it, and the visitor's (salted, hashed) key."""

    at: datetime
    creator: str
    campaign: str
    click_id: str
    visitor: str | None = None


@dataclass(frozen=True, slots=True)
class Order:
    """One order as the shop reported it: ``amount_thb`` net of edits and refunds, the promo
    ``codes`` used, the click id and UTM tags of its landing address, the visitor's key."""

    order_id: str
    at: datetime
    amount_thb: Decimal
    codes: Sequence[str] = ()
    click_id: str | None = None
    visitor: str | None = None
    utm: Mapping[str, str] = field(default_factory=dict)
    status: OrderStatus = "paid"

    @property
    def counts(self) -> bool:
        """False for a cancelled, refunded, rejected or ineligible order: it counts 0 THB."""
        return self.status in COUNTED


@dataclass(frozen=True, slots=True)
class CodeOwner:
    """Whose promo code it is; ``campaign`` when the code was made for one campaign."""

    creator: str
    campaign: str | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """One creator's part of an order: ``share`` from 0 to 1 and the baht it brings (0 when
    the order does not count). A creator's several clicks on one campaign make one credit."""

    creator: str
    campaign: str | None
    share: float
    amount_thb: Decimal


@dataclass(frozen=True, slots=True)
class Attributed:
    """An order placed by ``rule``, with the creators' ``credits`` and ``why`` in words.

    ``amount_thb`` is what the order counts (the sum of the credits; 0 when it does not count,
    and the whole amount, uncredited, when unattributed); ``reversed_thb`` is what a
    cancellation, refund, rejection or ineligibility took back."""

    order_id: str
    credits: tuple[Credit, ...]
    rule: Rule
    why: Message
    amount_thb: Decimal = Decimal(0)
    reversed_thb: Decimal = Decimal(0)
    status: OrderStatus = "paid"
