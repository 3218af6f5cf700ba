"""The tracking part of the JSON API: the operations of ``kolscope links``, ``codes`` and
``attribution`` for one campaign (its destinations, links, QR codes, promo codes and each
creator's results) and the attribution report.

Who may see and change what follows the campaigns API: a campaign is found through the
campaign service with the caller's scope, so another organisation's campaign, or one outside a
client's brands, answers 404; reading needs VIEW_CAMPAIGNS (a brand's client may read their
campaigns' links and results), changing needs MANAGE_CAMPAIGNS. The attribution report keeps
the orders placed in campaigns the caller may see (and only their credits there).

Bad input answers 400 with ``{"detail": "field: why"}``, the field as the request names it,
and nothing is saved; the body's shapes are in ``tracking_schemas``.
"""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from fastapi import APIRouter, HTTPException, Query, Response
from fastapi import Path as PathParam

from kolscope.domain.limits import MAX_DAYS
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.api.campaigns import refuse
from kolscope.entrypoints.web.api.errors import API_ERRORS, ErrorOut
from kolscope.entrypoints.web.api.tracking_schemas import (
    CodesIn,
    DestinationIn,
    LinksIn,
    PasteIn,
    chosen_destination,
    code_dict,
    creator_ids,
    destination_dict,
    link_dict,
    report_dict,
    results_dict,
)
from kolscope.entrypoints.web.bounds import MAX_ID, RowId
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.security import need
from kolscope.planning.facade import Actor, Campaign, CampaignError
from kolscope.tracking.facade import TrackingError, said_cli

router = APIRouter(prefix="/api", tags=["tracking"], responses=API_ERRORS)
VIEW = Permission.VIEW_CAMPAIGNS
MANAGE = Permission.MANAGE_CAMPAIGNS
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such campaign in the workspace (or not yours)"}
}
QR_ZIP: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Every live link's QR code, PNG and SVG",
        "content": {"application/zip": {}},
    }
}
# What a refusal is about, by its message code: the request's field to name.
_FIELDS = {
    "track.service.no_destination": "destination_id",
    "track.service.not_in_campaign": "creators",
    "track.cli.unknown_creator": "creators",
    "track.cli.no_destinations": "destination_id",
    "track.cli.choose_destination": "destination_id",
    "track.service.not_registered": "url",
    "track.service.not_a_marketplace": "url",
    "track.service.bad_medium": "medium",
    "track.service.bad_shop_kind": "shop",
    "track.service.bad_discount_kind": "kind",
    "track.service.not_an_amount": "value",
    "track.service.bad_model": "model",
    "track.links.bad_destination": "url",
    "track.links.unregistered_destination": "url",
    "track.links.bad_medium": "medium",
    "track.links.not_a_marketplace": "url",
    "track.links.short_marketplace_link": "url",
    "track.links.no_sub_id": "url",
    "track.links.bad_token": "url",
    "track.links.bad_sub_id_slot": "slot",
    "track.links.bad_pattern": "pattern",
    "track.links.bad_percent": "value",
    "track.links.bad_amount": "value",
    "track.links.bad_limit": "usage_limit",
    "track.links.bad_validity": "ends_on",
}
_MISSING = frozenset({"track.service.no_campaign", "track.service.no_link"})


def refused(error: TrackingError, **names: str) -> NoReturn:
    """404 for a campaign or link that is not there; else 400 naming the field (``names``
    renames a field for a route whose body calls it otherwise)."""
    code = error.message.code
    if code in _MISSING:
        raise HTTPException(404, str(error.message)) from None
    field = _FIELDS.get(code, "body")
    raise HTTPException(400, f"{names.get(field, field)}: {error.message}") from None


def _found(workspace: WorkspaceDep, user: User, campaign_id: int) -> tuple[Actor, Campaign]:
    actor = Actor.of(user)
    try:
        return actor, workspace.campaigns.by_id(actor, campaign_id)
    except CampaignError as error:
        refuse(error)


# Destinations -----------------------------------------------------------------------------------


