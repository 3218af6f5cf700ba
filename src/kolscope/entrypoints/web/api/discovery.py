"""The discovery part of the JSON API: search with reasons, list matching, shortlists.

The search takes the parameters of ``kolscope creators search`` and answers in its ``--json``
shape; errors are 400 with ``{"detail": message}`` (the API's usual shape), the message naming
the parameter. Included before the rest of /api so ``/api/creators/search`` is never read as
an account.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, UploadFile
from pydantic import BaseModel, Field

from kolscope.discovery.facade import (
    MAX_LIMIT,
    MAX_NOTE,
    SearchError,
    Shortlist,
    hit_dict,
    result_dict,
)
from kolscope.domain.limits import row_id
from kolscope.domain.messages import ENGLISH
from kolscope.domain.team import Permission, Scope, User
from kolscope.entrypoints.web.api.errors import API_ERRORS, ErrorOut
from kolscope.entrypoints.web.deps import WorkspaceDep, without_a_thread
from kolscope.entrypoints.web.pages.brands import visible_brands
from kolscope.entrypoints.web.pages.discover_files import match_upload
from kolscope.entrypoints.web.pages.discover_params import (
    SearchParams,
    check_brands,
    parse_search,
)
from kolscope.entrypoints.web.security import need

router = APIRouter(prefix="/api", tags=["discovery"], responses=API_ERRORS)
SEARCH = Permission.VIEW_CREATORS


class EntriesIn(BaseModel):
    creators: list[str] = Field(
        min_length=1, max_length=1000, description="PLATFORM:HANDLE, e.g. instagram:som.review"
    )
    note: str | None = Field(default=None, max_length=MAX_NOTE)


@router.get("/creators/search", summary="Search creators (every result says why)")
def search_creators(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    params: Annotated[SearchParams, Depends(without_a_thread(SearchParams))],
) -> dict[str, Any]:
    try:
        search = parse_search(params.pairs())
        check_brands(search, visible_brands(workspace, user))
        result = workspace.discovery.search(search, Scope.of(user))
    except SearchError as error:
        raise HTTPException(400, str(error)) from None
    return {"synthetic": workspace.config.synthetic, **result_dict(result)}


@router.post("/creators/match", summary="Find creators among a customer or follower list")
async def match_creators(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    file: Annotated[UploadFile, File(description="Handles: .txt, or .csv/.xlsx with a column")],
    niche: Annotated[list[str] | None, Query(description="Repeat for any of several.")] = None,
    type: Annotated[str | None, Query(description="kol, koc or creator.")] = None,
    min_followers: Annotated[str | None, Query(description="e.g. 10K")] = None,
    brand: Annotated[str | None, Query(description="Rank by fit for this brand.")] = None,
    limit: Annotated[str | None, Query(description=f"1-{MAX_LIMIT}, default 100")] = None,
) -> dict[str, Any]:
    pairs = [("niche", n) for n in niche or []]
    for name, value in (
        ("type", type),
        ("min_followers", min_followers),
        ("brand", brand),
        ("limit", limit),
    ):
        if value is not None:
            pairs.append((name, value))
    try:
        matched = await match_upload(workspace, user, file, pairs, ENGLISH)  # the API's English
    except SearchError as error:
        raise HTTPException(400, str(error)) from None
    handles = matched.handles
    return {
        "synthetic": workspace.config.synthetic,
        "list": {
            "file": matched.file,
            "rows": handles.rows,
            "handles": len(handles.handles),
            "skipped_rows": handles.skipped,
            "column": handles.column,
            "accounts_found": matched.found.accounts_found,
        },
        **result_dict(matched.found.result),
    }


def shortlist_dict(item: Shortlist) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "entries": item.entries,
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
    }


@router.get("/shortlists", summary="Shortlists and saved searches")
def list_shortlists(workspace: WorkspaceDep, user: Annotated[User, need(SEARCH)]) -> dict[str, Any]:
    org = user.organisation.id
    return {
        "synthetic": workspace.config.synthetic,
        "shortlists": [shortlist_dict(s) for s in workspace.shortlists.lists(org)],
        "saved_searches": [
            {"id": s.id, "name": s.name, "query": s.query, "created_at": s.created_at.isoformat()}
            for s in workspace.shortlists.searches(org)
        ],
    }


def _named(workspace: WorkspaceDep, user: User, shortlist: str) -> Shortlist:
    """A shortlist by name (or by id, when no list has that name)."""
    org = user.organisation.id
    lists = workspace.shortlists.lists(org)
    wanted = " ".join(shortlist.split())
    for item in lists:
        if item.name == wanted:
            return item
    wanted_id = row_id(shortlist)
    if wanted_id is not None:
        for item in lists:
            if item.id == wanted_id:
                return item
    raise HTTPException(404, f"no shortlist named {shortlist!r}")


@router.get(
    "/shortlists/{shortlist}",
    summary="A shortlist's creators with their notes",
    responses={404: {"model": ErrorOut, "description": "No such shortlist"}},
)
def show_shortlist(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    shortlist: str,
    scheme: Annotated[str | None, Query(description="Tier scheme for the tiers.")] = None,
) -> dict[str, Any]:
    item = _named(workspace, user, shortlist)
    try:
        entries = workspace.shortlists.entries(item.name, user.organisation.id)
        hits = workspace.discovery.hits_for([e.account_id for e in entries], scheme or None)
    except (SearchError, ValueError) as error:
        raise HTTPException(400, str(error)) from None
    notes = {e.account_id: e.note for e in entries}
    indexed = {h.row.account_id for h in hits}
    return {
        "synthetic": workspace.config.synthetic,
        "shortlist": item.name,
        **shortlist_dict(item),
        "results": [{**hit_dict(h), "note": notes.get(h.row.account_id)} for h in hits],
        "not_indexed": [
            {"reference": f"{e.platform}:{e.handle}", "note": e.note}
            for e in entries
            if e.account_id not in indexed
        ],
    }


@router.post(
    "/shortlists/{shortlist}/entries",
    summary="Add creators to a shortlist (made if new; a creator on it gets the new note)",
)
def add_entries(
    workspace: WorkspaceDep,
    user: Annotated[User, need(SEARCH)],
    shortlist: str,
    body: EntriesIn,
) -> dict[str, Any]:
    org = user.organisation.id
    try:
        added, updated = workspace.shortlists.add(
            shortlist, body.creators, org, note=body.note, user_id=user.id
        )
        item = workspace.shortlists.named(shortlist, org)
    except SearchError as error:
        raise HTTPException(400, f"{_entries_field(str(error))}: {error}") from None
    return {"shortlist": item.name, "id": item.id, "added": added, "updated": updated}


def _entries_field(message: str) -> str:
    """The part of an add-entries request a shortlist error is about."""
    if message.startswith(("a name", "no shortlist", "a shortlist")):
        return "shortlist"
    return "note" if message.startswith("a note") else "creators"
