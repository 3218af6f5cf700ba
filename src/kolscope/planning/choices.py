"""What a campaign plan is made of: objectives, deliverables, forecasts with intervals, the
candidates and their priced options, the pyramid rules, and the plan the optimiser returns.

Plain values shared by the planning parts (rate cards, forecasts, audience overlap, the
optimiser, the campaign service). Nothing here reads a database or solves anything.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from kolscope.domain.messages import Message


class Objective(StrEnum):
    """What a brief asks for; each maximises one forecast KPI."""

    AWARENESS = "awareness"  # deduplicated reach
    ENGAGEMENT = "engagement"  # engagements
    CONVERSION = "conversion"  # conversions

    @property
    def kpi(self) -> str:
        return {"awareness": "reach", "engagement": "engagements", "conversion": "conversions"}[
            self.value
        ]


class Deliverable(StrEnum):
    """What a creator is paid to publish."""

    POST = "post"  # a feed post (image, carousel, text)
    SHORT_VIDEO = "short_video"  # a reel, TikTok or YouTube Short
    STORY = "story"
    LONG_VIDEO = "long_video"  # a dedicated or integrated YouTube-length video
    LIVE = "live"


# The forecast KPIs, in the order reports show them.
KPIS: tuple[str, ...] = ("reach", "views", "engagements", "clicks", "conversions")
# Tiers of the standard scheme, smallest first; the pyramid's groups.
TIERS: tuple[str, ...] = ("nano", "micro", "mid", "macro", "mega")
BIG_TIERS = frozenset({"macro", "mega"})
SMALL_TIERS = frozenset({"nano", "micro"})


@dataclass(frozen=True, slots=True)
class Estimate:
    """A forecast value with its 80 % interval (``low`` <= ``value`` <= ``high``)."""

    value: float
    low: float
    high: float

    def __add__(self, other: Estimate) -> Estimate:
        # Sums of intervals are added end to end: a conservative (wider) interval for a total.
        return Estimate(self.value + other.value, self.low + other.low, self.high + other.high)

    def scaled(self, factor: float) -> Estimate:
        return Estimate(self.value * factor, self.low * factor, self.high * factor)

    def to_dict(self) -> dict[str, float]:
        return {"value": self.value, "low": self.low, "high": self.high}


ZERO = Estimate(0.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A creator account the optimiser may choose."""

    account_id: int
    reference: str  # "platform:handle", as the CLI and exports name accounts
    platform: str
    tier: str  # a tier of the standard scheme (TIERS)
    followers: int
    quality: float | None = None  # the audit's overall score, 0-100
    brand_fit: float | None = None  # 0-1
    niche_match: float | None = None  # 0-1
    must_have: bool = False


@dataclass(frozen=True, slots=True)
class Fee:
    """What one deliverable of one creator costs, and where the figure comes from."""

    value_thb: float
    low_thb: float
    high_thb: float
    basis: Message  # "the creator's quote", "rate card: micro Instagram post", "fitted on 12 fees"
    source: str = "card"  # "quote" | "agreed" | "fitted" | "card" | "workspace"


@dataclass(frozen=True, slots=True)
class Option:
    """One creator publishing one deliverable, at a fee, with its forecast per KPI."""

    candidate: Candidate
    deliverable: Deliverable
    fee: Fee
    forecast: Mapping[str, Estimate]  # KPI (KPIS) -> estimate for this one deliverable

    @property
    def fee_thb(self) -> float:
        return self.fee.value_thb

    def value(self, kpi: str) -> float:
        found = self.forecast.get(kpi)
        return found.value if found else 0.0


