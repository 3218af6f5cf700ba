"""Server-rendered pages: overview, creators list, one creator, imports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from kolscope.domain.audience import AudienceDimension
from kolscope.domain.places import PROVINCES_BY_CODE, THAI_PROVINCES, country_name
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.quantities import format_count
from kolscope.entrypoints.web.api import import_dict
from kolscope.entrypoints.web.charts import line_chart
from kolscope.entrypoints.web.deps import CreatorSearch, SearchDep, WorkspaceDep

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
templates.env.filters["count"] = format_count
templates.env.filters["country"] = lambda code: country_name(code) or ""
templates.env.filters["province"] = lambda code: (
    PROVINCES_BY_CODE[code].name_en if code in PROVINCES_BY_CODE else (code or "")
)
templates.env.filters["percent"] = lambda value: "" if value is None else f"{value:.0%}"
templates.env.filters["rate"] = lambda value: "" if value is None else f"{value:.1%}"
templates.env.filters["exact"] = lambda value: "" if value is None else f"{value:,}"
router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def _page(request: Request, name: str, workspace: Any, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"workspace": workspace.config, "platforms": list(Platform), **context}
    )


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, workspace: WorkspaceDep) -> HTMLResponse:
    totals = workspace.catalogue.totals()
    recent = [import_dict(i) for i in workspace.import_log.recent_imports(5)]
    biggest = workspace.creators.list(CreatorSearch().filters(limit=8, offset=0))
    return _page(request, "overview.html", workspace, totals=totals, recent=recent, biggest=biggest)


@router.get("/creators", response_class=HTMLResponse)
def creators_page(
    request: Request,
    workspace: WorkspaceDep,
    search: SearchDep,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    filters = search.filters(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
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
        }
        for a in result.page.accounts
    ]
    pages = max(1, -(-result.page.total // PAGE_SIZE))
    return _page(
        request,
        "creators.html",
        workspace,
        rows=rows,
        total=result.page.total,
        page=page,
        pages=pages,
        scheme=result.scheme,
        schemes=sorted(workspace.config.tiers.schemes),
        query=query,
        form=dict(request.query_params),
        chosen_platforms=set(search.platform),
        provinces=THAI_PROVINCES,
    )


@router.get("/creators/{platform}/{handle}", response_class=HTMLResponse)
def creator_page(
    request: Request,
    workspace: WorkspaceDep,
    platform: str,
    handle: str,
    scheme: str | None = None,
) -> HTMLResponse:
    found = parse_platform(platform)
    detail = workspace.creators.show(found, handle) if found else None
    if detail is None:
        raise HTTPException(404, f"{platform}:{handle} is not in the workspace")
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
    return _page(
        request,
        "creator.html",
        workspace,
        detail=detail,
        account=detail.account,
        tier=tier_scheme.tier_for(detail.account.followers),
        scheme=tier_scheme,
        chart=line_chart(history, label="Followers"),
        audience=audience,
        snapshots=list(reversed(detail.account.snapshots)),
    )


@router.get("/imports", response_class=HTMLResponse)
def imports_page(request: Request, workspace: WorkspaceDep) -> HTMLResponse:
    recent = [import_dict(i) for i in workspace.import_log.recent_imports(100)]
    return _page(request, "imports.html", workspace, recent=recent)
