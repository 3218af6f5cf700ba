"""The campaigns API's shapes: what a request may send (every text, list and number bounded, so
no request can reach the service with something it cannot hold) and the JSON each answer gives
(campaigns, the creators on the board with their terms, content and decisions, reminders).

Bodies are checked in two steps. Pydantic refuses what is not even the right type or size
(422, FastAPI's list of field errors); the campaign service then reads the values as the CLI
and the pages do and answers what it cannot use with 400 ``{"detail": "field: why"}``.
Sentences for people come as English text and as message dicts ``{code, params, text}``.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import HTTPException
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.background import BackgroundTask

from kolscope.discovery.facade import ExportError, write_table
from kolscope.entrypoints.web.pages.discover_files import MEDIA_TYPES
from kolscope.planning.facade import (
    BOARD_COLUMNS,
    MAX_FEE,
    MAX_NAME,
    MAX_TEXT,
    STAGE_NAMES,
    STATUS_NAMES,
    Board,
    Campaign,
    CampaignCreator,
    PlanError,
    Reminder,
    board_rows,
)

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Short = Annotated[str, StringConstraints(max_length=300)]
Word = Annotated[str, StringConstraints(max_length=60)]
Words = Annotated[list[Word], Field(max_length=100)]
References = Annotated[list[Short], Field(max_length=1000)]
# Numbers are finite and within wide bounds here; the service says what range makes sense.
Share = Annotated[float, Field(ge=-1e6, le=1e6, allow_inf_nan=False)]
Baht = Annotated[float, Field(ge=-1e13, le=1e13, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AudienceIn(_Strict):
    genders: Words = Field(default_factory=list, description="female, male, …")
    age_bands: Words = Field(default_factory=list, description="18-24, 25-34, …")
    countries: Words = Field(default_factory=list, description="ISO codes: TH, VN, …")
    provinces: Words = Field(default_factory=list, description="Thai provinces: TH-10, TH-50, …")


class RulesIn(_Strict):
    """The pyramid rules; shares as 0-1 or as per cent."""

    open_with_big: int = Field(1, ge=0, le=1000, description="At least this many macro/mega.")
    small_share: Share | None = Field(None, description="Least share of budget to nano/micro.")
    max_creators: int | None = Field(None, ge=-1000, le=100_000)
    min_quality: Share | None = Field(None, description="Audit score, 0-100.")
    min_brand_fit: Share | None = None
    min_niche_match: Share | None = None
    max_overlap: Share | None = Field(None, description="Most audience two picks may share.")
    platform_shares: dict[Word, tuple[Share, Share]] = Field(
        default_factory=dict, max_length=20, description="platform -> [least, most] share"
    )
    one_deliverable_each: bool = False


class BriefChange(_Strict):
    """Brief fields. On a change only those sent are replaced; null clears a date, a list or
    the tone, and leaves the objective, budget, audience, rules and conversion rate as they
    are."""

    objective: Word | None = Field(None, description="awareness, engagement or conversion")
    budget_thb: Baht | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    audience: AudienceIn | None = None
    niches: Words | None = Field(None, description="Niche ids of the taxonomy.")
    tone: Text | None = None
    deliverables: Words | None = Field(None, description="post, short_video, story, …")
    must_have: References | None = Field(None, description="platform:handle")
    excluded: References | None = Field(None, description="platform:handle")
    avoid_competitors: Annotated[list[Short], Field(max_length=100)] | None = None
    conversion_rate: Share | None = Field(None, description="Of clicks, 0-1 or per cent.")
    rules: RulesIn | None = None


class CampaignIn(BriefChange):
    """A new campaign: its brief, and its first creators from a shortlist, a saved search or
    ``platform:handle`` references (any of them)."""

    name: Annotated[str, StringConstraints(max_length=MAX_NAME * 2)]
    brand: Short
    budget_thb: Baht  # required when making one
    shortlist: Short | None = None
    saved_search: Short | None = None
    creators: References = Field(default_factory=list)


class CampaignChange(BriefChange):
    name: Annotated[str, StringConstraints(max_length=MAX_NAME * 2)] | None = None
    status: Word | None = Field(None, description="draft, planning, running or finished")


class CreatorsIn(_Strict):
    creators: Annotated[list[Short], Field(min_length=1, max_length=1000)] = Field(
        description="platform:handle, e.g. instagram:som.review"
    )


class MoveIn(_Strict):
    creator: Short = Field(description="platform:handle, or the card's number")
    stage: Word = Field(description="contacted, negotiating, agreed, published, paid, …")
    note: Text | None = None


class DueIn(_Strict):
    kind: Word = Field(description="post, short_video, story, long_video or live")
    due_on: date | None = None
    count: int = Field(1, ge=1, le=1000)


class TermsIn(_Strict):
    """What was agreed with a creator; only the fields sent change."""

    fee_thb: Baht | None = Field(None, description=f"Agreed, more than 0 and at most {MAX_FEE}.")
    quote_thb: Baht | None = None
    deliverables: Annotated[list[DueIn], Field(max_length=100)] | None = None
    contact_channel: Word | None = Field(None, description="line, email, phone or dm")
    contact_handle: Text | None = None
    notes: Text | None = None
    content_links: Annotated[list[Annotated[str, StringConstraints(max_length=2000)]],
                             Field(max_length=100)] | None = None  # fmt: skip


class ContentIn(_Strict):
    creator: Short = Field(description="platform:handle, or the card's number")
    url: Annotated[str, StringConstraints(max_length=2000)] = Field(description="https://…")
    caption: Text | None = None


class DecisionIn(_Strict):
    approve: bool = Field(description="true approves; false asks for changes (say which).")
    comment: Text | None = None


class PlanIn(_Strict):
    manual: References = Field(
        default_factory=list, description="platform:handle the plan must keep (manual picks)"
    )


# Answers ----------------------------------------------------------------------------------------


def campaign_dict(campaign: Campaign) -> dict[str, Any]:
    brief = campaign.brief
    return {
        "id": campaign.id,
        "name": campaign.name,
        "brand": campaign.brand_name,
        "brand_id": campaign.brand_id,
        "status": campaign.status.value,
        "status_message": STATUS_NAMES[campaign.status.value]().to_dict(),
        "source": campaign.source,
        "objective": brief.objective.value,
        "budget_thb": brief.budget_thb,
        "starts_on": brief.starts_on.isoformat() if brief.starts_on else None,
        "ends_on": brief.ends_on.isoformat() if brief.ends_on else None,
        "brief": brief.to_dict(),
        "created_at": campaign.created_at.isoformat(),
        "updated_at": campaign.updated_at.isoformat(),
    }


def brief_values(campaign: Campaign) -> dict[str, Any]:
    """The campaign's brief as the plain values ``read_brief`` takes (to lay a change over)."""
    brief = campaign.brief
    return {
        **brief.to_dict(),
        "objective": brief.objective.value,
        "budget_thb": brief.budget_thb,
        "starts_on": brief.starts_on,
        "ends_on": brief.ends_on,
    }


