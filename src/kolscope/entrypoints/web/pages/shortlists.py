"""Shortlists and saved searches: named lists of creators with notes, their exports, and the
searches people saved from the discover page.

They need ``VIEW_CREATORS`` (owners and members; a brand's client has no access) and belong to
the person's organisation.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.discovery.facade import SearchError, SearchRequest, Shortlist
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.discover_files import (
    safe_filename,
    table_download,
)
from kolscope.entrypoints.web.pages.discover_params import (
    error_said,
    query_string,
    search_params,
)
from kolscope.entrypoints.web.pages.discover_views import (
    creator_url,
    field_labels,
    hit_view,
)
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need

router = APIRouter(include_in_schema=False)
SEARCH = Permission.VIEW_CREATORS


def _org(user: User) -> int:
    return user.organisation.id


def _shortlist(workspace: Workspace, user: User, shortlist_id: int) -> Shortlist:
    for item in workspace.shortlists.lists(_org(user)):
        if item.id == shortlist_id:
            return item
    raise HTTPException(404, _("This shortlist is not there any more."))


def describe(request: SearchRequest) -> list[tuple[str, str]]:
    """A saved search's filters as (label, value) pairs."""
    labels = field_labels()
    return [(labels.get(k, k), v) for k, v in search_params(request, paging=False)]


@router.get("/shortlists", response_class=HTMLResponse)
def shortlists_page(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need(SEARCH)]
) -> HTMLResponse:
    searches: list[dict[str, Any]] = []
    for saved in workspace.shortlists.searches(_org(user)):
        try:
            search = saved.request
        except (SearchError, TypeError):
            searches.append({"saved": saved, "run": None, "filters": []})
            continue
        searches.append(
            {
                "saved": saved,
                "run": "/discover?" + query_string(search_params(search, paging=False)),
                "filters": describe(search),
            }
        )
    return page(
        request,
        "shortlists.html",
        shortlists=workspace.shortlists.lists(_org(user)),
        searches=searches,
    )


@router.post("/shortlists")
def create_shortlist(
    workspace: WorkspaceDep, user: Annotated[User, need(SEARCH)], name: Annotated[str, Form()]
) -> Response:
    try:
        made = workspace.shortlists.create(name, _org(user), user_id=user.id)
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels(), "name")) from None
    return RedirectResponse(f"/shortlists/{made.id}", 303)


@router.post("/shortlists/searches/delete")
def delete_saved_search(
    workspace: WorkspaceDep, user: Annotated[User, need(SEARCH)], name: Annotated[str, Form()]
) -> Response:
    try:
        workspace.shortlists.delete_search(name, _org(user))
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels())) from None
    return RedirectResponse("/shortlists", 303)


def _members(
    workspace: Workspace, user: User, item: Shortlist, scheme: str | None
) -> tuple[list[dict[str, Any]], dict[int, str | None], list[Any]]:
    try:
        entries = workspace.shortlists.entries(item.name, _org(user))
        hits = workspace.discovery.hits_for([e.account_id for e in entries], scheme)
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels())) from None
    except ValueError as error:  # a tier scheme the domain cannot read (its English)
        raise HTTPException(400, str(error)) from None
    by_id = {h.row.account_id: h for h in hits}
    members = [
        {
            "entry": e,
            "reference": f"{e.platform}:{e.handle}",
            "url": creator_url(e.platform, e.handle),
            "view": hit_view(by_id[e.account_id]) if e.account_id in by_id else None,
        }
        for e in entries
    ]
    return members, {e.account_id: e.note for e in entries}, hits


@router.get("/shortlists/{shortlist_id:int}", response_class=HTMLResponse)
def shortlist_page(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    shortlist_id: int,
    scheme: str | None = None,
) -> HTMLResponse:
    item = _shortlist(workspace, user, shortlist_id)
    members, _notes, _hits = _members(workspace, user, item, scheme or None)
    return page(request, "shortlist.html", shortlist=item, members=members)


def _export_list(
    workspace: Workspace,
    user: User,
    shortlist_id: int,
    suffix: str,
    scheme: str | None,
    headers: str | None = None,
) -> FileResponse:
    item = _shortlist(workspace, user, shortlist_id)
    _rows, notes, hits = _members(workspace, user, item, scheme or None)
    return table_download(
        hits,
        suffix,
        safe_filename(item.name, suffix),
        user=user,
        headers=headers,
        notes=notes,
        title=item.name,
    )


@router.get("/shortlists/{shortlist_id:int}/export.csv")
def export_shortlist_csv(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    shortlist_id: int,
    scheme: str | None = None,
    headers: str | None = None,
) -> FileResponse:
    return _export_list(workspace, user, shortlist_id, ".csv", scheme, headers)


@router.get("/shortlists/{shortlist_id:int}/export.xlsx")
def export_shortlist_xlsx(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    shortlist_id: int,
    scheme: str | None = None,
    headers: str | None = None,
) -> FileResponse:
    return _export_list(workspace, user, shortlist_id, ".xlsx", scheme, headers)


@router.post("/shortlists/{shortlist_id:int}/note")
def edit_note(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    shortlist_id: int,
    reference: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    item = _shortlist(workspace, user, shortlist_id)
    try:
        workspace.shortlists.add(
            item.name, [reference], _org(user), note=note.strip(), user_id=user.id, create=False
        )
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels())) from None
    return RedirectResponse(f"/shortlists/{item.id}", 303)


@router.post("/shortlists/{shortlist_id:int}/remove")
def remove_member(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    shortlist_id: int,
    reference: Annotated[str, Form()],
) -> Response:
    item = _shortlist(workspace, user, shortlist_id)
    try:
        workspace.shortlists.remove(item.name, reference, _org(user))
    except SearchError as error:
        raise HTTPException(400, error_said(error, field_labels())) from None
    return RedirectResponse(f"/shortlists/{item.id}", 303)


@router.post("/shortlists/{shortlist_id:int}/delete")
def delete_shortlist(
    workspace: WorkspaceDep, user: Annotated[User, need(SEARCH)], shortlist_id: int
) -> Response:
    item = _shortlist(workspace, user, shortlist_id)
    workspace.shortlists.delete(item.name, _org(user))
    return RedirectResponse("/shortlists", 303)
