"""A raw row of an import file, and what the format readers need of an opened file.

Kept apart from ``sources.py`` (which opens files and picks the reader) so that the readers
(``delimited.py``, ``workbooks.py``) need not import it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kolscope.domain.messages import Message


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int
    cells: list[Any]


class DelimitedFile(Protocol):
    """A CSV or TSV file as ``sources.OpenedFile`` describes it."""

    path: Path
    encoding: str | None
    delimiter: str


class WorkbookFile(Protocol):
    """An XLSX file as ``sources.OpenedFile`` describes it: the sheet chosen (or None for the
    first) and the notes the plan shows."""

    path: Path
    sheet: str | None
    notes: list[Message]
