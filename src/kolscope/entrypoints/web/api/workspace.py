"""The JSON API under /api (documented at /api/docs, schema at /api/openapi.json)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from kolscope.catalogue.facade import account_dict, detail_dict
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.api.errors import API_ERRORS, ErrorOut
from kolscope.entrypoints.web.api.schemas import (
    AuditListOut,
    AuditReportOut,
    CreatorDetailOut,
    CreatorPage,
    ImportOut,
    StatsOut,
    TierSchemeOut,
)
from kolscope.entrypoints.web.bounds import Offset, RowId
from kolscope.entrypoints.web.deps import SearchDep, WorkspaceDep, audit_query
from kolscope.entrypoints.web.pages.audit_views import RUN_AUDITS, SORTS, VERDICTS
from kolscope.entrypoints.web.security import need
from kolscope.vetting.facade import AccountNotFoundError, AuditRecord

router = APIRouter(prefix="/api", tags=["api"], responses=API_ERRORS)


@router.get("/creators", response_model=CreatorPage, summary="List creators' accounts")
def list_creators(
    workspace: WorkspaceDep,
    search: SearchDep,
    _user: Annotated[User, need(Permission.VIEW_CREATORS)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = search.filters(limit=limit, offset=offset, with_snapshots=True)
    try:
        result = workspace.creators.list(filters)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    page = result.page
    return {
        "synthetic": workspace.config.synthetic,
        "scheme": result.scheme.name,
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "creators": [
            account_dict(a, result.scheme, page.creators.get(a.creator_id or -1))
            for a in page.accounts
        ],
    }


@router.get(
    "/creators/{platform}/{handle}",
    response_model=CreatorDetailOut,
    summary="One account in full",
    responses={404: {"model": ErrorOut, "description": "Not in the workspace"}},
)
def show_creator(
    workspace: WorkspaceDep,
    platform: str,
    handle: str,
    _user: Annotated[User, need(Permission.VIEW_CREATORS)],
    scheme: str | None = None,
) -> dict[str, Any]:
    found = parse_platform(platform)
    if found is None:
        raise HTTPException(404, f"unknown platform {platform!r}")
    try:
        tier_scheme = workspace.creators.scheme(scheme)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    detail = workspace.creators.show(found, handle)
    if detail is None:
        raise HTTPException(404, f"{found.value}:{handle} is not in the workspace")
    data = detail_dict(detail, tier_scheme)
    data["synthetic"] = workspace.config.synthetic
    return data


@router.get("/audits", response_model=AuditListOut, summary="List audits")
def list_audits(
    workspace: WorkspaceDep,
    _user: Annotated[User, need(Permission.VIEW_AUDITS)],
    verdict: Annotated[str | None, Query(description=" | ".join(VERDICTS))] = None,
    platform: Annotated[list[str] | None, Query(description="Repeat for several.")] = None,
    sort: Annotated[str, Query(description=", ".join(SORTS))] = "-score",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    query = audit_query(verdict, platform, sort, limit=limit, offset=offset)
    try:
        found = workspace.audits.list(query)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    return {
        "synthetic": workspace.config.synthetic,
        "total": found.total,
        "limit": limit,
        "offset": offset,
        "counts": found.counts,
        "audits": [audit_dict(r) for r in found.records],
    }


def audit_dict(record: AuditRecord) -> dict[str, Any]:
    return {
        "account": f"{record.platform.value}:{record.handle}",
        "platform": record.platform.value,
        "handle": record.handle,
        "followers": record.followers,
        "scheme": record.scheme,
        "tier": record.tier,
        "score": record.score,
        "verdict": record.verdict,
        "confidence": record.confidence,
        "problems": record.problems,
        "audited_at": record.audited_at.isoformat(),
    }


def _platform(platform: str) -> Platform:
    found = parse_platform(platform)
    if found is None:
        raise HTTPException(404, f"unknown platform {platform!r}")
    return found


@router.get(
    "/creators/{platform}/{handle}/audit",
    response_model=AuditReportOut,
    summary="An account's newest audit",
    responses={404: {"model": ErrorOut, "description": "Not in the workspace, or not audited yet"}},
)
def show_audit(
    workspace: WorkspaceDep,
    platform: str,
    handle: str,
    _user: Annotated[User, need(Permission.VIEW_AUDITS)],
) -> dict[str, Any]:
    found = _platform(platform)
    record = workspace.audits.audit_of(found, handle)
    if record is None:
        raise HTTPException(404, f"no audit of {found.value}:{handle} in this workspace")
    return record.report


@router.post(
    "/creators/{platform}/{handle}/audit",
    response_model=AuditReportOut,
    summary="Audit an account now (and keep the result)",
    responses={404: {"model": ErrorOut, "description": "Not in the workspace"}},
)
def run_audit(
    workspace: WorkspaceDep,
    platform: str,
    handle: str,
    _user: Annotated[User, need(RUN_AUDITS)],
    scheme: Annotated[str | None, Query(description="standard, wide-micro, kol-th, …")] = None,
) -> dict[str, Any]:
    found = _platform(platform)
    try:
        chosen = workspace.creators.scheme(scheme or None)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    try:
        result = workspace.audits.audit(found, handle, scheme=chosen.name)
    except AccountNotFoundError:
        raise HTTPException(404, f"{found.value}:{handle} is not in the workspace") from None
    return result.to_dict()


@router.get("/stats", response_model=StatsOut, summary="What the workspace holds")
def stats(
    workspace: WorkspaceDep, _user: Annotated[User, need(Permission.VIEW_CREATORS)]
) -> dict[str, Any]:
    totals = workspace.creators.totals()
    return {
        "synthetic": workspace.config.synthetic,
        "workspace": workspace.config.name,
        "creators": totals.creators,
        "accounts": totals.accounts,
        "snapshots": totals.snapshots,
        "posts": totals.posts,
        "comments": totals.comments,
        "audience_profiles": totals.audience_profiles,
        "follower_samples": totals.follower_samples,
        "brands": totals.brands,
        "accounts_by_platform": totals.accounts_by_platform,
    }


@router.get("/tiers", response_model=list[TierSchemeOut], summary="Tier schemes and bands")
def tiers(
    workspace: WorkspaceDep, _user: Annotated[User, need(Permission.VIEW_CREATORS)]
) -> list[dict[str, Any]]:
    config = workspace.config
    result = []
    for name in sorted(config.tiers.schemes):
        scheme = config.tiers.schemes[name]
        bands = [scheme.tier_named(b.name) for b in scheme.bands]
        result.append(
            {
                "name": scheme.name,
                "label": scheme.label,
                "source": scheme.source,
                "default": name == config.tiers.default,
                "tiers": [
                    {
                        "name": t.name,
                        "min_followers": t.min_followers,
                        "max_followers": t.max_followers,
                    }
                    for t in bands
                ],
            }
        )
    return result


@router.get("/imports", response_model=list[ImportOut], summary="Recent imports")
def imports(
    user: Annotated[User, need(Permission.VIEW_IMPORTS)],
    workspace: WorkspaceDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[dict[str, Any]]:
    found = workspace.importer.recent_imports(limit, user.organisation.id)
    return [import_dict(item) for item in found]


def import_dict(item: Any) -> dict[str, Any]:
    summary = item.summary or {}
    files = summary.get("files") or []
    imported = sum(f.get("imported", 0) for f in files) if files else None
    return {
        "id": item.id,
        "started_at": item.started_at.isoformat(),
        "finished_at": item.finished_at.isoformat() if item.finished_at else None,
        "status": item.status,
        "kind": item.kind,
        # the file's name only: the server's folders (and an upload's token) stay private
        "files": [PurePath(str(f.get("file", ""))).name for f in item.files],
        "rows_imported": imported,
        "error": item.error,
    }


@router.get("/me", summary="Who the token or session belongs to")
def me(user: Annotated[User, need(Permission.OWN_ACCOUNT)]) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role.value,
        "organisation": user.organisation.name,
        "language": user.language,
    }


@router.get("/jobs/{job_id}", summary="A background job's progress and outcome")
def job(
    workspace: WorkspaceDep, job_id: RowId, user: Annotated[User, need(Permission.VIEW_JOBS)]
) -> dict[str, Any]:
    found = workspace.jobs.get(job_id, user.organisation.id)  # another organisation's: 404
    if found is None:
        raise HTTPException(404, f"no job {job_id}")
    return job_dict(found)


def job_dict(job: Any) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "title": job.title,
        "status": job.status.value,
        "finished": job.finished,
        "percent": job.percent,
        "progress_done": job.progress_done,
        "progress_total": job.progress_total,
        "message": job.message,
        "error": job.error,
        # the coded forms ({"code", "params", "text"}) of title, note (message) and error
        "title_message": job.title_said.to_dict(),
        "note_message": job.note_said.to_dict() if job.note_said else None,
        "error_message": job.error_said.to_dict() if job.error_said else None,
        "created_at": job.created_at.isoformat(),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "result": _private(job.result),
    }


def _private(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """A job's result without the server's folders: an import's files and plans name their
    file only (as ``/api/imports`` does)."""
    if not result:
        return result
    shown = dict(result)
    for key in ("files", "plans"):
        if isinstance(shown.get(key), list):
            shown[key] = [
                {**item, "file": PurePath(str(item["file"])).name}
                if isinstance(item, dict) and "file" in item
                else item
                for item in shown[key]
            ]
    return shown
