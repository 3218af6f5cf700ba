"""Discovery files in the web app: results and shortlists downloaded as CSV or XLSX, and
uploaded customer or follower lists read into handles (errors name the file and row).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from fastapi import HTTPException, UploadFile
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from kolscope.adapters.handle_lists import HandleList, ListFileError, read_handles
from kolscope.adapters.table_files import ExportError, write_table
from kolscope.entrypoints.web.discover_params import FieldError
from kolscope.services.discovery_export import EXPORT_COLUMNS, export_row
from kolscope.services.discovery_query import (
    SearchHit,
)

MAX_LIST_UPLOAD = 50 * 1024 * 1024
LIST_SUFFIXES = (".csv", ".xlsx", ".txt")

# Files ---------------------------------------------------------------------------------------

MEDIA_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_download(
    hits: Sequence[SearchHit],
    suffix: str,
    filename: str,
    *,
    notes: dict[int, str | None] | None = None,
    title: str = "search",
) -> FileResponse:
    """The results as a CSV or XLSX download, written to a temporary folder removed after."""
    folder = Path(tempfile.mkdtemp(prefix="kolscope-export-"))
    path = folder / f"export{suffix}"
    columns: tuple[str, ...] = EXPORT_COLUMNS
    if notes is not None:
        columns = (*EXPORT_COLUMNS, "note")
    rows = (
        export_row(h, None if notes is None else notes.get(h.row.account_id) or "") for h in hits
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


async def read_upload(file: UploadFile) -> tuple[str, HandleList]:
    """The handles in an uploaded customer or follower list; errors name the file (and row)."""
    name = Path(file.filename or "list.txt").name or "list.txt"
    suffix = Path(name).suffix.lower()
    if suffix not in LIST_SUFFIXES:
        raise FieldError("file", f"{name}: choose a .csv, .xlsx or .txt list of handles")
    folder = Path(tempfile.mkdtemp(prefix="kolscope-list-"))
    path = folder / f"list{suffix}"
    try:
        size = 0
        with path.open("wb") as out:
            while chunk := await file.read(1 << 20):
                size += len(chunk)
                if size > MAX_LIST_UPLOAD:
                    raise FieldError("file", f"{name}: larger than 50 MB; split the list")
                out.write(chunk)
        try:
            return name, read_handles(path)
        except ListFileError as error:
            raise FieldError("file", str(error).replace(str(path), name)) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
