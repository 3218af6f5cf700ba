"""Reading XLSX workbooks within bounds: a small file can unpack to hundreds of megabytes.

Before openpyxl opens a workbook, ``check_workbook`` reads the archive's directory: the members'
declared sizes (Python's zipfile never inflates a member past its declared size, so they bound
what is read) and, for a big sheet, whether it states its size (<dimension>): openpyxl parses a
sheet without one from end to end just to open the workbook. While reading, rows past Excel's
maximum and rows wider than ``MAX_COLUMNS`` stop the import.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kolscope.catalogue import messages as say
from kolscope.catalogue import messages_files as file_said
from kolscope.catalogue.formats.limits import (
    MAX_COLUMNS,
    MAX_XLSX_ROWS,
    MAX_XLSX_SHEET_WITHOUT_DIMENSION_BYTES,
    MAX_XLSX_UNCOMPRESSED_BYTES,
)
from kolscope.catalogue.formats.raw import RawRow, WorkbookFile
from kolscope.catalogue.importing.records import RowProblem, problem_said
from kolscope.catalogue.messages import SHEET
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.messages import Message

_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_HEAD_BYTES = 64 * 1024


def _fail(path: Path, message: str | Message, row: int | None = None) -> ImportFileError:
    text, said = problem_said(message)
    return ImportFileError(RowProblem(path.name, row, None, text, said=said))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def check_workbook(path: Path) -> None:
    """Refuse a workbook that would unpack or parse past the limits, before opening it."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_XLSX_UNCOMPRESSED_BYTES:
                raise _fail(
                    path,
                    file_said.XLSX_TOO_BIG(
                        size=_megabytes(total), most=_megabytes(MAX_XLSX_UNCOMPRESSED_BYTES)
                    ),
                )
            for member in members:
                if (
                    _SHEET.match(member.filename)
                    and member.file_size > MAX_XLSX_SHEET_WITHOUT_DIMENSION_BYTES
                    and not _states_size(archive, member)
                ):
                    raise _fail(
                        path,
                        file_said.XLSX_SHEET_UNSIZED(
                            sheet=member.filename, size=_megabytes(member.file_size)
                        ),
                    )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise _fail(path, say.NOT_XLSX(error=str(error))) from None


def _states_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    with archive.open(member) as stream:
        head = stream.read(_HEAD_BYTES)
    dimension = _DIMENSION.search(head)
    data = _SHEET_DATA.search(head)
    return dimension is not None and (data is None or dimension.start() < data.start())


def xlsx_rows(opened: WorkbookFile) -> Iterator[RawRow]:
    from openpyxl import load_workbook

    path = opened.path
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for broken files
        raise _fail(path, say.NOT_XLSX(error=str(error))) from None
    try:
        if opened.sheet is not None:
            if opened.sheet not in workbook.sheetnames:
                names = ", ".join(workbook.sheetnames)
                raise _fail(path, file_said.NO_SHEET(sheet=repr(opened.sheet), sheets=names))
            sheet = workbook[opened.sheet]
        else:
            sheet = next(
                (workbook[n] for n in workbook.sheetnames if workbook[n].max_row),
                workbook[workbook.sheetnames[0]],
            )
        declared = getattr(sheet, "max_row", None)
        if declared is not None and declared > MAX_XLSX_ROWS:
            raise _fail(
                path,
                file_said.SHEET_ROWS(
                    sheet=repr(sheet.title), declared=declared, most=MAX_XLSX_ROWS
                ),
            )
        opened.notes.append(SHEET(sheet=repr(sheet.title)))
        # Read every row actually written, whatever size the sheet states: a stated size can
        # be too small (rows would be dropped) or as wide as Excel allows (rows padded).
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        number = 0
        for number, row in enumerate(sheet.iter_rows(min_row=1), start=1):
            if number > MAX_XLSX_ROWS:
                raise _fail(path, file_said.TOO_MANY_ROWS(most=MAX_XLSX_ROWS), number)
            yield RawRow(number, _cells(row))
    except ImportFileError:
        raise
    except Exception as error:  # broken XML, bad shared-string indexes, ... inside the archive
        raise _fail(path, say.NOT_XLSX(error=f"{type(error).__name__}: {error}")) from None
    finally:
        workbook.close()


def _cells(row: tuple[Any, ...]) -> list[Any]:
    cells: list[Any] = []
    for cell in row[: MAX_COLUMNS * 16]:  # Excel's width is 16,384; values past 1,000 fail
        value = getattr(cell, "value", None)
        number_format = getattr(cell, "number_format", "") or ""
        if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
            value = f"{value * 100:.10g}%"
        cells.append(value)
    return cells
