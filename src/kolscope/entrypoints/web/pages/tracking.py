"""A campaign's tracking tab: where its links lead (destinations), a tracking link and QR code
per creator (made for everyone at once, or a pasted Shopee/Lazada affiliate link), promo codes
from a pattern, each creator's live clicks, orders and money, the orders with the rule that
placed each and why, under the default rules or a documented alternative model.

Anyone who may see the campaign sees the tab (a brand's client: their brands' campaigns only,
and without the ratios worked out from the agency's agreed fees); changing anything needs
MANAGE_CAMPAIGNS. Every tracking call names a campaign the planning facade let this person see.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages import tracking_views as views
from kolscope.entrypoints.web.pages.campaign_forms import FormDep, FormValues, one
from kolscope.entrypoints.web.pages.campaigns import campaign_of
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.planning.facade import Campaign
from kolscope.tracking.facade import (
    DEFAULT_WINDOW_DAYS,
    MEDIUMS,
    MODELS,
    SHOP_KINDS,
    TrackingError,
)

router = APIRouter(include_in_schema=False)
need_view = need(Permission.VIEW_CAMPAIGNS)
need_manage = need(Permission.MANAGE_CAMPAIGNS)
MOST_WINDOW_DAYS = 365
SUB_ID_SLOTS = (1, 2, 3, 4, 5)


class NotAcceptedError(ValueError):
    """A form value the page refuses before tracking sees it; ``message`` is already in the
    reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _window(text: str) -> int:
    if not text.strip():
        return DEFAULT_WINDOW_DAYS
    try:
        days = int(text.strip())
    except ValueError:
        days = 0
    if not 1 <= days <= MOST_WINDOW_DAYS:
        message = _("The window is a whole number of days from 1 to %(most)s.")
        raise HTTPException(400, message % {"most": MOST_WINDOW_DAYS})
    return days


def _model(text: str) -> str:
    chosen = text.strip() or "default"
    if chosen not in MODELS:
        raise HTTPException(400, _("Choose one of the attribution models offered."))
    return chosen


def tracking_page(
    request: Request,
    workspace: Workspace,
    user: User,
    campaign: Campaign,
    *,
    model: str = "default",
    window: int = DEFAULT_WINDOW_DAYS,
    error: str | None = None,
    failed: str = "",
    values: FormValues | None = None,
) -> HTMLResponse:
    """The tab; ``failed`` names the form an ``error`` belongs to (its values kept)."""
    buddhist, thai_units = user.formats(i18n.current_language())
    may_manage = user.can(Permission.MANAGE_CAMPAIGNS)
    tracking = workspace.tracking
    creators = tracking.creators(campaign.id)
    results = workspace.placement.results(campaign.id, creators)
    words = said.wording({"buddhist_era": buddhist, "thai_units": thai_units})
    report = workspace.placement.report(campaign.id, model, window)
    # An order no rule placed belongs to no campaign: the team sees how many of their
    # organisation's orders stayed unattributed (a brand's client sees only its campaign's).
    unplaced = (
        workspace.placement.report(
            None, model, window, organisation_id=user.organisation.id
        ).totals.unattributed
        if may_manage
        else None
    )
    destinations = tracking.destinations(campaign.id)
    codes = tracking.codes(campaign.id)
    return page(
        request,
        "tracking.html",
        status_code=400 if error else 200,
        campaign=campaign,
        may_manage=may_manage,
        destinations=destinations,
        destination_names={d.id: d.label or d.url for d in destinations},
        rows=views.creator_rows(
            creators,
            tracking.links(campaign.id),
            codes,
            results,
            thai_units=thai_units,
            may_see_fees=may_manage,
        ),
        totals=views.totals(results, thai_units),
        has_codes=any(c.origin == "kolscope" for c in codes),
        orders=views.orders_view(report, words),
        unplaced=unplaced,
        model=model,
        window=window,
        models=[(m, views.named(views.MODEL_NAMES, m)) for m in MODELS],
        mediums=[(m, views.named(views.MEDIUM_NAMES, m)) for m in MEDIUMS],
        shop_kinds=[(k, views.named(views.SHOP_KIND_NAMES, k)) for k in SHOP_KINDS],
        marketplaces=views.MARKETPLACE_NAMES,
        slots=SUB_ID_SLOTS,
        error=error,
        failed=failed,
        values=values or {},
    )


@router.get("/campaigns/{campaign_id:int}/tracking", response_class=HTMLResponse)
def tracking_tab(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_view],
    campaign_id: int,
    model: str = "",
    window: str = "",
) -> HTMLResponse:
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    return tracking_page(
        request, workspace, user, campaign, model=_model(model), window=_window(window)
    )


