"""A campaign and its brief, the creators in it with their outreach stage and terms, the moves
between stages, submitted content and the brand's decisions on it.

The brief is read from plain values (a form, the command line, JSON) by ``read_brief``, which
says which field is wrong; nothing is saved until the whole brief reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from kolscope.domain.audience import AGE_BANDS, GENDERS
from kolscope.domain.messages import Message
from kolscope.domain.places import PROVINCES_BY_CODE
from kolscope.planning import messages as say
from kolscope.planning.choices import Deliverable, Objective, Rules
from kolscope.planning.pipeline import Stage

MAX_NAME = 200
MAX_TEXT = 4_000
MAX_BUDGET = 10_000_000_000  # THB: ten billion is a typo, not a campaign
DEFAULT_CONVERSION_RATE = 0.015  # of clicks; see docs/planning.md
CONTACT_CHANNELS = ("line", "email", "phone", "dm")
DEFAULT_DELIVERABLES = (Deliverable.POST, Deliverable.SHORT_VIDEO)


class Status(StrEnum):
    DRAFT = "draft"
    PLANNING = "planning"
    RUNNING = "running"
    FINISHED = "finished"


class CampaignError(ValueError):
    """A campaign cannot be made or changed as asked; ``field`` names the form field at fault."""

    def __init__(self, message: Message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True, slots=True)
class AudienceWanted:
    """The audience the brief targets; empty means any."""

    genders: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "genders": list(self.genders),
            "age_bands": list(self.age_bands),
            "countries": list(self.countries),
            "provinces": list(self.provinces),
        }


@dataclass(frozen=True, slots=True)
class Brief:
    objective: Objective
    budget_thb: float
    starts_on: date | None = None
    ends_on: date | None = None
    audience: AudienceWanted = field(default_factory=AudienceWanted)
    niches: tuple[str, ...] = ()
    tone: str | None = None
    deliverables: tuple[Deliverable, ...] = DEFAULT_DELIVERABLES
    must_have: tuple[str, ...] = ()  # references platform:handle
    excluded: tuple[str, ...] = ()
    avoid_competitors: tuple[str, ...] = ()  # competitors whose recent creators to leave out
    conversion_rate: float = DEFAULT_CONVERSION_RATE
    rules: Rules = field(default_factory=Rules)

    def to_dict(self) -> dict[str, Any]:
        """What the ``brief`` column keeps (objective, budget and dates have their own)."""
        return {
            "audience": self.audience.to_dict(),
            "niches": list(self.niches),
            "tone": self.tone,
            "deliverables": [d.value for d in self.deliverables],
            "must_have": list(self.must_have),
            "excluded": list(self.excluded),
            "avoid_competitors": list(self.avoid_competitors),
            "conversion_rate": self.conversion_rate,
            "rules": self.rules.to_dict(),
        }

    def with_rules(self) -> Rules:
        """The rules with the brief's must-haves and exclusions folded in."""
        return replace(
            self.rules,
            must_have=self.rules.must_have | frozenset(self.must_have),
            excluded=self.rules.excluded | frozenset(self.excluded),
        )


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int
    organisation_id: int | None
    brand_id: int
    brand_name: str
    name: str
    brief: Brief
    status: Status
    source: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def objective(self) -> Objective:
        return self.brief.objective

    @property
    def budget_thb(self) -> float:
        return self.brief.budget_thb


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deliverable agreed with a creator, and when it is due."""

    kind: Deliverable
    due_on: date | None = None
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "count": self.count,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DueItem:
        due = data.get("due_on")
        return cls(
            Deliverable(data["kind"]),
            date.fromisoformat(due) if due else None,
            int(data.get("count") or 1),
        )


@dataclass(frozen=True, slots=True)
class Decision:
    decision: Stage  # APPROVED or CHANGES
    comment: str | None
    by_name: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Submission:
    id: int
    url: str
    caption: str | None
    submitted_at: datetime
    status: str  # pending | approved | changes_requested
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True, slots=True)
class Move:
    from_stage: Stage | None
    to_stage: Stage
    by_name: str | None
    at: datetime
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CampaignCreator:
    """A creator in a campaign: where they are in the outreach, and what was agreed."""

    id: int
    campaign_id: int
    account_id: int
    platform: str
    handle: str
    display_name: str | None
    followers: int | None
    stage: Stage
    quote_thb: float | None = None
    fee_thb: float | None = None
    deliverables: tuple[DueItem, ...] = ()
    contact_channel: str | None = None
    contact_handle: str | None = None
    notes: str | None = None
    content_links: tuple[str, ...] = ()
    added_at: datetime | None = None
    updated_at: datetime | None = None
    submissions: tuple[Submission, ...] = ()
    moves: tuple[Move, ...] = ()

    @property
    def reference(self) -> str:
        return f"{self.platform}:{self.handle}"

    def overdue(self, today: date) -> tuple[DueItem, ...]:
        """Deliverables past their date and not yet published."""
        if self.stage in (Stage.PUBLISHED, Stage.PAID, Stage.DECLINED, Stage.DROPPED):
            return ()
        return tuple(d for d in self.deliverables if d.due_on is not None and d.due_on < today)

    def due_between(self, start: date, end: date) -> tuple[DueItem, ...]:
        if self.stage in (Stage.PUBLISHED, Stage.PAID, Stage.DECLINED, Stage.DROPPED):
            return ()
        return tuple(
            d for d in self.deliverables if d.due_on is not None and start <= d.due_on <= end
        )


# Reading a brief ------------------------------------------------------------------------------


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    items = [str(v).strip() for v in value]
    return tuple(dict.fromkeys(i for i in items if i))


def _number(value: Any, field_name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        text = str(value).replace(",", "").replace("฿", "").strip()
        return float(text)
    except ValueError:
        raise CampaignError(say.NOT_A_NUMBER(value=str(value)), field_name) from None


def _day(value: Any, field_name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CampaignError(say.NOT_A_DATE(value=text), field_name) from None


def read_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise CampaignError(say.NAME_EMPTY(), "name")
    if len(cleaned) > MAX_NAME:
        raise CampaignError(say.NAME_LONG(most=MAX_NAME), "name")
    return cleaned


def read_objective(value: Any) -> Objective:
    try:
        return Objective(str(value).strip().lower())
    except ValueError:
        raise CampaignError(say.BAD_OBJECTIVE(value=str(value)), "objective") from None


def read_budget(value: Any) -> float:
    budget = _number(value, "budget")
    if budget is None:
        raise CampaignError(say.BUDGET_MISSING(), "budget")
    if budget <= 0 or budget > MAX_BUDGET:
        raise CampaignError(say.BUDGET_RANGE(most=MAX_BUDGET), "budget")
    return budget


def _audience(data: Mapping[str, Any]) -> AudienceWanted:
    genders = _list(data.get("genders"))
    ages = _list(data.get("age_bands"))
    countries = tuple(c.upper() for c in _list(data.get("countries")))
    provinces = tuple(p.upper() for p in _list(data.get("provinces")))
    for value in genders:
        if value not in GENDERS:
            raise CampaignError(say.BAD_CHOICE(value=value), "genders")
    for value in ages:
        if value not in AGE_BANDS:
            raise CampaignError(say.BAD_CHOICE(value=value), "age_bands")
    for value in countries:
        if len(value) != 2 or not value.isalpha():
            raise CampaignError(say.BAD_CHOICE(value=value), "countries")
    for value in provinces:
        if value not in PROVINCES_BY_CODE:
            raise CampaignError(say.BAD_CHOICE(value=value), "provinces")
    return AudienceWanted(genders, ages, countries, provinces)


def _deliverables(value: Any) -> tuple[Deliverable, ...]:
    items = _list(value)
    if not items:
        return DEFAULT_DELIVERABLES
    found: list[Deliverable] = []
    for item in items:
        try:
            found.append(Deliverable(item.lower().replace(" ", "_").replace("-", "_")))
        except ValueError:
            raise CampaignError(say.BAD_CHOICE(value=item), "deliverables") from None
    return tuple(dict.fromkeys(found))


def _share(value: Any, field_name: str) -> float | None:
    number = _number(value, field_name)
    if number is None:
        return None
    share = number / 100 if number > 1 else number
    if not 0 <= share <= 1:
        raise CampaignError(say.SHARE_RANGE(), field_name)
    return share


def read_rules(data: Mapping[str, Any]) -> Rules:
    """Pyramid rules from a form or JSON; shares may be given as 0-1 or as per cent."""
    opener = _number(data.get("open_with_big"), "open_with_big")
    most = _number(data.get("max_creators"), "max_creators")
    if most is not None and most < 1:
        raise CampaignError(say.AT_LEAST_ONE(), "max_creators")
    quality = _number(data.get("min_quality"), "min_quality")
    if quality is not None and not 0 <= quality <= 100:
        raise CampaignError(say.SCORE_RANGE(), "min_quality")
    fit = _share(data.get("min_brand_fit"), "min_brand_fit")
    shares: dict[str, tuple[float, float]] = {}
    for platform, pair in (data.get("platform_shares") or {}).items():
        low = _share(pair[0], "platform_shares") or 0.0
        high = _share(pair[1], "platform_shares")
        shares[str(platform)] = (low, 1.0 if high is None else high)
        if low > shares[str(platform)][1]:
            raise CampaignError(say.SHARES_ORDER(), "platform_shares")
    return Rules(
        open_with_big=int(opener) if opener is not None else 1,
        small_share=_share(data.get("small_share"), "small_share") or 0.0,
        max_creators=int(most) if most is not None else None,
        min_quality=quality,
        min_brand_fit=fit,
        min_niche_match=_share(data.get("min_niche_match"), "min_niche_match"),
        max_overlap=_share(data.get("max_overlap"), "max_overlap"),
        platform_shares=shares,
        one_deliverable_each=bool(data.get("one_deliverable_each", False)),
    )


def read_brief(data: Mapping[str, Any], niche_ids: Sequence[str] = ()) -> Brief:
    """A brief from plain values (form fields, CLI options, JSON). Raises CampaignError naming
    the field at fault; ``niche_ids`` are the taxonomy's ids, to check niches against."""
    starts, ends = _day(data.get("starts_on"), "starts_on"), _day(data.get("ends_on"), "ends_on")
    if starts and ends and ends < starts:
        raise CampaignError(say.DATES_ORDER(starts=starts.isoformat(), ends=ends.isoformat()),
                            "ends_on")  # fmt: skip
    niches = _list(data.get("niches"))
    for niche in niches:
        if niche_ids and niche not in niche_ids:
            raise CampaignError(say.BAD_CHOICE(value=niche), "niches")
    rate = _share(data.get("conversion_rate"), "conversion_rate")
    tone = str(data.get("tone") or "").strip()[:MAX_TEXT] or None
    return Brief(
        objective=read_objective(data.get("objective", "awareness")),
        budget_thb=read_budget(data.get("budget_thb", data.get("budget"))),
        starts_on=starts,
        ends_on=ends,
        audience=_audience(data.get("audience") or data),
        niches=niches,
        tone=tone,
        deliverables=_deliverables(data.get("deliverables")),
        must_have=tuple(r.lower() for r in _list(data.get("must_have"))),
        excluded=tuple(r.lower() for r in _list(data.get("excluded"))),
        avoid_competitors=_list(data.get("avoid_competitors")),
        conversion_rate=rate if rate is not None else DEFAULT_CONVERSION_RATE,
        rules=read_rules(data.get("rules") or {}),
    )


def brief_from_row(
    objective: str, budget: float, starts: date | None, ends: date | None, stored: Mapping[str, Any]
) -> Brief:
    """A stored brief (no checks: it was checked when saved)."""
    audience = stored.get("audience") or {}
    return Brief(
        objective=Objective(objective),
        budget_thb=float(budget),
        starts_on=starts,
        ends_on=ends,
        audience=AudienceWanted(
            *(
                tuple(audience.get(k) or ())
                for k in ("genders", "age_bands", "countries", "provinces")
            )
        ),
        niches=tuple(stored.get("niches") or ()),
        tone=stored.get("tone"),
        deliverables=tuple(Deliverable(d) for d in stored.get("deliverables") or ()),
        must_have=tuple(stored.get("must_have") or ()),
        excluded=tuple(stored.get("excluded") or ()),
        avoid_competitors=tuple(stored.get("avoid_competitors") or ()),
        conversion_rate=float(stored.get("conversion_rate", DEFAULT_CONVERSION_RATE)),
        rules=Rules.from_dict(stored.get("rules") or {}),
    )
