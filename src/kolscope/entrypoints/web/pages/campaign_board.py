"""A campaign's outreach board: a column per stage with its count and the baht committed
against the budget, cards that move by buttons (drag and drop posts the same form), the terms
agreed with each creator, content submitted for the brand, overdue deliverables marked, and
the board as CSV or XLSX.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask

from kolscope.bootstrap import Workspace
from kolscope.discovery.facade import write_table
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.pages.campaign_forms import FormDep, FormValues, one
from kolscope.entrypoints.web.pages.campaigns import campaign_of
from kolscope.entrypoints.web.pages.discover_files import MEDIA_TYPES, safe_filename
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.entrypoints.web.vocabulary import N_
from kolscope.planning.facade import (
    BAD_CHOICE,
    BRAND_DECIDES,
    CONTACT_CHANNELS,
    DELIVERABLE_SAID,
    NOT_A_DATE,
    NOT_A_NUMBER,
    STAGE_NAMES,
    Actor,
    Board,
    Campaign,
    CampaignCreator,
    CampaignError,
    Deliverable,
    DueItem,
    Stage,
    allowed_moves,
)

router = APIRouter(include_in_schema=False)
need_manage = need(Permission.MANAGE_CAMPAIGNS)
CHANNEL_NAMES = {"line": "LINE", "email": N_("email"), "phone": N_("phone"), "dm": "DM"}
DUE_ROWS = 3  # deliverable rows offered on the terms form (more after saving)


def moves_of(card: CampaignCreator) -> list[Stage]:
    """The moves a person makes by hand (the brand decides on content; content is submitted
    with its link)."""
    return [s for s in allowed_moves(card.stage) if s not in BRAND_DECIDES and s != Stage.SUBMITTED]


def _matches(card: CampaignCreator, board: Board, platform: str, text: str, late: bool) -> bool:
    if platform and card.platform != platform:
        return False
    if late and card.id not in board.overdue:
        return False
    wanted = text.strip().lower()
    return not wanted or wanted in f"{card.handle} {card.display_name or ''}".lower()


def _board_page(
    request: Request,
    workspace: Workspace,
    actor: Actor,
    campaign: Campaign,
    *,
    platform: str = "",
    q: str = "",
    late: bool = False,
    error: CampaignError | None = None,
    failed: str = "",
    values: FormValues | None = None,
) -> HTMLResponse:
    board = workspace.outreach.board(actor, campaign)
    totals = board.totals()
    columns = [
        {
            "stage": stage,
            "cards": [c for c in cards if _matches(c, board, platform, q, late)],
            "count": totals[stage][0],
            "thb": totals[stage][1],
        }
        for stage, cards in board.columns
    ]
    platforms = sorted({c.platform for _s, cards in board.columns for c in cards})
    return page(
        request,
        "campaign_board.html",
        status_code=400 if error else 200,
        campaign=campaign,
        board=board,
        columns=columns,
        moves={c.id: moves_of(c) for _s, cards in board.columns for c in cards},
        platforms=platforms,
        filters={"platform": platform, "q": q, "late": late},
        channels=[(c, CHANNEL_NAMES[c]) for c in CONTACT_CHANNELS],
        deliverables=list(DELIVERABLE_SAID.items()),
        due_rows=DUE_ROWS,
        error=error,
        failed=failed,
        values=values or {},
        stage_names=STAGE_NAMES,
        today=board.today,
    )


@router.get("/campaigns/{campaign_id:int}/board", response_class=HTMLResponse)
def board_page(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    platform: str = "",
    q: str = "",
    late: str = "",
) -> HTMLResponse:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    return _board_page(request, workspace, actor, campaign, platform=platform, q=q, late=bool(late))


def _back(campaign: Campaign, values: FormValues) -> str:
    card = one(values, "card")
    return f"/campaigns/{campaign.id}/board" + (f"#card-{card}" if card.isdigit() else "")


@router.post("/campaigns/{campaign_id:int}/board/move", response_class=HTMLResponse)
def move_card(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    reference = one(values, "reference")
    try:
        workspace.outreach.move(
            actor, campaign, reference, one(values, "stage"), one(values, "note") or None
        )
    except CampaignError as error:
        return _board_page(request, workspace, actor, campaign, error=error, failed=reference)
    return RedirectResponse(_back(campaign, values), 303)


def _amount(text: str, field: str) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", "").replace("฿", "").strip())
    except ValueError:
        raise CampaignError(NOT_A_NUMBER(value=text), field) from None


def _due_items(values: FormValues) -> list[DueItem] | None:
    kinds = values.get("due_kind", [])
    if not kinds:
        return None
    days = values.get("due_on", [])
    items: list[DueItem] = []
    for index, kind in enumerate(kinds):
        if not kind.strip():
            continue
        text = days[index].strip() if index < len(days) else ""
        try:
            due = date.fromisoformat(text) if text else None
        except ValueError:
            raise CampaignError(NOT_A_DATE(value=text), "due_on") from None
        items.append(DueItem(_deliverable(kind), due))
    return items


def _deliverable(kind: str) -> Deliverable:
    try:
        return Deliverable(kind)
    except ValueError:
        raise CampaignError(BAD_CHOICE(value=kind), "due_kind") from None


@router.post("/campaigns/{campaign_id:int}/board/terms", response_class=HTMLResponse)
def record_terms(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """What was agreed with a creator: every value is checked before any is saved."""
    actor, campaign = campaign_of(workspace, user, campaign_id)
    reference = one(values, "reference")
    try:
        workspace.outreach.set_terms(
            actor,
            campaign,
            reference,
            fee_thb=_amount(one(values, "fee"), "fee"),
            quote_thb=_amount(one(values, "quote"), "quote"),
            deliverables=_due_items(values),
            contact_channel=one(values, "contact_channel"),
            contact_handle=one(values, "contact_handle"),
            notes=one(values, "notes"),
            content_links=one(values, "content_links").split(),
        )
    except CampaignError as error:
        return _board_page(
            request, workspace, actor, campaign, error=error, failed=reference, values=values
        )
    return RedirectResponse(_back(campaign, values), 303)


@router.post("/campaigns/{campaign_id:int}/board/submit", response_class=HTMLResponse)
def submit_content(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """Content a creator made (a link and its caption), for the brand to approve."""
    actor, campaign = campaign_of(workspace, user, campaign_id)
    reference = one(values, "reference")
    try:
        workspace.outreach.submit(
            actor, campaign, reference, one(values, "url"), one(values, "caption") or None
        )
    except CampaignError as error:
        return _board_page(
            request, workspace, actor, campaign, error=error, failed=reference, values=values
        )
    return RedirectResponse(_back(campaign, values), 303)


def board_rows(board: Board, user: User) -> tuple[list[str], list[dict[str, Any]]]:
    """The board as a table in the reader's language: one row per creator."""
    buddhist, thai_units = user.formats(i18n.current_language())
    words = said.wording({"buddhist_era": buddhist, "thai_units": thai_units})
    gettext = i18n.gettext
    columns = [gettext(c) for c in (
        "Creator", "Platform", "Followers", "Stage", "Fee (THB)", "Quote (THB)", "Deliverables",
        "Overdue", "Contact channel", "Contact", "Notes", "Content links",
    )]  # fmt: skip
    rows = []
    for stage, cards in board.columns:
        for card in cards:
            due = "; ".join(
                said.say_with(DELIVERABLE_SAID[d.kind.value](), words)
                + (f" {words.written('day', d.due_on.isoformat())}" if d.due_on else "")
                for d in card.deliverables
            )
            values = (
                card.handle, card.platform, card.followers,
                said.say_with(STAGE_NAMES[stage.value](), words), card.fee_thb, card.quote_thb,
                due, gettext("yes") if card.id in board.overdue else "",
                CHANNEL_NAMES.get(card.contact_channel or "", ""), card.contact_handle or "",
                card.notes or "", " ".join(card.content_links),
            )  # fmt: skip
            rows.append(dict(zip(columns, values, strict=True)))
    return columns, rows


def _export(workspace: Workspace, user: User, campaign_id: int, suffix: str) -> FileResponse:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    columns, rows = board_rows(workspace.outreach.board(actor, campaign), user)
    folder = Path(tempfile.mkdtemp(prefix="kolscope-board-"))
    path = folder / f"board{suffix}"
    write_table(path, columns, rows, title=campaign.name)
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[suffix],
        filename=safe_filename(campaign.name, suffix),
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


@router.get("/campaigns/{campaign_id:int}/export.csv")
def export_board_csv(
    workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> FileResponse:
    return _export(workspace, user, campaign_id, ".csv")


@router.get("/campaigns/{campaign_id:int}/export.xlsx")
def export_board_xlsx(
    workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> FileResponse:
    return _export(workspace, user, campaign_id, ".xlsx")