def card_dict(card: CampaignCreator, today: date, *, private: bool) -> dict[str, Any]:
    """One creator on the board; ``private`` adds the agency's contact details and notes."""
    data: dict[str, Any] = {
        "id": card.id,
        "reference": card.reference,
        "platform": card.platform,
        "handle": card.handle,
        "display_name": card.display_name,
        "followers": card.followers,
        "stage": card.stage.value,
        "stage_message": STAGE_NAMES[card.stage.value]().to_dict(),
        "quote_thb": card.quote_thb,
        "fee_thb": card.fee_thb,
        "deliverables": [d.to_dict() for d in card.deliverables],
        "overdue": [d.to_dict() for d in card.overdue(today)],
        "content_links": list(card.content_links),
        "submissions": [
            {
                "id": s.id,
                "url": s.url,
                "caption": s.caption,
                "submitted_at": s.submitted_at.isoformat(),
                "status": s.status,
                "decisions": [
                    {
                        "decision": d.decision.value,
                        "comment": d.comment,
                        "by": d.by_name,
                        "at": d.at.isoformat(),
                    }
                    for d in s.decisions
                ],
            }
            for s in card.submissions
        ],
        "moves": [
            {
                "from": m.from_stage.value if m.from_stage else None,
                "to": m.to_stage.value,
                "by": m.by_name,
                "at": m.at.isoformat(),
                "note": m.note,
            }
            for m in card.moves
        ],
    }
    if private:
        data.update(
            contact_channel=card.contact_channel,
            contact_handle=card.contact_handle,
            notes=card.notes,
        )
    return data


