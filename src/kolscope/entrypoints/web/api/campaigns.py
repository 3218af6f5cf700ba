"""The campaigns part of the JSON API: the operations of ``kolscope campaigns``, scoped by
organisation and brand (``kolscope ratecards`` is ``api/ratecards.py``).

Who may do what is the campaign service's rule (``planning.service.Actor``) as much as the
routes': a brand's client sees only the campaigns of brands granted to them, reads a campaign,
its plan and submitted content, and approves content or asks for changes; only people who
manage campaigns change them. Another organisation's campaign, or one outside a client's
brands, answers 404 as if it did not exist.

Bad input answers 400 with ``{"detail": "field: why"}`` and nothing is saved (the service
checks everything first). A plan that cannot be made answers 400 naming the rules that
conflict (``PlanError.reasons``, also as message dicts in ``reasons``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NoReturn

from fastapi import APIRouter, Body, HTTPException, Query
from fastapi.responses import FileResponse

from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.api.campaign_schemas import (
    CampaignChange,
    CampaignIn,
    ContentIn,
    CreatorsIn,
    DecisionIn,
    MoveIn,
    PlanIn,
    TermsIn,
    board_dict,
    board_file,
    brief_values,
    campaign_dict,
    card_dict,
    plan_refused,
    reminder_dict,
)
from kolscope.entrypoints.web.api.errors import API_ERRORS, ErrorOut
from kolscope.entrypoints.web.bounds import RowId
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.pages.discover_files import MEDIA_TYPES
from kolscope.entrypoints.web.security import need
from kolscope.planning.facade import (
    Actor,
    Campaign,
    CampaignError,
    Deliverable,
    DueItem,
    PlanError,
)

router = APIRouter(prefix="/api", tags=["campaigns"], responses=API_ERRORS)
VIEW = Permission.VIEW_CAMPAIGNS
MANAGE = Permission.MANAGE_CAMPAIGNS
APPROVE = Permission.APPROVE_CONTENT
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such campaign in the workspace (or not yours)"}
}
_KEPT_ON_NULL = frozenset({"objective", "budget_thb", "audience", "rules", "conversion_rate"})
EXPORTED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The board's rows, one per creator",
        "content": {"text/csv": {}, MEDIA_TYPES[".xlsx"]: {}},
    }
}
# The service's names for a field, where the API's body names it otherwise.
_FIELDS = {
    "budget": "budget_thb",
    "fee": "fee_thb",
    "quote": "quote_thb",
    "submission": "submission_id",
}


def refuse(error: CampaignError, **names: str) -> NoReturn:
    """The HTTP answer to a campaign error: 403 when the role may not, 404 for a campaign the
    person cannot see, else 400 naming the field (as the route calls it: ``names``)."""
    if error.field is None:
        raise HTTPException(403, str(error)) from None
    if error.field == "campaign":
        raise HTTPException(404, str(error)) from None
    field = names.get(error.field) or _FIELDS.get(error.field, error.field)
    raise HTTPException(400, f"{field}: {error}") from None


def _found(workspace: WorkspaceDep, user: User, campaign_id: int) -> tuple[Actor, Campaign]:
    actor = Actor.of(user)
    try:
        return actor, workspace.campaigns.by_id(actor, campaign_id)
    except CampaignError as error:
        refuse(error)


def _shown(workspace: WorkspaceDep, actor: Actor, campaign: Campaign) -> dict[str, Any]:
    today = workspace.campaigns.today()
    cards = workspace.campaigns.creators(actor, campaign)
    return {
        **campaign_dict(campaign),
        "creators": [card_dict(c, today, private=actor.may_manage) for c in cards],
    }


# Campaigns --------------------------------------------------------------------------------------


@router.get("/campaigns", summary="Campaigns you may see (a client: their brands' only)")
def list_campaigns(workspace: WorkspaceDep, user: Annotated[User, need(VIEW)]) -> dict[str, Any]:
    found = workspace.campaigns.campaigns(Actor.of(user))
    return {"campaigns": [campaign_dict(c) for c in found]}


@router.post("/campaigns", status_code=201, summary="Make a campaign (in draft) with its brief")
def create_campaign(
    workspace: WorkspaceDep, user: Annotated[User, need(MANAGE)], body: CampaignIn
) -> dict[str, Any]:
    actor = Actor.of(user)
    brief = body.model_dump(
        exclude_none=True, exclude={"name", "brand", "shortlist", "saved_search", "creators"}
    )
    try:
        campaign = workspace.campaigns.create(
            actor, body.name, body.brand, brief, shortlist=body.shortlist,
            saved_search=body.saved_search, references=body.creators,
        )  # fmt: skip
    except CampaignError as error:
        refuse(error)
    return _shown(workspace, actor, campaign)


@router.get("/campaigns/{campaign_id}", summary="A campaign, its brief and its creators",
            responses=NOT_FOUND)  # fmt: skip
def show_campaign(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    return _shown(workspace, actor, campaign)


@router.patch("/campaigns/{campaign_id}", summary="Change the name, status or brief fields sent",
              responses=NOT_FOUND)  # fmt: skip
def change_campaign(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    user: Annotated[User, need(MANAGE)],
    body: CampaignChange,
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    changed = body.model_dump(exclude_unset=True, exclude={"name", "status"})
    # null clears a date, a list or the tone; for these it would mean nothing, so it keeps them
    changed = {k: v for k, v in changed.items() if v is not None or k not in _KEPT_ON_NULL}
    brief = {**brief_values(campaign), **changed} if changed else None
    try:
        campaign = workspace.campaigns.edit(
            actor, campaign, brief=brief, status=body.status, name=body.name
        )
    except CampaignError as error:
        refuse(error)
    return _shown(workspace, actor, campaign)


@router.post("/campaigns/{campaign_id}/creators", summary="Add creators (shortlisted)",
             responses=NOT_FOUND)  # fmt: skip
def add_creators(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    user: Annotated[User, need(MANAGE)],
    body: CreatorsIn,
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    try:
        added = workspace.campaigns.add(actor, campaign, body.creators)
    except CampaignError as error:
        refuse(error)
    return {"campaign": campaign.name, "added": added}


# The outreach board -----------------------------------------------------------------------------


@router.get("/campaigns/{campaign_id}/board",
            summary="Creators by stage, totals, committed against the budget, overdue",
            responses=NOT_FOUND)  # fmt: skip
def board(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    return board_dict(workspace.outreach.board(actor, campaign), private=actor.may_manage)


@router.post("/campaigns/{campaign_id}/moves",
             summary="Move a creator to another stage (only moves that make sense)",
             responses=NOT_FOUND)  # fmt: skip
def move(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(MANAGE)], body: MoveIn
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    try:
        card = workspace.outreach.move(actor, campaign, body.creator, body.stage, body.note)
    except CampaignError as error:
        refuse(error)
    return card_dict(card, workspace.campaigns.today(), private=True)


@router.patch("/campaigns/{campaign_id}/creators/{reference}/terms",
              summary="Record what was agreed with a creator (only the fields sent change)",
              responses=NOT_FOUND)  # fmt: skip
def set_terms(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    reference: str,
    user: Annotated[User, need(MANAGE)],
    body: TermsIn,
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    due: list[DueItem] | None = None
    if body.deliverables is not None:
        due = []
        for item in body.deliverables:
            try:
                kind = Deliverable(item.kind.strip().lower().replace("-", "_"))
            except ValueError:
                choices = ", ".join(d.value for d in Deliverable)
                raise HTTPException(
                    400, f"deliverables: {item.kind!r} is not one of {choices}"
                ) from None
            due.append(DueItem(kind, item.due_on, item.count))
    try:
        card = workspace.outreach.set_terms(
            actor, campaign, reference, fee_thb=body.fee_thb, quote_thb=body.quote_thb,
            deliverables=due, contact_channel=body.contact_channel,
            contact_handle=body.contact_handle, notes=body.notes,
            content_links=body.content_links,
        )  # fmt: skip
    except CampaignError as error:
        refuse(error, creator="reference")
    return card_dict(card, workspace.campaigns.today(), private=True)


@router.post("/campaigns/{campaign_id}/content", summary="Content a creator submitted",
             responses=NOT_FOUND)  # fmt: skip
def submit_content(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    user: Annotated[User, need(MANAGE)],
    body: ContentIn,
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    try:
        card = workspace.outreach.submit(actor, campaign, body.creator, body.url, body.caption)
    except CampaignError as error:
        refuse(error)
    return card_dict(card, workspace.campaigns.today(), private=True)


@router.post("/campaigns/{campaign_id}/content/{submission_id}/decision",
             summary="Approve submitted content, or ask for changes (saying which)",
             responses=NOT_FOUND)  # fmt: skip
def decide(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    submission_id: RowId,
    user: Annotated[User, need(APPROVE)],
    body: DecisionIn,
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    try:
        card = workspace.outreach.decide(actor, campaign, submission_id, body.approve, body.comment)
    except CampaignError as error:
        refuse(error)
    return card_dict(card, workspace.campaigns.today(), private=actor.may_manage)


@router.get("/campaigns/{campaign_id}/export", summary="The board as CSV or XLSX",
            response_class=FileResponse, responses={**NOT_FOUND, **EXPORTED})  # fmt: skip
def export(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    user: Annotated[User, need(VIEW)],
    format: Literal["csv", "xlsx"] = "csv",
) -> FileResponse:
    actor, campaign = _found(workspace, user, campaign_id)
    found = workspace.outreach.board(actor, campaign)
    return board_file(found, format, private=actor.may_manage)


@router.get("/reminders", summary="Deliverables due this week and overdue, across campaigns")
def reminders(workspace: WorkspaceDep, user: Annotated[User, need(VIEW)]) -> dict[str, Any]:
    found = workspace.outreach.reminders(Actor.of(user))
    return {"reminders": [reminder_dict(r) for r in found]}


# Plans ------------------------------------------------------------------------------------------


@router.post("/campaigns/{campaign_id}/plan",
             summary="Plan the campaign under a scenario (kept unless save=false)",
             responses=NOT_FOUND)  # fmt: skip
def make_plan(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    user: Annotated[User, need(MANAGE)],
    scenario: Annotated[
        str, Query(max_length=40, description="pyramid, all_mega, all_small, manual")
    ] = "pyramid",
    save: bool = True,
    apply: Annotated[bool, Query(description="Also put the picks on the board.")] = False,
    body: Annotated[PlanIn | None, Body()] = None,
) -> Any:
    actor, campaign = _found(workspace, user, campaign_id)
    manual = body.manual if body else []
    try:
        report = workspace.planner.plan(actor, campaign, scenario, manual=manual, save=save)
        plan = report.to_dict()
        added = workspace.planner.apply(actor, campaign, plan) if apply else 0
    except PlanError as error:
        return plan_refused(error)
    except CampaignError as error:
        refuse(error)
    return {**plan, "added_to_board": added} if apply else plan


@router.get("/campaigns/{campaign_id}/plan", summary="The plan kept last (pyramid)",
            responses=NOT_FOUND)  # fmt: skip
def latest_plan(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> dict[str, Any]:
    actor, campaign = _found(workspace, user, campaign_id)
    try:
        found = workspace.planner.latest(actor, campaign)
    except CampaignError as error:
        refuse(error)
    if found is None:
        raise HTTPException(404, f"no plan kept for campaign {campaign.id} yet")
    return found


@router.get("/campaigns/{campaign_id}/scenarios",
            summary="Every scenario side by side (not kept); impossible ones say why",
            responses=NOT_FOUND)  # fmt: skip
def scenarios(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    user: Annotated[User, need(VIEW)],
    manual: Annotated[list[str] | None, Query(description="platform:handle, repeat")] = None,
) -> Any:
    actor, campaign = _found(workspace, user, campaign_id)
    picked = [m for m in manual or [] if m.strip()][:1000]
    try:
        found = workspace.planner.scenarios(actor, campaign, manual=picked)
    except PlanError as error:
        return plan_refused(error)
    except CampaignError as error:
        refuse(error)
    return [report.to_dict() for report in found]