@router.get("/campaigns/{campaign_id:int}/tracking/live")
def live_counts(
    workspace: WorkspaceDep, user: Annotated[User, need_view], campaign_id: int
) -> JSONResponse:
    """Each creator's clicks, orders and money now, written for the reader (tracking.js)."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    _buddhist, thai_units = user.formats(i18n.current_language())
    creators = workspace.tracking.creators(campaign.id)
    results = workspace.placement.results(campaign.id, creators)
    may_see_fees = user.can(Permission.MANAGE_CAMPAIGNS)
    return JSONResponse(
        views.live(results, thai_units, may_see_fees), headers={"Cache-Control": "no-store"}
    )


def _back(campaign: Campaign, section: str) -> RedirectResponse:
    return RedirectResponse(f"/campaigns/{campaign.id}/tracking#{section}", 303)


def _refused(
    request: Request,
    workspace: Workspace,
    user: User,
    campaign: Campaign,
    problem: TrackingError | NotAcceptedError,
    failed: str,
    values: FormValues,
) -> HTMLResponse:
    if isinstance(problem, TrackingError):
        buddhist, thai_units = user.formats(i18n.current_language())
        words = said.wording({"buddhist_era": buddhist, "thai_units": thai_units})
        text = said.say_with(problem.message, words)
    else:
        text = problem.message
    return tracking_page(
        request, workspace, user, campaign, error=text, failed=failed, values=values
    )


@router.post("/campaigns/{campaign_id:int}/tracking/destinations", response_class=HTMLResponse)
def add_destination(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """Register a page the campaign's links may lead to (and nowhere else)."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    try:
        workspace.tracking.add_destination(
            campaign.id, one(values, "url"), one(values, "label") or None,
            one(values, "shop_kind") or None,
        )  # fmt: skip
    except TrackingError as error:
        return _refused(request, workspace, user, campaign, error, "destination", values)
    return _back(campaign, "destinations")


def _number(values: FormValues, key: str, refusal: str) -> int:
    text = one(values, key)
    if not text.isdigit():
        raise NotAcceptedError(refusal)
    return int(text)


@router.post("/campaigns/{campaign_id:int}/tracking/links", response_class=HTMLResponse)
def make_links(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """A link to the chosen destination for every creator who has none to it yet."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    try:
        destination = _number(values, "destination", _("Choose the page the links lead to."))
        workspace.tracking.make_links(
            campaign.id, destination, one(values, "medium") or "influencer"
        )
    except (TrackingError, NotAcceptedError) as error:
        return _refused(request, workspace, user, campaign, error, "links", values)
    return _back(campaign, "creators")


@router.post("/campaigns/{campaign_id:int}/tracking/paste", response_class=HTMLResponse)
def paste_link(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """Keep a creator's Shopee or Lazada affiliate link with their token in a sub-id."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    try:
        account = _number(values, "account", _("Choose the creator."))
        slot = one(values, "slot") or "1"
        if slot not in {str(s) for s in SUB_ID_SLOTS}:
            raise NotAcceptedError(_("Choose a sub-id from 1 to 5."))
        workspace.tracking.paste_link(campaign.id, account, one(values, "url"), int(slot))
    except (TrackingError, NotAcceptedError) as error:
        return _refused(request, workspace, user, campaign, error, "paste", values)
    return _back(campaign, "creators")


@router.post("/campaigns/{campaign_id:int}/tracking/delete", response_class=HTMLResponse)
def delete_link(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """Retire one of this campaign's links: its short address stops working, its clicks stay."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    code = one(values, "link")
    try:
        link = workspace.tracking.link(code) if code else None
        if link is None or link.campaign_id != campaign.id or not link.live:
            raise NotAcceptedError(_("This link is not one of this campaign's live links."))
        workspace.tracking.delete_link(code)
    except (TrackingError, NotAcceptedError) as error:
        return _refused(request, workspace, user, campaign, error, "delete", values)
    return _back(campaign, "creators")


def _day(values: FormValues, key: str) -> date | None:
    text = one(values, key)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise NotAcceptedError(_("Not a date: %(value)s") % {"value": text}) from None


def _limit(values: FormValues) -> int | None:
    text = one(values, "usage_limit").replace(",", "")
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise NotAcceptedError(_("The usage limit is a whole number of orders, 1 or more."))
    return int(text)


@router.post("/campaigns/{campaign_id:int}/tracking/codes", response_class=HTMLResponse)
def make_codes(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """A promo code from the pattern for every creator without one in this campaign."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    try:
        workspace.tracking.make_codes(
            campaign.id,
            one(values, "pattern"),
            one(values, "kind") or "percent",
            one(values, "value").replace(",", ""),
            usage_limit=_limit(values),
            once_per_customer=one(values, "once_per_customer") == "on",
            starts=_day(values, "starts"),
            ends=_day(values, "ends"),
        )
    except (TrackingError, NotAcceptedError) as error:
        return _refused(request, workspace, user, campaign, error, "codes", values)
    return _back(campaign, "creators")


@router.post("/campaigns/{campaign_id:int}/tracking/shop-codes", response_class=HTMLResponse)
def shop_codes(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_manage],
    campaign_id: int,
    values: FormDep,
) -> Response:
    """Codes the shop already has, so new codes never clash with them."""
    _actor, campaign = campaign_of(workspace, user, campaign_id)
    text = one(values, "codes")
    found = [c for c in text.replace(",", " ").split() if c]
    if not found:
        problem = NotAcceptedError(_("Paste the shop's codes, one per line."))
        return _refused(request, workspace, user, campaign, problem, "shop_codes", values)
    workspace.tracking.import_shop_codes(found)
    return _back(campaign, "codes")
