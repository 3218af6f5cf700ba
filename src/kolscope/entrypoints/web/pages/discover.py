"""Discover: searching creators with reasons, exporting results, matching a customer list,
saving a search and adding creators to a shortlist (the shortlist pages: pages/shortlists.py).

Search, shortlists and saved searches need ``VIEW_CREATORS`` (owners and members; a brand's
client has no access); shortlists and saved searches belong to the person's organisation, and
only its brands can be searched for (fans of, rank by fit).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.discovery.facade import MAX_LIMIT, SearchError, SearchRequest, SearchResult, grouped
from kolscope.domain.brands import Brand
from kolscope.domain.places import THAI_PROVINCES
from kolscope.domain.platforms import Platform
from kolscope.domain.team import Permission, Scope, User
from kolscope.entrypoints.web import said
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.brands import visible_brands
from kolscope.entrypoints.web.pages.discover_files import (
    UploadedMatch,
    match_upload,
    table_download,
)
from kolscope.entrypoints.web.pages.discover_params import (
    PAGE_SIZE,
    VIEWS,
    check_brands,
    error_said,
    parse_search,
    query_string,
    search_params,
)
from kolscope.entrypoints.web.pages.discover_views import (
    field_helps,
    field_labels,
    hit_view,
    language_labels,
    niche_label,
    niche_options,
    sort_labels,
    total_text,
    type_labels,
)
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need

router = APIRouter(include_in_schema=False)
SEARCH = Permission.VIEW_CREATORS
# Page-only parameters, kept out of searches and saved searches.
_PAGE_KEYS = ("view", "saved", "added", "headers")


def _org(user: User) -> int:
    return user.organisation.id


def _search_pairs(request: Request) -> list[tuple[str, str]]:
    return [(k, v) for k, v in request.query_params.multi_items() if k not in _PAGE_KEYS]


def _tier_names(workspace: Workspace, scheme: str | None) -> tuple[str, ...]:
    try:
        return workspace.config.tier_scheme(scheme).tier_names
    except ValueError:
        return workspace.config.tier_scheme(None).tier_names


def _discover_page(
    request: Request,
    workspace: Workspace,
    user: User,
    *,
    form: dict[str, list[str]],
    search: SearchRequest | None,
    result: SearchResult | None,
    error: SearchError | None = None,
    view: str = "table",
    match: dict[str, Any] | None = None,
    notice: str | None = None,
    status_code: int = 200,
    brands: list[Brand] | None = None,
) -> HTMLResponse:
    """The discover page: the filters as typed, and the results (of a search or a list);
    ``brands``, the brands the user sees, when the caller has read them already."""
    brands = visible_brands(workspace, user) if brands is None else brands
    view = view if view in VIEWS else "table"
    base: list[tuple[str, Any]] = (
        search_params(search, paging=False)
        if search is not None
        else [(k, v) for k, vs in form.items() for v in vs]
    )
    if search is not None and search.limit != PAGE_SIZE:
        base.append(("limit", search.limit))

    def link(**changes: Any) -> str:
        """This search's address with the view or the offset changed."""
        pairs = [(k, v) for k, v in base if k not in changes]
        state = {"view": view if view != "table" else None, **changes}
        pairs += [(k, v) for k, v in state.items() if v not in (None, "", 0)]
        return "/discover?" + query_string(pairs)

    export_query = query_string(search_params(search, paging=False)) if search else ""
    hits = [hit_view(h) for h in result.hits] if result is not None else []
    paging: dict[str, int | None] = {"previous": None, "next": None, "first": 0, "last": 0}
    if result is not None and search is not None and match is None:
        if search.offset > 0:
            paging["previous"] = max(0, search.offset - search.limit)
        if search.offset + len(result.hits) < result.total:
            paging["next"] = search.offset + search.limit
        paging["first"] = search.offset + 1 if result.hits else 0
        paging["last"] = search.offset + len(result.hits)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return page(
        request,
        "discover.html",
        status_code=status_code,
        form=form,
        value=lambda name: next((v for v in form.get(name, []) if v.strip()), ""),
        values=lambda name: [v for v in form.get(name, []) if v.strip()],
        search=search,
        result=result,
        hits=hits,
        total=total_text(result.total, result.total_capped) if result is not None else "",
        paging=paging,
        link=link,
        here=here if match is None else "/discover",
        view=view,
        error=said.say_with(error.reason, said.wording()) if error is not None else None,
        error_field=error.field if error is not None else None,
        labels=field_labels(),
        helps=field_helps(),
        export_query=export_query,
        saved_query=export_query,
        shortlists=workspace.shortlists.lists(_org(user)),
        brands=brands,
        niches=niche_options(),
        niche_label=niche_label,
        platforms=list(Platform),
        provinces=THAI_PROVINCES,
        schemes=sorted(workspace.config.tiers.schemes),
        tiers=_tier_names(workspace, next(iter(form.get("scheme", [])), None) or None),
        sorts=sort_labels(),
        types=type_labels(),
        languages_of_posts=language_labels(),
        match=match,
        notice=notice,
        max_limit=MAX_LIMIT,
    )


