"""The outreach board: each creator of a campaign moves shortlisted → contacted → negotiating
→ agreed → content submitted → approved or changes requested → published → paid (declined and
dropped end it). Only moves that make sense are allowed (``pipeline``), every move is kept with
who made it and when, and the brand decides on submitted content. Also what is due this week
and what is overdue, across campaigns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from kolscope.domain.messages import Message
from kolscope.planning import messages as say
from kolscope.planning.campaigns import (
    CONTACT_CHANNELS,
    MAX_TEXT,
    Campaign,
    CampaignCreator,
    CampaignError,
    DueItem,
    Status,
)
from kolscope.planning.pipeline import BRAND_DECIDES, Stage, allowed_moves, parse_stage
from kolscope.planning.service import Actor, CampaignService, CampaignStore, check_manage, visible

MAX_FEE = 100_000_000


@dataclass(frozen=True, slots=True)
class Board:
    campaign: Campaign
    columns: tuple[tuple[Stage, tuple[CampaignCreator, ...]], ...]
    committed_thb: float  # agreed fees of creators at agreed or later
    overdue: frozenset[int]  # campaign creator ids with a deliverable past due
    today: date

    def totals(self) -> dict[Stage, tuple[int, float]]:
        """Per stage: how many creators, and the THB agreed (or quoted) for them."""
        return {
            stage: (len(cards), sum(c.fee_thb or c.quote_thb or 0.0 for c in cards))
            for stage, cards in self.columns
        }


@dataclass(frozen=True, slots=True)
class Reminder:
    campaign: str
    reference: str
    deliverable: str
    due_on: date
    overdue: bool

    def message(self) -> Message:
        template = say.OVERDUE if self.overdue else say.DUE
        return template(
            reference=self.reference,
            deliverable=say.DELIVERABLE_NAMES[self.deliverable](),
            day=self.due_on.isoformat(),
            campaign=self.campaign,
        )


def stage_name(stage: Stage) -> Message:
    return say.STAGE_NAMES[stage.value]()


def _listed(messages: Sequence[Message]) -> Message:
    if not messages:
        return say.NOTHING()
    result = messages[-1]
    for item in reversed(messages[:-1]):
        result = say.COMMA(first=item, rest=result)
    return result


def _text(value: str | None, field: str) -> str | None:
    cleaned = (value or "").strip()
    if len(cleaned) > MAX_TEXT:
        raise CampaignError(say.TEXT_LONG(most=MAX_TEXT), field)
    return cleaned or None


def _url(value: str) -> str:
    cleaned = value.strip()
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(cleaned) > 2000:
        raise CampaignError(say.BAD_URL(value=cleaned[:200]), "url")
    return cleaned


def _fee(value: float | None, field: str) -> float | None:
    if value is None:
        return None
    if not 0 < value <= MAX_FEE:
        raise CampaignError(say.FEE_RANGE(most=MAX_FEE), field)
    return float(value)


class Outreach:
    """The board of each campaign, over the same store as the campaigns."""

    def __init__(
        self, store: CampaignStore, campaigns: CampaignService, clock: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._campaigns = campaigns
        self._clock = clock

    # The board --------------------------------------------------------------------------------

    def creator(self, campaign: Campaign, reference: str) -> CampaignCreator:
        """A creator of the campaign by ``platform:handle`` (or the card's number)."""
        wanted = reference.strip().lower().replace(":@", ":")
        for card in self._store.creators(campaign.id):
            if card.reference.lower() == wanted or str(card.id) == wanted:
                return card
        raise CampaignError(say.NOT_IN_CAMPAIGN(reference=reference), "creator")

    def move(
        self,
        actor: Actor,
        campaign: Campaign,
        reference: str,
        target: str | Stage,
        note: str | None = None,
    ) -> CampaignCreator:
        """Move a creator along the board; only moves that make sense are allowed."""
        check_manage(actor)
        card = self.creator(campaign, reference)
        try:
            stage = target if isinstance(target, Stage) else parse_stage(target)
        except ValueError:
            raise CampaignError(say.BAD_STAGE(value=str(target)), "stage") from None
        self._check_move(card, stage)
        if stage == Stage.AGREED and card.fee_thb is None and card.quote_thb is None:
            raise CampaignError(say.FEE_NEEDED(reference=card.reference), "fee")
        values = {"fee_thb": card.quote_thb} if stage == Stage.AGREED and not card.fee_thb else None
        moved = self._store.move(
            card.id, card.stage, stage, actor.user_id, actor.name, self._clock(),
            _text(note, "note"), values,
        )  # fmt: skip
        if not moved:  # moved by someone else meanwhile: check against where it is now
            return self.move(actor, campaign, reference, stage, note)
        return self.creator(campaign, card.reference)

    def _check_move(self, card: CampaignCreator, stage: Stage) -> None:
        allowed = allowed_moves(card.stage)
        if stage in allowed:
            if stage in BRAND_DECIDES:
                raise CampaignError(say.BRAND_DECIDES(), "stage")
            if stage == Stage.SUBMITTED:
                raise CampaignError(say.NEEDS_SUBMISSION(reference=card.reference), "stage")
            return
        if not allowed:
            raise CampaignError(
                say.BAD_MOVE_END(reference=card.reference, current=stage_name(card.stage)), "stage"
            )
        choices = [stage_name(s) for s in allowed if s not in BRAND_DECIDES]
        raise CampaignError(
            say.BAD_MOVE(
                reference=card.reference,
                current=stage_name(card.stage),
                target=stage_name(stage),
                allowed=_listed(choices),
            ),
            "stage",
        )

    def set_terms(
        self,
        actor: Actor,
        campaign: Campaign,
        reference: str,
        *,
        fee_thb: float | None = None,
        quote_thb: float | None = None,
        deliverables: Sequence[DueItem] | None = None,
        contact_channel: str | None = None,
        contact_handle: str | None = None,
        notes: str | None = None,
        content_links: Sequence[str] | None = None,
    ) -> CampaignCreator:
        """Record what was agreed (only the values given change); all checked first."""
        check_manage(actor)
        card = self.creator(campaign, reference)
        values: dict[str, Any] = {}
        if fee_thb is not None:
            values["fee_thb"] = _fee(fee_thb, "fee")
        if quote_thb is not None:
            values["quote_thb"] = _fee(quote_thb, "quote")
        if deliverables is not None:
            values["deliverables"] = tuple(deliverables)
        if contact_channel is not None:
            channel = contact_channel.strip().lower() or None
            if channel is not None and channel not in CONTACT_CHANNELS:
                raise CampaignError(say.BAD_CHANNEL(value=contact_channel), "contact_channel")
            values["contact_channel"] = channel
        if contact_handle is not None:
            values["contact_handle"] = _text(contact_handle, "contact_handle")
        if notes is not None:
            values["notes"] = _text(notes, "notes")
        if content_links is not None:
            values["content_links"] = tuple(_url(u) for u in content_links if u.strip())
        if values:
            self._store.set_terms(card.id, values, self._clock())
        return self.creator(campaign, card.reference)

    def submit(
        self, actor: Actor, campaign: Campaign, reference: str, url: str, caption: str | None
    ) -> CampaignCreator:
        """Content the creator made, for the brand to approve (agreed or changes requested)."""
        check_manage(actor)
        card = self.creator(campaign, reference)
        if Stage.SUBMITTED not in allowed_moves(card.stage):
            self._check_move(card, Stage.APPROVED)  # says where it can go instead
        link, text = _url(url), _text(caption, "caption")
        if not self._store.submit(
            card.id, card.stage, link, text, actor.user_id, actor.name, self._clock()
        ):
            return self.submit(actor, campaign, reference, url, caption)
        return self.creator(campaign, card.reference)

    def decide(
        self,
        actor: Actor,
        campaign: Campaign,
        submission_id: int,
        approve: bool,
        comment: str | None = None,
    ) -> CampaignCreator:
        """The brand approves submitted content or asks for changes (saying what)."""
        if not actor.may_approve:
            raise CampaignError(say.MAY_NOT_APPROVE())
        text = _text(comment, "comment")
        if not approve and not text:
            raise CampaignError(say.COMMENT_NEEDED(), "comment")
        for card in self._store.creators(campaign.id):
            for submission in card.submissions:
                if submission.id != submission_id:
                    continue
                if submission.status != "pending" or card.stage != Stage.SUBMITTED:
                    raise CampaignError(say.ALREADY_DECIDED(), "submission")
                decision = Stage.APPROVED if approve else Stage.CHANGES
                if not self._store.decide(
                    card.id, submission_id, decision, text, actor.user_id, actor.name,
                    self._clock(),
                ):  # fmt: skip
                    raise CampaignError(say.ALREADY_DECIDED(), "submission")
                return self.creator(campaign, card.reference)
        raise CampaignError(say.NO_SUBMISSION(number=submission_id), "submission")

    def board(self, actor: Actor, campaign: Campaign, today: date | None = None) -> Board:
        visible(actor, campaign)
        day = today or self._clock().date()
        cards = self._store.creators(campaign.id)
        columns = tuple((stage, tuple(c for c in cards if c.stage == stage)) for stage in Stage)
        committed = sum(c.fee_thb or 0.0 for c in cards if c.stage.committed)
        overdue = frozenset(c.id for c in cards if c.overdue(day))
        return Board(campaign, columns, committed, overdue, day)

    def reminders(self, actor: Actor, today: date | None = None) -> list[Reminder]:
        """Deliverables due this week (today and the next 6 days) and overdue ones, across
        the campaigns the actor sees that are not finished; overdue first, then by date."""
        day = today or self._clock().date()
        week = day + timedelta(days=6)
        found: list[Reminder] = []
        for campaign in self._campaigns.campaigns(actor):
            if campaign.status == Status.FINISHED:
                continue
            for card in self._store.creators(campaign.id):
                for item in card.overdue(day):
                    assert item.due_on is not None
                    found.append(Reminder(campaign.name, card.reference, item.kind.value,
                                          item.due_on, True))  # fmt: skip
                for item in card.due_between(day, week):
                    assert item.due_on is not None
                    found.append(Reminder(campaign.name, card.reference, item.kind.value,
                                          item.due_on, False))  # fmt: skip
        return sorted(found, key=lambda r: (not r.overdue, r.due_on, r.campaign, r.reference))


BOARD_COLUMNS = (
    "campaign", "reference", "platform", "handle", "name", "followers", "stage", "fee_thb",
    "quote_thb", "deliverables", "next_due", "overdue", "contact_channel", "contact_handle",
    "notes", "content_links", "content_status", "updated_at",
)  # fmt: skip


def board_rows(board: Board) -> list[dict[str, Any]]:
    """The board as export rows (CSV, XLSX, --json), in board order."""
    rows = []
    for stage, cards in board.columns:
        for card in cards:
            due = sorted(d.due_on for d in card.deliverables if d.due_on is not None)
            rows.append({
                "campaign": board.campaign.name,
                "reference": card.reference,
                "platform": card.platform,
                "handle": card.handle,
                "name": card.display_name,
                "followers": card.followers,
                "stage": stage.value,
                "fee_thb": card.fee_thb,
                "quote_thb": card.quote_thb,
                "deliverables": ", ".join(
                    f"{d.kind.value}" + (f" {d.due_on.isoformat()}" if d.due_on else "")
                    for d in card.deliverables
                ),
                "next_due": due[0].isoformat() if due else None,
                "overdue": card.id in board.overdue,
                "contact_channel": card.contact_channel,
                "contact_handle": card.contact_handle,
                "notes": card.notes,
                "content_links": " ".join(card.content_links),
                "content_status": card.submissions[-1].status if card.submissions else None,
                "updated_at": card.updated_at.isoformat() if card.updated_at else None,
            })  # fmt: skip
    return rows
