"""Imports from the browser: upload, check the detected mapping, correct it, run it as a job,
watch it, read the report."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from kolscope.catalogue.facade import FIELDS, FilePlan, ImportKind, on_page, submit_import
from kolscope.domain.dates import parse_date
from kolscope.domain.messages import Message
from kolscope.domain.platforms import Platform, parse_platform
from kolscope.domain.team import Permission, User
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.api.workspace import import_dict, job_dict
from kolscope.entrypoints.web.bounds import RowId
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages import job_said
from kolscope.entrypoints.web.pages.audit_views import verdict_labels
from kolscope.entrypoints.web.pages.field_names import FIELD_LABELS
from kolscope.entrypoints.web.pages.import_drafts import (
    DRAFT_FILE,
    PLAN_CACHE,
    Draft,
    draft_options,
    draft_plan,
    open_draft,
    uploads,
)
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.entrypoints.web.vocabulary import N_

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 200 * 1024 * 1024
ALLOWED = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm"}
STATUSES = (N_("interrupted"),)  # the import log's status for an import whose process died


class BadChoiceError(ValueError):
    """A kind, platform or date in a form that kolscope does not know (answered with 400)."""


def _choices(kind: str, platform: str, as_of: str) -> dict[str, str | None]:
    """The form's kind, platform and date as a draft stores them (BadChoiceError if wrong)."""
    chosen: dict[str, str | None] = {"kind": None, "platform": None, "as_of": None}
    kind, platform, as_of = kind.strip(), platform.strip(), as_of.strip()
    if kind:
        if kind not in {k.value for k in ImportKind}:
            raise BadChoiceError(_("Unknown kind of file: {value}").format(value=kind))
        chosen["kind"] = kind
    if platform:
        found = parse_platform(platform)
        if found is None:
            raise BadChoiceError(_("Unknown platform: {value}").format(value=platform))
        chosen["platform"] = found.value
    if as_of:
        try:
            day = parse_date(as_of)
        except ValueError:
            day = None
        if day is None:
            raise BadChoiceError(
                _("Not a date: {value} (write it like 2026-11-01 or 1/11/2569)").format(value=as_of)
            )
        chosen["as_of"] = day.isoformat()
    return chosen


@router.get("/imports", response_class=HTMLResponse)
def imports_page(
    request: Request, workspace: WorkspaceDep, user: Annotated[User, need(Permission.VIEW_IMPORTS)]
) -> HTMLResponse:
    organisation = user.organisation.id
    words = _words(user)
    done = workspace.importer.recent_imports(100, organisation)
    recent = [
        {**import_dict(i), "started": i.started_at, "error": _import_error(i, words)} for i in done
    ]
    jobs = workspace.jobs.recent(20, organisation_id=organisation)
    titles = {j.id: job_said.title(j, words) for j in jobs}
    errors = {j.id: job_said.error(j, words) for j in jobs}
    return page(request, "imports.html", recent=recent, jobs=jobs, titles=titles, errors=errors)


def _upload_form(request: Request, error: str | None, status_code: int = 200) -> HTMLResponse:
    return page(
        request,
        "import_upload.html",
        status_code=status_code,
        kinds=list(ImportKind),
        platforms=list(Platform),
        error=error,
    )


@router.get("/imports/new", response_class=HTMLResponse)
def upload_form(
    request: Request, _user: Annotated[User, need(Permission.IMPORT_DATA)]
) -> HTMLResponse:
    return _upload_form(request, None)


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
        return _upload_form(request, _("Choose a CSV, TSV, JSON, JSONL or XLSX file."), 400)
    try:
        chosen = _choices(kind, platform, as_of)
    except BadChoiceError as error:
        return _upload_form(request, str(error), 400)
    draft = secrets.token_urlsafe(18)
    folder = uploads(workspace) / draft
    folder.mkdir(parents=True)
    stored_name = re.sub(r"[^\w.\- ()\u0e00-\u0e7f]", "_", name)
    if stored_name in {DRAFT_FILE, PLAN_CACHE}:
        stored_name = f"upload-{stored_name}"
    target = folder / stored_name
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
    saved: dict[str, Any] = {
        "file": target.name,
        "user_id": user.id,
        "organisation_id": user.organisation.id,
        "mapping": {},
        **{key: value for key, value in chosen.items() if value is not None},
    }
    Draft(draft, folder, saved).save()
    return RedirectResponse(f"/imports/draft/{draft}", 303)


def _review_page(
    request: Request,
    workspace: WorkspaceDep,
    draft: Draft,
    *,
    status_code: int = 200,
    problem: str | None = None,
) -> HTMLResponse:
    plan, error = draft_plan(workspace, draft)
    kind = plan.kind if plan else ImportKind(draft.saved.get("kind") or "creators")
    return page(
        request,
        "import_review.html",
        status_code=status_code,
        draft=draft.id,
        plan=plan,
        error=problem or error,
        saved=draft.saved,
        kinds=list(ImportKind),
        platforms=list(Platform),
        fields=[spec.name for spec in FIELDS[kind]],
        preview=preview_table(plan.preview if plan else ()),
        field_labels=FIELD_LABELS,
    )


