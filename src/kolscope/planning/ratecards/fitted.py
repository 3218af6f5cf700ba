"""The rate card refined by the fees a workspace actually agreed: a fitted model with its
uncertainty.

The model reads each agreed fee against the card's figure for the same platform, deliverable
and follower count (``card_log``: log baht)::

    log(fee) = card_log + b0 + b1 x (log(followers) - log(100,000)) + platform + deliverable

so the card is the starting point and the model learns how far this workspace's fees sit from
it: overall (b0), how much faster or slower fees grow with followers (b1), and an offset per
platform and per deliverable. The coefficients are ridge-shrunk towards zero, that is towards
the card: each weighs like ``RIDGE`` agreed fees, and since any one fee moves three of them
(b0, its platform, its deliverable) the card counts about as much as ten agreed fees. Three
agreed fees therefore move the card about a quarter of the way towards them; fifty, most of
the way.

The same ridge is a prior in a normal-inverse-gamma model, which gives the uncertainty: the
residual spread is pooled from the card's own ranges (read as 80 % intervals, worth
``PRIOR_FEES`` fees) and the agreed fees' residuals; the prediction interval (``LEVEL``, 80 %)
is Student's t around the prediction with the residual spread and the coefficients'
uncertainty added. A platform or deliverable without agreed fees keeps its prior uncertainty.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kolscope.domain.platforms import Platform
from kolscope.planning.choices import Deliverable

RIDGE = 30.0  # each coefficient's prior, in agreed fees
PRIOR_FEES = 4.0  # the card's spread counts like this many residuals
LEVEL = 0.8
CENTRE_FOLLOWERS = 100_000
_PLATFORMS = tuple(p.value for p in Platform if p is not Platform.OTHER)
_DELIVERABLES = tuple(d.value for d in Deliverable)
COLUMNS: tuple[str, ...] = (
    "overall", "followers",
    *(f"platform:{p}" for p in _PLATFORMS),
    *(f"deliverable:{d}" for d in _DELIVERABLES),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class AgreedFee:
    """One fee agreed with a creator for one deliverable."""

    platform: str
    deliverable: str
    followers: int
    fee_thb: float


def _row(platform: str, deliverable: str, followers: int) -> NDArray[np.float64]:
    x = np.zeros(len(COLUMNS))
    x[0] = 1.0
    x[1] = math.log(max(followers, 1)) - math.log(CENTRE_FOLLOWERS)
    if platform in _PLATFORMS:
        x[2 + _PLATFORMS.index(platform)] = 1.0
    if deliverable in _DELIVERABLES:
        x[2 + len(_PLATFORMS) + _DELIVERABLES.index(deliverable)] = 1.0
    return x


@dataclass(frozen=True, slots=True)
class FittedModel:
    """The fitted correction to the card: its coefficients (log baht), their covariance up to
    the residual variance, the residual spread and the degrees of freedom of its t."""

    count: int  # agreed fees fitted
    spread: float  # residual standard deviation, log baht
    shift: float  # mean log(fitted / card) over the agreed fees
    df: float
    quantile: float  # Student's t at 0.5 + LEVEL / 2 with ``df`` degrees of freedom
    coefficients: tuple[float, ...]
    covariance: tuple[tuple[float, ...], ...] = field(repr=False)

    @property
    def typical_miss(self) -> float:
        """The residual spread as a share of the fee (exp(spread) - 1): 0.3 is ±30 %."""
        return math.expm1(self.spread)

    @property
    def shift_share(self) -> float:
        """How far the fitted fees sit from the card overall, as a share (+0.2: 20 % above)."""
        return math.expm1(self.shift)

    def correction(self, platform: str, deliverable: str, followers: int) -> tuple[float, float]:
        """The model's change to the card's log fee here, and its prediction standard error."""
        x = _row(platform, deliverable, followers)
        beta = np.asarray(self.coefficients)
        cov = np.asarray(self.covariance)
        mean = float(x @ beta)
        return mean, self.spread * math.sqrt(1.0 + float(x @ cov @ x))

    def predict(
        self, platform: str, deliverable: str, followers: int, card_log: float
    ) -> tuple[float, float, float]:
        """The fee (baht) and its ``LEVEL`` prediction interval, given the card's log fee."""
        mean, error = self.correction(platform, deliverable, followers)
        half = self.quantile * error
        centre = card_log + mean
        return math.exp(centre), math.exp(centre - half), math.exp(centre + half)

    def factors(self) -> dict[str, float]:
        """Each coefficient as a factor on the card (exp), by column name."""
        return {name: math.exp(b) for name, b in zip(COLUMNS, self.coefficients, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "residual_spread_log": round(self.spread, 4),
            "typical_miss": round(self.typical_miss, 4),
            "shift_from_card": round(self.shift_share, 4),
            "degrees_of_freedom": round(self.df, 1),
            "interval": LEVEL,
            "factors": {k: round(v, 4) for k, v in self.factors().items()},
        }


def fit(
    fees: Sequence[AgreedFee],
    card_log: Callable[[AgreedFee], float],
    card_spread: float,
    *,
    ridge: float = RIDGE,
) -> FittedModel:
    """The model fitted on ``fees`` (see the module docstring). ``card_log`` is the card's log
    fee for a fee's platform, deliverable and followers; ``card_spread`` the card's own spread
    (log baht), the residual spread assumed before any fee is seen."""
    from scipy.stats import t as student

    count = len(fees)
    size = len(COLUMNS)
    x = np.vstack([_row(f.platform, f.deliverable, f.followers) for f in fees] or [np.zeros(size)])
    x = x[:count]
    residual = np.array([math.log(f.fee_thb) - card_log(f) for f in fees])
    precision = x.T @ x + ridge * np.eye(size)
    covariance = np.linalg.inv(precision)
    beta = covariance @ (x.T @ residual)
    left = residual - x @ beta
    df = PRIOR_FEES + count
    variance = (PRIOR_FEES * card_spread**2 + float(left @ left) + ridge * float(beta @ beta)) / df
    return FittedModel(
        count=count,
        spread=math.sqrt(variance),
        shift=float(np.mean(x @ beta)) if count else 0.0,
        df=df,
        quantile=float(student.ppf(0.5 + LEVEL / 2, df)),
        coefficients=tuple(float(b) for b in beta),
        covariance=tuple(tuple(float(v) for v in row) for row in covariance),
    )