@router.get(
    "/campaigns/{campaign_id}/destinations",
    summary="The addresses the campaign's links may lead to",
    responses=NOT_FOUND,
)
def destinations(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    known = workspace.tracking.destinations(campaign.id)
    return {"destinations": [destination_dict(d) for d in known]}


@router.post(
    "/campaigns/{campaign_id}/destinations",
    status_code=201,
    summary="Register an address the campaign's links may lead to",
    responses=NOT_FOUND,
)
def add_destination(
    workspace: WorkspaceDep,
    campaign_id: RowId,
    user: Annotated[User, need(MANAGE)],
    body: DestinationIn,
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    try:
        made = workspace.tracking.add_destination(campaign.id, body.url, body.label, body.shop)
    except TrackingError as error:
        refused(error)
    return destination_dict(made)


# Links ------------------------------------------------------------------------------------------


@router.get(
    "/campaigns/{campaign_id}/links",
    summary="The campaign's live tracking links",
    responses=NOT_FOUND,
)
def links(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    made = workspace.tracking.links(campaign.id)
    return {"campaign": campaign.name, "links": [link_dict(k, campaign.name) for k in made]}


@router.post(
    "/campaigns/{campaign_id}/links",
    status_code=201,
    summary="Make a link for every creator (or those named) without one to the destination",
    responses=NOT_FOUND,
)
def make_links(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(MANAGE)], body: LinksIn
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    tracking = workspace.tracking
    try:
        chosen = str(body.destination_id) if body.destination_id is not None else None
        target = chosen_destination(campaign, tracking.destinations(campaign.id), chosen)
        ids = None
        if body.creators is not None:
            ids = creator_ids(campaign, tracking.creators(campaign.id), body.creators)
        made = tracking.make_links(campaign.id, target.id, body.medium.strip().lower(), ids)
    except TrackingError as error:
        refused(error)
    return {"campaign": campaign.name, "made": [link_dict(k, campaign.name) for k in made]}


@router.post(
    "/campaigns/{campaign_id}/links/paste",
    status_code=201,
    summary="Keep a creator's Shopee or Lazada affiliate link, their token in a sub-id",
    responses=NOT_FOUND,
)
def paste_link(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(MANAGE)], body: PasteIn
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    tracking = workspace.tracking
    try:
        account = creator_ids(campaign, tracking.creators(campaign.id), [body.creator])[0]
        made = tracking.paste_link(campaign.id, account, body.url, body.slot)
    except TrackingError as error:
        refused(error, creators="creator")
    return link_dict(made, campaign.name)


LinkCode = Annotated[str, PathParam(min_length=1, max_length=40, description="A short code.")]


@router.delete(
    "/links/{code}",
    summary="Retire a link (its clicks stay)",
    responses={404: {"model": ErrorOut, "description": "No live link of yours"}},
)
def delete_link(
    workspace: WorkspaceDep, code: LinkCode, user: Annotated[User, need(MANAGE)]
) -> dict[str, Any]:
    """Only a live link of a campaign the caller may see and change; any other code answers
    404 as if it did not exist."""
    link = workspace.tracking.link(code)
    if link is None or not link.live:
        raise HTTPException(404, str(said_cli.NO_LINK(code=code.strip())))
    _actor, campaign = _found(workspace, user, link.campaign_id)
    try:
        workspace.tracking.delete_link(link.code)
    except TrackingError as error:
        refused(error)
    return {"deleted": link.code, "campaign": campaign.name}


@router.get(
    "/campaigns/{campaign_id}/links.zip",
    summary="Every live link's QR code (PNG, SVG)",
    response_class=Response,
    responses={**NOT_FOUND, **QR_ZIP},
)
def qr_zip(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> Response:
    _actor, campaign = _found(workspace, user, campaign_id)
    data = workspace.tracking.qr_zip(campaign.id)
    name = f"campaign-{campaign.id}-qr.zip"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/zip", headers=headers)


# Promo codes ------------------------------------------------------------------------------------


@router.get(
    "/campaigns/{campaign_id}/codes", summary="The campaign's promo codes", responses=NOT_FOUND
)
def codes(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    known = workspace.tracking.codes(campaign.id)
    return {"campaign": campaign.name, "codes": [code_dict(c, campaign.name) for c in known]}


@router.post(
    "/campaigns/{campaign_id}/codes",
    status_code=201,
    summary="Make a promo code for every creator (or those named) without one",
    responses=NOT_FOUND,
)
def make_codes(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(MANAGE)], body: CodesIn
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    tracking = workspace.tracking
    try:
        ids = None
        if body.creators is not None:
            ids = creator_ids(campaign, tracking.creators(campaign.id), body.creators)
        made = tracking.make_codes(
            campaign.id,
            body.pattern,
            body.kind,
            str(body.value),
            usage_limit=body.usage_limit,
            once_per_customer=body.once_per_customer,
            starts=body.starts_on,
            ends=body.ends_on,
            account_ids=ids,
        )
    except TrackingError as error:
        refused(error)
    return {"campaign": campaign.name, "made": [code_dict(c, campaign.name) for c in made]}


# Results and attribution ------------------------------------------------------------------------


@router.get(
    "/campaigns/{campaign_id}/results",
    summary="Each creator's clicks, orders, revenue, commission, CPC, CPA and ROAS",
    responses=NOT_FOUND,
)
def results(
    workspace: WorkspaceDep, campaign_id: RowId, user: Annotated[User, need(VIEW)]
) -> dict[str, Any]:
    _actor, campaign = _found(workspace, user, campaign_id)
    found = workspace.placement.results(campaign.id, workspace.tracking.creators(campaign.id))
    return results_dict(campaign.name, found)


@router.get(
    "/attribution",
    summary="Orders by the rule that placed them, with the totals",
    responses=NOT_FOUND,
)
def attribution(
    workspace: WorkspaceDep,
    user: Annotated[User, need(VIEW)],
    campaign: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only orders placed in this campaign.")
    ] = None,
    model: Annotated[
        str, Query(max_length=40, description="default, first_click, linear, time_decay, position")
    ] = "default",
    window: Annotated[
        int | None, Query(ge=0, le=MAX_DAYS, description="Days a click counts (default 30).")
    ] = None,
) -> dict[str, Any]:
    actor = Actor.of(user)
    names = {str(c.id): c.name for c in workspace.campaigns.campaigns(actor)}
    chosen = _found(workspace, user, campaign)[1].id if campaign is not None else None
    scope = actor.scope
    # a campaign: its orders, as its results count them; else the organisation's orders
    # (unattributed ones too), or for a brand's client those placed in campaigns they may see
    whole = chosen is None and scope.brand_ids is None
    granted = chosen is None and scope.brand_ids is not None
    try:
        found = workspace.placement.report(
            chosen, model.strip().lower(), window,
            campaign_ids=[int(k) for k in names] if granted else None,
            organisation_id=scope.organisation_id if whole else None,
        )  # fmt: skip
    except TrackingError as error:
        refused(error)
    return report_dict(found, names, only_known=True)