@dataclass(frozen=True, slots=True)
class Rules:
    """The pyramid rules a person edits; each is shown in words (``planning.messages``)."""

    open_with_big: int = 1  # at least this many macro or mega creators (0: no rule)
    small_share: float = 0.0  # at least this share of the budget (0-1) to micro and nano
    max_creators: int | None = None
    min_quality: float | None = None  # 0-100
    min_brand_fit: float | None = None  # 0-1
    min_niche_match: float | None = None  # 0-1
    max_overlap: float | None = None  # no two chosen creators sharing more than this (0-1)
    # platform -> (least, most) share of the budget spent on it; absent platforms are free.
    platform_shares: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    must_have: frozenset[str] = frozenset()  # references
    excluded: frozenset[str] = frozenset()  # references
    one_deliverable_each: bool = False  # at most one deliverable per creator

    def to_dict(self) -> dict[str, Any]:
        return {
            "open_with_big": self.open_with_big,
            "small_share": self.small_share,
            "max_creators": self.max_creators,
            "min_quality": self.min_quality,
            "min_brand_fit": self.min_brand_fit,
            "min_niche_match": self.min_niche_match,
            "max_overlap": self.max_overlap,
            "platform_shares": {k: list(v) for k, v in self.platform_shares.items()},
            "must_have": sorted(self.must_have),
            "excluded": sorted(self.excluded),
            "one_deliverable_each": self.one_deliverable_each,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rules:
        shares = data.get("platform_shares") or {}
        return cls(
            open_with_big=int(data.get("open_with_big", 1)),
            small_share=float(data.get("small_share", 0.0)),
            max_creators=data.get("max_creators"),
            min_quality=data.get("min_quality"),
            min_brand_fit=data.get("min_brand_fit"),
            min_niche_match=data.get("min_niche_match"),
            max_overlap=data.get("max_overlap"),
            platform_shares={k: (float(v[0]), float(v[1])) for k, v in shares.items()},
            must_have=frozenset(data.get("must_have") or ()),
            excluded=frozenset(data.get("excluded") or ()),
            one_deliverable_each=bool(data.get("one_deliverable_each", False)),
        )


@dataclass(frozen=True, slots=True)
class Pick:
    option: Option
    why: Message


@dataclass(frozen=True, slots=True)
class Exclusion:
    reference: str
    why: Message


@dataclass(frozen=True, slots=True)
class Reach:
    """Reach of a set of creators: deduplicated over the audience ids kolscope holds, beside
    the plain sum of followers. ``estimated`` is True when some or all of it comes from the
    documented fallback (no audience ids), not from measured overlap."""

    deduplicated: float
    followers_sum: int
    estimated: bool
    basis: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "deduplicated": round(self.deduplicated),
            "followers_sum": self.followers_sum,
            "estimated": self.estimated,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """The optimiser's answer: what to buy, what it left out and why, and how good it is."""

    picks: tuple[Pick, ...]
    excluded: tuple[Exclusion, ...]
    objective: Objective
    budget_thb: float
    objective_value: float  # the maximised KPI, as the optimiser scored it
    bound: float | None  # a proven upper bound on that KPI (MIP dual bound or LP bound)
    method: str  # "mip" | "celf"
    notes: tuple[Message, ...] = ()

    @property
    def total_cost_thb(self) -> float:
        return sum(p.option.fee_thb for p in self.picks)

    @property
    def optimality_gap(self) -> float | None:
        """(bound - value) / bound: 0 means proven optimal; None when no bound is known."""
        if self.bound is None:
            return None
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.objective_value) / self.bound)


class PlanError(ValueError):
    """No plan can satisfy the brief; ``reasons`` name the rules or inputs that conflict."""

    def __init__(self, reasons: tuple[Message, ...]) -> None:
        super().__init__("; ".join(str(r) for r in reasons))
        self.reasons = reasons


class Audience(Protocol):
    """Audience overlap of accounts (``planning.overlap`` implements it)."""

    def overlap(self, a: int, b: int) -> float | None:
        """Share of the smaller audience (of held ids) also in the other's, 0-1; None when
        either account has no audience ids."""
        ...

    def reach(self, reaches: Mapping[int, float], followers: Mapping[int, int]) -> Reach:
        """Deduplicated reach of these accounts, given each one's own (forecast) reach."""
        ...

    def known(self, account_ids: Collection[int]) -> frozenset[int]:
        """The accounts among these that have audience ids."""
        ...
