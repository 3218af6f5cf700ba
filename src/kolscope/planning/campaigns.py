"""A campaign and its brief, the creators in it with their outreach stage and terms, the moves
between stages, submitted content and the brand's decisions on it.

The brief is read from plain values (a form, the command line, JSON) by ``read_brief``, which
says which field is wrong; nothing is saved until the whole brief reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from kolscope.domain.messages import Message
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
