"""Vet: the list of audits (sorted, filtered by verdict and platform), running one account's
audit from its page, and auditing every account as a background job."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.discovery.facade import INDEX
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.bounds import PageNumber
from kolscope.entrypoints.web.deps import WorkspaceDep, audit_query
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages.audit_views import (
    RUN_AUDITS,
    VERDICTS,
    confidence_labels,
    score_text,
    sort_labels,
    verdict_labels,
)
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.jobs.facade import kinds
from kolscope.vetting.facade import AUDIT, AccountNotFoundError, submit_audit_all

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
# Column -> the sort its header asks for, and the other way round when it is already chosen.
COLUMN_SORTS = {
    "handle": ("handle", "handle"),
    "followers": ("-followers", "followers"),
    "score": ("-score", "score"),
    "problems": ("problems", "problems"),
    "audited": ("audited", "audited"),
}


@router.get("/audits", response_class=HTMLResponse)
def audits_page(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(Permission.VIEW_AUDITS)],
    verdict: str | None = None,
    platform: Annotated[list[str] | None, Query()] = None,
    sort: str = "-score",
    page_number: PageNumber = 1,
) -> HTMLResponse:
    query = audit_query(
        verdict, platform, sort, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE
    )
    try:
        found = workspace.audits.list(query)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    state: dict[str, Any] = {
        "verdict": query.verdict or "",
        "platform": [p.value for p in query.platforms],
        "sort": query.sort,
    }

    def link(**changes: Any) -> str:
        """This page's address with some filters changed (and back to page 1)."""
        merged = {**state, **changes}
        pairs = [(k, v) for k, v in merged.items() if v not in ("", None, [])]
        return "?" + urlencode(pairs, doseq=True)

    verdicts, confidences = verdict_labels(), confidence_labels()
    rows = [
        {
            "record": r,
            "score": score_text(r.score),
            "verdict": verdicts.get(r.verdict, r.verdict),
            "confidence": confidences.get(r.confidence, r.confidence),
            "audited_at": r.audited_at,
        }
        for r in found.records
    ]
    jobs = workspace.jobs.recent(20, organisation_id=user.organisation.id)
    audit_jobs = [j for j in jobs if j.kind == AUDIT]
    return page(
        request,
        "audits.html",
        rows=rows,
        total=found.total,
        counts=found.counts,
        all_audits=sum(found.counts.values()),
        verdicts=VERDICTS,
        verdict_labels=verdicts,
        chosen_verdict=query.verdict or "",
        chosen_platforms=set(state["platform"]),
        sort=query.sort,
        sorts=sort_labels(),
        column_sorts=COLUMN_SORTS,
        link=link,
        page=page_number,
        pages=max(1, -(-found.total // PAGE_SIZE)),
        platforms=list(Platform),
        audit_job=audit_jobs[0] if audit_jobs else None,
        can_audit=user.can(RUN_AUDITS),
    )


@router.post("/audits/run")
def audit_everything(
    workspace: WorkspaceDep, user: Annotated[User, need(RUN_AUDITS)]
) -> RedirectResponse:
    job = submit_audit_all(workspace.jobs, user_id=user.id)
    return RedirectResponse(f"/jobs/{job.id}", 303)


@router.post("/creators/{platform}/{handle:path}/audit")
def audit_one(
    workspace: WorkspaceDep,
    platform: str,
    handle: str,
    _user: Annotated[User, need(RUN_AUDITS)],
    scheme: Annotated[str, Form()] = "",
) -> Response:
    found = parse_platform(platform)
    if found is None:
        raise HTTPException(404, _("This creator is not in the workspace."))
    try:
        chosen = workspace.creators.scheme(scheme.strip() or None)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    try:
        workspace.audits.audit(found, handle, scheme=chosen.name)
    except AccountNotFoundError:
        raise HTTPException(404, _("This creator is not in the workspace.")) from None
    back = f"/creators/{found.value}/{quote(handle, safe='')}"
    if scheme.strip():
        back += "?" + urlencode({"scheme": chosen.name})
    return RedirectResponse(back + "#audit", 303)


def job_title(job: Any) -> str:
    """A job's title in the person's language, for the kinds the web app starts."""
    if job.kind == AUDIT:
        names = [p.label for p in map(parse_platform, job.params.get("platforms") or ()) if p]
        if names:
            return _("Audit of the %(platforms)s accounts") % {"platforms": ", ".join(names)}
        return _("Audit of every account")
    if job.kind == INDEX:
        if job.params.get("all"):
            return _("Rebuild the search index")
        return _("Update the search index")
    if job.kind == kinds.NORMS:
        return _("Update the peer norms of audits")
    return str(job.title)
