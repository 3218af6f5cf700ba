"""Campaign pages: the list with what is due this week and overdue, a new campaign (from
scratch, a shortlist or a saved search), and one campaign's brief, rules in words, plan and
scenarios side by side.

The team sees every campaign of the organisation; a brand's client sees only their brands'
(the planning service enforces it: another brand's campaign is "not found").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Permission, Scope, User
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.campaign_forms import (
    FormDep,
    FormValues,
    brief_values,
    choices,
    many,
    one,
    rule_lines,
    values_of,
)
from kolscope.entrypoints.web.pages.campaign_views import plan_view
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.planning.facade import Actor, Campaign, CampaignError, Reminder, Stage

router = APIRouter(include_in_schema=False)
VIEW = Permission.VIEW_CAMPAIGNS
MANAGE = Permission.MANAGE_CAMPAIGNS
need_view = need(VIEW)
need_manage = need(MANAGE)


def campaign_of(workspace: Workspace, user: User, campaign_id: int) -> tuple[Actor, Campaign]:
    """The campaign if this person may see it, else 404 (another brand's is "not found")."""
    actor = Actor.of(user)
    try:
        return actor, workspace.campaigns.by_id(actor, campaign_id)
    except CampaignError:
        missing = _("This campaign is not there, or it is not yours to see.")
        raise HTTPException(404, missing) from None


def _sources(workspace: Workspace, user: User) -> dict[str, list[str]]:
    if not user.can(Permission.VIEW_CREATORS):
        return {"shortlists": [], "searches": []}
    organisation = user.organisation.id
    return {
        "shortlists": [s.name for s in workspace.shortlists.lists(organisation)],
        "searches": [s.name for s in workspace.shortlists.searches(organisation)],
    }


def handle_first(reminder: Reminder) -> Reminder:
    """A reminder naming the creator as people write them (@handle), not platform:handle."""
    handle = reminder.reference.split(":", 1)[-1]
    return replace(reminder, reference=f"@{handle}")


def campaign_rows(workspace: Workspace, actor: Actor) -> list[dict[str, Any]]:
    """Each campaign the actor sees, with its creators counted and content waiting."""
    rows = []
    for campaign in workspace.campaigns.campaigns(actor):
        cards = workspace.campaigns.creators(actor, campaign)
        rows.append(
            {
                "campaign": campaign,
                "creators": len(cards),
                "pending": sum(1 for c in cards if c.stage == Stage.SUBMITTED),
                "committed": sum(c.fee_thb or 0.0 for c in cards if c.stage.committed),
            }
        )
    return rows


@router.get("/campaigns", response_class=HTMLResponse)
def campaigns_page(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_view]
) -> HTMLResponse:
    actor = Actor.of(user)
    reminders = [handle_first(r) for r in workspace.outreach.reminders(actor)]
    return page(
        request,
        "campaigns.html",
        rows=campaign_rows(workspace, actor),
        overdue=[r for r in reminders if r.overdue],
        due=[r for r in reminders if not r.overdue],
        may_manage=actor.may_manage,
    )


def _new_form(
    request: Request,
    workspace: Workspace,
    user: User,
    values: FormValues,
    error: CampaignError | None = None,
) -> HTMLResponse:
    return page(
        request,
        "campaign_new.html",
        status_code=400 if error else 200,
        values=values,
        error=error,
        choices=choices(),
        brands=[b.name for b in workspace.brands.visible(Scope.of(user))],
        **_sources(workspace, user),
    )


@router.get("/campaigns/new", response_class=HTMLResponse)
def new_campaign_page(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    shortlist: str = "",
    search: str = "",
) -> HTMLResponse:
    values: FormValues = {
        "objective": ["awareness"],
        "deliverables": ["post", "short_video"],
        "countries": ["TH"],
        "open_with_big": ["1"],
        "small_share": ["30"],
        "shortlist": [shortlist],
        "saved_search": [search],
    }
    return _new_form(request, workspace, user, values)


@router.post("/campaigns/new", response_class=HTMLResponse)
def create_campaign(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_manage], values: FormDep
) -> Response:
    actor = Actor.of(user)
    try:
        campaign = workspace.campaigns.create(
            actor,
            one(values, "name"),
            one(values, "brand"),
            brief_values(values),
            shortlist=one(values, "shortlist") or None,
            saved_search=one(values, "saved_search") or None,
            references=many(values, "creators"),
        )
    except CampaignError as error:
        return _new_form(request, workspace, user, values, error)
    return RedirectResponse(f"/campaigns/{campaign.id}", 303)


