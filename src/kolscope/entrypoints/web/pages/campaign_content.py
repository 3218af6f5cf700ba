"""Content approval: what the creators submitted for a campaign (a link and a caption), for the
brand to approve or send back with a comment. Every decision is kept with who made it and when.

This is often the first thing a brand's client does in kolscope, so the page says plainly what
is waiting, what was decided, and what happens next.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.pages.campaign_forms import FormDep, FormValues, one
from kolscope.entrypoints.web.pages.campaigns import campaign_of
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.planning.facade import Actor, Campaign, CampaignError, Stage

router = APIRouter(include_in_schema=False)
need_view = need(Permission.VIEW_CAMPAIGNS)
need_approve = need(Permission.APPROVE_CONTENT)


def submissions(workspace: Workspace, actor: Actor, campaign: Campaign) -> dict[str, list[Any]]:
    """Submitted content: waiting for a decision first (newest first), then decided."""
    waiting: list[dict[str, Any]] = []
    decided: list[dict[str, Any]] = []
    for card in workspace.campaigns.creators(actor, campaign):
        for submission in card.submissions:
            item = {"card": card, "submission": submission}
            open_now = submission.status == "pending" and card.stage == Stage.SUBMITTED
            (waiting if open_now else decided).append(item)
    waiting.sort(key=lambda i: i["submission"].submitted_at, reverse=True)
    decided.sort(key=lambda i: i["submission"].submitted_at, reverse=True)
    return {"waiting": waiting, "decided": decided}


def _content_page(
    request: Request,
    workspace: Workspace,
    actor: Actor,
    campaign: Campaign,
    *,
    error: CampaignError | None = None,
    failed: int | None = None,
    values: FormValues | None = None,
) -> HTMLResponse:
    return page(
        request,
        "campaign_content.html",
        status_code=400 if error else 200,
        campaign=campaign,
        may_approve=actor.may_approve,
        may_manage=actor.may_manage,
        error=error,
        failed=failed,
        values=values or {},
        **submissions(workspace, actor, campaign),
    )


@router.get("/campaigns/{campaign_id:int}/content", response_class=HTMLResponse)
def content_page(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need_view], campaign_id: int
) -> HTMLResponse:
    actor, campaign = campaign_of(workspace, user, campaign_id)
    return _content_page(request, workspace, actor, campaign)


@router.post(
    "/campaigns/{campaign_id:int}/content/{submission_id:int}", response_class=HTMLResponse
)
def decide(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_approve],
    campaign_id: int,
    submission_id: int,
    values: FormDep,
) -> Response:
    """Approve, or ask for changes saying what (a comment is needed then)."""
    actor, campaign = campaign_of(workspace, user, campaign_id)
    approve = one(values, "decision") == "approve"
    try:
        workspace.outreach.decide(
            actor, campaign, submission_id, approve, one(values, "comment") or None
        )
    except CampaignError as error:
        return _content_page(
            request, workspace, actor, campaign,
            error=error, failed=submission_id, values=values,
        )  # fmt: skip
    return RedirectResponse(f"/campaigns/{campaign.id}/content?done={submission_id}", 303)