def _run(
    workspace: Workspace, user: User, search: SearchRequest, brands: list[Brand] | None = None
) -> SearchResult:
    check_brands(search, visible_brands(workspace, user) if brands is None else brands)
    return workspace.discovery.search(search, Scope.of(user))


@router.get("/discover", response_class=HTMLResponse)
def discover(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    view: str = "table",
    saved: str | None = None,
    added: str | None = None,
) -> HTMLResponse:
    pairs = _search_pairs(request)
    form = grouped(pairs)
    search: SearchRequest | None = None
    brands = visible_brands(workspace, user)  # once: the search checks them, the form lists them
    try:
        search = parse_search(pairs)
        result = _run(workspace, user, search, brands)
    except SearchError as error:
        return _discover_page(
            request, workspace, user, form=form, search=None, result=None, error=error,
            view=view, status_code=400, brands=brands,
        )  # fmt: skip
    notice = None
    if saved:
        notice = _("Search saved as “%(name)s”.") % {"name": saved}
    elif added:
        notice = _("Added to the shortlist “%(name)s”.") % {"name": added}
    return _discover_page(
        request, workspace, user, form=form, search=search, result=result, view=view,
        notice=notice, brands=brands,
    )  # fmt: skip


def _export(workspace: Workspace, user: User, request: Request, suffix: str) -> FileResponse:
    try:
        search = parse_search(_search_pairs(request), limit=MAX_LIMIT)
        result = _run(workspace, user, search)
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels())) from None
    return table_download(
        result.hits,
        suffix,
        f"kolscope-search{suffix}",
        user=user,
        headers=request.query_params.get("headers"),
        title="search",
    )


@router.get("/discover/export.csv")
def export_csv(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need(SEARCH)]
) -> FileResponse:
    """The search's results (up to 500, or ``limit``) as CSV; ``headers=keys`` for the machine
    header row and codes instead of the reader's language."""
    return _export(workspace, user, request, ".csv")


@router.get("/discover/export.xlsx")
def export_xlsx(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need(SEARCH)]
) -> FileResponse:
    """The search's results (up to 500, or ``limit``) as XLSX (``headers=keys`` as for CSV)."""
    return _export(workspace, user, request, ".xlsx")


def _back(target: str, **flags: str) -> str:
    """A local address to return to (never another site), with a notice flag."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        target = "/discover"
    parts = urlsplit(target)
    pairs = [(k, v) for k, v in parse_qsl(parts.query) if k not in _PAGE_KEYS or k == "view"]
    pairs += list(flags.items())
    return parts.path + ("?" + urlencode(pairs) if pairs else "") + "#results"


@router.post("/discover/save")
def save_search(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    name: Annotated[str, Form()],
    query: Annotated[str, Form()] = "",
) -> Response:
    try:
        search = parse_search(parse_qsl(query))
        check_brands(search, visible_brands(workspace, user))
        search = replace(search, limit=PAGE_SIZE, offset=0)
        saved = workspace.shortlists.save_search(name, search, _org(user), user_id=user.id)
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels(), "name")) from None
    target = "/discover?" + query_string([*search_params(search), ("saved", saved.name)])
    return RedirectResponse(target, 303)


@router.post("/discover/shortlist")
def add_to_shortlist(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    reference: Annotated[str, Form()],
    shortlist: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/discover",
) -> Response:
    try:
        workspace.shortlists.add(
            shortlist, [reference], _org(user), note=note.strip() or None, user_id=user.id
        )
        found = workspace.shortlists.named(shortlist, _org(user))
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels(), "shortlist")) from None
    return RedirectResponse(_back(back, added=found.name), 303)


@router.post("/discover/match", response_class=HTMLResponse)
async def match_list(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    file: Annotated[UploadFile, File()],
    niche: Annotated[list[str] | None, Form()] = None,
    type: Annotated[str, Form()] = "",
    min_followers: Annotated[str, Form()] = "",
    brand: Annotated[str, Form()] = "",
    view: Annotated[str, Form()] = "table",
) -> HTMLResponse:
    pairs = [("niche", n) for n in niche or []]
    pairs += [("type", type), ("min_followers", min_followers), ("brand", brand)]
    try:
        matched = await match_upload(workspace, user, file, pairs)
    except SearchError as error:
        return _discover_page(
            request, workspace, user, form={}, search=None, result=None, error=error,
            view=view, match={"failed": True}, status_code=400,
        )  # fmt: skip
    return _discover_page(
        request, workspace, user, form={}, search=matched.search, result=matched.found.result,
        view=view, match=match_summary(matched),
    )  # fmt: skip


def match_summary(matched: UploadedMatch) -> dict[str, Any]:
    found = matched.found
    return {
        "file": matched.file,
        "rows": matched.handles.rows,
        "handles": found.handles_read,
        "skipped": matched.handles.skipped,
        "column": matched.handles.column,
        "found": found.accounts_found,
        "not_found": len(found.not_found),
        "failed": False,
    }