def _campaign_page(
    request: Request,
    workspace: Workspace,
    actor: Actor,
    campaign: Campaign,
    *,
    values: FormValues | None = None,
    error: CampaignError | None = None,
    plan_error: CampaignError | None = None,
    scenarios: list[dict[str, Any]] | None = None,
    manual: list[str] | None = None,
) -> HTMLResponse:
    planner = getattr(workspace, "planner", None)
    latest = planner.latest(actor, campaign) if planner is not None else None
    cards = workspace.campaigns.creators(actor, campaign)
    reminders = [
        handle_first(r) for r in workspace.outreach.reminders(actor) if r.campaign == campaign.name
    ]
    return page(
        request,
        "campaign.html",
        reminders=reminders,
        status_code=400 if error or plan_error else 200,
        campaign=campaign,
        rules=rule_lines(campaign),
        plan=plan_view(latest) if latest else None,
        scenarios=[plan_view(s) for s in scenarios or []],
        manual=manual or [],
        cards=cards,
        pending=sum(1 for c in cards if c.stage == Stage.SUBMITTED),
        planner_ready=planner is not None,
        may_manage=actor.may_manage,
        values=values if values is not None else values_of(campaign),
        error=error,
        plan_error=plan_error,
        editing=error is not None and values is not None,
        choices=choices(),
    )


@router.get("/campaigns/{campaign_id:int}", response_class=HTMLResponse)
def campaign_page(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_view], campaign_id: int
) -> HTMLResponse:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    return _campaign_page(request, workspace, actor, campaign)


@router.post("/campaigns/{campaign_id:int}/brief", response_class=HTMLResponse)
def edit_brief(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    try:
        workspace.campaigns.edit(
            actor, campaign, brief=brief_values(values), name=one(values, "name") or None
        )
    except CampaignError as error:
        return _campaign_page(request, workspace, actor, campaign, values=values, error=error)
    return RedirectResponse(f"/campaigns/{campaign.id}", 303)


@router.post("/campaigns/{campaign_id:int}/status", response_class=HTMLResponse)
def change_status(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    try:
        workspace.campaigns.edit(actor, campaign, status=one(values, "status"))
    except CampaignError as error:
        return _campaign_page(request, workspace, actor, campaign, error=error)
    return RedirectResponse(f"/campaigns/{campaign.id}", 303)


def _planner(workspace: Workspace) -> Any:
    planner = getattr(workspace, "planner", None)
    if planner is None:
        raise HTTPException(503, _("Planning is not available in this workspace yet."))
    return planner


@router.post("/campaigns/{campaign_id:int}/plan", response_class=HTMLResponse)
def plan_campaign(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> Response:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    try:
        _planner(workspace).plan(actor, campaign, scenario="pyramid", save=True)
    except (CampaignError, ValueError) as error:
        return _campaign_page(request, workspace, actor, campaign, plan_error=_refusal(error))
    return RedirectResponse(f"/campaigns/{campaign.id}#plan", 303)


@router.post("/campaigns/{campaign_id:int}/apply", response_class=HTMLResponse)
def apply_plan(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_manage], campaign_id: int
) -> Response:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    planner = _planner(workspace)
    latest = planner.latest(actor, campaign)
    if latest is None:
        raise HTTPException(400, _("Make a plan first."))
    try:
        planner.apply(actor, campaign, latest)
    except (CampaignError, ValueError) as error:
        return _campaign_page(request, workspace, actor, campaign, plan_error=_refusal(error))
    return RedirectResponse(f"/campaigns/{campaign.id}/board", 303)


@router.get("/campaigns/{campaign_id:int}/scenarios", response_class=HTMLResponse)
def scenarios_page(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    manual: Annotated[list[str] | None, Query()] = None,
) -> HTMLResponse:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    picked = [m for m in manual or [] if m.strip()]
    try:
        reports = _planner(workspace).scenarios(actor, campaign, manual=tuple(picked))
    except (CampaignError, ValueError) as error:
        return _campaign_page(request, workspace, actor, campaign, plan_error=_refusal(error))
    found = [r.to_dict() if hasattr(r, "to_dict") else r for r in reports]
    return _campaign_page(request, workspace, actor, campaign, scenarios=found, manual=picked)


def _refusal(error: Exception) -> CampaignError:
    """A planning refusal as the page shows errors: a campaign error as it is, a plan that
    cannot be made with its first reason (the rest are listed under it)."""
    if isinstance(error, CampaignError):
        return error
    reasons = list(getattr(error, "reasons", ()) or ())
    message = getattr(error, "message", None) or (reasons[0] if reasons else None)
    if message is None:
        raise error
    refusal = CampaignError(message, getattr(error, "field", None))
    setattr(refusal, "more", reasons[1:])  # noqa: B010 - read by the template
    return refusal
