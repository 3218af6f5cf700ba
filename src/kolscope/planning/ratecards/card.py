"""The rate card: what one deliverable costs, by platform, tier and deliverable, in Thai baht.

**The default card** comes from discovery's price estimate (``kolscope.discovery.scoring.price``:
its ``RATE_CARD`` anchors are our reading of the ranges Thai agencies, creator marketplaces and
trade press published for 2022-2025, and its ``PLATFORM_FACTORS`` price each platform's main
format against an Instagram feed post). Each tier is priced at a representative follower count,
the geometric middle of its band in the standard scheme (``REPRESENTATIVE_FOLLOWERS``: the mega
band, open at the top, is taken as 1M-10M), times a factor per deliverable relative to what
discovery prices on that platform (``DELIVERABLES``). A deliverable a platform does not sell (a
story on X, a long video on Lemon8) is absent from the card.

**A workspace's card** is the default with the cells the workspace edited laid over it
(``RateCard.overlay``).

**A creator's fee** (``Pricing.fee_for``) is, in order: the creator's own quote; else the model
fitted on the fees the workspace agreed (``fitted.py``) when there are enough of them, which is
the card moved towards those fees; else the workspace's cell; else the default cell. Within a
tier the value follows the creator's followers: log(fee) is interpolated linearly in
log(followers) between the tiers' representative counts (and extended past the smallest and
largest with the nearest segment's slope), so a 10k and a 99k creator do not cost the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING, TypeVar

from kolscope.domain.messages import Message, Template
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.tiers import STANDARD
from kolscope.planning import messages_ratecards as say
from kolscope.planning.choices import TIERS, Candidate, Deliverable, Fee

if TYPE_CHECKING:  # numpy is loaded only when a model is fitted
    from kolscope.planning.ratecards.fitted import FittedModel

D = Deliverable
_T = TypeVar("_T")
# tier -> followers the tier is priced at: the geometric middle of its standard band.
REPRESENTATIVE_FOLLOWERS: Mapping[str, int] = {
    "nano": 3_162,  # 1k-10k
    "micro": 31_623,  # 10k-100k
    "mid": 223_607,  # 100k-500k
    "macro": 707_107,  # 500k-1M
    "mega": 3_162_278,  # 1M and up, taken as 1M-10M
}
# platform -> deliverable -> price relative to what discovery's estimate prices on that platform
# (an Instagram feed post or reel, a TikTok short video, a dedicated YouTube video, a Facebook
# page post, an X post, a Lemon8 post, a LINE post, a Pantip review thread). Our reading of
# Thai agency rate sheets and creators' published rate cards, 2023-2025; the workspace edits
# them when its market differs:
# - story x0.4: up for 24 hours, one frame or a few, little production (sheets ask 30-50 % of
#   a feed post);
# - short video x1.2 next to a photo post: filming and editing (sheets ask 10-30 % more; on
#   TikTok the short video is what discovery prices, so x1.0);
# - live x1.5: an hour or more of the creator's time, booked and shown in real time (sheets
#   ask 1.5-2x a post);
# - long video x1.5 on Facebook (a produced video against a page post); on YouTube the long
#   video is what discovery prices (x1.0) and a Short is x0.45 of it (about 0.8 of an
#   Instagram post, priced like a reel);
# - TikTok photo posts x0.8 of a video.
DELIVERABLES: Mapping[str, Mapping[Deliverable, float]] = {
    "instagram": {D.POST: 1.0, D.SHORT_VIDEO: 1.2, D.STORY: 0.4, D.LIVE: 1.5},
    "tiktok": {D.SHORT_VIDEO: 1.0, D.POST: 0.8, D.LIVE: 1.5},
    "youtube": {D.LONG_VIDEO: 1.0, D.SHORT_VIDEO: 0.45, D.LIVE: 1.0},
    "facebook": {
        D.POST: 1.0, D.SHORT_VIDEO: 1.2, D.STORY: 0.4, D.LONG_VIDEO: 1.5, D.LIVE: 1.5,
    },
    "x": {D.POST: 1.0},
    "lemon8": {D.POST: 1.0, D.SHORT_VIDEO: 1.2},
    "line": {D.POST: 1.0},
    "pantip": {D.POST: 1.0},
}  # fmt: skip
PLATFORMS: tuple[str, ...] = tuple(DELIVERABLES)
DELIVERABLE_NAMES: Mapping[Deliverable, Template] = {
    D.POST: say.DELIVERABLE_POST,
    D.SHORT_VIDEO: say.DELIVERABLE_SHORT_VIDEO,
    D.STORY: say.DELIVERABLE_STORY,
    D.LONG_VIDEO: say.DELIVERABLE_LONG_VIDEO,
    D.LIVE: say.DELIVERABLE_LIVE,
}
_DELIVERABLE_WORDS = {"reel": D.SHORT_VIDEO, "short": D.SHORT_VIDEO, "feed_post": D.POST}
# Slopes (d log fee / d log followers) allowed when extending the card past its end tiers.
_SLOPE_LIMITS = (0.0, 1.5)
# A fitted model replaces the card's figure from this many agreed fees on.
LEAST_AGREED = 5

# What discovery's estimate answers: (low, high) baht for one post at this many followers on
# this platform, or None when it has no estimate.
PriceEstimate = Callable[[str, int], "tuple[float, float] | None"]


class RateCardError(ValueError):
    """A cell, a rate card file or a fee request kolscope cannot use. ``said`` is the first
    problem, ``problems`` all of them (a file's errors, each naming file, row and field)."""

    def __init__(self, said: Message, problems: tuple[Message, ...] = ()) -> None:
        self.said = said
        self.problems = problems or (said,)
        super().__init__("; ".join(str(p) for p in self.problems))


Key = tuple[str, str, Deliverable]  # platform, tier, deliverable


@dataclass(frozen=True, slots=True)
class CardCell:
    """One cell of a rate card: the fee range of one deliverable at one tier on one platform,
    and where it comes from ("default" or "workspace")."""

    platform: str
    tier: str
    deliverable: Deliverable
    low_thb: float
    high_thb: float
    source: str = "default"

    @property
    def key(self) -> Key:
        return (self.platform, self.tier, self.deliverable)

    @property
    def middle_thb(self) -> float:
        """The geometric middle of the range: the value a fee takes at the tier's count."""
        return math.sqrt(self.low_thb * self.high_thb)

    def to_dict(self) -> dict[str, object]:
        return {
            "platform": self.platform,
            "tier": self.tier,
            "deliverable": self.deliverable.value,
            "low_thb": self.low_thb,
            "high_thb": self.high_thb,
            "followers": REPRESENTATIVE_FOLLOWERS[self.tier],
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class RateCard:
    """Every cell of a card, platform by platform, tier by tier."""

    cells: Mapping[Key, CardCell]

    def cell(self, platform: str, tier: str, deliverable: Deliverable) -> CardCell:
        return self.cells[(platform, tier, deliverable)]

    def rows(self, platform: str | None = None) -> list[CardCell]:
        """The cells in the card's order (platform, tier smallest first, deliverable)."""
        order = {key: index for index, key in enumerate(_all_keys())}
        chosen = [c for c in self.cells.values() if platform is None or c.platform == platform]
        return sorted(chosen, key=lambda c: order[c.key])

    def overlay(self, edits: Iterable[CardCell]) -> RateCard:
        """This card with ``edits`` laid over it (each marked "workspace")."""
        cells = dict(self.cells)
        for edit in edits:
            if edit.key in cells:
                cells[edit.key] = replace(edit, source="workspace")
        return RateCard(cells)

    def spread(self) -> float:
        """The card's typical spread in log baht: each range read as an 80 % interval, so
        ln(high / low) / (2 x 1.2816), averaged over the cells (the fitted model's prior)."""
        spreads = [math.log(c.high_thb / c.low_thb) / 2.5631 for c in self.cells.values()]
        return sum(spreads) / len(spreads) if spreads else 0.5


def _all_keys() -> list[Key]:
    return [
        (p, t, d) for p in PLATFORMS for t in TIERS for d in Deliverable if d in DELIVERABLES[p]
    ]


def _two_figures(baht: float) -> float:
    """Two significant figures (12,345 -> 12,000), as discovery's estimate rounds."""
    if baht < 100:
        return 100.0
    step = 10.0 ** (int(math.log10(baht)) - 1)
    return float(round(baht / step) * step)


def default_card(estimate: PriceEstimate) -> RateCard:
    """The card from discovery's estimate at each tier's representative follower count, times
    the deliverable factors (see the module docstring)."""
    cells: dict[Key, CardCell] = {}
    for platform, tier, deliverable in _all_keys():
        found = estimate(platform, REPRESENTATIVE_FOLLOWERS[tier])
        if found is None:
            continue
        factor = DELIVERABLES[platform][deliverable]
        low, high = _two_figures(found[0] * factor), _two_figures(found[1] * factor)
        cells[(platform, tier, deliverable)] = CardCell(
            platform, tier, deliverable, low, max(low, high)
        )
    return RateCard(cells)


# Reading what people type ------------------------------------------------------------------------
def read_platform(value: str) -> str:
    found = parse_platform(str(value))
    if found is None or found is Platform.OTHER or found.value not in DELIVERABLES:
        raise RateCardError(say.UNKNOWN_PLATFORM(value=str(value), known=list(PLATFORMS)))
    return found.value


def read_tier(value: str) -> str:
    key = str(value).strip().lower()
    if key not in TIERS:
        raise RateCardError(say.UNKNOWN_TIER(value=str(value), known=list(TIERS)))
    return key


def read_deliverable(value: str, platform: str | None = None) -> Deliverable:
    key = "_".join(str(value).strip().lower().replace("-", " ").split())
    found = _DELIVERABLE_WORDS.get(key)
    if found is None:
        try:
            found = Deliverable(key)
        except ValueError:
            known = [d.value for d in Deliverable]
            raise RateCardError(say.UNKNOWN_DELIVERABLE(value=str(value), known=known)) from None
    if platform is not None and found not in DELIVERABLES[platform]:
        known = [d.value for d in DELIVERABLES[platform]]
        name = DELIVERABLE_NAMES[found]()
        raise RateCardError(say.NOT_ON_PLATFORM(platform=platform, deliverable=name, known=known))
    return found


def read_baht(value: object) -> float:
    """A positive amount of baht from a number or text ("12,000", "฿12000", "12000 THB")."""
    if isinstance(value, bool):
        raise RateCardError(say.NOT_A_NUMBER(value=str(value)))
    if isinstance(value, int | float):
        amount = float(value)
    else:
        text = str(value).strip().replace(",", "").replace("฿", "").removesuffix("THB").strip()
        try:
            amount = float(text)
        except ValueError:
            raise RateCardError(say.NOT_A_NUMBER(value=str(value))) from None
    if not math.isfinite(amount) or amount <= 0:
        raise RateCardError(say.NOT_POSITIVE(value=str(value)))
    return amount


class CellError(RateCardError):
    """A cell with something wrong in one or more fields; ``fields`` pairs each field with
    what is wrong in it (a file's import names its row too)."""

    def __init__(self, fields: tuple[tuple[str, Message], ...]) -> None:
        self.fields = fields
        said = tuple(say.CELL(field=name, why=why) for name, why in fields)
        super().__init__(said[0], said)


def read_cell(platform: str, tier: str, deliverable: str, low: object, high: object) -> CardCell:
    """A workspace's cell from what a person typed; CellError names each field at fault."""
    wrong: list[tuple[str, Message]] = []

    def attempt(field: str, read: Callable[[], _T]) -> _T | None:
        try:
            return read()
        except RateCardError as error:
            wrong.append((field, error.said))
            return None

    where = attempt("platform", lambda: read_platform(platform))
    level = attempt("tier", lambda: read_tier(tier))
    kind = attempt("deliverable", lambda: read_deliverable(deliverable, where))
    lo = attempt("low_thb", lambda: read_baht(low))
    hi = attempt("high_thb", lambda: read_baht(high))
    if lo is not None and hi is not None and lo > hi:
        wrong.append(("low_thb", say.LOW_ABOVE_HIGH(low=lo, high=hi)))
    if wrong or where is None or level is None or kind is None or lo is None or hi is None:
        raise CellError(tuple(wrong))
    return CardCell(where, level, kind, lo, hi, "workspace")


def tier_of(followers: int) -> str:
    """The standard tier of an account; below 1,000 followers it is priced as nano."""
    tier = STANDARD.tier_for(max(0, followers))
    return tier.name if tier is not None and tier.name in TIERS else TIERS[0]


# Pricing one creator -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pricing:
    """A workspace's card and its fitted model (None until enough agreed fees): what every fee
    of a plan is computed from."""

    card: RateCard
    fitted: FittedModel | None = None
    agreed: int = 0  # agreed fees the fit could use

    def deliverables(self, platform: str) -> tuple[Deliverable, ...]:
        return tuple(DELIVERABLES.get(platform, {}))

    def card_value(self, platform: str, deliverable: Deliverable, followers: int) -> float:
        """The card's value (baht) for this many followers: see the module docstring."""
        cells = [self.card.cell(platform, t, deliverable) for t in TIERS]
        points = [
            (math.log(REPRESENTATIVE_FOLLOWERS[c.tier]), math.log(c.middle_thb)) for c in cells
        ]
        x = math.log(max(followers, 1))
        if x <= points[0][0]:
            (x0, y0), (x1, y1) = points[0], points[1]
            slope = _limited((y1 - y0) / (x1 - x0))
            return math.exp(y0 + slope * (x - x0))
        for (x0, y0), (x1, y1) in pairwise(points):
            if x <= x1:
                return math.exp(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
        (x0, y0), (x1, y1) = points[-2], points[-1]
        return math.exp(y1 + _limited((y1 - y0) / (x1 - x0)) * (x - x1))

    def fee_for(
        self,
        platform: str,
        followers: int,
        deliverable: Deliverable | str,
        quote_thb: float | None = None,
    ) -> Fee:
        """What this deliverable of a creator costs, and why: the quote, else the fitted
        model, else the workspace's card, else the default card."""
        platform = read_platform(platform)
        wanted = read_deliverable(str(deliverable), platform)
        if quote_thb is not None:
            amount = read_baht(quote_thb)
            return Fee(amount, amount, amount, say.BASIS_QUOTE(thb=amount), "quote")
        tier = tier_of(followers)
        cell = self.card.cell(platform, tier, wanted)
        value = self.card_value(platform, wanted, followers)
        scale = value / cell.middle_thb
        template = say.BASIS_WORKSPACE if cell.source == "workspace" else say.BASIS_DEFAULT
        name = DELIVERABLE_NAMES[wanted]()
        card_basis = template(
            tier=tier, platform=platform, deliverable=name, followers=max(followers, 0)
        )
        if self.fitted is not None and self.fitted.count >= LEAST_AGREED:
            mean, low, high = self.fitted.predict(platform, wanted, followers, math.log(value))
            basis = say.BASIS_FITTED(
                count=self.fitted.count, card=card_basis, spread=self.fitted.typical_miss
            )
            return Fee(round(mean), round(low), round(high), basis, "fitted")
        if 0 < self.agreed < LEAST_AGREED:
            card_basis = say.BASIS_TOO_FEW(card=card_basis, count=self.agreed, least=LEAST_AGREED)
        return Fee(
            round(value), round(cell.low_thb * scale), round(cell.high_thb * scale),
            card_basis, cell.source if cell.source == "workspace" else "card",
        )  # fmt: skip

    def fee_for_candidate(
        self, candidate: Candidate, deliverable: Deliverable | str, quote_thb: float | None = None
    ) -> Fee:
        return self.fee_for(candidate.platform, candidate.followers, deliverable, quote_thb)


def _limited(slope: float) -> float:
    return min(_SLOPE_LIMITS[1], max(_SLOPE_LIMITS[0], slope))
