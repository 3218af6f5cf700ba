"""Writing result tables (search results, shortlists) as CSV or XLSX, all or nothing.

The file is written beside the target under a temporary name and renamed over it only once
complete, so an error leaves no half-written export. CSV is UTF-8 with a byte-order mark so
Excel shows Thai; cells that could start a formula (= + - @, tab, also full-width) are prefixed
with ' so a bio cannot become one, and the sheet's title is made safe
(``adapters/spreadsheet_cells.py``).
"""

from __future__ import annotations

import csv
import os
import secrets
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kolscope.infra.spreadsheet_cells import safe_cell, sheet_title

FORMATS = (".csv", ".xlsx")


class ExportError(ValueError):
    """The export cannot be written; the message names the file."""


def write_table(
    path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, title: str = ""
) -> int:
    """Write ``rows`` (dicts keyed by column) to ``path`` (.csv or .xlsx); returns the count."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: the export must end in .csv or .xlsx")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; name the export file")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {str(path.parent)!r} does not exist")
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    count = 0
    try:
        if suffix == ".csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([safe_cell(row.get(c)) for c in columns])
                    count += 1
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet(title=sheet_title(title))
            sheet.append(list(columns))
            for row in rows:
                sheet.append([safe_cell(row.get(c)) for c in columns])
                count += 1
            book.save(temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(f"{path}: cannot write ({error.strerror or error})") from error
    finally:
        temporary.unlink(missing_ok=True)
    return count
