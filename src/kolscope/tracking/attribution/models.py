"""How the multi-touch models split an order over a visitor's clicks, and how a split becomes
baht. Pure arithmetic: the clicks come in time order; each returns one weight per click, and
the weights sum to 1.

- first click: all to the earliest click;
- linear: equal weights;
- time decay: a click's weight halves every ``HALF_LIFE_DAYS`` (7) days before the order;
- position (U-shaped, 40/20/40): 40 % to the first and 40 % to the last click, the middle 20 %
  split equally between the clicks between them. One click takes 100 %; two clicks take 50 %
  each (there is no middle, so its 20 % is shared between the two ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

HALF_LIFE_DAYS = 7
POSITION_ENDS = 0.4
POSITION_MIDDLE = 0.2
SATANG = Decimal("0.01")


def first_click_weights(count: int) -> list[float]:
    """All to the first click."""
    return [1.0] + [0.0] * (count - 1) if count else []


def linear_weights(count: int) -> list[float]:
    """The same share to every click."""
    return [1.0 / count] * count if count else []


def time_decay_weights(
    clicked: Sequence[datetime], ordered: datetime, half_life_days: float = HALF_LIFE_DAYS
) -> list[float]:
    """Each click weighs ``0.5 ** (days before the order / half_life_days)``, normalised to 1:
    a click 7 days before the order weighs half of one made at the moment of the order."""
    if not clicked:
        return []
    raw = [
        0.5 ** (max((ordered - at).total_seconds(), 0.0) / (half_life_days * 86400.0))
        for at in clicked
    ]
    total = sum(raw)
    return [weight / total for weight in raw]


def position_weights(count: int) -> list[float]:
    """40/20/40: see the module's docstring for one and two clicks."""
    if count == 0:
        return []
    if count == 1:
        return [1.0]
    if count == 2:
        return [0.5, 0.5]
    middle = POSITION_MIDDLE / (count - 2)
    return [POSITION_ENDS] + [middle] * (count - 2) + [POSITION_ENDS]


def split_baht(amount: Decimal, shares: Sequence[float]) -> list[Decimal]:
    """``amount`` split by ``shares`` to the satang, the parts adding up exactly to the
    amount (rounded to the satang): each part is rounded down and the satang left over go to
    the parts that lost most in rounding (the largest remainder method)."""
    whole = amount.quantize(SATANG)
    if not shares:
        return []
    weights = [Decimal(share) for share in shares]
    total = sum(weights, Decimal(0))
    exact = [whole * weight / total for weight in weights]
    parts = [value.quantize(SATANG, rounding=ROUND_FLOOR) for value in exact]
    left = int((whole - sum(parts, Decimal(0))) / SATANG)
    by_remainder = sorted(range(len(parts)), key=lambda i: (parts[i] - exact[i], i))
    for index in by_remainder[:left]:
        parts[index] += SATANG
    return parts
