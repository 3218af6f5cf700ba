"""Marketplace reports from the browser (Imports → Marketplace report): upload a Shopee,
Lazada or TikTok Shop affiliate report, see which report kolscope found and why with its first
rows (as the file writes them and as kolscope reads them), then import it: all of it in one
transaction or nothing, a bad row named by file, row and column in the reader's language.

An upload waits as a draft in ``WORKSPACE/uploads/orders/<id>`` (the file and ``draft.json``:
its name, who uploaded it, their organisation, the kind chosen), like the creator imports'
drafts but in a folder of its own, so neither page opens the other's. Only people of the
uploader's organisation can open it; to anyone else it does not exist (404).
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kolscope.bootstrap import Workspace
from kolscope.domain.team import Permission, Scope, User
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.deps import WorkspaceDep
from kolscope.entrypoints.web.i18n import _
from kolscope.entrypoints.web.pages import order_import_views as views
from kolscope.entrypoints.web.render import page
from kolscope.entrypoints.web.security import need
from kolscope.tracking.facade import REPORT_KINDS, OrderError, preview_report

router = APIRouter(include_in_schema=False)
need_import = need(Permission.IMPORT_DATA)
MAX_UPLOAD = 200 * 1024 * 1024
SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}
DRAFT_FILE = "draft.json"
_DRAFT = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass
class ReportDraft:
    id: str
    folder: Path
    saved: dict[str, Any]

    @property
    def path(self) -> Path:
        return self.folder / str(self.saved["file"])

    @property
    def kind(self) -> str | None:
        return self.saved.get("kind") or None

    def save(self) -> None:
        (self.folder / DRAFT_FILE).write_text(json.dumps(self.saved), encoding="utf-8")


def _drafts(workspace: Workspace) -> Path:
    return workspace.settings.workspace / "uploads" / "orders"


def _open(workspace: Workspace, draft_id: str, user: User) -> ReportDraft:
    missing = HTTPException(404, _("This upload is not there any more: upload the file again."))
    if not _DRAFT.match(draft_id):
        raise missing
    folder = _drafts(workspace) / draft_id
    try:
        saved = json.loads((folder / DRAFT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise missing from None
    if saved.get("organisation_id") != user.organisation.id:
        raise missing
    return ReportDraft(draft_id, folder, saved)


def _kind(text: str) -> str | None:
    chosen = text.strip()
    if not chosen:
        return None
    if chosen not in REPORT_KINDS:
        raise HTTPException(400, _("Choose Shopee, Lazada or TikTok Shop, or let kolscope tell."))
    return chosen


def _upload_form(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
    return page(
        request,
        "order_import.html",
        status_code=status,
        error=error,
        kinds=views.kind_choices(),
    )


@router.get("/orders/import", response_class=HTMLResponse)
def upload_form(request: Request, _user: Annotated[User, need_import]) -> HTMLResponse:
    return _upload_form(request)


@router.post("/orders/import", response_class=HTMLResponse)
async def upload(
    request: Request,
    workspace: WorkspaceDep,
    user: Annotated[User, need_import],
    file: Annotated[UploadFile | None, File()] = None,
    kind: Annotated[str, Form()] = "",
) -> Response:
    """Keep the file as a draft and show what it holds; nothing is imported yet."""
    if file is None or not file.filename:
        return _upload_form(request, _("Choose the report file to upload."), 400)
    name = Path(file.filename).name
    if Path(name).suffix.lower() not in SUFFIXES:
        return _upload_form(request, _("A marketplace report is a CSV or XLSX file."), 400)
    chosen = _kind(kind)
    draft = secrets.token_urlsafe(18)
    folder = _drafts(workspace) / draft
    folder.mkdir(parents=True)
    stored = re.sub(r"[^\w.\- ()\u0e00-\u0e7f]", "_", name)
    stored = f"report-{stored}" if stored == DRAFT_FILE else stored
    target, size = folder / stored, 0
    with target.open("wb") as out:
        while chunk := await file.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise HTTPException(413, _("The file is larger than 200 MB: split it by date."))
            out.write(chunk)
    saved = {"file": stored, "user_id": user.id, "organisation_id": user.organisation.id,
             "kind": chosen}  # fmt: skip
    ReportDraft(draft, folder, saved).save()
    return RedirectResponse(f"/orders/import/{draft}", 303)


def _review(
    request: Request,
    user: User,
    draft: ReportDraft,
    *,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    buddhist, thai_units = user.formats(i18n.current_language())
    words = said.wording({"buddhist_era": buddhist, "thai_units": thai_units})
    shown = views.preview_view(preview_report, draft.path, words)
    return page(
        request,
        "order_import_review.html",
        status_code=status,
        draft=draft.id,
        file=draft.saved["file"],
        kind=draft.kind or "",
        kind_chosen=views.kind_name(draft.kind) if draft.kind else "",
        kinds=views.kind_choices(),
        preview=shown,
        error=error,
    )


@router.get("/orders/import/{draft}", response_class=HTMLResponse)
def review(
    request: Request, workspace: WorkspaceDep, draft: str, user: Annotated[User, need_import]
) -> HTMLResponse:
    return _review(request, user, _open(workspace, draft, user))


@router.post("/orders/import/{draft}", response_class=HTMLResponse)
def confirm(
    request: Request,
    workspace: WorkspaceDep,
    draft: str,
    user: Annotated[User, need_import],
    kind: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "check",
) -> Response:
    """Check again with another kind, or import: all of the report or nothing."""
    found = _open(workspace, draft, user)
    found.saved["kind"] = _kind(kind)
    found.save()
    if action != "import":
        return RedirectResponse(f"/orders/import/{draft}", 303)
    try:
        done = workspace.orders.import_report(found.path, found.kind, scope=Scope.of(user))
    except OrderError as refused:
        buddhist, thai_units = user.formats(i18n.current_language())
        words = said.wording({"buddhist_era": buddhist, "thai_units": thai_units})
        text = said.say_with(refused.message, words)
        return _review(request, user, found, error=text, status=400)
    shutil.rmtree(found.folder, ignore_errors=True)
    return page(
        request,
        "order_import_done.html",
        done=done,
        kind_name=views.kind_name(done.kind),
        summary=done.message,
    )
