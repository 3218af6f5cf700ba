"""What every marketplace's reader shares: finding its columns in the header once, reading a
row's cells through the parsers in ``cells``, and turning a bad cell into a ``ReportError``
that names the row and the column as the file writes it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, TypeVar

from kolscope.domain.messages import Message
from kolscope.tracking import messages_reports as said
from kolscope.tracking.reports.formats.cells import Column, find_columns, header_key, is_empty
from kolscope.tracking.reports.formats.values import (
    Cell,
    CellError,
    Layout,
    LineStatus,
    ReportError,
    ReportLine,
)

T = TypeVar("T")


class StatusWords:
    """A marketplace's status words and what each means, looked up as headers are (no case
    or spaces); ``written`` keeps them as the reports write them, for messages."""

    __slots__ = ("keyed", "seen", "written")

    def __init__(self, words: Mapping[str, LineStatus]) -> None:
        self.written = tuple(words)
        self.keyed = {header_key(word): status for word, status in words.items()}
        self.seen: dict[str, LineStatus | None] = {}  # words as met, looked up once

    def __getitem__(self, word: str) -> LineStatus | None:
        found = self.seen.get(word, ...)
        if found is ...:
            found = self.seen[word] = self.keyed.get(header_key(word))
            if len(self.seen) > 1000:  # a file of made-up words should not grow it forever
                self.seen.clear()
        return found


class LineReader:
    """Reads one layout's rows into ``ReportLine``. A subclass names its ``layout``, its
    ``columns`` and how a row becomes a line (``read``); this class finds the columns once per
    file (refusing a header that lacks a required one) and reads cells by column name."""

    layout: ClassVar[Layout]
    columns: ClassVar[tuple[Column, ...]]

    def __init__(self, header: Sequence[Cell], header_row: int = 1) -> None:
        self.header = [str(h or "").strip().lstrip("\ufeff") for h in header]
        self.header_row = header_row
        self.at = find_columns(self.header, self.columns)
        missing = [c.name for c in self.columns if c.required and self.at[c.name] is None]
        if missing:
            raise ReportError(
                said.MISSING_COLUMNS(
                    report=self.layout.report_name, missing=missing, row=header_row
                ),
                header_row,
                missing[0],
            )
        self.row = header_row

    # Reading a row --------------------------------------------------------------------------------
    def line(self, cells: Sequence[Cell], row: int) -> ReportLine | None:
        """Row ``row`` (its number in the file) as a line, or None when the row is blank."""
        if all(is_empty(c) for c in cells):
            return None
        self.row = row
        return self.read(cells)

    def read(self, cells: Sequence[Cell]) -> ReportLine:
        raise NotImplementedError

    def has(self, name: str) -> bool:
        return self.at[name] is not None

    def get(self, cells: Sequence[Cell], name: str, parse: Callable[[Cell], T]) -> T:
        """Cell ``name`` of the row through ``parse``; a bad value names the row and column."""
        index = self.at[name]
        try:
            return parse(cells[index] if index is not None and index < len(cells) else None)
        except CellError as bad:
            raise self.error(bad.message, name) from None

    def need(self, cells: Sequence[Cell], name: str, parse: Callable[[Cell], T | None]) -> T:
        """As ``get``, for a cell every row must fill."""
        value = self.get(cells, name, parse)
        if value is None or value == "":
            raise self.error(said.EMPTY(), name)
        return value

    def status(
        self, cells: Sequence[Cell], name: str, words: StatusWords
    ) -> tuple[LineStatus, str]:
        """The row's status from its word in column ``name``: (status, the word as written)."""
        word = self.need(cells, name, _word)
        found = words[word]
        if found is None:
            known = list(words.written)
            raise self.error(
                said.UNKNOWN_STATUS(value=word, report=self.layout.report_name, known=known), name
            )
        return found, word

    def error(self, problem: Message, name: str) -> ReportError:
        index = self.at.get(name)
        column = self.header[index] if index is not None and index < len(self.header) else name
        return ReportError(
            said.CELL(row=self.row, column=column, problem=problem), self.row, column
        )

    def column_header(self, name: str) -> str:
        """Column ``name`` as the file's header writes it ("" when the file lacks it)."""
        index = self.at.get(name)
        return self.header[index] if index is not None else ""


def _word(value: Cell) -> str:
    return "" if is_empty(value) else str(value).strip()