def _flat(values: Mapping[str, Any], into: dict[str, str]) -> None:
    for key, value in values.items():
        if isinstance(value, Mapping):
            _flat(value, into)
        elif key not in into:  # a snapshot's followers repeat the account's: shown once
            if isinstance(value, list | tuple):
                into[key] = ", ".join(str(v) for v in value)
            else:
                into[key] = "" if value is None else str(value)


def preview_table(
    rows: Sequence[Mapping[str, Any]],
) -> tuple[list[str], list[tuple[list[str], list[str]]]]:
    """The preview as a table: one column per field any row has (in the order they first
    appear), each row's values as text, and each row's problems beside it."""
    columns: list[str] = []
    flat_rows: list[tuple[dict[str, str], list[str]]] = []
    for row in rows:
        problems = [str(p) for p in row.get("problems", [])]
        values: dict[str, str] = {}
        _flat({k: v for k, v in row.items() if k != "problems"}, values)
        for key in values:
            if key not in columns:
                columns.append(key)
        flat_rows.append((values, problems))
    return columns, [([v.get(c, "") for c in columns], p) for v, p in flat_rows]


@router.get("/imports/draft/{draft}", response_class=HTMLResponse)
def review(
    request: Request,
    workspace: WorkspaceDep,
    draft: str,
    user: Annotated[User, need(Permission.IMPORT_DATA)],
) -> HTMLResponse:
    return _review_page(request, workspace, open_draft(workspace, draft, user))


@router.post("/imports/draft/{draft}", response_class=HTMLResponse)
async def confirm(
    request: Request,
    workspace: WorkspaceDep,
    draft: str,
    user: Annotated[User, need(Permission.IMPORT_DATA)],
) -> Response:
    found = open_draft(workspace, draft, user)
    form = await request.form()
    try:
        chosen = _choices(
            str(form.get("kind") or ""),
            str(form.get("platform") or ""),
            str(form.get("as_of") or ""),
        )
    except BadChoiceError as error:
        return _review_page(request, workspace, found, status_code=400, problem=str(error))
    found.saved.update(chosen)
    found.saved["partial"] = form.get("partial") == "on"
    found.saved["mapping"] = found.saved.get("mapping") or {}
    plan, _error = draft_plan(workspace, found)
    if plan is not None:
        found.saved["mapping"] = _mapping_from_form(plan, form, found.saved["mapping"])
    found.save()
    if form.get("action") != "import":
        return RedirectResponse(f"/imports/draft/{draft}", 303)
    job = submit_import(
        workspace.jobs,
        [found.path],
        draft_options(found.saved),
        user_id=user.id,
        organisation_id=user.organisation.id,
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
    job_id: RowId,
    user: Annotated[User, need(Permission.VIEW_JOBS)],
) -> HTMLResponse:
    job = workspace.jobs.get(job_id, user.organisation.id)  # another organisation's: 404
    if job is None:
        raise HTTPException(404, _("There is no such job."))
    words = _words(user)
    return page(
        request,
        "job.html",
        job=job,
        title=job_said.title(job, words),
        said=job_said.state(job, words),
        verdict_labels=verdict_labels(),
        state=job_dict(job),
        result=job.result or {},
    )


@router.get("/jobs/{job_id}/progress")
def job_progress(
    workspace: WorkspaceDep,
    job_id: RowId,
    user: Annotated[User, need(Permission.VIEW_JOBS)],
) -> JSONResponse:
    """What the job page's live refresh shows (static/jobs.js), written in the reader's
    language: the API (/api/jobs/ID) stays English, with the coded forms."""
    job = workspace.jobs.get(job_id, user.organisation.id)  # another organisation's: 404
    if job is None:
        raise HTTPException(404, _("There is no such job."))
    return JSONResponse(job_said.state(job, _words(user)))


def _words(user: User) -> said.PageWording:
    buddhist, thai_units = user.formats(i18n.current_language())
    return said.wording({"buddhist_era": buddhist, "thai_units": thai_units})


def _import_error(done: Any, words: said.PageWording) -> str:
    """An import's error in the reader's language (its summary keeps the coded form)."""
    if not done.error:
        return ""
    summary = done.summary or {}
    coded = summary.get("error_message")
    if not coded and not summary.get("error"):  # the first problem of a row stands for it
        firsts = [
            f["problem_messages"][0]
            for f in summary.get("files") or []
            if f.get("problem_messages")
        ]
        coded = firsts[0] if firsts else None
    if coded:
        return said.say_with(on_page(Message.from_dict(coded)), words)
    return str(done.error)
