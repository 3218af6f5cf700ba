"""Opening a marketplace report file (CSV or XLSX), telling which report it is, and streaming its
lines without holding the sheet: a 100,000-row report is read row by row, each row parsed and
let go, so memory stays flat whatever the file's length.

* **CSV**: UTF-8 with or without a byte-order mark (Shopee's ``AffiliateCommissionReport*.csv``
  has one), or Thai Windows text (TIS-620/cp874) from a spreadsheet's "Save as CSV"; commas,
  semicolons or tabs, whichever the first line uses most.
* **XLSX**: read with openpyxl's read-only mode; the sheet "Lazada Report" when there is one,
  else the first sheet. A workbook that would unpack past ``MAX_UNPACKED_MB`` is refused before
  it is opened.

Every error is a ``ReportFileError`` naming the file, and the row and column when there is one.
Row numbers are the file's: the header's row, and title rows above it, count.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import cast

from kolscope.domain.messages import Message
from kolscope.tracking import messages_reports as said
from kolscope.tracking.reports.formats.cells import text
from kolscope.tracking.reports.formats.detect import HEADER_SEARCH_ROWS, explain, locate
from kolscope.tracking.reports.formats.reading import reader_for
from kolscope.tracking.reports.formats.rows import LineReader
from kolscope.tracking.reports.formats.values import (
    Cell,
    Layout,
    ReportError,
    ReportKind,
    ReportLine,
)

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
LAZADA_SHEET = "Lazada Report"
Numbered = tuple[int, Sequence[Cell]]  # a row's number in the file and its cells
MAX_UNPACKED_MB = 1024  # a 100,000-row report's sheet unpacks to well under 200 MB
_SNIFF_BYTES = 64 * 1024


class ReportFileError(ValueError):
    """A report file that cannot be read: ``message`` names the file and, when known, the
    ``row`` and ``column`` (as the file's header writes it)."""

    def __init__(
        self, file: str, problem: Message, row: int | None = None, column: str | None = None
    ) -> None:
        self.file = file
        self.problem = problem
        self.row = row
        self.column = column
        self.message = said.IN_FILE(file=file, problem=problem)
        super().__init__(str(self.message))

    @classmethod
    def from_report_error(cls, path: Path, error: ReportError) -> ReportFileError:
        return cls(path.name, error.message, error.row, error.column)


@dataclass(frozen=True, slots=True)
class ReportFile:
    """A report recognised: which one and why, its header, and ``lines()`` to stream."""

    path: Path
    kind: ReportKind
    layout: Layout
    reason: Message
    header: tuple[str, ...]
    header_row: int
    # The rows read to find the header, and the file still open after them: the first
    # lines() goes on from there instead of opening the file again (opening a big XLSX
    # loads its whole shared-strings table, seconds for a 100,000-row report).
    opened: list[Iterator[Numbered]] = field(default_factory=list, repr=False, compare=False)

    def lines(self) -> Iterator[ReportLine]:
        """Each line of the report in file order; the first bad cell raises
        ``ReportFileError`` (so a caller writing inside one transaction writes nothing)."""
        reader = _reader(self.path, self.layout, self.header, self.header_row)
        rows = self.opened.pop() if self.opened else raw_rows(self.path)
        try:
            for number, cells in rows:
                if number <= self.header_row:
                    continue
                line = reader.line(cells, number)
                if line is not None:
                    yield line
        except ReportError as error:
            raise ReportFileError.from_report_error(self.path, error) from None


@dataclass(frozen=True, slots=True)
class ReportPreview:
    """The first rows of a file for the upload page: the report found (None when the file is
    not one, and ``reason`` says why), its header, the rows as the file writes them, the same
    rows read as lines, and the first problem among them."""

    kind: ReportKind | None
    layout: Layout | None
    reason: Message
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    lines: tuple[ReportLine, ...]
    problem: Message | None = None


def read_report(path: Path, kind: ReportKind | None = None) -> ReportFile:
    """Open ``path``, find its header and tell which report it is (``kind`` when the import
    names it); the header is checked for every column its reader needs."""
    rows = raw_rows(path)
    numbered = _first_rows(path, rows)
    first = [cells for _, cells in numbered]
    found = locate(first, kind)
    if found is None:
        raise ReportFileError(path.name, explain(first, kind))
    index, detected = found
    header = tuple(text(c) for c in first[index])
    _reader(path, detected.layout, header, index + 1)
    return ReportFile(
        path,
        detected.kind,
        detected.layout,
        detected.reason,
        header,
        index + 1,
        [chain(numbered, rows)],
    )


def preview(path: Path, kind: ReportKind | None = None, rows: int = 20) -> ReportPreview:
    """The report ``path`` is, with its first ``rows`` data rows, for a person to check
    before importing. A file that is no report still previews (``kind`` None)."""
    first = [cells for _, cells in _first_rows(path, raw_rows(path))]
    found = locate(first, kind)
    if found is None:
        filled = [r for r in first if _filled(r)]
        header = tuple(text(c) for c in filled[0])
        return ReportPreview(
            None, None, explain(first, kind), header, _dicts(header, filled[1 : rows + 1]), ()
        )
    index, detected = found
    header = tuple(text(c) for c in first[index])
    shown: list[Sequence[Cell]] = []
    lines: list[ReportLine] = []
    problem: Message | None = None
    reader: LineReader | None = None
    try:
        reader = reader_for(detected.layout, header, index + 1)
    except ReportError as error:
        problem = said.IN_FILE(file=path.name, problem=error.message)
    for number, cells in raw_rows(path):
        if number <= index + 1 or not _filled(cells):
            continue
        if len(shown) >= rows:
            break
        shown.append(cells)
        if reader is None or problem is not None:
            continue
        try:
            line = reader.line(cells, number)
        except ReportError as error:
            problem = said.IN_FILE(file=path.name, problem=error.message)
            continue
        if line is not None:
            lines.append(line)
    return ReportPreview(
        detected.kind,
        detected.layout,
        detected.reason,
        header,
        _dicts(header, shown),
        tuple(lines),
        problem,
    )


def _filled(cells: Sequence[Cell]) -> bool:
    return any(c is not None and c != "" for c in cells)


def _dicts(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> tuple[dict[str, str], ...]:
    return tuple(
        {name: text(row[i]) if i < len(row) else "" for i, name in enumerate(header) if name}
        for row in rows
    )


def _reader(path: Path, layout: Layout, header: Sequence[str], header_row: int) -> LineReader:
    try:
        return reader_for(layout, header, header_row)
    except ReportError as error:
        raise ReportFileError.from_report_error(path, error) from None


def _first_rows(path: Path, rows: Iterator[Numbered]) -> list[Numbered]:
    """The rows the header may be among, taken from ``rows`` (which goes on after them)."""
    first = list(islice(rows, HEADER_SEARCH_ROWS))
    if not any(_filled(cells) for _, cells in first):
        raise ReportFileError(path.name, said.EMPTY_FILE())
    return first


# Rows of either kind of file ------------------------------------------------------------------
def raw_rows(path: Path) -> Iterator[Numbered]:
    """The file's rows as cells, numbered from 1 as a spreadsheet numbers them."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _csv_rows(path)
    if suffix in XLSX_SUFFIXES:
        return _xlsx_rows(path)
    raise ReportFileError(path.name, said.NOT_A_REPORT_FILE(suffix=suffix or "(no suffix)"))


def _sniff(path: Path) -> tuple[str, str]:
    """The file's encoding and delimiter, from its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise ReportFileError(path.name, said.NOT_CSV(row=1, error=str(error))) from None
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp874"
    first_line = head.split(b"\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=lambda d: first_line.count(d.encode()))
    return encoding, delimiter


def _csv_rows(path: Path) -> Iterator[Numbered]:
    encoding, delimiter = _sniff(path)
    number = 0
    try:
        with path.open(encoding=encoding, newline="", errors="strict") as handle:
            for number, cells in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
                yield number, cells
    except UnicodeDecodeError:
        raise ReportFileError(path.name, said.NOT_TEXT(row=number + 1), number + 1) from None
    except csv.Error as error:
        problem = said.NOT_CSV(row=number + 1, error=str(error))
        raise ReportFileError(path.name, problem, number + 1) from None


def _check_workbook(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ReportFileError(path.name, said.NOT_XLSX(error=str(error))) from None
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        size = unpacked // (1024 * 1024)
        raise ReportFileError(path.name, said.XLSX_TOO_BIG(size=size, most=MAX_UNPACKED_MB))


def _xlsx_rows(path: Path) -> Iterator[Numbered]:
    from openpyxl import load_workbook

    _check_workbook(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken workbook
        raise ReportFileError(path.name, said.NOT_XLSX(error=str(error))) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[LAZADA_SHEET if LAZADA_SHEET in names else names[0]]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # read every row written, whatever size the sheet states
        # openpyxl also gives dates, times, Decimals and rich text: the cell readers take
        # anything else through its text, so rows pass as they are (no copy per row).
        rows = cast(Iterator[Sequence[Cell]], sheet.iter_rows(values_only=True))
        yield from enumerate(rows, start=1)
    except ReportFileError:
        raise
    except Exception as error:  # broken XML inside the archive
        problem = said.NOT_XLSX(error=f"{type(error).__name__}: {error}")
        raise ReportFileError(path.name, problem) from None
    finally:
        workbook.close()
