"""Reading CSV and TSV records without letting a stray quote swallow the rest of the file.

Python's csv module, given a quote that is never closed, reads everything after it into one
cell and reports nothing. The lines are therefore fed to it one at a time through ``_Lines``,
which bounds a line and a record (``limits``), notices the end of the file inside a quoted
cell, and finds the line and column where the open quote started.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kolscope.catalogue import messages as say
from kolscope.catalogue import messages_files as file_said
from kolscope.catalogue.formats.limits import MAX_LINE_CHARS, MAX_RECORD_CHARS, MAX_RECORD_LINES
from kolscope.catalogue.formats.raw import DelimitedFile, RawRow
from kolscope.catalogue.importing.records import RowProblem
from kolscope.catalogue.messages import SPANS_MANY, SPANS_ONE
from kolscope.catalogue.ports import ImportFileError
from kolscope.domain.messages import Message, Template


class QuoteNotClosedError(ImportFileError):
    """A quoted cell that never closes; ``column_index`` says which column it opened in."""

    def __init__(self, problem: RowProblem, column_index: int | None) -> None:
        super().__init__(problem)
        self.column_index = column_index


@dataclass(slots=True)
class LineSpans:
    """Records that span several physical lines (line breaks inside quoted cells)."""

    lines: int = 0  # physical lines read
    rows: int = 0  # records read
    spanning: int = 0  # records over more than one line
    first: tuple[int, int, int] | None = None  # (row, first line, last line)

    def describe(self) -> Message | None:
        """Why the file has fewer rows than lines, when that is so."""
        if not self.spanning or self.first is None:
            return None
        row, start, end = self.first
        where = {"lines": self.lines, "rows": self.rows, "row": row, "start": start, "end": end}
        if self.spanning == 1:
            return SPANS_ONE(**where)
        return SPANS_MANY(count=self.spanning, **where)


@dataclass(slots=True)
class _Lines:
    """The file's physical lines for ``csv.reader``, bounded, keeping the current record's."""

    handle: TextIO
    name: str
    delimiter: str = ","
    line: int = 0
    eof: bool = False
    record: list[str] = field(default_factory=list)
    record_chars: int = 0
    row: int = 1

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text = self.handle.readline(MAX_LINE_CHARS + 1)
        if not text:
            self.eof = True
            raise StopIteration
        self.line += 1
        if len(text) > MAX_LINE_CHARS:
            said = file_said.LONG_LINE(line=self.line, most=MAX_LINE_CHARS)
            raise ImportFileError(RowProblem(self.name, self.row, None, str(said), said=said))
        self.record.append(text)
        self.record_chars += len(text)
        if len(self.record) > MAX_RECORD_LINES or self.record_chars > MAX_RECORD_CHARS:
            raise self.not_closed(
                file_said.QUOTE_RUNS_ON, lines=MAX_RECORD_LINES, chars=MAX_RECORD_CHARS
            )
        return text

    def not_closed(self, how: Template, **values: int) -> QuoteNotClosedError:
        start = self.line - len(self.record) + 1
        found = open_quote(self.record, self.delimiter)
        offset, column = found if found is not None else (0, None)
        said = how(line=start + offset, **values)
        return QuoteNotClosedError(
            RowProblem(
                self.name,
                self.row,
                None,
                str(said),
                None if column is None else f"column {column + 1}",
                said=said,
            ),
            column,
        )


def open_quote(lines: list[str], delimiter: str) -> tuple[int, int] | None:
    """(line offset, column) of a quoted cell still open after ``lines``, read as csv does:
    a quote opens a cell only at its start, and two quotes inside are one."""
    column, at_start, quoted = 0, True, False
    opened = (0, 0)
    for offset, line in enumerate(lines):
        index, size = 0, len(line)
        while index < size:
            char = line[index]
            if quoted:
                if char == '"':
                    if index + 1 < size and line[index + 1] == '"':
                        index += 2
                        continue
                    quoted = False
                index += 1
                continue
            if char == delimiter:
                column, at_start = column + 1, True
            elif char == '"' and at_start:
                quoted, opened, at_start = True, (offset, column), False
            elif char not in "\r\n":
                at_start = False
            index += 1
    return opened if quoted else None


def not_text(path: Path, encoding: str) -> ImportFileError:
    """The error for bytes that are not ``encoding`` text, naming the line they are on."""
    raw = path.read_bytes()
    said = say.NOT_TEXT(encoding=encoding)
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding.lower().replace("_", "-") not in {"utf-16", "utf-32"}:
            line = raw.count(b"\n", 0, error.start) + 1
            said = say.NOT_TEXT_AT(encoding=encoding, line=line, byte=f"{raw[error.start]:#04x}")
    return ImportFileError(RowProblem(path.name, None, None, str(said), said=said))


def delimited_rows(opened: DelimitedFile, spans: LineSpans) -> Iterator[RawRow]:
    """The records of a CSV/TSV file, numbered from 1, with line spans counted in ``spans``."""
    assert opened.encoding is not None
    name = opened.path.name
    number = 0
    try:
        with opened.path.open(encoding=opened.encoding, newline="", errors="strict") as handle:
            lines = _Lines(handle, name, delimiter=opened.delimiter)
            reader = csv.reader(lines, delimiter=opened.delimiter)
            for number, cells in enumerate(reader, start=1):
                if lines.eof and open_quote(lines.record, opened.delimiter) is not None:
                    skipped = len(lines.record) - 1
                    raise lines.not_closed(
                        file_said.QUOTE_OPEN_ONE if skipped == 1 else file_said.QUOTE_OPEN_MANY,
                        count=skipped,
                    )
                taken = len(lines.record)
                if taken > 1:
                    spans.spanning += 1
                    if spans.first is None:
                        spans.first = (number, lines.line - taken + 1, lines.line)
                spans.rows, spans.lines = number, lines.line
                lines.record.clear()
                lines.record_chars = 0
                lines.row = number + 1
                yield RawRow(number, cells)
    except UnicodeDecodeError:
        raise not_text(opened.path, opened.encoding) from None
    except csv.Error as error:
        said = file_said.NOT_CSV(error=str(error))
        raise ImportFileError(RowProblem(name, number + 1, None, str(said), said=said)) from None
