"""Discover: the overview, the creators list and one creator's page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.domain.audience import AudienceDimension
from kolscope.domain.places import THAI_PROVINCES
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.team import Permission, Role, User
from kolscope.entrypoints.web import i18n
from kolscope.entrypoints.web.api.workspace import import_dict
from kolscope.entrypoints.web.bounds import PageNumber
from kolscope.entrypoints.web.charts import ChartWords, follower_figure, line_chart
from kolscope.entrypoints.web.deps import CreatorSearch, SearchDep, WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.audit_charts import mark_jumps
from kolscope.entrypoints.web.pages.audit_views import RUN_AUDITS, stored_audit
from kolscope.entrypoints.web.pages.campaigns import handle_first
from kolscope.entrypoints.web.pages.client_home import client_home
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.planning.facade import Actor
from kolscope.vetting.facade import CommentQuality

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(Permission.OWN_ACCOUNT)],
) -> Response:
    if user.role == Role.CLIENT:
        return client_home(request, workspace, user)
    totals = workspace.creators.totals()
    mine = workspace.importer.recent_imports(5, user.organisation.id)
    recent = [{**import_dict(i), "started": i.started_at} for i in mine]
    biggest = workspace.creators.list(CreatorSearch().filters(limit=8, offset=0))
    reminders = []
    if user.can(Permission.VIEW_CAMPAIGNS):  # what is due this week and overdue, first
        reminders = [handle_first(r) for r in workspace.outreach.reminders(Actor.of(user))]
    return page(
        request,
        "overview.html",
        totals=totals,
        recent=recent,
        biggest=biggest,
        platforms=list(Platform),
        overdue=[r for r in reminders if r.overdue],
        due=[r for r in reminders if not r.overdue],
    )


@router.get("/creators", response_class=HTMLResponse)
def creators_page(
    request: Request,
    workspace: WorkspaceDep,
    search: SearchDep,
    _user: Annotated[User, need(Permission.VIEW_CREATORS)],
    page_number: PageNumber = 1,
) -> HTMLResponse:
    filters = search.filters(limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
    try:
        result = workspace.creators.list(filters)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    query = {k: v for k, v in request.query_params.multi_items() if k != "page" and v}
    rows = [
        {
            "account": a,
            "tier": result.scheme.tier_for(a.followers),
            "creator": result.page.creators.get(a.creator_id or -1),
            "categories": ", ".join(a.categories),  # autoescaped once in the page
        }
        for a in result.page.accounts
    ]
    pages = max(1, -(-result.page.total // PAGE_SIZE))
    return page(
        request,
        "creators.html",
        rows=rows,
        total=result.page.total,
        page=page_number,
        pages=pages,
        scheme=result.scheme,
        schemes=sorted(workspace.config.tiers.schemes),
        query=query,
        form=dict(request.query_params),
        chosen_platforms=set(search.platform),
        provinces=THAI_PROVINCES,
        platforms=list(Platform),
    )


def comment_quality(workspace: Workspace, account_id: int | None) -> CommentQuality | None:
    """The summary of an account's recent comments (cached until they change)."""
    if account_id is None:
        return None
    return workspace.comment_quality.summary(account_id)


def quality_labels() -> dict[str, str]:
    """What each kind of comment is called on the page, in the person's language."""
    return {
        "positive": _("Positive"),
        "neutral": _("Neutral"),
        "negative": _("Negative"),
        "question": _("Questions"),
        "purchase_intent": _("Purchase intent"),
        "spam": _("Spam"),
        "low_effort": _("Low effort"),
        "toxic": _("Toxic"),
        "genuine": _("Genuine conversation"),
        "emoji_only": _("Emoji only"),
        "sticker_only": _("Sticker only"),
        "generic": _("Generic praise or filler"),
        "duplicate": _("Copy-pasted repeats"),
        "empty": _("Empty"),
        "th": _("Thai"),
        "en": _("English"),
        "mixed": _("Thai and English mixed"),
        "none": _("No words (emoji, stickers, numbers)"),
    }


# {handle:path}: YouTube channel names may hold "/" (e.g. "أترو/Atro"), sent as %2F.
@router.get("/creators/{platform}/{handle:path}", response_class=HTMLResponse)
def creator_page(
    request: Request,
    workspace: WorkspaceDep,
    platform: str,
    handle: str,
    user: Annotated[User, need(Permission.VIEW_CREATORS)],
    scheme: str | None = None,
) -> HTMLResponse:
    found = parse_platform(platform)
    detail = workspace.creators.show(found, handle) if found else None
    if found is None or detail is None:
        raise HTTPException(404, _("This creator is not in the workspace."))
    try:
        tier_scheme = workspace.creators.scheme(scheme)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    history = [
        (s.taken_on, float(s.followers))
        for s in detail.account.snapshots
        if s.followers is not None
    ]
    audience = [
        {
            "profile": profile,
            "dimensions": [
                (d.value, profile.by_dimension(d))
                for d in AudienceDimension
                if profile.by_dimension(d)
            ],
        }
        for profile in detail.audience
    ]
    labels = quality_labels()
    buddhist_era, thai_units = user.formats(i18n.current_language())
    words = ChartWords(i18n.current_language(), buddhist_era, thai_units)
    audit = stored_audit(
        workspace,
        found,
        detail.account.handle,
        lambda value: i18n.count(value, thai_units),
    )
    jumps = audit.jumps if audit else ()
    figure = follower_figure(history, _("Followers"), words) if len(history) > 1 else None
    if figure is not None and jumps:
        figure = mark_jumps(figure, jumps, words)
    marks = [(j.on, _("follower jump found by the audit")) for j in jumps]
    return page(
        request,
        "creator.html",
        detail=detail,
        quality=comment_quality(workspace, detail.account.id),
        quality_labels=labels,
        account=detail.account,
        tier=tier_scheme.tier_for(detail.account.followers),
        scheme=tier_scheme,
        chart=(
            line_chart(history, label=_("Followers"), words=words, marks=marks)
            if len(history) > 1
            else ""
        ),
        figure=figure,
        audit=audit,
        can_audit=user.can(RUN_AUDITS),
        chosen_scheme=scheme or "",
        audience=audience,
        snapshots=list(reversed(detail.account.snapshots)),
    )
