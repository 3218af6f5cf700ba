"""Imports from the browser: upload, check the detected mapping, correct it, run it as a job,
watch it, read the report."""

from __future__ import annotations

import json
import re
import secrets
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.adapters.importers.fields import FIELDS
from kolscope.bootstrap import Workspace
from kolscope.domain.dates import parse_date
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web.api import import_dict, job_dict
from kolscope.entrypoints.web.audit_views import verdict_labels
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.routes_audits import job_title
from kolscope.entrypoints.web.security import need
from kolscope.services.import_jobs import submit_import
from kolscope.services.importing.plan import FilePlan, ImportOptions
from kolscope.services.importing.records import ImportKind
from kolscope.services.ports import ImportFileError

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 200 * 1024 * 1024
ALLOWED = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm"}
_DRAFT = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _uploads(workspace: Workspace) -> Path:
    return workspace.settings.workspace / "uploads"


def _draft_folder(workspace: Workspace, draft: str) -> Path:
    folder = _uploads(workspace) / draft
    if not _DRAFT.match(draft) or not (folder / "draft.json").exists():
        raise HTTPException(404, _("This upload is not there any more: upload the file again."))
    return folder


def _options(saved: dict[str, Any]) -> ImportOptions:
    return ImportOptions(
        kind=ImportKind(saved["kind"]) if saved.get("kind") else None,
        platform=Platform(saved["platform"]) if saved.get("platform") else None,
        as_of=date.fromisoformat(saved["as_of"]) if saved.get("as_of") else None,
        mapping=dict(saved.get("mapping") or {}),
        partial=bool(saved.get("partial")),
        source=saved.get("source"),
    )


@router.get("/imports", response_class=HTMLResponse)
def imports_page(
    request: Request, workspace: WorkspaceDep, _user: Annotated[User, need(Permission.VIEW_IMPORTS)]
) -> HTMLResponse:
    recent = [import_dict(i) for i in workspace.import_log.recent_imports(100)]
    jobs = workspace.jobs.recent(20)
    titles = {j.id: job_title(j) for j in jobs}
    return page(request, "imports.html", recent=recent, jobs=jobs, titles=titles)


@router.get("/imports/new", response_class=HTMLResponse)
def upload_form(
    request: Request, _user: Annotated[User, need(Permission.IMPORT_DATA)]
) -> HTMLResponse:
    return page(
        request, "import_upload.html", kinds=list(ImportKind), platforms=list(Platform), error=None
    )


@router.post("/imports/new", response_class=HTMLResponse)
async def upload(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need(Permission.IMPORT_DATA)],
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form()] = "",
    platform: Annotated[str, Form()] = "",
    as_of: Annotated[str, Form()] = "",
) -> Response:
    name = Path(file.filename or "upload.csv").name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        return page(
            request,
            "import_upload.html",
            status_code=400,
            kinds=list(ImportKind),
            platforms=list(Platform),
            error=_("Choose a CSV, TSV, JSON, JSONL or XLSX file."),
        )
    draft = secrets.token_urlsafe(18)
    folder = _uploads(workspace) / draft
    folder.mkdir(parents=True)
    target = folder / re.sub(r"[^\w.\- ()\u0e00-\u0e7f]", "_", name)
    size = 0
    with target.open("wb") as out:
        while chunk := await file.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD:
                out.close()
                target.unlink()
                raise HTTPException(
                    413,
                    _(
                        "The file is larger than 200 MB: split it, or "
                        "import it with the command line."
                    ),
                )
            out.write(chunk)
    saved: dict[str, Any] = {"file": target.name, "user_id": user.id, "mapping": {}}
    if kind:
        saved["kind"] = ImportKind(kind).value
    if platform:
        found = parse_platform(platform)
        if found is None:
            raise HTTPException(400, f"unknown platform {platform!r}")
        saved["platform"] = found.value
    if as_of.strip():
        try:
            parsed = parse_date(as_of)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        saved["as_of"] = parsed.isoformat() if parsed else None
    (folder / "draft.json").write_text(json.dumps(saved), encoding="utf-8")
    return RedirectResponse(f"/imports/draft/{draft}", 303)


def _plan(workspace: Workspace, folder: Path, saved: dict[str, Any]) -> FilePlan:
    return workspace.importer.plan([folder / saved["file"]], _options(saved))[0]


@router.get("/imports/draft/{draft}", response_class=HTMLResponse)
def review(
    request: Request,
    workspace: WorkspaceDep,
    draft: str,
    _user: Annotated[User, need(Permission.IMPORT_DATA)],
) -> HTMLResponse:
    folder = _draft_folder(workspace, draft)
    saved = json.loads((folder / "draft.json").read_text(encoding="utf-8"))
    try:
        plan: FilePlan | None = _plan(workspace, folder, saved)
        error = None
    except ImportFileError as problem:
        plan, error = None, str(problem)
    kind = plan.kind if plan else ImportKind(saved.get("kind") or "creators")
    return page(
        request,
        "import_review.html",
        draft=draft,
        plan=plan,
        error=error,
        saved=saved,
        kinds=list(ImportKind),
        platforms=list(Platform),
        fields=[spec.name for spec in FIELDS[kind]],
    )


@router.post("/imports/draft/{draft}", response_class=HTMLResponse)
async def confirm(
    request: Request,
    workspace: WorkspaceDep,
    draft: str,
    user: Annotated[User, need(Permission.IMPORT_DATA)],
) -> Response:
    folder = _draft_folder(workspace, draft)
    saved = json.loads((folder / "draft.json").read_text(encoding="utf-8"))
    form = await request.form()
    for key in ("kind", "platform", "as_of"):
        value = str(form.get(key) or "").strip()
        if key == "as_of" and value:
            parsed = parse_date(value)
            value = parsed.isoformat() if parsed else ""
        saved[key] = value or None
    saved["partial"] = form.get("partial") == "on"
    try:
        plan = _plan(workspace, folder, {**saved, "mapping": saved.get("mapping") or {}})
    except ImportFileError:
        plan = None
    if plan is not None:
        saved["mapping"] = _mapping_from_form(plan, form, saved.get("mapping") or {})
    (folder / "draft.json").write_text(json.dumps(saved), encoding="utf-8")
    if form.get("action") != "import":
        return RedirectResponse(f"/imports/draft/{draft}", 303)
    job = submit_import(
        workspace.jobs,
        [folder / saved["file"]],
        _options(saved),
        user_id=user.id,
        title=_("Import of {name}").format(name=saved["file"]),
    )
    return RedirectResponse(f"/jobs/{job.id}", 303)


def _mapping_from_form(
    plan: FilePlan, form: Any, mapping: dict[str, str | None]
) -> dict[str, str | None]:
    """Column choices from the review form as --map overrides (field -> column number)."""
    chosen = dict(mapping)
    for column in plan.columns:
        value = str(form.get(f"column_{column.index}") or "")
        current = column.field or "-"
        if not value or value == current:
            continue
        if value == "-":
            others = [
                c for c in plan.columns if c.field == column.field and c.index != column.index
            ]
            if column.field:
                chosen[column.field] = f"#{others[0].index + 1}" if others else None
        else:
            chosen[value] = f"#{column.index + 1}"
    return chosen


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(
    request: Request,
    workspace: WorkspaceDep,
    job_id: int,
    _user: Annotated[User, need(Permission.VIEW_JOBS)],
) -> HTMLResponse:
    job = workspace.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, _("There is no such job."))
    return page(
        request,
        "job.html",
        job=job,
        title=job_title(job),
        verdict_labels=verdict_labels(),
        state=job_dict(job),
        result=job.result or {},
    )
