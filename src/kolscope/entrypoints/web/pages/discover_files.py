"""Discovery files in the web app: results and shortlists downloaded as CSV or XLSX, and
uploaded customer or follower lists read into handles (errors name the file and row) and
matched against the creators.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from fastapi import HTTPException, UploadFile
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from kolscope.bootstrap import Workspace
from kolscope.discovery.facade import (
    ExportError,
    HandleList,
    ListFileError,
    ListMatch,
    SearchError,
    SearchHit,
    SearchRequest,
    export_table,
    read_handles,
    write_table,
)
from kolscope.domain.messages import Message, Wording
from kolscope.domain.team import Scope, User
from kolscope.entrypoints.web import i18n, said
from kolscope.entrypoints.web.pages.brands import visible_brands
from kolscope.entrypoints.web.pages.discover_params import (
    MATCH_LIMIT,
    check_brands,
    parse_search,
)

MAX_LIST_UPLOAD = 50 * 1024 * 1024
LIST_SUFFIXES = (".csv", ".xlsx", ".txt")
HEADERS = ("labels", "keys")  # an export's header row: in the reader's language, or machine keys
MEDIA_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_headers(value: str | None) -> str:
    """The ``headers`` query parameter of an export: ``labels`` (the default) or ``keys``."""
    chosen = (value or "labels").strip().lower()
    if chosen not in HEADERS:
        raise HTTPException(400, f"headers: one of {', '.join(HEADERS)}")
    return chosen


def table_download(
    hits: Sequence[SearchHit],
    suffix: str,
    filename: str,
    *,
    user: User,
    headers: str | None = None,
    notes: dict[int, str | None] | None = None,
    title: str = "search",
) -> FileResponse:
    """The results as a CSV or XLSX download in the reader's language (reasons, names and,
    unless ``headers`` is ``keys``, the header row), written to a temporary folder removed
    after."""
    folder = Path(tempfile.mkdtemp(prefix="kolscope-export-"))
    path = folder / f"export{suffix}"
    buddhist, thai_units = user.formats(i18n.current_language())
    words = said.wording({"buddhist_era": buddhist, "thai_units": thai_units})
    columns, rows = export_table(
        hits, words, labels=export_headers(headers) == "labels", notes=notes
    )
    try:
        write_table(path, columns, rows, title=title)
    except ExportError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(500, str(error).replace(str(path), filename)) from None
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[suffix],
        filename=filename,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def safe_filename(name: str, suffix: str) -> str:
    """A download name from a list's name (letters, digits, Thai, - and _ kept)."""
    stem = re.sub(r"[^\w\u0e00-\u0e7f-]+", "-", name).strip("-")[:80] or "shortlist"
    return f"{stem}{suffix}"


async def read_upload(file: UploadFile, words: Wording | None = None) -> tuple[str, HandleList]:
    """The handles in an uploaded customer or follower list; errors name the file (and row),
    written with ``words`` (the reader's wording when None; the API passes English)."""
    name = Path(file.filename or "list.txt").name or "list.txt"
    suffix = Path(name).suffix.lower()
    if suffix not in LIST_SUFFIXES:
        raise _list_error(ListFileError.wrong_suffix(name).said, words)
    folder = Path(tempfile.mkdtemp(prefix="kolscope-list-"))
    path = folder / f"list{suffix}"
    try:
        size = 0
        with path.open("wb") as out:
            while chunk := await file.read(1 << 20):
                size += len(chunk)
                if size > MAX_LIST_UPLOAD:
                    raise _list_error(ListFileError.too_large(name).said, words)
                out.write(chunk)
        try:
            return name, read_handles(path)
        except ListFileError as error:
            raise _list_error(error.naming(name), words) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _list_error(message: Message, words: Wording | None) -> SearchError:
    """Why an uploaded list cannot be matched (an error about the "file" field), written in
    the reader's language unless ``words`` says otherwise."""
    return SearchError(said.say_with(message, words or said.wording()), "file")


@dataclass(frozen=True, slots=True)
class UploadedMatch:
    file: str  # the uploaded file's name
    handles: HandleList
    search: SearchRequest
    found: ListMatch


async def match_upload(
    workspace: Workspace,
    user: User,
    file: UploadFile,
    pairs: list[tuple[str, str]],
    words: Wording | None = None,
) -> UploadedMatch:
    """An uploaded customer or follower list matched against the creators, narrowed by the
    form's filters and ranked by fit for a brand of the person's organisation (else by
    followers). Raises ``SearchError`` (about the "file" field for the list) naming what is
    wrong (in the reader's language, or with ``words``: the API's English)."""
    name, handles = await read_upload(file, words)
    search = parse_search(pairs, limit=MATCH_LIMIT)
    search = replace(search, sort="fit" if search.brand else "followers")
    check_brands(search, visible_brands(workspace, user))
    found = workspace.discovery.match_list(handles.handles, search, Scope.of(user))
    return UploadedMatch(name, handles, search, found)