def board_dict(board: Board, *, private: bool) -> dict[str, Any]:
    """Cards by stage with each column's count and THB, committed against the budget, and
    which creators have a deliverable past due."""
    totals = board.totals()
    budget = board.campaign.budget_thb
    cards = [card for _stage, column in board.columns for card in column]
    return {
        "campaign": {"id": board.campaign.id, "name": board.campaign.name},
        "today": board.today.isoformat(),
        "budget_thb": budget,
        "committed_thb": board.committed_thb,
        "remaining_thb": budget - board.committed_thb,
        "over_budget": board.committed_thb > budget,
        "columns": [
            {
                "stage": stage.value,
                "stage_message": STAGE_NAMES[stage.value]().to_dict(),
                "count": totals[stage][0],
                "total_thb": totals[stage][1],
                "cards": [card_dict(c, board.today, private=private) for c in column],
            }
            for stage, column in board.columns
        ],
        "overdue": [c.reference for c in cards if c.id in board.overdue],
    }


def reminder_dict(reminder: Reminder) -> dict[str, Any]:
    said = reminder.message()
    return {
        "campaign": reminder.campaign,
        "reference": reminder.reference,
        "deliverable": reminder.deliverable,
        "due_on": reminder.due_on.isoformat(),
        "overdue": reminder.overdue,
        "text": str(said),
        "message": said.to_dict(),
    }


# What a brand's client does not see of the board: the agency's contacts and notes.
PRIVATE_COLUMNS = ("contact_channel", "contact_handle", "notes")


def board_file(board: Board, format: str, *, private: bool) -> FileResponse:
    """The board's rows (as ``kolscope campaigns export`` writes them) as a CSV or XLSX
    download, cells that could start a formula made plain text, written to a temporary folder
    removed once sent. Without ``private``, the agency's contacts and notes are left out."""
    columns = [c for c in BOARD_COLUMNS if private or c not in PRIVATE_COLUMNS]
    suffix = f".{format}"
    folder = Path(tempfile.mkdtemp(prefix="kolscope-board-"))
    path = folder / f"board{suffix}"
    try:
        write_table(path, columns, board_rows(board), title=board.campaign.name)
    except ExportError:
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(500, "the export could not be written") from None
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[suffix],
        filename=f"campaign-{board.campaign.id}-board{suffix}",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


# What a plan's first reason is about, as the field to name; any other reason is the rules'.
_PLAN_FIELDS = {
    "plan.brief.bad_choice": "scenario",
    "plan.pool.empty": "creators",
    "plan.optimiser.error.no_options": "creators",
    "plan.optimiser.error.unknown": "creators",
    "plan.optimiser.error.budget": "budget_thb",
    "plan.optimiser.error.below_cheapest": "budget_thb",
    "plan.optimiser.error.must_have_excluded": "must_have",
    "plan.optimiser.error.must_have_over": "must_have",
}


def plan_refused(error: PlanError) -> JSONResponse:
    """400 naming what stops the plan (the budget, the creators, the rules that conflict),
    with every reason as a message dict."""
    first = error.reasons[0].code if error.reasons else ""
    field = _PLAN_FIELDS.get(first, "rules")
    return JSONResponse(
        status_code=400,
        content={"detail": f"{field}: {error}", "reasons": [r.to_dict() for r in error.reasons]},
    )
